package io.phoenixdiag.examples.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.phoenixdiag.core.analysis.Diagnosis;
import io.phoenixdiag.core.diag.Report;
import io.phoenixdiag.core.diag.ReportJson;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The HTML, JUnit XML and SARIF reports of the bundled sample, and the JSON schema on the sample and reference. */
class ReportFormatsDoctorTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    static Schema schema(InputStream in, SpecificationVersion version) {
        return SchemaRegistry.withDefaultDialect(version).getSchema(in);
    }

    static List<String> validateReport(String json) throws Exception {
        try (InputStream in = Report.class.getResourceAsStream(Report.SCHEMA_RESOURCE)) {
            return schema(in, SpecificationVersion.DRAFT_7).validate(MAPPER.readTree(json)).stream().map(Error::toString).toList();
        }
    }

    static List<String> validateSarif(String sarif) throws Exception {
        // our own schema of the SARIF 2.1.0 subset we write (kept with phoenix-core's tests); never fetched
        Path file = Path.of("../phoenix-core/src/test/resources/io/phoenixdiag/core/diag/sarif/sarif-subset.schema.json");
        try (InputStream in = Files.newInputStream(file)) {
            return schema(in, SpecificationVersion.DRAFT_4).validate(MAPPER.readTree(sarif)).stream().map(Error::toString).toList();
        }
    }

    /** The output with the SDK version replaced by VERSION, so the golden files do not change with releases. */
    static String normalised(String out) {
        String v = Diagnosis.version();
        return out.replace("phoenix-doctor " + v, "phoenix-doctor VERSION").replace("\"version\" : \"" + v + "\"", "\"version\" : \"VERSION\"")
                .replace("\"version\": \"" + v + "\"", "\"version\": \"VERSION\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"html", "junit", "sarif"})
    void bundledSampleMatchesGoldenFile(String format) throws Exception {
        PhoenixDoctorTest.Run r = PhoenixDoctorTest.run("--format", format);
        assertEquals(1, r.code(), r.err());
        assertEquals("", r.err());
        String actual = normalised(r.out());
        Path golden = Path.of("src/test/resources/golden/sample." + (format.equals("junit") ? "junit.xml" : format));
        if (Boolean.getBoolean("phoenix.updateGolden")) {
            Files.writeString(golden, actual, StandardCharsets.UTF_8);
        }
        assertEquals(Files.readString(golden, StandardCharsets.UTF_8), actual, "golden file " + golden
                + " differs; rerun with -Dphoenix.updateGolden=true after checking the change");
    }

    @ParameterizedTest
    @ValueSource(strings = {"html", "junit", "sarif"})
    void sampleSecretsAppearInNoNewFormat(String format) {
        String out = PhoenixDoctorTest.run("--format", format, "--verbose").out();
        for (String secret : List.of("Sample-Plaintext-Pass-7", "Sample-Stack-Secret-3")) {
            assertFalse(out.contains(secret), format + " output leaks " + secret.substring(0, 6) + "...");
        }
    }

    @Test
    void sampleJsonValidatesAgainstThePublishedSchema() throws Exception {
        assertEquals(List.of(), validateReport(PhoenixDoctorTest.run("--format", "json").out()));
    }

    @Test
    void referenceJsonValidatesAgainstThePublishedSchema() throws Exception {
        Path ref = PhoenixDoctorTest.shared().resolve("reference/phoenix");
        PhoenixDoctorTest.Run r = PhoenixDoctorTest.run("--config", ref.toString(), "--format", "json");
        assertEquals(1, r.code(), r.err());
        assertEquals(List.of(), validateReport(r.out()));
        PhoenixDoctorTest.Run sarif = PhoenixDoctorTest.run("--config", ref.toString(), "--format", "sarif");
        assertEquals(List.of(), validateSarif(sarif.out()));
    }

    @Test
    void sampleSarifIsValidAndNamesItsRules() throws Exception {
        String sarif = PhoenixDoctorTest.run("--format", "sarif").out();
        assertEquals(List.of(), validateSarif(sarif));
        JsonNode run = MAPPER.readTree(sarif).at("/runs/0");
        Report report = ReportJson.read(PhoenixDoctorTest.run("--format", "json").out());
        assertEquals(report.findings().size(), run.get("results").size());
        assertEquals(report.findings().stream().map(f -> f.checkId()).distinct().sorted().toList(),
                run.at("/tool/driver/rules").findValuesAsText("id"));
        JsonNode first = run.get("results").get(0);
        assertEquals("firewall.flow-blocked", first.get("ruleId").textValue());
        assertEquals("error", first.get("level").textValue());
        assertEquals("{\"uri\":\"sample-deployment/phoenix_lxc_configs.json\"}", first.at("/locations/0/physicalLocation/artifactLocation").toString());
        assertEquals("{\"startLine\":59,\"startColumn\":25}", first.at("/locations/0/physicalLocation/region").toString());
    }

    @Test
    void sampleJunitHasOneFailurePerErrorFinding() throws Exception {
        String xml = PhoenixDoctorTest.run("--format", "junit").out();
        Report report = ReportJson.read(PhoenixDoctorTest.run("--format", "json").out());
        javax.xml.parsers.DocumentBuilderFactory f = javax.xml.parsers.DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        org.w3c.dom.Document d = f.newDocumentBuilder().parse(new java.io.ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        assertEquals(report.findings().size(), d.getElementsByTagName("testcase").getLength());
        assertEquals(8, d.getElementsByTagName("failure").getLength());
        assertEquals("8", d.getDocumentElement().getAttribute("failures"));
    }

    @Test
    void htmlIsOneOfflineFile() {
        String html = PhoenixDoctorTest.run("--format", "html").out();
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        for (String forbidden : List.of("<script", "<link", "src=", "href=", "=\"http", "url(http", "url(//", "@import")) {
            assertFalse(html.contains(forbidden), forbidden);
        }
    }
}
