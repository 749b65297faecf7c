package io.phoenixdiag.core.diag;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * GitHub-flavoured Markdown with a Mermaid flowchart. Stateless and thread-safe.
 *
 * <p>Escaping: every user text goes through {@link #md(String)} (Markdown, safe in table cells too) or
 * {@link #mermaid(String)} (inside quoted Mermaid labels); check ids are validated dotted lower-case and
 * printed in code spans as they are.
 */
final class MarkdownRenderer implements ReportRenderer {

    static final MarkdownRenderer INSTANCE = new MarkdownRenderer();

    /** Link styles of the diagram. */
    static final String BLOCKED_STYLE = "stroke:#d32f2f,stroke-width:2px,stroke-dasharray:5 5";
    static final String UNKNOWN_STYLE = "stroke:#f57c00,stroke-width:2px,stroke-dasharray:2 4";
    static final String INACTIVE_STYLE = "stroke:#9e9e9e,stroke-dasharray:2 4";

    private MarkdownRenderer() {
    }

    @Override
    public ReportFormat format() {
        return ReportFormat.MARKDOWN;
    }

    /**
     * Escapes text for inline Markdown and GFM table cells: the punctuation that inline Markdown or
     * tables interpret ({@code \ ` * _ [ ] | ~}) is backslash-escaped, {@code < > &} become entities, line
     * breaks {@code <br>}, and control characters are {@linkplain RenderSupport#clean(String) made visible}.
     */
    static String md(String s) {
        String clean = RenderSupport.clean(s);
        StringBuilder sb = new StringBuilder(clean.length() + 8);
        for (int i = 0; i < clean.length(); i++) {
            char c = clean.charAt(i);
            switch (c) {
                case '\\', '`', '*', '_', '[', ']', '|', '~' -> sb.append('\\').append(c);
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '\n' -> sb.append("<br>");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    /**
     * {@link #md(String)} for text that starts a line (a paragraph, a list item's content): a leading
     * {@code - + = #} or an ordered-list marker such as {@code 1.} is escaped too, so the text cannot
     * start a list, a heading or a setext underline.
     */
    static String mdBlock(String s) {
        String escaped = md(s);
        if (escaped.isEmpty()) {
            return escaped;
        }
        char first = escaped.charAt(0);
        if (first == '-' || first == '+' || first == '=' || first == '#') {
            return "\\" + escaped;
        }
        int digits = 0;
        while (digits < escaped.length() && escaped.charAt(digits) >= '0' && escaped.charAt(digits) <= '9') {
            digits++;
        }
        if (digits > 0 && digits < escaped.length() && (escaped.charAt(digits) == '.' || escaped.charAt(digits) == ')')) {
            return escaped.substring(0, digits) + "\\" + escaped.substring(digits);
        }
        return escaped;
    }

    /**
     * Escapes text for a double-quoted Mermaid label with Mermaid's entity codes: quotes, {@code #},
     * {@code < > &}, pipes, backticks and semicolons become {@code #code;} and line breaks spaces.
     */
    static String mermaid(String s) {
        String clean = RenderSupport.oneLine(s);
        StringBuilder sb = new StringBuilder(clean.length() + 8);
        for (int i = 0; i < clean.length(); i++) {
            char c = clean.charAt(i);
            switch (c) {
                case '"' -> sb.append("#quot;");
                case '#' -> sb.append("#35;");
                case '<' -> sb.append("#lt;");
                case '>' -> sb.append("#gt;");
                case '&' -> sb.append("#amp;");
                case '|' -> sb.append("#124;");
                case '`' -> sb.append("#96;");
                case ';' -> sb.append("#59;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    private static String row(List<String> cells) {
        return "| " + String.join(" | ", cells) + " |\n";
    }

    private static String separator(int columns) {
        return "|" + "---|".repeat(columns) + "\n";
    }

    @Override
    public void render(Report report, Appendable out) throws IOException {
        out.append("# Phoenix diagnosis").append(report.subject().isEmpty() ? "" : ": " + md(report.subject())).append("\n\n");
        if (!report.tool().name().isEmpty()) {
            out.append("Tool: ").append(md(report.tool().name()))
                    .append(report.tool().version().isEmpty() ? "" : " " + md(report.tool().version()))
                    .append(" (report schema ").append(String.valueOf(report.schemaVersion())).append(")\n\n");
        }
        out.append("**Summary:** ").append(RenderSupport.counts(report)).append("; **")
                .append(RenderSupport.outcome(report)).append("**.");
        if (!report.flows().isEmpty()) {
            out.append(" Flows: ").append(RenderSupport.flowCounts(report)).append('.');
        }
        if (!report.accepted().isEmpty()) {
            out.append(" ").append(String.valueOf(report.accepted().size())).append(" accepted by the baseline.");
        }
        out.append("\n");
        renderFindings(report, out);
        if (!report.accepted().isEmpty()) {
            out.append("\n## Accepted findings\n\n").append(row(List.of("Severity", "Check", "Title", "Subjects", "Justification")))
                    .append(separator(5));
            for (AcceptedFinding a : report.accepted()) {
                Finding f = a.finding();
                out.append(row(List.of("ACCEPTED (" + f.severity().name() + ")", "`" + f.checkId() + "`", md(f.title()),
                        f.subjects().stream().map(MarkdownRenderer::md).collect(Collectors.joining(", ")),
                        md(a.justification()) + a.acceptedAt().map(l -> " (" + md(l.toString()) + ")").orElse(""))));
            }
        }
        renderFlows(report, out);
        renderDiagram(report, out);
        if (!report.roles().isEmpty()) {
            out.append("\n## Roles\n\n").append(row(List.of("Subject", "Role", "Reason"))).append(separator(3));
            for (RoleEntry r : report.roles()) {
                out.append(row(List.of(md(r.subject()), md(r.role()), md(r.reason()))));
            }
        }
        if (!report.notRun().isEmpty()) {
            out.append("\n## Not run\n\n").append(row(List.of("What", "Why"))).append(separator(2));
            for (NotRun n : report.notRun()) {
                out.append(row(List.of(md(n.what()), md(n.why()))));
            }
        }
    }

    private static void renderFindings(Report report, Appendable out) throws IOException {
        out.append("\n## Findings\n\n");
        if (report.findings().isEmpty()) {
            out.append("None.\n");
            return;
        }
        out.append(row(List.of("#", "Severity", "Check", "Title", "Subjects"))).append(separator(5));
        int n = 0;
        for (Finding f : report.findings()) {
            n++;
            out.append(row(List.of(String.valueOf(n), f.severity().name(), "`" + f.checkId() + "`", md(f.title()),
                    f.subjects().stream().map(MarkdownRenderer::md).collect(Collectors.joining(", ")))));
        }
        n = 0;
        for (Finding f : report.findings()) {
            n++;
            out.append("\n### ").append(String.valueOf(n)).append(". ").append(f.severity().name()).append(": ")
                    .append(md(f.title())).append("\n\n");
            out.append("Check `").append(f.checkId()).append('`');
            if (!f.subjects().isEmpty()) {
                out.append("; subjects: ").append(f.subjects().stream().map(MarkdownRenderer::md).collect(Collectors.joining(", ")));
            }
            out.append(".\n");
            if (!f.message().isEmpty()) {
                out.append('\n').append(mdBlock(f.message())).append('\n');
            }
            if (!f.evidence().isEmpty()) {
                out.append("\nEvidence:\n\n");
                for (Evidence e : f.evidence()) {
                    out.append("- ").append(mdBlock(e.text()))
                            .append(e.location().map(l -> " (" + md(l.toString()) + ")").orElse("")).append('\n');
                }
            }
            if (!f.locations().isEmpty()) {
                out.append("\nLocations: ").append(f.locations().stream().map(l -> md(l.toString()))
                        .collect(Collectors.joining(", "))).append('\n');
            }
            if (!f.remediation().isEmpty()) {
                out.append("\nRemediation: ").append(md(f.remediation())).append('\n');
            }
        }
    }

    private static void renderFlows(Report report, Appendable out) throws IOException {
        if (report.flows().isEmpty()) {
            return;
        }
        Set<FlowLayer> layers = RenderSupport.layers(report);
        List<String> header = new ArrayList<>(List.of("Source", "Destination", "Port", "Scheme", "Purpose"));
        layers.forEach(l -> header.add(l.id()));
        header.add("Summary");
        out.append("\n## Flows\n\n").append(row(header)).append(separator(header.size()));
        for (FlowEntry f : report.flows()) {
            List<String> cells = new ArrayList<>(List.of(md(f.source()), md(f.destination()), md(f.protocolPort()),
                    md(f.scheme()), md(f.purpose())));
            for (FlowLayer layer : layers) {
                cells.add(f.verdict(layer).map(v -> v.state().name() + ": " + md(v.decidedBy())
                        + v.location().map(l -> " (" + md(l.toString()) + ")").orElse("")).orElse(""));
            }
            String summary = f.summary().isBlocked() ? "**" + f.summary().name() + "**" : f.summary().name();
            cells.add(f.active() ? summary : summary + " (inactive)");
            out.append(row(cells));
        }
    }

    private static void renderDiagram(Report report, Appendable out) throws IOException {
        if (report.nodes().isEmpty() && report.flows().isEmpty()) {
            return;
        }
        Map<String, String> ids = new LinkedHashMap<>();
        Map<String, NodeEntry> nodes = new LinkedHashMap<>();
        report.nodes().forEach(n -> nodes.put(n.id(), n));
        for (FlowEntry f : report.flows()) {
            nodes.putIfAbsent(f.source(), NodeEntry.of(f.source(), "", ""));
            nodes.putIfAbsent(f.destination(), NodeEntry.of(f.destination(), "", ""));
        }
        out.append("\n## Topology\n\n```mermaid\nflowchart LR\n");
        List<String> inactive = new ArrayList<>();
        for (NodeEntry n : nodes.values()) {
            String id = "n" + ids.size();
            ids.put(n.id(), id);
            List<String> lines = new ArrayList<>();
            if (!n.label().isEmpty()) {
                lines.add(mermaid(n.label()));
            }
            lines.add(mermaid(n.id()));
            if (!n.address().isEmpty()) {
                lines.add(mermaid(n.address()));
            }
            out.append("  ").append(id).append("[\"").append(String.join("<br/>", lines)).append("\"]\n");
            if (!n.active()) {
                inactive.add(id);
            }
        }
        Map<String, List<String>> styles = new LinkedHashMap<>();
        int link = 0;
        for (FlowEntry f : report.flows()) {
            String arrow = f.active() ? " -->" : " -.->";
            out.append("  ").append(ids.get(f.source())).append(arrow).append("|\"").append(mermaid(f.protocolPort()))
                    .append("\"| ").append(ids.get(f.destination())).append('\n');
            String style = !f.active() ? INACTIVE_STYLE
                    : f.summary().isBlocked() ? BLOCKED_STYLE
                    : f.summary() == FlowState.UNKNOWN ? UNKNOWN_STYLE : null;
            if (style != null) {
                styles.computeIfAbsent(style, k -> new ArrayList<>()).add(String.valueOf(link));
            }
            link++;
        }
        for (Map.Entry<String, List<String>> e : styles.entrySet()) {
            out.append("  linkStyle ").append(String.join(",", e.getValue())).append(' ').append(e.getKey()).append('\n');
        }
        if (!inactive.isEmpty()) {
            out.append("  classDef inactive fill:#eeeeee,stroke:#9e9e9e,color:#9e9e9e\n");
            out.append("  class ").append(String.join(",", inactive)).append(" inactive\n");
        }
        out.append("```\n\nRed dashed links are blocked flows, orange dotted links undecided ones; grey nodes and links are inactive.\n");
    }
}
