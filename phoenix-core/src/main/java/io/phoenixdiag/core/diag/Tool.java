package io.phoenixdiag.core.diag;

import java.util.Objects;

/**
 * The program that made a report.
 *
 * <p>Part of the report contract (JSON {@code tool}: {@code name}, {@code version}). Immutable and
 * thread-safe.
 *
 * @param name    the program name, e.g. {@code phoenix-doctor}
 * @param version its version, e.g. {@code 0.1.0-SNAPSHOT}, or {@code ""} when unknown
 */
public record Tool(String name, String version) {

    /**
     * Validates the components.
     *
     * @param name the program name
     * @param version its version or {@code ""}
     * @throws NullPointerException if an argument is null
     */
    public Tool {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
    }

    /**
     * Creates a tool description.
     *
     * @param name    the program name
     * @param version its version or {@code ""}
     * @return the tool
     */
    public static Tool of(String name, String version) {
        return new Tool(name, version);
    }

    /**
     * The tool of a report nobody named: empty name and version.
     *
     * @return {@code Tool("", "")}
     */
    public static Tool unknown() {
        return new Tool("", "");
    }
}
