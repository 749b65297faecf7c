package io.phoenixdiag.core.diag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Baselines: the file format, its errors, and what accepting does to a report. */
class BaselineTest {

    private static final Finding ERROR = Finding.builder("firewall.flow-blocked", Severity.ERROR)
            .title("host cannot reach Step-CA on tcp/9000").subject("host", "lxc:103").build();
    private static final Finding WARNING = Finding.builder("firewall.broad-ingress", Severity.WARNING)
            .title("Inbound rule accepts any source").subject("datacenter").build();

    @Test
    void findingIdAndFingerprintAreStableKeys() {
        assertEquals("firewall.flow-blocked@host,lxc:103", ERROR.findingId());
        assertEquals("x.y", Finding.builder("x.y", Severity.INFO).title("t").build().findingId());
        assertEquals("32 hex digits", ERROR.fingerprint().matches("[0-9a-f]{32}") ? "32 hex digits" : ERROR.fingerprint());
        // the SHA-256 of "firewall.flow-blocked\nhost\u001flxc:103\nhost cannot reach Step-CA on tcp/9000", first 16 bytes
        assertEquals(sha256Prefix("firewall.flow-blocked\nhost\u001flxc:103\nhost cannot reach Step-CA on tcp/9000"), ERROR.fingerprint());
        Finding reworded = Finding.builder("firewall.flow-blocked", Severity.CRITICAL).title(ERROR.title()).subject("host", "lxc:103")
                .message("new wording").location(Location.ofLine("a.json", 9, 1)).build();
        assertEquals(ERROR.fingerprint(), reworded.fingerprint(), "severity, message and locations do not count");
        assertFalse(ERROR.fingerprint().equals(WARNING.fingerprint()));
    }

