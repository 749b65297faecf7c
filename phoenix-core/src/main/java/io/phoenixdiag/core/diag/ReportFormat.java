package io.phoenixdiag.core.diag;

import java.util.Locale;

/**
 * The formats a {@link Report} renders to.
 */
public enum ReportFormat {
    /** Plain text for an operator's terminal (ANSI colour only when asked for). */
    TEXT("text", "txt"),
    /** The JSON of the report contract, for programs (see {@link ReportJson}). */
    JSON("json", "json"),
    /** GitHub-flavoured Markdown with a Mermaid diagram of the topology, for issues and wikis. */
    MARKDOWN("markdown", "md");

    private final String id;
    private final String fileExtension;

    ReportFormat(String id, String fileExtension) {
        this.id = id;
        this.fileExtension = fileExtension;
    }

    /**
     * The name used on command lines.
     *
     * @return {@code text}, {@code json} or {@code markdown}
     */
    public String id() {
        return id;
    }

    /**
     * The usual file name extension, without the dot.
     *
     * @return {@code txt}, {@code json} or {@code md}
     */
    public String fileExtension() {
        return fileExtension;
    }

    /**
     * Finds a format by name, as a user types it.
     *
     * @param name {@code text}, {@code json}, {@code markdown} (or {@code md}); case-insensitive
     * @return the format
     * @throws IllegalArgumentException if the name is none of those; the message lists them
     */
    public static ReportFormat parse(String name) {
        String n = name.strip().toLowerCase(Locale.ROOT);
        for (ReportFormat f : values()) {
            if (f.id.equals(n) || f.fileExtension.equals(n)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown report format '" + name + "', expected text, json or markdown");
    }

    /**
     * The renderer of this format without colour.
     *
     * @return the renderer
     */
    public ReportRenderer renderer() {
        return ReportRenderer.of(this, false);
    }
}
