package io.phoenixdiag.core.diff;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.phoenixdiag.core.diag.ReportFormat;
import io.phoenixdiag.core.firewall.VerdictState;

/**
 * Renders a {@link DeploymentDiff} as text, JSON or Markdown. Every format lists the same changes in
 * the diff's order; user text (names, rule lines) has control characters escaped as
 * {@code \}{@code uNNNN}. Stateless and thread-safe.
 *
 * <p>JSON shape: {@code {"before", "after", "summary": {"guests", "firewall", "flows", "verdicts",
 * "broken"} (counts), "guests": [{"subject", "name", "change", "fields": [{"field", "before",
 * "after"}]}], "firewall": [{"scope", "change", "line"}], "flows": [{"flow", "change", "fields"}],
 * "verdicts": [{"flow", "before", "after", "decidedBefore", "decidedAfter", "broke"}]}}; a missing
 * verdict is {@code ""}.
 */
public final class DiffRenderer {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private DiffRenderer() {
    }

    /**
     * Renders a diff.
     *
     * @param diff   the diff
     * @param format text, JSON or Markdown
     * @return the rendering, ending with a line break
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException for a report format other than text, JSON and Markdown
     */
    public static String render(DeploymentDiff diff, ReportFormat format) {
        Objects.requireNonNull(diff, "diff");
        return switch (Objects.requireNonNull(format, "format")) {
            case TEXT -> text(diff);
            case JSON -> json(diff);
            case MARKDOWN -> markdown(diff);
            default -> throw new IllegalArgumentException("a diff renders as text, json or markdown, not " + format.id());
        };
    }

