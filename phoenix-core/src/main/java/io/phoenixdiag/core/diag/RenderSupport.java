package io.phoenixdiag.core.diag;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Text helpers shared by the text and Markdown renderers. Stateless. */
final class RenderSupport {

    private RenderSupport() {
    }

    /**
     * Makes user text safe to print: {@code \r\n} and {@code \r} become {@code \n}, a tab a space,
     * other control characters (C0, DEL, C1, which could drive a terminal) {@code \xNN} or {@code \}{@code uNNNN}.
     */
    static String clean(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\r') {
                sb.append('\n');
                if (i + 1 < s.length() && s.charAt(i + 1) == '\n') {
                    i++;
                }
            } else if (c == '\t') {
                sb.append(' ');
            } else if (c != '\n' && Character.isISOControl(c)) {
                sb.append(c <= 0xFF ? String.format("\\x%02x", (int) c) : String.format("\\u%04x", (int) c));
            } else if (Character.getType(c) == Character.FORMAT || Character.getType(c) == Character.LINE_SEPARATOR
                    || Character.getType(c) == Character.PARAGRAPH_SEPARATOR) {
                sb.append(String.format("\\u%04x", (int) c)); // bidi overrides and similar invisible controls
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** {@link #clean(String)} with line breaks turned into spaces, for one-line contexts. */
    static String oneLine(String s) {
        return clean(s).replace('\n', ' ');
    }

    /** {@code 1 CRITICAL, 2 ERROR, 0 WARNING, 3 INFO}, most severe first. */
    static String counts(Report report) {
        Map<Severity, Integer> counts = report.counts();
        List<String> parts = new ArrayList<>();
        Severity[] all = Severity.values();
        for (int i = all.length - 1; i >= 0; i--) {
            parts.add(counts.get(all[i]) + " " + all[i].name());
        }
        return String.join(", ", parts);
    }

    /** The verdict of a problem-free or problem-finding report, as a short phrase. */
    static String outcome(Report report) {
        return report.hasProblems() ? "problems found" : "no problems found";
    }

    /** {@code 3 (1 blocked, 1 unknown, 1 allowed; 1 inactive)}. */
    static String flowCounts(Report report) {
        int blocked = 0;
        int unknown = 0;
        int allowed = 0;
        int inactive = 0;
        for (FlowEntry f : report.flows()) {
            FlowState s = f.summary();
            if (s.isBlocked()) {
                blocked++;
            } else if (s == FlowState.UNKNOWN) {
                unknown++;
            } else {
                allowed++;
            }
            if (!f.active()) {
                inactive++;
            }
        }
        return report.flows().size() + " (" + blocked + " blocked, " + unknown + " unknown, " + allowed + " allowed; "
                + inactive + " inactive)";
    }

    /** The layers that appear in any flow's verdicts, in declaration order. */
    static Set<FlowLayer> layers(Report report) {
        Set<FlowLayer> layers = EnumSet.noneOf(FlowLayer.class);
        report.flows().forEach(f -> f.verdicts().forEach(v -> layers.add(v.layer())));
        return layers;
    }

    /** The findings of one severity, in report order. */
    static List<Finding> ofSeverity(Report report, Severity severity) {
        return report.findings().stream().filter(f -> f.severity() == severity).toList();
    }

    /** Most severe first. */
    static List<Severity> severitiesDescending() {
        List<Severity> list = new ArrayList<>(List.of(Severity.values()));
        java.util.Collections.reverse(list);
        return list;
    }
}
