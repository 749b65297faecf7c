package io.phoenixdiag.core.diag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.phoenixdiag.core.analysis.Diagnosis;
import io.phoenixdiag.core.testing.Fixtures;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The report of the real deployment ({@code ../shared/reference/phoenix}) in every format: the JSON
 * validates against the published schema, the SARIF against the SARIF 2.1.0 schema, the JUnit XML is
 * well-formed with one case per finding, the HTML holds only the renderer's markup.
 */
class ReferenceReportFormatsTest {

    private static Report report;

    @BeforeAll
    static void diagnose() {
        report = Diagnosis.of(Fixtures.reference()).run();
    }

    @Test
    void jsonValidatesAgainstThePublishedSchema() throws IOException {
        assertTrue(report.findings().size() > 10, "the reference deployment has many findings");
        assertEquals(List.of(), ReportJsonContractTest.validate(ReportJson.write(report)));
        Report accepted = Reports.acceptEveryOther(report, "reviewed");
        assertEquals(List.of(), ReportJsonContractTest.validate(ReportJson.write(accepted)));
        assertEquals(accepted, ReportJson.read(ReportJson.write(accepted)));
    }

    @Test
    void sarifValidatesAgainstTheSarifSchema() throws IOException {
        assertEquals(List.of(), SarifRendererTest.validate(ReportRenderer.sarif().render(Reports.acceptEveryOther(report, "ok"))));
    }

    @Test
    void junitHasOneCasePerFinding() throws Exception {
        var d = JunitXmlRendererTest.parse(ReportRenderer.junitXml().render(report));
        assertEquals(report.findings().size(), d.getElementsByTagName("testcase").getLength());
        assertEquals(report.findings().stream().filter(f -> f.severity().isProblem()).count(),
                d.getElementsByTagName("failure").getLength());
    }

    @Test
    void htmlHoldsOnlyTheRenderersMarkupAndEveryFlow() {
        String html = ReportRenderer.html().render(report);
        HtmlRendererTest.assertOnlyOwnMarkup(html);
        assertEquals(report.flows().size(), HtmlRendererTest.edgeClasses(html).size());
    }
}