    /**
     * The one-line summary, e.g. {@code 1 guest changed, 2 firewall lines, 0 flows, 1 verdict (1 broke)}.
     *
     * @param diff the diff
     * @return the summary, without a line break
     */
    public static String summary(DeploymentDiff diff) {
        if (diff.isEmpty()) {
            return "no changes";
        }
        return count(diff.guests().size(), "guest") + ", " + count(diff.firewall().size(), "firewall line") + ", "
                + count(diff.flows().size(), "flow") + ", " + count(diff.verdicts().size(), "verdict")
                + " changed (" + diff.broken().size() + " broke)";
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static String text(DeploymentDiff d) {
        StringBuilder sb = new StringBuilder();
        sb.append("diff ").append(safe(d.before())).append(" -> ").append(safe(d.after())).append('\n');
        sb.append(summary(d)).append('\n');
        if (!d.guests().isEmpty()) {
            sb.append("\nguests:\n");
            for (GuestChange g : d.guests()) {
                sb.append("  ").append(sign(g.change())).append(' ').append(g.subject()).append(" (")
                        .append(safe(g.name())).append(")\n");
                fieldsText(sb, g.fields());
            }
        }
        if (!d.firewall().isEmpty()) {
            sb.append("\nfirewall:\n");
            String scope = "";
            for (FirewallChange f : d.firewall()) {
                if (!f.scope().equals(scope)) {
                    scope = f.scope();
                    sb.append("  ").append(safe(scope)).append('\n');
                }
                sb.append("    ").append(sign(f.change())).append(' ').append(safe(f.line())).append('\n');
            }
        }
        if (!d.flows().isEmpty()) {
            sb.append("\nflows:\n");
            for (FlowChange f : d.flows()) {
                sb.append("  ").append(sign(f.change())).append(' ').append(f.flowId()).append('\n');
                fieldsText(sb, f.fields());
            }
        }
        if (!d.verdicts().isEmpty()) {
            sb.append("\nverdicts:\n");
            for (VerdictChange v : d.verdicts()) {
                sb.append("  ").append(v.flowId()).append(": ").append(state(v.before(), "(none)")).append(" -> ")
                        .append(state(v.after(), "(none)")).append(v.broke() ? "  BROKE" : v.fixed() ? "  FIXED" : "")
                        .append('\n');
                if (!v.decidedBefore().isEmpty()) {
                    sb.append("      before: ").append(safe(v.decidedBefore())).append('\n');
                }
                if (!v.decidedAfter().isEmpty()) {
                    sb.append("      after:  ").append(safe(v.decidedAfter())).append('\n');
                }
            }
        }
        return sb.toString();
    }

    private static void fieldsText(StringBuilder sb, List<FieldChange> fields) {
        for (FieldChange c : fields) {
            sb.append("      ").append(c.field()).append(": ").append(quoted(c.before())).append(" -> ")
                    .append(quoted(c.after())).append('\n');
        }
    }

    private static String quoted(String s) {
        return s.isEmpty() ? "(none)" : safe(s);
    }

    private static String sign(ChangeKind k) {
        return switch (k) {
            case ADDED -> "+";
            case REMOVED -> "-";
            case CHANGED -> "~";
        };
    }

    private static String state(Optional<VerdictState> s, String none) {
        return s.map(Enum::name).orElse(none);
    }

    private static String markdown(DeploymentDiff d) {
        StringBuilder sb = new StringBuilder();
        sb.append("# Deployment diff\n\n`").append(code(d.before())).append("` → `").append(code(d.after()))
                .append("`\n\n").append(summary(d)).append('\n');
        if (!d.guests().isEmpty()) {
            sb.append("\n## Guests\n\n| guest | name | change | field | before | after |\n|---|---|---|---|---|---|\n");
            for (GuestChange g : d.guests()) {
                for (FieldChange c : g.fields()) {
                    row(sb, g.subject(), g.name(), g.change().id(), c.field(), c.before(), c.after());
                }
            }
        }
        if (!d.firewall().isEmpty()) {
            sb.append("\n## Firewall\n\n| file | change | line |\n|---|---|---|\n");
            d.firewall().forEach(f -> row(sb, f.scope(), f.change().id(), "`" + code(f.line()) + "`"));
        }
        if (!d.flows().isEmpty()) {
            sb.append("\n## Flows\n\n| flow | change | field | before | after |\n|---|---|---|---|---|\n");
            for (FlowChange f : d.flows()) {
                for (FieldChange c : f.fields()) {
                    row(sb, f.flowId(), f.change().id(), c.field(), c.before(), c.after());
                }
            }
        }
        if (!d.verdicts().isEmpty()) {
            sb.append("\n## Verdicts\n\n| flow | before | after | broke | decided by (after) |\n|---|---|---|---|---|\n");
            d.verdicts().forEach(v -> row(sb, v.flowId(), state(v.before(), ""), state(v.after(), ""),
                    v.broke() ? "**yes**" : "", v.decidedAfter()));
        }
        return sb.toString();
    }

    private static void row(StringBuilder sb, String... cells) {
        sb.append('|');
        for (String c : cells) {
            sb.append(' ').append(c.startsWith("`") ? c : safe(c).replace("|", "\\|")).append(" |");
        }
        sb.append('\n');
    }

    private static String code(String s) {
        return safe(s).replace("`", "'").replace("|", "\\|");
    }

    private static String json(DeploymentDiff d) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("before", d.before());
        root.put("after", d.after());
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("guests", d.guests().size());
        summary.put("firewall", d.firewall().size());
        summary.put("flows", d.flows().size());
        summary.put("verdicts", d.verdicts().size());
        summary.put("broken", d.broken().size());
        root.put("summary", summary);
        List<Object> guests = new ArrayList<>();
        for (GuestChange g : d.guests()) {
            guests.add(ordered("subject", g.subject(), "name", g.name(), "change", g.change().id(),
                    "fields", fieldsJson(g.fields())));
        }
        root.put("guests", guests);
        root.put("firewall", d.firewall().stream()
                .map(f -> ordered("scope", f.scope(), "change", f.change().id(), "line", f.line())).toList());
        root.put("flows", d.flows().stream()
                .map(f -> ordered("flow", f.flowId(), "change", f.change().id(), "fields", fieldsJson(f.fields())))
                .toList());
        root.put("verdicts", d.verdicts().stream()
                .map(v -> ordered("flow", v.flowId(), "before", state(v.before(), ""), "after", state(v.after(), ""),
                        "decidedBefore", v.decidedBefore(), "decidedAfter", v.decidedAfter(), "broke", v.broke()))
                .toList());
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) { // maps of strings, numbers and booleans always serialise
            throw new IllegalStateException("cannot serialise the diff", e);
        }
    }

    private static List<Object> fieldsJson(List<FieldChange> fields) {
        return fields.stream().map(c -> (Object) ordered("field", c.field(), "before", c.before(), "after", c.after()))
                .toList();
    }

    private static Map<String, Object> ordered(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    /** Escapes control and invisible format characters (terminal escapes, bidi overrides) as backslash-u. */
    private static String safe(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        s.chars().forEach(c -> {
            int type = Character.getType(c);
            boolean hidden = Character.isISOControl(c) || type == Character.FORMAT
                    || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR;
            sb.append(hidden ? String.format("\\u%04x", c) : String.valueOf((char) c));
        });
        return sb.toString();
    }
}
