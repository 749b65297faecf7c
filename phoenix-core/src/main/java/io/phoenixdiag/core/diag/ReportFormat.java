package io.phoenixdiag.core.diag;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The formats a {@link Report} renders to.
 */
public enum ReportFormat {
    /** Plain text for an operator's terminal (ANSI colour only when asked for). */
    TEXT("text", "txt"),
    /** The JSON of the report contract, for programs (see {@link ReportJson}). */
    JSON("json", "json"),
    /** GitHub-flavoured Markdown with a Mermaid diagram of the topology, for issues and wikis. */
    MARKDOWN("markdown", "md"),
    /** One self-contained HTML5 file (inline CSS and SVG, no script, no network), for people. */
    HTML("html", "html"),
    /** JUnit XML as Jenkins and GitLab read it (the Ant schema): one test case per finding. */
    JUNIT("junit", "xml"),
    /** SARIF 2.1.0 (OASIS), for code-scanning tools. */
    SARIF("sarif", "sarif");

    private final String id;
    private final String fileExtension;

    ReportFormat(String id, String fileExtension) {
        this.id = id;
        this.fileExtension = fileExtension;
    }

    /**
     * The name used on command lines.
     *
     * @return {@code text}, {@code json}, {@code markdown}, {@code html}, {@code junit} or {@code sarif}
     */
    public String id() {
        return id;
    }

    /**
     * The usual file name extension, without the dot.
     *
     * @return {@code txt}, {@code json}, {@code md}, {@code html}, {@code xml} or {@code sarif}
     */
    public String fileExtension() {
        return fileExtension;
    }

    /**
     * The names {@link #parse(String)} accepts, for messages.
     *
     * @return e.g. {@code text, json, markdown, html, junit, sarif}
     */
    public static String names() {
        return Arrays.stream(values()).map(ReportFormat::id).collect(Collectors.joining(", "));
    }

    /**
     * Finds a format by name, as a user types it.
     *
     * @param name a format's {@link #id()} or {@link #fileExtension()} (such as {@code md} or {@code txt}),
     *             case-insensitive, surrounding blanks ignored; JUnit's extension {@code xml} is not accepted,
     *             as it names no format in particular
     * @return the format
     * @throws IllegalArgumentException if the name is none of those; the message lists them
     */
    public static ReportFormat parse(String name) {
        String n = name.strip().toLowerCase(Locale.ROOT);
        for (ReportFormat f : values()) {
            if (f.id.equals(n) || f != JUNIT && f.fileExtension.equals(n)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown report format '" + name + "', expected one of " + names());
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
