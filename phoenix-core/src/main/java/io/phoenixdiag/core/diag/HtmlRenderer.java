package io.phoenixdiag.core.diag;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One self-contained HTML5 file: inline CSS, an inline SVG topology, no script and no external resource.
 * Stateless and thread-safe.
 *
 * <p>Escaping: every report text goes through {@link #esc(String)} (element content and double-quoted
 * attribute values alike); check ids are validated dotted lower-case. Coordinates are integers, so the
 * output does not depend on the locale.
 */
final class HtmlRenderer implements ReportRenderer {

    static final HtmlRenderer INSTANCE = new HtmlRenderer();

    /** Width of the SVG canvas and of a node box, in SVG user units (CSS pixels). */
    private static final int WIDTH = 1000;
    private static final int NODE_W = 180;
    private static final int NODE_H = 52;

    private static final String CSS = """
            :root{--crit:#6a1b9a;--err:#c62828;--warn:#b26a00;--info:#1565c0;--ok:#2e7d32;--unk:#ef6c00;--off:#9e9e9e;\
            --line:#d0d7de;--bg:#f6f8fa}
            *{box-sizing:border-box}
            body{margin:0 auto;max-width:1240px;padding:24px;font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,\
            "Helvetica Neue",Arial,sans-serif;color:#1f2328;background:#fff}
            h1{font-size:24px;margin:0 0 4px}h2{font-size:19px;margin:32px 0 12px;padding-bottom:4px;\
            border-bottom:1px solid var(--line)}h3{font-size:16px;margin:20px 0 8px}
            code,.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12.5px}
            .tool{color:#57606a;margin:0}
            .cards{display:flex;flex-wrap:wrap;gap:12px;margin:16px 0}
            .card{border:1px solid var(--line);border-left:6px solid var(--off);border-radius:6px;padding:8px 14px;\
            min-width:120px;background:var(--bg)}
            .card .n{display:block;font-size:24px;font-weight:600}
            .card.sev-critical{border-left-color:var(--crit)}.card.sev-error{border-left-color:var(--err)}
            .card.sev-warning{border-left-color:var(--warn)}.card.sev-info{border-left-color:var(--info)}
            .card.accepted{border-left-color:var(--ok)}
            .outcome{font-weight:600;font-size:16px}.outcome.problems{color:var(--err)}.outcome.clean{color:var(--ok)}
            .badge{display:inline-block;border-radius:4px;padding:0 6px;color:#fff;font-size:12px;font-weight:600;\
            vertical-align:1px;background:var(--off)}
            .badge.sev-critical{background:var(--crit)}.badge.sev-error{background:var(--err)}
            .badge.sev-warning{background:var(--warn)}.badge.sev-info{background:var(--info)}
            .badge.accepted{background:var(--ok)}
            .finding{border:1px solid var(--line);border-radius:6px;padding:10px 14px;margin:10px 0;\
            border-left:6px solid var(--off)}
            .finding.sev-critical{border-left-color:var(--crit)}.finding.sev-error{border-left-color:var(--err)}
            .finding.sev-warning{border-left-color:var(--warn)}.finding.sev-info{border-left-color:var(--info)}
            .finding.accepted{border-left-color:var(--ok);background:#f3faf4}
            .finding h4{margin:0 0 6px;font-size:15px}
            .finding p{margin:6px 0}.message,.remediation,.justification{white-space:pre-wrap}
            .finding ul{margin:4px 0;padding-left:22px}
            .label{font-weight:600}.loc,.ids{color:#57606a}
            .remediation{background:#eef6ff;border-radius:4px;padding:4px 8px}
            .justification{background:#e6f4ea;border-radius:4px;padding:4px 8px}
            table{border-collapse:collapse;width:100%;margin:8px 0;overflow-wrap:break-word}
            table.flows td:nth-child(-n+4),table.flows th:nth-child(-n+4){white-space:nowrap}
            td.state,.decided{overflow-wrap:anywhere}
            th,td{border:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}
            th{background:var(--bg)}
            td.state{font-weight:600}
            .state.verdict-allowed,.legend .verdict-allowed{color:var(--ok)}
            .state.verdict-blocked,.legend .verdict-blocked{color:var(--err)}
            .state.verdict-unknown,.legend .verdict-unknown{color:var(--unk)}
            .state.verdict-inactive,.legend .verdict-inactive{color:var(--off)}
            tr.flow.verdict-blocked td:first-child{box-shadow:inset 4px 0 0 var(--err)}
            tr.inactive td{color:var(--off)}
            .decided{display:block;font-weight:400;color:#57606a;white-space:normal}
            svg{display:block;border:1px solid var(--line);border-radius:6px;background:#fff;max-width:100%;height:auto}
            svg .node rect{fill:#fff;stroke:#57606a;stroke-width:1.5}
            svg .node.kind-host rect{fill:#eef6ff}svg .node.kind-external rect{fill:#fff8e1}
            svg .node.inactive rect{fill:#f2f2f2;stroke:var(--off);stroke-dasharray:4 3}
            svg .node.inactive text{fill:var(--off)}
            svg text{font:12px system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;fill:#1f2328}
            svg text.name{font-weight:600;font-size:13px}svg text.sub{fill:#57606a;font-size:11px}
            svg .edge{fill:none;stroke-width:2}
            svg .edge.verdict-allowed{stroke:var(--ok)}
            svg .edge.verdict-blocked{stroke:var(--err);stroke-dasharray:7 4;stroke-width:2.5}
            svg .edge.verdict-unknown{stroke:var(--unk);stroke-dasharray:2 4}
            svg .edge.verdict-inactive{stroke:var(--off);stroke-dasharray:2 4}
            svg text.edge-label{font-size:10.5px;paint-order:stroke;stroke:#fff;stroke-width:3px}
            svg text.edge-label.verdict-allowed{fill:var(--ok)}svg text.edge-label.verdict-blocked{fill:var(--err)}
            svg text.edge-label.verdict-unknown{fill:var(--unk)}svg text.edge-label.verdict-inactive{fill:var(--off)}
            svg .arrow-allowed{fill:var(--ok)}svg .arrow-blocked{fill:var(--err)}
            svg .arrow-unknown{fill:var(--unk)}svg .arrow-inactive{fill:var(--off)}
            .legend span{margin-right:18px;font-weight:600}
            footer{margin-top:32px;color:#57606a;font-size:12px}
            """;

