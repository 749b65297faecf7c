package io.phoenixdiag.examples.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.phoenixdiag.core.analysis.Diagnosis;
import io.phoenixdiag.core.config.PhoenixLoader;
import io.phoenixdiag.core.config.SecretOccurrence;
import io.phoenixdiag.core.diag.Report;
import io.phoenixdiag.core.diag.ReportJson;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PhoenixDoctorTest {

    /** The result of one run of the program. */
    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = PhoenixDoctor.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static Path shared() {
        Path shared = Path.of(System.getProperty("phoenix.shared", "../../shared"));
        if (!Files.isDirectory(shared.resolve("reference/phoenix"))) {
            Assumptions.assumeFalse(!"true".equals(System.getenv("CI")), "../shared is not here");
            throw new AssertionError("CI=true but ../shared/reference/phoenix is missing: " + shared.toAbsolutePath());
        }
        return shared;
    }

    @ParameterizedTest
    @ValueSource(strings = {"text", "json", "markdown"})
    void bundledSampleMatchesGoldenFile(String format) throws Exception {
        Run r = run("--format", format);
        assertEquals(1, r.code(), r.err());
        assertEquals("", r.err());
        String actual = r.out().replace("phoenix-diagnostics " + Diagnosis.version(), "phoenix-diagnostics VERSION")
                .replace("\"version\" : \"" + Diagnosis.version() + "\"", "\"version\" : \"VERSION\"");
        Path golden = Path.of("src/test/resources/golden/sample." + (format.equals("markdown") ? "md" : format
                .equals("json") ? "json" : "txt"));
        if (Boolean.getBoolean("phoenix.updateGolden")) {
            Files.writeString(golden, actual);
        }
        assertEquals(Files.readString(golden), actual, "golden file " + golden
                + " differs; rerun with -Dphoenix.updateGolden=true after checking the change");
    }

    @Test
    void noSubcommandRunsDoctorOnTheSampleAndExitsOne() {
        Run r = run();
        assertEquals(1, r.code());
        assertTrue(r.out().startsWith("Phoenix diagnosis: sample-deployment\n"), r.out());
        assertTrue(r.out().contains("Traefik-Internal (192.0.2.12) cannot reach wiki (192.0.2.120) on tcp/3000"));
        assertEquals(r.out(), run("doctor").out());
    }

    @Test
    void jsonReportReadsBackAndNamesTheBlockedFlows() throws Exception {
        Report report = ReportJson.read(run("--format", "json").out());
        assertEquals(1, report.schemaVersion());
        assertEquals("BLOCKED_DESTINATION_INGRESS", report.flow("lxc:102->lxc:120/tcp/3000").orElseThrow()
                .summary().name());
        assertEquals("ALLOWED", report.flow("lxc:101->lxc:102/tcp/80").orElseThrow().summary().name());
        assertTrue(report.hasProblems());
    }

    @ParameterizedTest
    @ValueSource(strings = {"text", "json", "markdown"})
    void sampleSecretsAppearInNoFormat(String format) {
        String out = run("--format", format).out();
        for (String secret : List.of("Sample-Plaintext-Pass-7", "Sample-Stack-Secret-3")) {
            assertFalse(out.contains(secret), format + " output leaks " + secret.substring(0, 6) + "...");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"text", "json", "markdown"})
    void referenceSecretsAppearInNoFormat(String format) {
        Path ref = shared().resolve("reference/phoenix");
        Run r = run("--config", ref.toString(), "--format", format);
        assertEquals(1, r.code(), r.err());
        List<SecretOccurrence> secrets = PhoenixLoader.loadDirectory(ref).value().secrets();
        assertEquals(5, secrets.size());
        for (SecretOccurrence s : secrets) {
            String value = s.value().reveal();
            if (value.length() >= 4) {
                assertFalse(r.out().contains(value), format + " output leaks the value of " + s.location());
            }
        }
    }

    @Test
    void missingConfigDirectoryIsAUsageErrorOnOneLine() {
        Run r = run("--config", "/nonexistent/phoenix");
        assertEquals(2, r.code());
        assertEquals("", r.out());
        assertEquals("phoenix-doctor: --config /nonexistent/phoenix: not a directory\n", r.err());
    }

    @Test
    void unknownFormatIsAUsageError() {
        Run r = run("--format", "xml");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("phoenix-doctor: --format: "), r.err());
        assertEquals(1, r.err().lines().count());
    }

    @Test
    void unknownOptionIsAUsageError() {
        Run r = run("--bogus");
        assertEquals(2, r.code());
        assertEquals("phoenix-doctor: Unknown option: '--bogus' (try --help)\n", r.err());
    }

    @Test
    void brokenRolesFileNamesFileAndPointer(@TempDir Path tmp) throws Exception {
        Path roles = tmp.resolve("roles.json");
        Files.writeString(roles, "{\"roles\": [{\"subject\": \"lxc:101\", \"role\": \"janitor\"}]}");
        Run r = run("--roles", roles.toString());
        assertEquals(2, r.code());
        assertEquals("phoenix-doctor: --roles: " + roles + "#/roles/0/role: unknown role 'janitor': expected one of"
                + " gateway, router, ca, dns, portainer-server, portainer-agent, nfs-server, backend\n", r.err());
    }

    @Test
    void rolesFileOverridesInferredRoles(@TempDir Path tmp) throws Exception {
        Path roles = tmp.resolve("roles.json");
        Files.writeString(roles, "{\"roles\": [{\"subject\": \"lxc:120\", \"role\": \"backend\"},"
                + " {\"subject\": \"lxc:120\", \"role\": \"router\"}]}");
        Report report = ReportJson.read(run("--roles", roles.toString(), "--format", "json").out());
        assertTrue(report.roles().stream().anyMatch(r -> r.subject().equals("lxc:120") && r.role().equals("router")
                && r.reason().equals("declared in " + roles + "#/roles/1")));
        assertTrue(report.flow("lxc:120->lxc:103/tcp/9000").isPresent(), "the new router reaches every backend");
    }

    @Test
    void outputFileReceivesTheReport(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("report.md");
        Run r = run("--format", "markdown", "--output", out.toString());
        assertEquals(1, r.code());
        assertEquals("", r.out());
        assertTrue(Files.readString(out).contains("```mermaid"));
    }

    @Test
    void versionAndHelpExitZero() {
        Run v = run("--version");
        assertEquals(0, v.code());
        assertEquals("phoenix-doctor " + Diagnosis.version() + "\n", v.out());
        Run h = run("--help");
        assertEquals(0, h.code());
        assertTrue(h.out().contains("doctor"), h.out());
    }
}
