package io.phoenixdiag.core.diag;

import java.util.Objects;

/**
 * Where in an input a finding, a rule or a value comes from.
 *
 * <p>Part of the report contract (JSON {@code locations[]}: {@code file}, {@code pointer},
 * {@code line}, {@code column}). Immutable and thread-safe.
 *
 * @param file    the file as the user named it (a path, or a label such as {@code <stdin>}); never empty
 * @param pointer an RFC 6901 JSON pointer into that file such as {@code /lxc_configs/103/firewall/rules/0},
 *                or {@code ""} when the input is not JSON or the pointer is unknown
 * @param line    1-based line number, or {@code 0} when unknown
 * @param column  1-based column number, or {@code 0} when unknown
 */
public record Location(String file, String pointer, int line, int column) {

    /**
     * Validates the components.
     *
     * @param file the file name or label
     * @param pointer the JSON pointer or {@code ""}
     * @param line 1-based line or 0
     * @param column 1-based column or 0
     * @throws NullPointerException if {@code file} or {@code pointer} is null
     * @throws IllegalArgumentException if {@code file} is empty, {@code pointer} is neither empty nor starts with {@code /}, or {@code line}/{@code column} is negative
     */
    public Location {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(pointer, "pointer");
        if (file.isEmpty()) {
            throw new IllegalArgumentException("file must not be empty");
        }
        if (!pointer.isEmpty() && pointer.charAt(0) != '/') {
            throw new IllegalArgumentException("pointer must be empty or start with '/': " + pointer);
        }
        if (line < 0 || column < 0) {
            throw new IllegalArgumentException("line and column must be >= 0 (0 = unknown)");
        }
    }

    /**
     * A location naming only a file.
     *
     * @param file the file name or label; not empty
     * @return the location with no pointer, line or column
     */
    public static Location ofFile(String file) {
        return new Location(file, "", 0, 0);
    }

    /**
     * A location naming a JSON pointer in a file.
     *
     * @param file    the file name or label; not empty
     * @param pointer an RFC 6901 JSON pointer ({@code ""} for the whole document)
     * @return the location with no line or column
     */
    public static Location ofPointer(String file, String pointer) {
        return new Location(file, pointer, 0, 0);
    }

    /**
     * A location naming a line (and optionally a column) in a text file.
     *
     * @param file   the file name or label; not empty
     * @param line   1-based line
     * @param column 1-based column, or 0 when unknown
     * @return the location with no pointer
     */
    public static Location ofLine(String file, int line, int column) {
        return new Location(file, "", line, column);
    }

    /**
     * Renders as {@code file:line:column#pointer}, leaving out unknown parts.
     *
     * @return a one-line human-readable form, e.g. {@code phoenix_lxc_configs.json:12:5#/lxc_configs/103}
     */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(file);
        if (line > 0) {
            sb.append(':').append(line);
            if (column > 0) {
                sb.append(':').append(column);
            }
        }
        if (!pointer.isEmpty()) {
            sb.append('#').append(pointer);
        }
        return sb.toString();
    }
}
