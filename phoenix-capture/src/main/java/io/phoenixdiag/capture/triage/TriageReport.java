package io.phoenixdiag.capture.triage;

import io.phoenixdiag.capture.flow.CaptureStats;
import io.phoenixdiag.capture.source.CaptureWarning;
import io.phoenixdiag.core.diag.Finding;
import io.phoenixdiag.core.diag.FlowVerdict;
import io.phoenixdiag.core.diag.Report;
import io.phoenixdiag.core.diag.Severity;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The triage of a capture: one line per flow, the findings ({@code capture.*}), and a {@code capture} layer
 * verdict for each intended flow seen in the capture.
 *
 * @param lines    one per flow, in order of first packet
 * @param findings the problems as findings, plus one WARNING per capture warning ({@code capture.parse-warning})
 * @param verdicts capture-layer verdicts keyed by intended flow id ({@code lxc:102->lxc:1001/tcp/9443})
 * @param stats    packet counts
 * @param warnings the capture's warnings (damage, malformed packets)
 */
public record TriageReport(List<TriageLine> lines, List<Finding> findings, Map<String, FlowVerdict> verdicts,
                           CaptureStats stats, List<CaptureWarning> warnings) {
    /**
     * Copies the collections.
     *
     * @param lines    lines
     * @param findings findings
     * @param verdicts verdicts
     * @param stats    statistics
     * @param warnings warnings
     */
    public TriageReport {
        lines = List.copyOf(lines);
        findings = List.copyOf(findings);
        verdicts = Map.copyOf(verdicts);
        Objects.requireNonNull(stats, "stats");
        warnings = List.copyOf(warnings);
    }

    /**
     * Whether any finding is ERROR or CRITICAL.
     *
     * @return true when a problem was found
     */
    public boolean hasProblems() {
        return findings.stream().anyMatch(f -> f.severity().isProblem());
    }

    /**
     * The lines that are not INFO.
     *
     * @return the problem lines
     */
    public List<TriageLine> problems() {
        return lines.stream().filter(l -> l.severity() != Severity.INFO).toList();
    }

    /**
     * Adds the findings and the capture verdicts of flows the report knows to a report (the correlated
     * report of static, live and wire evidence).
     *
     * @param report a report, e.g. from {@code Diagnosis.run()}
     * @return a new report with the capture evidence
     */
    public Report applyTo(Report report) {
        Report.Builder b = report.toBuilder().findings(findings);
        for (Map.Entry<String, FlowVerdict> e : verdicts.entrySet()) {
            if (b.hasFlow(e.getKey())) {
                b.verdict(e.getKey(), e.getValue());
            }
        }
        return b.build();
    }

    /**
     * Plain text: one sentence per line, problems first marked with their severity, then warnings.
     *
     * @return the text, ending with a newline
     */
    public String render() {
        StringBuilder sb = new StringBuilder();
        sb.append(stats.packets()).append(" packets, ").append(lines.size()).append(" flows\n");
        for (TriageLine l : lines) {
            sb.append(String.format("  %-8s", l.severity() == Severity.INFO ? "ok" : l.severity().name().toLowerCase(java.util.Locale.ROOT)))
                    .append(l.sentence()).append('\n');
        }
        for (CaptureWarning w : warnings) {
            sb.append("  warning ").append(w).append('\n');
        }
        return sb.toString();
    }
}
