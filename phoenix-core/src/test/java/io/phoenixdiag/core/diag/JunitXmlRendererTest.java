package io.phoenixdiag.core.diag;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** JUnit XML: well-formed, the Ant shape CI systems read, one test case per finding. */
class JunitXmlRendererTest {

    static Document parse(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<Element> elements(Document d, String name) {
        NodeList list = d.getElementsByTagName(name);
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < list.getLength(); i++) {
            out.add((Element) list.item(i));
        }
        return out;
    }

    @Test
    void smallReportMatchesGoldenAndTheAntShape() throws Exception {
        Report report = Reports.smallWithBaseline();
        String xml = ReportRenderer.junitXml().render(report);
        GoldenRenderTest.assertGolden("small-report.junit.xml", xml);
        Document d = parse(xml);
        Element root = d.getDocumentElement();
        assertEquals("testsuites", root.getTagName());
        assertEquals("5", root.getAttribute("tests"), "4 findings left (3 + baseline.unmatched) and 1 accepted");
        assertEquals("1", root.getAttribute("failures"), "only the ERROR fails; the CRITICAL is accepted");
        assertEquals("1", root.getAttribute("skipped"));
        assertEquals(List.of("baseline.unmatched", "config.file-missing", "firewall.flow-blocked", "firewall.rule-shadowed",
                "pki.private-key-readable"), elements(d, "testsuite").stream().map(e -> e.getAttribute("name")).toList());
        List<Element> cases = elements(d, "testcase");
        assertEquals(5, cases.size());
        Element failure = elements(d, "failure").get(0);
        assertEquals("ERROR", failure.getAttribute("type"));
        assertEquals("Traefik cannot reach Step-CA on tcp/9000", failure.getAttribute("message"));
        assertEquals("firewall.flow-blocked", ((Element) failure.getParentNode()).getAttribute("classname"));
        Element skipped = elements(d, "skipped").get(0);
        assertEquals("accepted: lab machine; key rotated daily (OPS-12) (baseline.json#/0)", skipped.getAttribute("message"));
        assertEquals("pki.private-key-readable", ((Element) skipped.getParentNode()).getAttribute("classname"));
    }

    @Test
    void emptyReportHasOnePassingCase() throws Exception {
        Document d = parse(ReportRenderer.junitXml().render(Report.builder().build()));
        assertEquals("1", d.getDocumentElement().getAttribute("tests"));
        assertEquals("no findings", elements(d, "testcase").get(0).getAttribute("name"));
        assertEquals(0, elements(d, "failure").size());
    }

    @Test
    void sameTitleTwiceGetsDistinctNames() throws Exception {
        Finding a = Finding.builder("x.y", Severity.WARNING).title("same").subject("a").build();
        Finding b = Finding.builder("x.y", Severity.WARNING).title("same").subject("b").build();
        Document d = parse(ReportRenderer.junitXml().render(Report.builder().finding(a).finding(b).build()));
        assertEquals(List.of("same", "same (2)"), elements(d, "testcase").stream().map(e -> e.getAttribute("name")).toList());
        assertEquals(2, elements(d, "system-out").size());
    }

    @Property(tries = 150)
    void generatedReportsAreWellFormedWithOneCasePerFinding(@ForAll("reports") Report report) throws Exception {
        Report withAccepted = Reports.acceptEveryOther(report, "]]></skipped><x>");
        Document d = parse(ReportRenderer.junitXml().render(withAccepted));
        int findings = withAccepted.findings().size() + withAccepted.accepted().size();
        assertEquals(Math.max(1, findings), elements(d, "testcase").size());
        assertEquals(withAccepted.findings().stream().filter(f -> f.severity().isProblem()).count(), elements(d, "failure").size());
        assertEquals(withAccepted.accepted().size(), elements(d, "skipped").size());
        assertEquals(0, elements(d, "x").size(), "no injected element");
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<Report> reports() {
        return new ReportPropertiesTest().reports();
    }
}
