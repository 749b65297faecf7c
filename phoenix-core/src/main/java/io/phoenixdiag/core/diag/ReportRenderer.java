package io.phoenixdiag.core.diag;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * Turns a {@link Report} into text of one {@link ReportFormat}.
 *
 * <p>Renderers are stateless and thread-safe. The same report always renders to the same text (no
 * clock, no locale, {@code \n} line ends). They print only what the report holds, so they print no
 * secret as long as no secret was put into the report.
 */
public interface ReportRenderer {

    /**
     * The format this renderer writes.
     *
     * @return the format
     */
    ReportFormat format();

    /**
     * Renders a report.
     *
     * @param report the report
     * @param out    where to append the text; not flushed or closed
     * @throws IOException if {@code out} throws
     */
    void render(Report report, Appendable out) throws IOException;

    /**
     * Renders a report to a string.
     *
     * @param report the report
     * @return the text
     */
    default String render(Report report) {
        StringBuilder sb = new StringBuilder();
        try {
            render(report, sb);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringBuilder does not throw
        }
        return sb.toString();
    }

    /**
     * The plain-text renderer for terminals: a summary line, findings grouped by severity, the flow
     * matrix, roles and what did not run.
     *
     * @param colour whether to use ANSI colours; pass {@code true} only when writing to a terminal
     *               ({@code System.console() != null}), never for files or pipes
     * @return the renderer
     */
    static ReportRenderer text(boolean colour) {
        return new TextRenderer(colour);
    }

    /**
     * The JSON renderer of the report contract (see {@link ReportJson}).
     *
     * @return the renderer
     */
    static ReportRenderer json() {
        return JsonRenderer.INSTANCE;
    }

    /**
     * The Markdown renderer: summary, findings table and sections, flow matrix table, a Mermaid
     * {@code flowchart} of the topology (blocked flows as red dashed links, inactive nodes and flows
     * greyed), roles and what did not run. User text is escaped for Markdown and Mermaid.
     *
     * @return the renderer
     */
    static ReportRenderer markdown() {
        return MarkdownRenderer.INSTANCE;
    }

    /**
     * The renderer of a format.
     *
     * @param format the format
     * @param colour for {@link ReportFormat#TEXT} only: whether to use ANSI colours (terminals only)
     * @return the renderer
     */
    static ReportRenderer of(ReportFormat format, boolean colour) {
        return switch (Objects.requireNonNull(format, "format")) {
            case TEXT -> text(colour);
            case JSON -> json();
            case MARKDOWN -> markdown();
        };
    }
}
