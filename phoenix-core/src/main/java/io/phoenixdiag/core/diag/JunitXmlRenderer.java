package io.phoenixdiag.core.diag;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * JUnit XML in the Ant schema as Jenkins ({@code junit} step) and GitLab ({@code artifacts:reports:junit})
 * read it. Stateless and thread-safe.
 *
 * <p>Shape: {@code <testsuites>} with one {@code <testsuite>} per check id (sorted), one {@code <testcase>}
 * per finding ({@code classname} = check id, {@code name} = the title, made unique within its suite with
 * {@code " (2)"}...). {@code ERROR} and {@code CRITICAL} findings carry a {@code <failure>} (its
 * {@code type} the severity, its {@code message} the title, its text the whole finding); {@code INFO} and
 * {@code WARNING} findings pass and carry the finding in {@code <system-out>}; accepted findings carry
 * {@code <skipped>} with the justification. A report with no findings has one passing test case
 * {@code phoenix.diagnosis / no findings}, so CI does not take it for a run that found no tests.
 * {@code time} attributes are {@code 0} (the report holds no time), so the output is deterministic.
 */
final class JunitXmlRenderer implements ReportRenderer {

    static final JunitXmlRenderer INSTANCE = new JunitXmlRenderer();

    private JunitXmlRenderer() {
    }

    @Override
    public ReportFormat format() {
        return ReportFormat.JUNIT;
    }

    private record Case(Finding finding, String justification) {
    }

    @Override
    public void render(Report report, Appendable out) throws IOException {
        Map<String, List<Case>> suites = new TreeMap<>();
        report.findings().forEach(f -> suites.computeIfAbsent(f.checkId(), k -> new ArrayList<>()).add(new Case(f, null)));
        report.accepted().forEach(a -> suites.computeIfAbsent(a.finding().checkId(), k -> new ArrayList<>())
                .add(new Case(a.finding(), a.justification() + a.acceptedAt().map(l -> " (" + l + ")").orElse(""))));
        String name = report.tool().name().isEmpty() ? "phoenix-diagnostics" : report.tool().name();
        int tests = report.findings().size() + report.accepted().size();
        int failures = (int) report.findings().stream().filter(f -> f.severity().isProblem()).count();
        out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"")
                .append(attr(name + (report.subject().isEmpty() ? "" : ": " + report.subject()))).append("\" tests=\"")
                .append(String.valueOf(Math.max(1, tests))).append("\" failures=\"").append(String.valueOf(failures))
                .append("\" errors=\"0\" skipped=\"").append(String.valueOf(report.accepted().size())).append("\" time=\"0\">\n");
        if (suites.isEmpty()) {
            out.append("  <testsuite name=\"phoenix.diagnosis\" tests=\"1\" failures=\"0\" errors=\"0\" skipped=\"0\" time=\"0\">\n")
                    .append("    <testcase classname=\"phoenix.diagnosis\" name=\"no findings\" time=\"0\"/>\n  </testsuite>\n");
        }
        for (Map.Entry<String, List<Case>> suite : suites.entrySet()) {
            List<Case> cases = suite.getValue();
            long suiteFailures = cases.stream().filter(c -> c.justification == null && c.finding.severity().isProblem()).count();
            long suiteSkipped = cases.stream().filter(c -> c.justification != null).count();
            out.append("  <testsuite name=\"").append(suite.getKey()).append("\" tests=\"").append(String.valueOf(cases.size()))
                    .append("\" failures=\"").append(String.valueOf(suiteFailures)).append("\" errors=\"0\" skipped=\"")
                    .append(String.valueOf(suiteSkipped)).append("\" time=\"0\">\n");
            Map<String, Integer> seen = new HashMap<>();
            for (Case c : cases) {
                Finding f = c.finding;
                String title = RenderSupport.oneLine(f.title());
                int n = seen.merge(title, 1, Integer::sum);
                String caseName = n == 1 ? title : title + " (" + n + ")";
                out.append("    <testcase classname=\"").append(f.checkId()).append("\" name=\"").append(attr(caseName))
                        .append("\" time=\"0\">\n");
                String body = body(f);
                if (c.justification != null) {
                    out.append("      <skipped message=\"").append(attr("accepted: " + c.justification)).append("\"/>\n")
                            .append("      <system-out>").append(text(body)).append("</system-out>\n");
                } else if (f.severity().isProblem()) {
                    out.append("      <failure type=\"").append(f.severity().name()).append("\" message=\"").append(attr(title))
                            .append("\">").append(text(body)).append("</failure>\n");
                } else {
                    out.append("      <system-out>").append(text(body)).append("</system-out>\n");
                }
                out.append("    </testcase>\n");
            }
            out.append("  </testsuite>\n");
        }
        out.append("</testsuites>\n");
    }

    /** The whole finding as plain text, as the text report shows it. */
    private static String body(Finding f) {
        StringBuilder sb = new StringBuilder();
        sb.append(f.severity().name()).append(" [").append(f.checkId()).append("] ").append(f.title()).append('\n');
        if (!f.subjects().isEmpty()) {
            sb.append("subjects: ").append(String.join(", ", f.subjects())).append('\n');
        }
        if (!f.message().isEmpty()) {
            sb.append(f.message()).append('\n');
        }
        for (Evidence e : f.evidence()) {
            sb.append("evidence: ").append(e.text()).append(e.location().map(l -> " (" + l + ")").orElse("")).append('\n');
        }
        for (Location l : f.locations()) {
            sb.append("at: ").append(l).append('\n');
        }
        if (!f.remediation().isEmpty()) {
            sb.append("fix: ").append(f.remediation()).append('\n');
        }
        sb.append("id: ").append(f.findingId()).append("\nfingerprint: ").append(f.fingerprint()).append('\n');
        return sb.toString();
    }

    /** Text content: escaped, line breaks kept. */
    private static String text(String s) {
        return HtmlRenderer.esc(s);
    }

    /** An attribute value: escaped, on one line (XML normalises line breaks in attributes to spaces anyway). */
    private static String attr(String s) {
        return HtmlRenderer.esc(RenderSupport.oneLine(s));
    }
}
