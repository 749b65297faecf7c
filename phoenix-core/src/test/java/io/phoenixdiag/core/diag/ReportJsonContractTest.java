package io.phoenixdiag.core.diag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The JSON contract: field names, order and values, the published schema, and reading back. */
class ReportJsonContractTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static final Schema SCHEMA = loadSchema();

    private static Schema loadSchema() {
        try (InputStream in = Report.class.getResourceAsStream(Report.SCHEMA_RESOURCE)) {
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(in);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static Schema schema() {
        return SCHEMA;
    }

    static List<String> validate(String json) throws IOException {
        return schema().validate(MAPPER.readTree(json)).stream().map(Error::toString).toList();
    }

    private static List<String> fields(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void smallReportMatchesTheSchemaAndTheDocumentedFields() throws IOException {
        String json = ReportJson.write(SampleReports.small());
        assertEquals(List.of(), validate(json));

        JsonNode root = MAPPER.readTree(json);
        assertEquals(List.of("schemaVersion", "tool", "subject", "counts", "findings", "flows", "nodes", "roles", "notRun"), fields(root));
        assertEquals(1, root.get("schemaVersion").intValue());
        assertEquals(List.of("name", "version"), fields(root.get("tool")));
        assertEquals("/etc/phoenix", root.get("subject").textValue());
        assertEquals(List.of("INFO", "WARNING", "ERROR", "CRITICAL"), fields(root.get("counts")));

        JsonNode error = root.get("findings").get(1);
        assertEquals(List.of("checkId", "severity", "title", "message", "subjects", "evidence", "remediation", "locations"), fields(error));
        assertEquals("firewall.flow-blocked", error.get("checkId").textValue());
        assertEquals("ERROR", error.get("severity").textValue());
        assertEquals("[\"lxc:102\",\"lxc:103\",\"10.0.0.10:9000/tcp\"]", error.get("subjects").toString());
        assertEquals("{\"text\":\"no IN rule of lxc:103 accepts tcp/9000 from 10.0.0.12\",\"location\":{\"file\":"
                + "\"phoenix_lxc_configs.json\",\"pointer\":\"/lxc_configs/103/firewall/rules\"}}", error.get("evidence").get(0).toString());
        assertEquals("{\"text\":\"lxc:103 policy_in is DROP (Proxmox default)\"}", error.get("evidence").get(1).toString());
        JsonNode critical = root.get("findings").get(0);
        assertEquals("{\"file\":\"certificate-manifest.json\",\"pointer\":\"/certificates/0/key_mode\",\"line\":12,\"column\":7}",
                critical.get("locations").get(0).toString());

        JsonNode flow = root.get("flows").get(1);
        assertEquals(List.of("id", "source", "destination", "protocol", "port", "scheme", "purpose", "impliedBy", "active", "verdicts", "summary"),
                fields(flow));
        assertEquals("lxc:101->lxc:102/tcp/80", flow.get("id").textValue());
        assertEquals(80, flow.get("port").intValue());
        assertEquals("ALLOWED", flow.get("summary").textValue());
        assertEquals("{\"layer\":\"iptables\",\"state\":\"UNKNOWN\",\"decidedBy\":\"ipset PVEFW-0-management-v4 contents not given\","
                + "\"location\":{\"file\":\"iptables-save.txt\",\"line\":42}}", flow.get("verdicts").get(1).toString());
        assertEquals("BLOCKED_DESTINATION_INGRESS", root.get("flows").get(2).get("summary").textValue());
        assertEquals("UNKNOWN", root.get("flows").get(3).get("summary").textValue());
        assertEquals("[]", root.get("flows").get(3).get("verdicts").toString());
        assertEquals(false, root.get("flows").get(4).get("active").booleanValue());

        assertEquals("{\"id\":\"vm:9000\",\"label\":\"Template | \\\"base\\\" <ubuntu>\",\"address\":\"\",\"kind\":\"vm\",\"active\":false}",
                root.get("nodes").get(5).toString());
        assertEquals("{\"subject\":\"lxc:103\",\"role\":\"ca\",\"reason\":\"feature step_ca\"}", root.get("roles").get(2).toString());
        assertEquals("[{\"what\":\"net.iptables-verdicts\",\"why\":\"needs IptablesRuleSet\"}]", root.get("notRun").toString());
        assertTrue(json.endsWith("}\n"));
        assertTrue(json.contains("\n    {\n      \"checkId\": \"pki.private-key-readable\",\n"), "two-space indentation, \": \" separator");
    }

    @Test
    void schemaRejectsWhatTheContractForbids() throws IOException {
        ObjectNode root = (ObjectNode) MAPPER.readTree(ReportJson.write(SampleReports.small()));
        ((ObjectNode) root.get("findings").get(0)).put("severity", "FATAL");
        ((ObjectNode) root.get("findings").get(1)).remove("checkId");
        ((ObjectNode) root.get("findings").get(2).get("locations").get(0)).put("line", 0);
        ((ObjectNode) root.get("flows").get(0)).put("port", 70000);
        root.put("schemaVersion", 2);
        List<Error> errors = schema().validate(root);
        assertEquals(List.of("/findings/0/severity", "/findings/1", "/findings/2/locations/0/line", "/flows/0/port", "/schemaVersion"),
                errors.stream().map(e -> e.getInstanceLocation().toString()).sorted().toList());
    }

    @Test
    void roundTripsAndIgnoresUnknownAndDerivedFields() throws IOException {
        Report small = SampleReports.small();
        assertEquals(small, ReportJson.read(ReportJson.write(small)));
        assertEquals(small, ReportJson.read(new StringReader(ReportJson.write(small))));

        ObjectNode root = (ObjectNode) MAPPER.readTree(ReportJson.write(small));
        root.put("addedLater", "ignored");
        ((ObjectNode) root.get("counts")).put("ERROR", 99);
        ((ObjectNode) root.get("flows").get(0)).put("summary", "BLOCKED");
        Report read = ReportJson.read(root.toString());
        assertEquals(small, read);
        assertEquals(FlowState.ALLOWED, read.flows().get(0).summary());
    }

    @Test
    void readErrorsNameTheLocationAndWhatWasExpected() {
        String truncated = assertThrows(ReportFormatException.class, () -> ReportJson.read("{\"schemaVersion\": 1")).getMessage();
        assertTrue(truncated.startsWith("report: not valid JSON at line 1, column 20: Unexpected end-of-input"), truncated);
        assertEquals("report at /schemaVersion: unsupported schema version 2, this reader understands 1",
                assertThrows(ReportFormatException.class, () -> ReportJson.read("{\"schemaVersion\": 2}")).getMessage());
        assertEquals("report: empty input, expected a JSON object",
                assertThrows(ReportFormatException.class, () -> ReportJson.read("")).getMessage());
        assertEquals("report: expected an object, found array",
                assertThrows(ReportFormatException.class, () -> ReportJson.read("[]")).getMessage());

        String json = ReportJson.write(SampleReports.small());
        ReportFormatException port = assertThrows(ReportFormatException.class,
                () -> ReportJson.read(json.replace("\"port\": 80,", "\"port\": \"80\",")));
        assertEquals("/flows/1/port", port.pointer());
        assertEquals("report at /flows/1/port: expected an integer, found string", port.getMessage());
        assertEquals("report at /findings/0/severity: unknown severity value (see docs/report-contract.md)",
                assertThrows(ReportFormatException.class, () -> ReportJson.read(json.replace("\"CRITICAL\",", "\"FATAL\","))).getMessage());
        assertEquals("report at /findings/1/checkId: missing, expected checkId",
                assertThrows(ReportFormatException.class, () -> ReportJson.read(json.replace("\"checkId\": \"firewall.flow-blocked\",", ""))).getMessage());
        assertEquals("report at /flows/0/verdicts/0/layer: unknown layer value (see docs/report-contract.md)",
                assertThrows(ReportFormatException.class, () -> ReportJson.read(json.replaceFirst("\"layer\": \"intent\"", "\"layer\": \"guess\""))).getMessage());
        ReportFormatException dup = assertThrows(ReportFormatException.class,
                () -> ReportJson.read(json.replaceFirst("\"subject\": \"/etc/phoenix\",", "\"subject\": \"a\", \"subject\": \"b\",")));
        assertTrue(dup.getMessage().startsWith("report: not valid JSON at line 7, column "), dup.getMessage());
        assertTrue(dup.getMessage().contains("Duplicate field 'subject'"), dup.getMessage());
        ReportFormatException badId = assertThrows(ReportFormatException.class,
                () -> ReportJson.read(json.replace("\"firewall.flow-blocked\"", "\"Firewall\"")));
        assertEquals("report at /findings/1: invalid value: checkId must be dotted lower-case: Firewall", badId.getMessage());
    }
}