    private HtmlRenderer() {
    }

    @Override
    public ReportFormat format() {
        return ReportFormat.HTML;
    }

    /**
     * Escapes text for HTML (and XML 1.0) element content and double-quoted attribute values:
     * {@code & < > " '} become character references, control characters are
     * {@linkplain RenderSupport#clean(String) made visible} (a line break stays a line break), and a lone
     * surrogate or a noncharacter U+FFFE/U+FFFF becomes U+FFFD.
     */
    static String esc(String s) {
        String clean = RenderSupport.clean(s);
        StringBuilder sb = new StringBuilder(clean.length() + 16);
        for (int i = 0; i < clean.length(); i++) {
            char c = clean.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> {
                    if (Character.isSurrogate(c) && !(Character.isHighSurrogate(c) && i + 1 < clean.length()
                            && Character.isLowSurrogate(clean.charAt(i + 1)))
                            && !(Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(clean.charAt(i - 1)))) {
                        sb.append('\uFFFD'); // a lone surrogate cannot be written as UTF-8
                    } else if (c == '\uFFFE' || c == '\uFFFF') {
                        sb.append('\uFFFD'); // noncharacters XML 1.0 does not allow
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }

    /** {@link #esc(String)} on one line. */
    private static String esc1(String s) {
        return esc(s.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' '));
    }

    static String severityClass(Severity s) {
        return "sev-" + s.name().toLowerCase(Locale.ROOT);
    }

    /** The CSS class of a flow's summary: {@code verdict-allowed}, {@code -blocked}, {@code -unknown}, {@code -inactive}. */
    static String verdictClass(FlowEntry f) {
        return f.active() ? stateClass(f.summary()) : "verdict-inactive";
    }

    static String stateClass(FlowState s) {
        return s.isBlocked() ? "verdict-blocked" : s == FlowState.UNKNOWN ? "verdict-unknown" : "verdict-allowed";
    }

    @Override
    public void render(Report report, Appendable out) throws IOException {
        String heading = "Phoenix diagnosis" + (report.subject().isEmpty() ? "" : ": " + report.subject());
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n")
                .append("<meta name=\"generator\" content=\"").append(esc1(toolText(report))).append("\">\n")
                .append("<title>").append(esc1(heading)).append("</title>\n<style>\n").append(CSS).append("</style>\n")
                .append("</head>\n<body>\n<header>\n<h1>").append(esc1(heading)).append("</h1>\n");
        if (!report.tool().name().isEmpty()) {
            out.append("<p class=\"tool\">Tool: ").append(esc1(toolText(report))).append(" (report schema ")
                    .append(String.valueOf(report.schemaVersion())).append(")</p>\n");
        }
        out.append("</header>\n");
        renderSummary(report, out);
        renderFindings(report, out);
        renderAccepted(report, out);
        renderFlows(report, out);
        renderTopology(report, out);
        renderRoles(report, out);
        renderNotRun(report, out);
        out.append("<footer>Generated by ").append(esc1(toolText(report).isEmpty() ? "Phoenix Diagnostics" : toolText(report)))
                .append(". This file needs no network connection.</footer>\n</body>\n</html>\n");
    }

    private static String toolText(Report report) {
        return report.tool().version().isEmpty() ? report.tool().name() : report.tool().name() + " " + report.tool().version();
    }

    private static void renderSummary(Report report, Appendable out) throws IOException {
        out.append("<section id=\"summary\">\n<h2>Summary</h2>\n<p class=\"outcome ")
                .append(report.hasProblems() ? "problems" : "clean").append("\">")
                .append(report.hasProblems() ? "Problems found" : "No problems found").append("</p>\n<div class=\"cards\">\n");
        for (Severity s : RenderSupport.severitiesDescending()) {
            out.append("<div class=\"card ").append(severityClass(s)).append("\"><span class=\"n\">")
                    .append(String.valueOf(report.count(s))).append("</span>").append(s.name()).append("</div>\n");
        }
        if (!report.accepted().isEmpty()) {
            out.append("<div class=\"card accepted\"><span class=\"n\">").append(String.valueOf(report.accepted().size()))
                    .append("</span>ACCEPTED</div>\n");
        }
        out.append("</div>\n");
        if (!report.flows().isEmpty()) {
            out.append("<p>Flows: ").append(esc(RenderSupport.flowCounts(report))).append("</p>\n");
        }
        out.append("</section>\n");
    }

    private static void renderFindings(Report report, Appendable out) throws IOException {
        out.append("<section id=\"findings\">\n<h2>Findings</h2>\n");
        if (report.findings().isEmpty()) {
            out.append("<p>No findings.</p>\n");
        }
        int n = 0;
        for (Severity severity : RenderSupport.severitiesDescending()) {
            List<Finding> findings = RenderSupport.ofSeverity(report, severity);
            if (findings.isEmpty()) {
                continue;
            }
            String cls = severityClass(severity);
            out.append("<section class=\"severity ").append(cls).append("\" id=\"").append(cls).append("\">\n<h3>")
                    .append(severity.name()).append(" (").append(String.valueOf(findings.size())).append(")</h3>\n");
            for (Finding f : findings) {
                n++;
                out.append("<article class=\"finding ").append(cls).append("\" id=\"finding-").append(String.valueOf(n))
                        .append("\">\n<h4><span class=\"badge ").append(cls).append("\">").append(severity.name())
                        .append("</span> <code>").append(f.checkId()).append("</code> ").append(esc1(f.title())).append("</h4>\n");
                findingBody(f, out);
                out.append("</article>\n");
            }
            out.append("</section>\n");
        }
        out.append("</section>\n");
    }

    private static void findingBody(Finding f, Appendable out) throws IOException {
        if (!f.subjects().isEmpty()) {
            out.append("<p class=\"subjects\"><span class=\"label\">Subjects:</span> ")
                    .append(f.subjects().stream().map(s -> "<code>" + esc1(s) + "</code>").collect(Collectors.joining(", ")))
                    .append("</p>\n");
        }
        if (!f.message().isEmpty()) {
            out.append("<p class=\"message\">").append(esc(f.message())).append("</p>\n");
        }
        if (!f.evidence().isEmpty()) {
            out.append("<p class=\"label\">Evidence</p>\n<ul class=\"evidence\">\n");
            for (Evidence e : f.evidence()) {
                out.append("<li>").append(esc(e.text()))
                        .append(e.location().map(l -> " <span class=\"loc mono\">(" + esc1(l.toString()) + ")</span>").orElse(""))
                        .append("</li>\n");
            }
            out.append("</ul>\n");
        }
        if (!f.locations().isEmpty()) {
            out.append("<p class=\"locations\"><span class=\"label\">At:</span> ")
                    .append(f.locations().stream().map(l -> "<span class=\"loc mono\">" + esc1(l.toString()) + "</span>")
                            .collect(Collectors.joining(", "))).append("</p>\n");
        }
        if (!f.remediation().isEmpty()) {
            out.append("<p class=\"remediation\"><span class=\"label\">Remediation:</span> ").append(esc(f.remediation()))
                    .append("</p>\n");
        }
        out.append("<p class=\"ids mono\">id ").append(esc1(f.findingId())).append(" &middot; fingerprint ")
                .append(f.fingerprint()).append("</p>\n");
    }

    private static void renderAccepted(Report report, Appendable out) throws IOException {
        if (report.accepted().isEmpty()) {
            return;
        }
        out.append("<section id=\"accepted\">\n<h2>Accepted findings (").append(String.valueOf(report.accepted().size()))
                .append(")</h2>\n<p>A baseline accepts these findings; they do not change the outcome.</p>\n");
        int n = 0;
        for (AcceptedFinding a : report.accepted()) {
            n++;
            Finding f = a.finding();
            out.append("<article class=\"finding accepted\" id=\"accepted-").append(String.valueOf(n))
                    .append("\">\n<h4><span class=\"badge accepted\">ACCEPTED</span> <span class=\"badge ")
                    .append(severityClass(f.severity())).append("\">").append(f.severity().name()).append("</span> <code>")
                    .append(f.checkId()).append("</code> ").append(esc1(f.title())).append("</h4>\n")
                    .append("<p class=\"justification\"><span class=\"label\">Justification:</span> ").append(esc(a.justification()))
                    .append(a.acceptedAt().map(l -> " <span class=\"loc mono\">(" + esc1(l.toString()) + ")</span>").orElse(""))
                    .append("</p>\n");
            findingBody(f, out);
            out.append("</article>\n");
        }
        out.append("</section>\n");
    }

    private static void renderFlows(Report report, Appendable out) throws IOException {
        if (report.flows().isEmpty()) {
            return;
        }
        Set<FlowLayer> layers = RenderSupport.layers(report);
        out.append("<section id=\"flows\">\n<h2>Flow matrix</h2>\n<p>").append(esc(RenderSupport.flowCounts(report)))
                .append("</p>\n<table class=\"flows\">\n<thead><tr><th>Source</th><th>Destination</th><th>Port</th>")
                .append("<th>Scheme</th><th>Purpose</th>");
        for (FlowLayer l : layers) {
            out.append("<th>").append(l.id()).append("</th>");
        }
        out.append("<th>Summary</th></tr></thead>\n<tbody>\n");
        for (FlowEntry f : report.flows()) {
            out.append("<tr class=\"flow ").append(verdictClass(f)).append(f.active() ? "" : " inactive").append("\">")
                    .append("<td><code>").append(esc1(f.source())).append("</code></td><td><code>").append(esc1(f.destination()))
                    .append("</code></td><td>").append(esc1(f.protocolPort())).append("</td><td>").append(esc1(f.scheme()))
                    .append("</td><td>").append(esc1(f.purpose())).append("</td>");
            for (FlowLayer l : layers) {
                out.append(f.verdict(l).map(v -> "<td class=\"state " + stateClass(v.state()) + "\">" + v.state().name()
                        + "<span class=\"decided\">" + esc1(v.decidedBy())
                        + v.location().map(loc -> " (" + esc1(loc.toString()) + ")").orElse("") + "</span></td>")
                        .orElse("<td></td>"));
            }
            out.append("<td class=\"state ").append(stateClass(f.summary())).append("\">").append(f.summary().name())
                    .append(f.active() ? "" : " (inactive)").append("</td></tr>\n");
        }
        out.append("</tbody>\n</table>\n</section>\n");
    }

    private record Point(int x, int y) {
    }

    private static void renderTopology(Report report, Appendable out) throws IOException {
        if (report.nodes().isEmpty() && report.flows().isEmpty()) {
            return;
        }
        Map<String, NodeEntry> nodes = new LinkedHashMap<>();
        report.nodes().forEach(n -> nodes.put(n.id(), n));
        for (FlowEntry f : report.flows()) {
            nodes.putIfAbsent(f.source(), NodeEntry.of(f.source(), "", ""));
            nodes.putIfAbsent(f.destination(), NodeEntry.of(f.destination(), "", ""));
        }
        // the host (the hub most flows touch) in the centre, the other components on an ellipse around it
        boolean hub = nodes.containsKey("host") && nodes.size() > 2;
        int count = nodes.size() - (hub ? 1 : 0);
        int rx = Math.min(WIDTH / 2 - NODE_W / 2 - 16, Math.max(220, 45 * count));
        int ry = count <= 1 ? 0 : Math.max(150, 28 * count);
        int height = 2 * ry + NODE_H + 80;
        Point centre = new Point(WIDTH / 2, height / 2);
        Map<String, Point> at = new HashMap<>();
        int i = 0;
        for (String id : nodes.keySet()) {
            if (hub && id.equals("host")) {
                at.put(id, centre);
                continue;
            }
            double angle = -Math.PI / 2 + 2 * Math.PI * i / Math.max(1, count);
            at.put(id, new Point(centre.x + (int) Math.round(rx * Math.cos(angle)),
                    centre.y + (int) Math.round(ry * Math.sin(angle))));
            i++;
        }
        out.append("<section id=\"topology\">\n<h2>Topology</h2>\n<svg viewBox=\"0 0 ")
                .append(String.valueOf(WIDTH)).append(' ').append(String.valueOf(height)).append("\" width=\"")
                .append(String.valueOf(WIDTH)).append("\" height=\"").append(String.valueOf(height))
                .append("\" role=\"img\" aria-label=\"Topology: components and intended flows coloured by verdict\">\n<defs>\n");
        for (String v : List.of("allowed", "blocked", "unknown", "inactive")) {
            out.append("<marker id=\"arrow-").append(v).append("\" class=\"arrow-").append(v)
                    .append("\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\">")
                    .append("<path d=\"M0,0 L10,5 L0,10 z\"/></marker>\n");
        }
        out.append("</defs>\n<g class=\"edges\">\n");
        Map<String, Integer> perPair = new HashMap<>();
        List<String> labels = new ArrayList<>();
        for (FlowEntry f : report.flows()) {
            Point a = at.get(f.source());
            Point b = at.get(f.destination());
            String pair = f.source().compareTo(f.destination()) <= 0 ? f.source() + "\u0000" + f.destination()
                    : f.destination() + "\u0000" + f.source();
            int k = perPair.merge(pair, 1, Integer::sum) - 1;
            String cls = verdictClass(f);
            String arrow = cls.substring("verdict-".length());
            String title = esc1(f.id() + ": " + f.summary().name() + (f.active() ? "" : " (inactive)"));
            if (a.equals(b)) {
                int r = 22 + 10 * k;
                out.append("<path class=\"edge ").append(cls).append("\" d=\"M").append(xy(a.x - 20, a.y - NODE_H / 2))
                        .append(" C").append(xy(a.x - 40, a.y - NODE_H / 2 - 2 * r)).append(' ')
                        .append(xy(a.x + 40, a.y - NODE_H / 2 - 2 * r)).append(' ').append(xy(a.x + 20, a.y - NODE_H / 2))
                        .append("\" marker-end=\"url(#arrow-").append(arrow).append(")\"><title>").append(title)
                        .append("</title></path>\n");
                labels.add(label(new Point(a.x, a.y - NODE_H / 2 - (int) (1.5 * r)), f));
                continue;
            }
            // a curve bent to the right of the direction of travel, more for each further flow of the pair
            double dx = b.x - a.x;
            double dy = b.y - a.y;
            double len = Math.hypot(dx, dy);
            double bend = 18 + 16 * k;
            Point c = new Point((int) Math.round((a.x + b.x) / 2.0 - dy / len * bend),
                    (int) Math.round((a.y + b.y) / 2.0 + dx / len * bend));
            Point start = boxEdge(a, c);
            Point end = boxEdge(b, c);
            out.append("<path class=\"edge ").append(cls).append("\" d=\"M").append(xy(start.x, start.y)).append(" Q")
                    .append(xy(c.x, c.y)).append(' ').append(xy(end.x, end.y)).append("\" marker-end=\"url(#arrow-")
                    .append(arrow).append(")\"><title>").append(title).append("</title></path>\n");
            Point mid = new Point((int) Math.round(0.25 * start.x + 0.5 * c.x + 0.25 * end.x),
                    (int) Math.round(0.25 * start.y + 0.5 * c.y + 0.25 * end.y));
            labels.add(label(mid, f));
        }
        out.append("</g>\n<g class=\"nodes\">\n");
        for (NodeEntry n : nodes.values()) {
            Point p = at.get(n.id());
            String name = n.label().isEmpty() ? n.id() : n.label();
            String shown = " (" + n.address() + ")";
            if (!n.address().isEmpty() && name.endsWith(shown) && name.length() > shown.length()) {
                name = name.substring(0, name.length() - shown.length()); // the second line shows the address
            }
            String sub = n.label().isEmpty() ? n.address() : n.id() + (n.address().isEmpty() ? "" : "  " + n.address());
            out.append("<g class=\"node kind-").append(kindClass(n.kind())).append(n.active() ? "" : " inactive")
                    .append("\"><title>").append(esc1(n.id() + (n.label().isEmpty() ? "" : " " + n.label())
                            + (n.active() ? "" : " (inactive)"))).append("</title><rect x=\"")
                    .append(String.valueOf(p.x - NODE_W / 2)).append("\" y=\"").append(String.valueOf(p.y - NODE_H / 2))
                    .append("\" width=\"").append(String.valueOf(NODE_W)).append("\" height=\"").append(String.valueOf(NODE_H))
                    .append("\" rx=\"8\"/><text class=\"name\" x=\"").append(String.valueOf(p.x)).append("\" y=\"")
                    .append(String.valueOf(sub.isEmpty() ? p.y + 5 : p.y - 4)).append("\" text-anchor=\"middle\">")
                    .append(esc1(shorten(name, 22))).append("</text>");
            if (!sub.isEmpty()) {
                out.append("<text class=\"sub\" x=\"").append(String.valueOf(p.x)).append("\" y=\"").append(String.valueOf(p.y + 13))
                        .append("\" text-anchor=\"middle\">").append(esc1(shorten(sub, 30))).append("</text>");
            }
            out.append("</g>\n");
        }
        out.append("</g>\n<g class=\"edge-labels\">\n");
        for (String l : labels) {
            out.append(l);
        }
        out.append("</g>\n</svg>\n<p class=\"legend\"><span class=\"verdict-allowed\">&#8212; allowed</span>")
                .append("<span class=\"verdict-blocked\">- - blocked</span><span class=\"verdict-unknown\">&#183;&#183;&#183; unknown</span>")
                .append("<span class=\"verdict-inactive\">&#183;&#183;&#183; inactive</span></p>\n</section>\n");
    }

    private static String label(Point p, FlowEntry f) {
        return "<text class=\"edge-label " + verdictClass(f) + "\" x=\"" + p.x + "\" y=\"" + (p.y + 4)
                + "\" text-anchor=\"middle\">" + esc1(f.protocolPort()) + "</text>\n";
    }

    /** Where the line from a node's centre towards {@code towards} leaves the node's box. */
    private static Point boxEdge(Point centre, Point towards) {
        double dx = towards.x - centre.x;
        double dy = towards.y - centre.y;
        if (dx == 0 && dy == 0) {
            return centre;
        }
        double t = Math.min(dx == 0 ? Double.MAX_VALUE : (NODE_W / 2.0 + 3) / Math.abs(dx),
                dy == 0 ? Double.MAX_VALUE : (NODE_H / 2.0 + 3) / Math.abs(dy));
        return new Point((int) Math.round(centre.x + dx * t), (int) Math.round(centre.y + dy * t));
    }

    private static String xy(int x, int y) {
        return x + "," + y;
    }

    /** A node kind as a CSS class part: lower-case letters, digits and dashes only. */
    private static String kindClass(String kind) {
        String k = kind.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
        return k.isEmpty() ? "other" : k;
    }

    /** Shortens text for a box, at most {@code max} code points, with an ellipsis when cut. */
    private static String shorten(String s, int max) {
        if (s.codePointCount(0, s.length()) <= max) {
            return s;
        }
        return s.substring(0, s.offsetByCodePoints(0, max - 1)) + "\u2026";
    }

    private static void renderRoles(Report report, Appendable out) throws IOException {
        if (report.roles().isEmpty()) {
            return;
        }
        out.append("<section id=\"roles\">\n<h2>Roles</h2>\n<table>\n<thead><tr><th>Subject</th><th>Role</th><th>Reason</th>")
                .append("</tr></thead>\n<tbody>\n");
        for (RoleEntry r : report.roles()) {
            out.append("<tr><td><code>").append(esc1(r.subject())).append("</code></td><td>").append(esc1(r.role()))
                    .append("</td><td>").append(esc1(r.reason())).append("</td></tr>\n");
        }
        out.append("</tbody>\n</table>\n</section>\n");
    }

    private static void renderNotRun(Report report, Appendable out) throws IOException {
        if (report.notRun().isEmpty()) {
            return;
        }
        out.append("<section id=\"not-run\">\n<h2>Not run</h2>\n<table>\n<thead><tr><th>What</th><th>Why</th></tr></thead>\n<tbody>\n");
        for (NotRun n : report.notRun()) {
            out.append("<tr><td>").append(esc1(n.what())).append("</td><td>").append(esc1(n.why())).append("</td></tr>\n");
        }
        out.append("</tbody>\n</table>\n</section>\n");
    }
}
