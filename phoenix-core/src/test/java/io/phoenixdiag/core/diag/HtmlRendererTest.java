package io.phoenixdiag.core.diag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** The self-contained HTML report: structure, offline-ness, escaping. */
class HtmlRendererTest {

    /** Every element the renderer writes. */
    private static final Set<String> ELEMENTS = Set.of("html", "head", "meta", "title", "style", "body", "header", "h1", "h2",
            "h3", "h4", "p", "section", "div", "span", "article", "code", "ul", "li", "table", "thead", "tbody", "tr", "th", "td",
            "svg", "defs", "marker", "path", "g", "rect", "text", "footer");
    /** Every attribute the renderer writes; none is an event handler or a URL that leaves the document. */
    private static final Set<String> ATTRIBUTES = Set.of("lang", "charset", "name", "content", "http-equiv", "class", "id",
            "viewBox", "width", "height", "role", "aria-label", "refX", "refY", "markerWidth", "markerHeight", "orient",
            "d", "marker-end", "x", "y", "rx", "text-anchor");
    private static final Pattern TAG = Pattern.compile("<(/?)([a-zA-Z0-9]+)((?:\\s+[a-zA-Z-]+=\"[^\"<>]*\")*)\\s*(/?)>");
    private static final Pattern ATTRIBUTE = Pattern.compile("([a-zA-Z-]+)=\"([^\"<>]*)\"");

