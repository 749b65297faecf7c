package io.phoenixdiag.core.diag;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Plain text for terminals. Stateless and thread-safe. Colour codes only when constructed with
 * {@code colour = true}; user text is {@linkplain RenderSupport#clean(String) cleaned} of control
 * characters so it cannot drive the terminal.
 */
final class TextRenderer implements ReportRenderer {

    private static final String RESET = "\u001b[0m";
    private static final String BOLD = "\u001b[1m";
    private static final String DIM = "\u001b[2m";
    private static final String RED = "\u001b[31m";
    private static final String BOLD_RED = "\u001b[1;31m";
    private static final String BOLD_MAGENTA = "\u001b[1;35m";
    private static final String GREEN = "\u001b[32m";
    private static final String YELLOW = "\u001b[33m";
    private static final String CYAN = "\u001b[36m";

    private final boolean colour;

    TextRenderer(boolean colour) {
        this.colour = colour;
    }

    @Override
    public ReportFormat format() {
        return ReportFormat.TEXT;
    }

    private String paint(String code, String text) {
        return colour ? code + text + RESET : text;
    }

    private static String severityCode(Severity s) {
        return switch (s) {
            case CRITICAL -> BOLD_MAGENTA;
            case ERROR -> BOLD_RED;
            case WARNING -> YELLOW;
            case INFO -> CYAN;
        };
    }

    private static String stateCode(FlowState s) {
        return s.isBlocked() ? RED : s == FlowState.UNKNOWN ? YELLOW : GREEN;
    }

    @Override
    public void render(Report report, Appendable out) throws IOException {
        String subject = report.subject().isEmpty() ? "" : ": " + RenderSupport.oneLine(report.subject());
        out.append(paint(BOLD, "Phoenix diagnosis" + subject)).append('\n');
        if (!report.tool().name().isEmpty()) {
            out.append("Tool: ").append(RenderSupport.oneLine(report.tool().name()));
            if (!report.tool().version().isEmpty()) {
                out.append(' ').append(RenderSupport.oneLine(report.tool().version()));
            }
            out.append(" (report schema ").append(String.valueOf(report.schemaVersion())).append(")\n");
        }
        String outcome = RenderSupport.outcome(report);
        out.append("Summary: ").append(RenderSupport.counts(report)).append("; ")
                .append(paint(report.hasProblems() ? BOLD_RED : GREEN, outcome))
                .append(report.accepted().isEmpty() ? "" : "; " + report.accepted().size() + " accepted by the baseline")
                .append('\n');
        renderFindings(report, out);
        renderAccepted(report, out);
        renderFlows(report, out);
        renderRoles(report, out);
        renderNotRun(report, out);
    }

    private void renderFindings(Report report, Appendable out) throws IOException {
        if (report.findings().isEmpty()) {
            out.append("\nNo findings.\n");
        }
        for (Severity severity : RenderSupport.severitiesDescending()) {
            List<Finding> findings = RenderSupport.ofSeverity(report, severity);
            if (findings.isEmpty()) {
                continue;
            }
            out.append('\n').append(paint(severityCode(severity), severity.name() + " (" + findings.size() + ")")).append('\n');
            for (Finding f : findings) {
                out.append("  ").append(paint(severityCode(severity), "[" + f.checkId() + "]")).append(' ')
                        .append(paint(BOLD, RenderSupport.oneLine(f.title()))).append('\n');
                if (!f.subjects().isEmpty()) {
                    out.append("    subjects: ").append(f.subjects().stream().map(RenderSupport::oneLine)
                            .collect(Collectors.joining(", "))).append('\n');
                }
                if (!f.message().isEmpty()) {
                    indented(out, "    ", f.message());
                }
                if (!f.evidence().isEmpty()) {
                    out.append("    evidence:\n");
                    for (Evidence e : f.evidence()) {
                        String at = e.location().map(l -> " (" + RenderSupport.oneLine(l.toString()) + ")").orElse("");
                        out.append("      - ").append(RenderSupport.oneLine(e.text())).append(at).append('\n');
                    }
                }
                if (!f.locations().isEmpty()) {
                    out.append("    at: ").append(f.locations().stream().map(l -> RenderSupport.oneLine(l.toString()))
                            .collect(Collectors.joining(", "))).append('\n');
                }
                if (!f.remediation().isEmpty()) {
                    indented(out, "    fix: ", f.remediation());
                }
            }
        }
    }

    private void renderAccepted(Report report, Appendable out) throws IOException {
        if (report.accepted().isEmpty()) {
            return;
        }
        out.append('\n').append(paint(GREEN, "ACCEPTED (" + report.accepted().size() + ")")).append('\n');
        for (AcceptedFinding a : report.accepted()) {
            Finding f = a.finding();
            out.append("  ").append(paint(GREEN, "[" + f.checkId() + "]")).append(' ').append(f.severity().name()).append(' ')
                    .append(paint(BOLD, RenderSupport.oneLine(f.title()))).append('\n');
            if (!f.subjects().isEmpty()) {
                out.append("    subjects: ").append(f.subjects().stream().map(RenderSupport::oneLine)
                        .collect(Collectors.joining(", "))).append('\n');
            }
            indented(out, "    accepted: ", a.justification()
                    + a.acceptedAt().map(l -> " (" + l + ")").orElse(""));
        }
    }

    private static void indented(Appendable out, String prefix, String text) throws IOException {
        String continuation = " ".repeat(prefix.length());
        String[] lines = RenderSupport.clean(text).split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            out.append(i == 0 ? prefix : continuation).append(lines[i]).append('\n');
        }
    }

    private void renderFlows(Report report, Appendable out) throws IOException {
        if (report.flows().isEmpty()) {
            return;
        }
        out.append('\n').append(paint(BOLD, "Flows: " + RenderSupport.flowCounts(report))).append('\n');
        int stateWidth = 0;
        int pathWidth = 0;
        List<String> paths = new ArrayList<>();
        for (FlowEntry f : report.flows()) {
            String path = RenderSupport.oneLine(f.source()) + " -> " + RenderSupport.oneLine(f.destination()) + "  "
                    + f.protocolPort() + (f.scheme().isEmpty() ? "" : " " + RenderSupport.oneLine(f.scheme()));
            paths.add(path);
            stateWidth = Math.max(stateWidth, f.summary().name().length());
            pathWidth = Math.max(pathWidth, path.length());
        }
        int layerWidth = RenderSupport.layers(report).stream().mapToInt(l -> l.id().length()).max().orElse(0);
        for (int i = 0; i < report.flows().size(); i++) {
            FlowEntry f = report.flows().get(i);
            String state = pad(f.summary().name(), stateWidth);
            String line = "  " + paint(stateCode(f.summary()), state) + "  " + pad(paths.get(i), pathWidth);
            String tail = (f.purpose().isEmpty() ? "" : "  " + RenderSupport.oneLine(f.purpose()))
                    + (f.active() ? "" : "  (inactive)");
            out.append((line + tail).stripTrailing()).append('\n');
            for (FlowVerdict v : f.verdicts()) {
                String at = v.location().map(l -> " (" + RenderSupport.oneLine(l.toString()) + ")").orElse("");
                out.append("      ").append(pad(v.layer().id(), layerWidth)).append("  ")
                        .append(paint(stateCode(v.state()), v.state().name())).append(": ")
                        .append(RenderSupport.oneLine(v.decidedBy())).append(at).append('\n');
            }
        }
    }

    private void renderRoles(Report report, Appendable out) throws IOException {
        if (report.roles().isEmpty()) {
            return;
        }
        out.append('\n').append(paint(BOLD, "Roles")).append('\n');
        List<String[]> rows = report.roles().stream()
                .map(r -> new String[] {RenderSupport.oneLine(r.subject()), RenderSupport.oneLine(r.role()), RenderSupport.oneLine(r.reason())})
                .toList();
        columns(out, rows);
    }

    private void renderNotRun(Report report, Appendable out) throws IOException {
        if (report.notRun().isEmpty()) {
            return;
        }
        out.append('\n').append(paint(BOLD, "Not run")).append('\n');
        List<String[]> rows = report.notRun().stream()
                .map(n -> new String[] {RenderSupport.oneLine(n.what()), RenderSupport.oneLine(n.why())})
                .toList();
        columns(out, rows);
    }

    private static void columns(Appendable out, List<String[]> rows) throws IOException {
        int cols = rows.get(0).length;
        int[] widths = new int[cols];
        for (String[] row : rows) {
            for (int c = 0; c < cols - 1; c++) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder sb = new StringBuilder("  ");
            for (int c = 0; c < cols; c++) {
                sb.append(c < cols - 1 ? pad(row[c], widths[c]) + "  " : row[c]);
            }
            out.append(sb.toString().stripTrailing()).append('\n');
        }
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }
}
