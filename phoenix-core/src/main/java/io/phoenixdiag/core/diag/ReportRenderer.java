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
     * The self-contained HTML renderer: one HTML5 file with inline CSS and an inline SVG, no script, no
     * external resource (fonts, images, style sheets), so it opens offline. It holds a summary, the
     * findings grouped by severity (with evidence, locations and remediation), accepted findings with
     * their justification, the flow matrix, the topology as an SVG (nodes are components, each intended
     * flow an edge whose CSS class is {@code verdict-allowed}, {@code verdict-blocked},
     * {@code verdict-unknown} or {@code verdict-inactive}), roles and what did not run. All report text
     * is HTML-escaped, so no finding can inject markup.
     *
     * @return the renderer
     */
    static ReportRenderer html() {
        return HtmlRenderer.INSTANCE;
    }

    /**
     * The JUnit XML renderer, in the Ant JUnit schema Jenkins and GitLab read: one {@code testsuite} per
     * check id, one {@code testcase} per finding ({@code classname} the check id, {@code name} the
     * finding's title), a {@code failure} for {@link Severity#ERROR} and {@link Severity#CRITICAL}, a
     * passing case with {@code system-out} for {@link Severity#INFO} and {@link Severity#WARNING}, and
     * {@code skipped} for accepted findings.
     *
     * @return the renderer
     */
    static ReportRenderer junitXml() {
        return JunitXmlRenderer.INSTANCE;
    }

    /**
     * The SARIF 2.1.0 renderer (OASIS Static Analysis Results Interchange Format): one run whose
     * {@code tool.driver.rules} are the check ids, one result per finding with {@code level}
     * ({@code error} for ERROR and CRITICAL, {@code warning}, {@code note} for INFO), the message, the
     * locations ({@code artifactLocation.uri} and {@code region.startLine}/{@code startColumn} when known)
     * and {@code partialFingerprints}; accepted findings carry a {@code suppressions} entry with the
     * justification.
     *
     * @return the renderer
     */
    static ReportRenderer sarif() {
        return SarifRenderer.INSTANCE;
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
            case HTML -> html();
            case JUNIT -> junitXml();
            case SARIF -> sarif();
        };
    }
}
