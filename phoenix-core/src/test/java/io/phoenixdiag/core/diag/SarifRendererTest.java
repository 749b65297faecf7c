package io.phoenixdiag.core.diag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * SARIF 2.1.0: validated against our own schema of the subset we write ({@code sarif/sarif-subset.schema.json},
 * written from the OASIS specification's sections; the OASIS schema itself is not copied into the repo, never
 * fetched) and checked for the mapping of findings to results.
 */
class SarifRendererTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Schema SCHEMA = load();

    private static Schema load() {
        try (InputStream in = SarifRendererTest.class.getResourceAsStream("sarif/sarif-subset.schema.json")) {
            if (in == null) {
                throw new AssertionError("the SARIF subset schema is missing from the test resources");
            }
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4).getSchema(in);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * Validates SARIF text against the SARIF 2.1.0 schema.
     *
     * @param sarif the text
     * @return the errors, empty when valid
     */
    static List<String> validate(String sarif) throws IOException {
        return SCHEMA.validate(MAPPER.readTree(sarif)).stream().map(Error::toString).toList();
    }

    @Test
    void schemaCopyRejectsWhatSarifForbids() throws IOException {
        assertFalse(validate("{\"version\": \"2.0.0\", \"runs\": []}").isEmpty());
        assertFalse(validate("{\"version\": \"2.1.0\", \"runs\": [{\"tool\": {\"driver\": {}}}]}").isEmpty(), "driver.name is required");
        assertEquals(List.of(), validate("{\"version\": \"2.1.0\", \"runs\": []}"));
    }

    @Test
    void smallReportIsValidSarifAndMatchesGolden() throws IOException {
        Report report = Reports.smallWithBaseline();
        String sarif = ReportRenderer.sarif().render(report);
        GoldenRenderTest.assertGolden("small-report.sarif", sarif);
        assertEquals(List.of(), validate(sarif));
        JsonNode run = MAPPER.readTree(sarif).get("runs").get(0);
        assertEquals("phoenix-doctor", run.at("/tool/driver/name").textValue());
        assertEquals("[\"baseline.unmatched\",\"config.file-missing\",\"firewall.flow-blocked\",\"firewall.rule-shadowed\","
                + "\"pki.private-key-readable\"]", MAPPER.valueToTree(run.at("/tool/driver/rules").findValuesAsText("id")).toString());
        JsonNode error = run.get("results").get(0);
        assertEquals("firewall.flow-blocked", error.get("ruleId").textValue());
        assertEquals(2, error.get("ruleIndex").intValue());
        assertEquals("error", error.get("level").textValue());
        assertEquals("{\"physicalLocation\":{\"artifactLocation\":{\"uri\":\"phoenix_lxc_configs.json\"}},"
                + "\"properties\":{\"jsonPointer\":\"/lxc_configs/103/firewall\"}}", error.get("locations").get(0).toString());
        JsonNode accepted = run.get("results").get(run.get("results").size() - 1);
        assertEquals("pki.private-key-readable", accepted.get("ruleId").textValue());
        assertEquals("{\"physicalLocation\":{\"artifactLocation\":{\"uri\":\"certificate-manifest.json\"},"
                + "\"region\":{\"startLine\":12,\"startColumn\":7}},\"properties\":{\"jsonPointer\":\"/certificates/0/key_mode\"}}",
                accepted.get("locations").get(0).toString());
        assertEquals("accepted", accepted.at("/suppressions/0/status").textValue());
        assertEquals("lab machine; key rotated daily (OPS-12)", accepted.at("/suppressions/0/justification").textValue());
        assertEquals(report.accepted().get(0).finding().fingerprint(),
                accepted.at("/partialFingerprints/phoenixFindingFingerprint~1v1").textValue());
        assertEquals("CRITICAL", accepted.at("/properties/severity").textValue());
    }

    @Test
    void fileNamesBecomeUriReferences() {
        assertEquals("sample-deployment/phoenix_lxc_configs.json", SarifRenderer.uri("sample-deployment/phoenix_lxc_configs.json"));
        assertEquals("/etc/pve/firewall/cluster.fw", SarifRenderer.uri("/etc/pve/firewall/cluster.fw"));
        assertEquals("%3Cstdin%3E", SarifRenderer.uri("<stdin>"));
        assertEquals("my%20dir/a%25b%C3%A9.json", SarifRenderer.uri("my dir/a%bé.json"));
        assertEquals("c%3A/x/y:z", SarifRenderer.uri("c:/x/y:z"));
    }

    @Property(tries = 150)
    void generatedReportsAreValidSarif(@ForAll("reports") Report report) throws IOException {
        Report withAccepted = Reports.acceptEveryOther(report, "because");
        String sarif = ReportRenderer.sarif().render(withAccepted);
        assertEquals(List.of(), validate(sarif));
        assertEquals(withAccepted.findings().size() + withAccepted.accepted().size(),
                MAPPER.readTree(sarif).at("/runs/0/results").size());
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<Report> reports() {
        return new ReportPropertiesTest().reports();
    }
}