    /**
     * Checks that the text is made only of the renderer's own elements and attributes: after removing
     * them (and the doctype and the constant style sheet) no {@code <} or {@code >} is left.
     */
    static void assertOnlyOwnMarkup(String html) {
        String body = html.replaceFirst("(?s)<style>.*?</style>", "<style></style>").replace("<!DOCTYPE html>", "");
        Matcher m = TAG.matcher(body);
        StringBuilder rest = new StringBuilder();
        int last = 0;
        while (m.find()) {
            assertTrue(ELEMENTS.contains(m.group(2)), "unexpected element " + m.group());
            Matcher a = ATTRIBUTE.matcher(m.group(3));
            while (a.find()) {
                assertTrue(ATTRIBUTES.contains(a.group(1)), "unexpected attribute " + a.group());
                if (a.group(1).equals("marker-end")) {
                    assertTrue(a.group(2).matches("url\\(#arrow-(allowed|blocked|unknown|inactive)\\)"), a.group());
                }
            }
            rest.append(body, last, m.start());
            last = m.end();
        }
        rest.append(body.substring(last));
        assertFalse(rest.toString().contains("<"), "stray '<' outside the renderer's markup");
        assertFalse(rest.toString().contains(">"), "stray '>' outside the renderer's markup");
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

    @Test
    void smallReportMatchesGoldenAndHasEveryPart() throws IOException {
        Report report = Reports.smallWithBaseline();
        String html = ReportRenderer.html().render(report);
        GoldenRenderTest.assertGolden("small-report.html", html);
        assertOnlyOwnMarkup(html);
        assertTrue(html.startsWith("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"), html);
        assertEquals(report.findings().size(), count(html, "<article class=\"finding sev-"));
        assertEquals(1, count(html, "<article class=\"finding accepted\""));
        assertEquals(report.flows().size(), count(html, "<path class=\"edge "));
        assertEquals(report.flows().size(), count(html, "<tr class=\"flow "));
        assertEquals(report.nodes().size(), count(html, "<g class=\"node "));
        // the six flows of the small report: 2 allowed, 1 blocked, 1 unknown (no verdict), 1 inactive
        assertEquals(List.of(2, 1, 1, 1), List.of(count(html, "<path class=\"edge verdict-allowed\""),
                count(html, "<path class=\"edge verdict-blocked\""), count(html, "<path class=\"edge verdict-unknown\""),
                count(html, "<path class=\"edge verdict-inactive\"")));
        assertTrue(html.contains("<span class=\"label\">Justification:</span> lab machine; key rotated daily (OPS-12)"), html);
        assertTrue(html.contains("Template | &quot;base&quot; &lt;ubuntu&gt;"), "node label escaped");
        assertTrue(html.contains("<p class=\"outcome problems\">Problems found</p>"));
        assertTrue(html.contains("<h3>ERROR (1)</h3>") && !html.contains("<h3>CRITICAL"), "the CRITICAL finding is accepted");
        assertTrue(html.contains("baseline.unmatched"), "the stale entry is an INFO finding");
    }

    @Test
    void fileIsSelfContained() {
        String html = ReportRenderer.html().render(SampleReports.small());
        for (String forbidden : List.of("<script", "<link", "<img", "<iframe", "@import", "url(http", "src=", "href=", "http://",
                "https://")) {
            assertFalse(html.contains(forbidden), "must not contain " + forbidden);
        }
        assertTrue(html.contains("default-src 'none'"), "a Content-Security-Policy forbids loading anything");
    }

    @Test
    void emptyReportRendersWithoutTopology() {
        String html = ReportRenderer.html().render(Report.builder().build());
        assertOnlyOwnMarkup(html);
        assertTrue(html.contains("<p>No findings.</p>"));
        assertTrue(html.contains("<p class=\"outcome clean\">No problems found</p>"));
        assertFalse(html.contains("<svg"));
        assertTrue(html.endsWith("</html>\n"));
    }

    @Test
    void hostileTextIsEscapedEverywhere() {
        String evil = "<script>alert(1)</script>\" onload=\"x' &amp;\u202e\u0007";
        Report r = Report.builder().tool(evil, evil).subject(evil)
                .node(NodeEntry.of(evil, evil, evil, "lxc", true))
                .flow(FlowEntry.builder(evil, "host", "tcp", 1).scheme(evil).purpose(evil)
                        .verdict(FlowVerdict.of(FlowLayer.INTENT, FlowState.ALLOWED, evil, Location.ofLine(evil, 1, 2))).build())
                .finding(Finding.builder("x.y", Severity.ERROR).title(evil).message(evil).subject(evil).evidence(evil)
                        .remediation(evil).location(new Location(evil, "/" + evil, 1, 1)).build())
                .role(RoleEntry.of(evil, evil, evil)).notRun(evil, evil).build();
        String html = ReportRenderer.html().render(Reports.acceptEveryOther(r, evil));
        assertOnlyOwnMarkup(html);
        assertFalse(html.contains("<script"));
        assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;&quot; onload=&quot;x&#39; &amp;amp;\\u202e\\x07"), html);
    }

    @Property(tries = 150)
    void generatedReportsNeverProduceMarkupFromTheirText(@ForAll("reports") Report report) {
        Report withAccepted = Reports.acceptEveryOther(report, "<b onclick=\"x\">ok</b>");
        String html = ReportRenderer.html().render(withAccepted);
        assertOnlyOwnMarkup(html);
        assertEquals(withAccepted.findings().size() + withAccepted.accepted().size(), count(html, "<article class=\"finding "));
        assertEquals(html, ReportRenderer.html().render(withAccepted), "deterministic");
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<Report> reports() {
        return new ReportPropertiesTest().reports();
    }

    @Test
    void svgCoordinatesDoNotDependOnTheLocale() {
        java.util.Locale before = java.util.Locale.getDefault();
        try {
            java.util.Locale.setDefault(java.util.Locale.GERMANY);
            String de = ReportRenderer.html().render(SampleReports.small());
            java.util.Locale.setDefault(java.util.Locale.ROOT);
            assertEquals(de, ReportRenderer.html().render(SampleReports.small()));
        } finally {
            java.util.Locale.setDefault(before);
        }
    }

    /** Lists the distinct verdict classes of the edges, for the Chromium test's expectations. */
    static List<String> edgeClasses(String html) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("<path class=\"edge (verdict-[a-z]+)\"").matcher(html);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }
}