    private static String sha256Prefix(String s) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < 16; i++) {
                sb.append(String.format("%02x", d[i]));
            }
            return sb.toString();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void acceptedFindingsLeaveTheFindingsAndTheExitCode() throws IOException {
        Report report = Report.builder().finding(ERROR).finding(WARNING).build();
        assertTrue(report.hasProblems());
        Baseline baseline = Baseline.parse("[{\"findingId\": \"firewall.flow-blocked@host,lxc:103\", \"justification\": \"CA moves next week\"}]",
                "baseline.json");
        Report applied = baseline.apply(report);
        assertFalse(applied.hasProblems());
        assertEquals(List.of(WARNING), applied.findings());
        assertEquals(List.of(new AcceptedFinding(ERROR, "CA moves next week", Optional.of(Location.ofPointer("baseline.json", "/0")))),
                applied.accepted());
        assertEquals(0, applied.count(Severity.ERROR));
        assertEquals(applied, ReportJson.read(ReportJson.write(applied)), "accepted findings round-trip through JSON");
        assertTrue(ReportRenderer.text(false).render(applied).contains(
                "ACCEPTED (1)\n  [firewall.flow-blocked] ERROR host cannot reach Step-CA on tcp/9000\n    subjects: host, lxc:103\n"
                        + "    accepted: CA moves next week (baseline.json#/0)\n"));
        assertTrue(ReportRenderer.text(false).render(applied).contains("; 1 accepted by the baseline\n"));
        assertTrue(ReportRenderer.markdown().render(applied).contains(
                "| ACCEPTED (ERROR) | `firewall.flow-blocked` | host cannot reach Step-CA on tcp/9000 | host, lxc:103 | CA moves next week (baseline.json#/0) |"));
    }

    @Test
    void fingerprintEntriesAndBothKeys() throws IOException {
        Report report = Report.builder().finding(ERROR).finding(WARNING).build();
        Baseline byPrint = Baseline.parse("[{\"fingerprint\": \"" + WARNING.fingerprint().toUpperCase() + "\", \"justification\": \"ok\"}]", "b");
        assertEquals(List.of(ERROR), byPrint.apply(report).findings());
        Baseline both = Baseline.parse("[{\"findingId\": \"" + ERROR.findingId() + "\", \"fingerprint\": \"" + WARNING.fingerprint()
                + "\", \"justification\": \"ok\"}]", "b");
        Report applied = both.apply(report);
        assertEquals(List.of("firewall.flow-blocked", "firewall.broad-ingress", "baseline.unmatched"),
                applied.findings().stream().map(Finding::checkId).toList(), "both keys must match the same finding");
    }

    @Test
    void staleEntryBecomesAnInfoFindingWithItsLocation() throws IOException {
        Report applied = Baseline.parse("[{\"findingId\": \"gone.check\", \"justification\": \"old\"}]", "ci/baseline.json")
                .apply(Report.builder().finding(WARNING).build());
        Finding stale = applied.findings().get(1);
        assertEquals(Baseline.UNMATCHED, stale.checkId());
        assertEquals(Severity.INFO, stale.severity());
        assertEquals("Baseline entry 1 accepts no finding", stale.title());
        assertEquals(List.of(Location.ofPointer("ci/baseline.json", "/0")), stale.locations());
        assertTrue(stale.message().startsWith("No finding of this report has findingId gone.check;"), stale.message());
        assertFalse(applied.hasProblems());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{}|b.json: expected a JSON array of {\"findingId\" or \"fingerprint\", \"justification\"} entries, found object",
            "[1]|b.json#/0: expected an object, found number",
            "[{\"findingId\": \"a\"}]|b.json#/0/justification: expected a non-empty justification: say why the finding is accepted",
            "[{\"findingId\": \"a\", \"justification\": \"  \"}]|b.json#/0/justification: expected a non-empty justification: say why the finding is accepted",
            "[{\"justification\": \"x\"}]|b.json#/0: expected a findingId or a fingerprint",
            "[{\"findingId\": \"\", \"justification\": \"x\"}]|b.json#/0/findingId: expected a non-empty findingId",
            "[{\"fingerprint\": \"abc\", \"justification\": \"x\"}]|b.json#/0/fingerprint: expected 32 hex digits",
            "[{\"findingId\": 3, \"justification\": \"x\"}]|b.json#/0/findingId: expected a string, found number",
            "[{\"findingId\": \"a\", \"justification\": \"x\", \"reason\": \"y\"}]|b.json#/0/reason: unknown field, expected only findingId, fingerprint and justification",
            "[{\"findingId\": \"a\",|b.json: not valid JSON at line 1, column 20",
            "[{\"findingId\": \"a\", \"findingId\": \"b\", \"justification\": \"x\"}]|b.json: duplicate key findingId at line 1, column 32",
            "' \n '|b.json: the file is empty, expected a JSON array of {\"findingId\" or \"fingerprint\", \"justification\"} entries",
    })
    void badFilesAreNamedPreciselyAndQuoteNothing(String json, String message) {
        BaselineFormatException e = assertThrows(BaselineFormatException.class, () -> Baseline.parse(json, "b.json"));
        assertEquals(message, e.getMessage());
    }

    @Test
    void readsFilesAndRejectsNonFiles(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("baseline.json");
        Files.writeString(file, "[{\"findingId\": \"a.b\", \"justification\": \"x\"}]");
        assertEquals(List.of(new Baseline.Entry("a.b", "", "x", Optional.of(Location.ofPointer(file.toString(), "/0")))),
                Baseline.read(file).entries());
        IOException e = assertThrows(IOException.class, () -> Baseline.read(dir));
        assertEquals(dir + ": not a regular file", e.getMessage());
    }

    @Test
    void publishedSchemaAgreesWithTheReader() throws IOException {
        Schema schema;
        try (InputStream in = Baseline.class.getResourceAsStream(Baseline.SCHEMA_RESOURCE)) {
            schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(in);
        }
        ObjectMapper m = new ObjectMapper();
        String good = "[{\"findingId\": \"a.b@x\", \"justification\": \"x\"}, {\"fingerprint\": \"" + ERROR.fingerprint()
                + "\", \"justification\": \"y\"}]";
        assertEquals(List.of(), schema.validate(m.readTree(good)));
        Baseline.parse(good, "b");
        for (String bad : List.of("{}", "[{\"findingId\": \"a\"}]", "[{\"justification\": \"x\"}]", "[{\"findingId\": \"a\", \"justification\": \" \"}]",
                "[{\"findingId\": \"a\", \"justification\": \"x\", \"more\": 1}]", "[{\"fingerprint\": \"xyz\", \"justification\": \"x\"}]")) {
            assertFalse(schema.validate(m.readTree(bad)).isEmpty(), bad);
            assertThrows(BaselineFormatException.class, () -> Baseline.parse(bad, "b"), bad);
        }
    }
}
