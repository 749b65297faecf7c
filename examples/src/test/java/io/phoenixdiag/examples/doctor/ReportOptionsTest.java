package io.phoenixdiag.examples.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.phoenixdiag.core.analysis.Diagnosis;
import io.phoenixdiag.core.diag.Finding;
import io.phoenixdiag.core.diag.NotRun;
import io.phoenixdiag.core.diag.Report;
import io.phoenixdiag.core.diag.ReportJson;
import io.phoenixdiag.core.diag.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code --only}, {@code --skip}, {@code --baseline}, {@code --verbose}, {@code --version} and the exit codes. */
class ReportOptionsTest {

    private static Report json(String... args) throws Exception {
        String[] all = new String[args.length + 2];
        all[0] = "--format";
        all[1] = "json";
        System.arraycopy(args, 0, all, 2, args.length);
        PhoenixDoctorTest.Run r = PhoenixDoctorTest.run(all);
        return ReportJson.read(r.out());
    }

    private static List<String> checkIds(Report r) {
        return r.findings().stream().map(Finding::checkId).distinct().sorted().toList();
    }

    @Test
    void onlyByNamespaceAndByFindingId() throws Exception {
        Report all = json();
        assertEquals(List.of("firewall.broad-ingress", "firewall.datacenter-rule-for-guest", "firewall.duplicate-rule",
                "firewall.flow-blocked", "manifest.key-readable-by-others", "pki.ca-state-shared", "router.scheme-mismatch",
                "secrets.plaintext"), checkIds(all));
        assertEquals(List.of("secrets.plaintext"), checkIds(json("--only", "secrets")));
        assertEquals(List.of("firewall.broad-ingress", "firewall.datacenter-rule-for-guest", "firewall.duplicate-rule",
                "firewall.flow-blocked"), checkIds(json("--only", "firewall")));
        Report onlyTwo = json("--only", "pki.ca-state-shared,router.scheme-mismatch");
        assertEquals(List.of("pki.ca-state-shared", "router.scheme-mismatch"), checkIds(onlyTwo));
        assertTrue(onlyTwo.notRun().contains(NotRun.of("findings other than pki.ca-state-shared, router.scheme-mismatch",
                "left out at the user's request (--only)")));
        assertEquals(all.flows(), onlyTwo.flows(), "filters change findings, not the flow matrix");
    }

    @Test
    void checkIdSelectsTheFindingsThatCheckMakes() throws Exception {
        // the check manifest.key-mode makes manifest.key-readable-by-others findings
        assertEquals(List.of("manifest.key-readable-by-others"), checkIds(json("--only", "manifest.key-mode")));
        Report skipped = json("--skip", "manifest.key-mode", "--skip", "secrets");
        assertFalse(checkIds(skipped).contains("manifest.key-readable-by-others"));
        assertFalse(checkIds(skipped).contains("secrets.plaintext"));
        assertTrue(skipped.notRun().contains(NotRun.of("manifest.key-mode", "skipped at the user's request (--skip)")));
        assertEquals(9, skipped.findings().size(), "12 findings less 1 of manifest.key-mode and 2 of secrets");
    }

    @Test
    void unknownIdIsAUsageErrorListingTheKnownIds() {
        PhoenixDoctorTest.Run r = PhoenixDoctorTest.run("--skip", "firewal.flow-blocked");
        assertEquals(2, r.code());
        assertEquals("", r.out());
        assertTrue(r.err().startsWith("phoenix-doctor: --skip firewal.flow-blocked: unknown check id; known check ids: "
                + "config.network-values, dns.no-nameserver, evidence.archive, evidence.clock-skew, "), r.err());
        assertTrue(r.err().contains("; namespaces: baseline, capture, config, diag, dns, evidence, firewall, gateway, iptables, kernlog, live, manifest, pki, "), r.err());
        assertEquals(1, r.err().lines().count());
        PhoenixDoctorTest.Run bad = PhoenixDoctorTest.run("--only", "Firewall");
        assertEquals(2, bad.code());
        assertEquals("phoenix-doctor: --only 'Firewall': a check id is dotted lower-case, e.g. firewall.flow-blocked\n", bad.err());
    }

    @Test
    void emptyIdsAreAUsageErrorLikeAnEmptyOnly() {
        String msg = "phoenix-doctor: --only '': a check id is dotted lower-case, e.g. firewall.flow-blocked\n";
        assertEquals(new PhoenixDoctorTest.Run(2, "", msg), PhoenixDoctorTest.run("--only", ",,,"));
        assertEquals(new PhoenixDoctorTest.Run(2, "", msg), PhoenixDoctorTest.run("--only", ""));
        assertEquals(new PhoenixDoctorTest.Run(2, "", msg), PhoenixDoctorTest.run("--only", "firewall,"));
        assertEquals(new PhoenixDoctorTest.Run(2, "", msg.replace("--only", "--skip")),
                PhoenixDoctorTest.run("--skip", "pki,,dns"));
    }

    @Test
    void onlyWhatSkipLeavesOutIsAUsageErrorNamingTheOverlap() {
        assertEquals(new PhoenixDoctorTest.Run(2, "", "phoenix-doctor: --only firewall is also left out by --skip"
                + " firewall: nothing of it could be reported\n"), PhoenixDoctorTest.run("--only", "firewall", "--skip", "firewall"));
        assertEquals(new PhoenixDoctorTest.Run(2, "", "phoenix-doctor: --only firewall.flow-blocked is also left out"
                + " by --skip pki,firewall: nothing of it could be reported\n"),
                PhoenixDoctorTest.run("--only", "dns,firewall.flow-blocked", "--skip", "pki,firewall"));
        PhoenixDoctorTest.Run narrower = PhoenixDoctorTest.run("--only", "firewall", "--skip", "firewall.broad-ingress");
        assertEquals("", narrower.err());
        assertEquals(1, narrower.code());
    }

    @Test
    void baselineAcceptsFindingsAndTheExitCodeFollows(@TempDir Path tmp) throws Exception {
        Report all = json();
        StringBuilder sb = new StringBuilder("[\n");
        List<Finding> problems = all.findings().stream().filter(f -> f.severity().isProblem()).toList();
        for (int i = 0; i < problems.size(); i++) {
            Finding f = problems.get(i);
            sb.append(i % 2 == 0 ? "  {\"findingId\": " + quote(f.findingId()) : "  {\"fingerprint\": \"" + f.fingerprint() + "\"")
                    .append(", \"justification\": \"accepted in review ").append(i).append("\"}").append(i + 1 < problems.size() ? ",\n" : "\n");
        }
        Path baseline = Files.writeString(tmp.resolve("baseline.json"), sb.append("]\n").toString());
        PhoenixDoctorTest.Run r = PhoenixDoctorTest.run("--baseline", baseline.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("Summary: 0 CRITICAL, 0 ERROR, 4 WARNING, 0 INFO; no problems found; 8 accepted by the baseline\n"), r.out());
        assertTrue(r.out().contains("\nACCEPTED (8)\n  [firewall.flow-blocked] ERROR "), r.out());
        assertTrue(r.out().contains("    accepted: accepted in review 0 (" + baseline + "#/0)\n"), r.out());
        Report accepted = json("--baseline", baseline.toString());
        assertEquals(8, accepted.accepted().size());
        assertFalse(accepted.hasProblems());
        assertTrue(PhoenixDoctorTest.run("--baseline", baseline.toString(), "--format", "html").out()
                .contains("<span class=\"badge accepted\">ACCEPTED</span>"));
        assertTrue(PhoenixDoctorTest.run("--baseline", baseline.toString(), "--format", "junit").out().contains("<skipped message=\"accepted: accepted in review 1 ("));
        assertTrue(PhoenixDoctorTest.run("--baseline", baseline.toString(), "--format", "sarif").out().contains("\"status\": \"accepted\""));
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    @Test
    void badBaselineIsAUsageErrorNamingFileAndPointer(@TempDir Path tmp) throws Exception {
        Path baseline = Files.writeString(tmp.resolve("b.json"), "[{\"findingId\": \"secrets.plaintext\", \"justification\": \"\"}]");
        PhoenixDoctorTest.Run r = PhoenixDoctorTest.run("--baseline", baseline.toString());
        assertEquals(2, r.code());
        assertEquals("", r.out());
        assertEquals("phoenix-doctor: --baseline: " + baseline + "#/0/justification: expected a non-empty justification:"
                + " say why the finding is accepted\n", r.err());
        PhoenixDoctorTest.Run missing = PhoenixDoctorTest.run("--baseline", tmp.resolve("none.json").toString());
        assertEquals(2, missing.code());
        assertEquals("phoenix-doctor: --baseline: " + tmp.resolve("none.json") + ": not a regular file\n", missing.err());
    }

    @Test
    void staleBaselineEntryIsAnInfoFindingAndKeepsTheExitCode(@TempDir Path tmp) throws Exception {
        Path baseline = Files.writeString(tmp.resolve("b.json"), "[{\"findingId\": \"secrets.gone\", \"justification\": \"old\"}]");
        Report r = json("--baseline", baseline.toString());
        assertEquals(1, r.findings().stream().filter(f -> f.checkId().equals("baseline.unmatched")).count());
        assertEquals(1, PhoenixDoctorTest.run("--baseline", baseline.toString()).code());
    }

    @Test
    void verboseNotesGoToStandardErrorOnly() throws Exception {
        PhoenixDoctorTest.Run quiet = PhoenixDoctorTest.run("--only", "secrets");
        PhoenixDoctorTest.Run loud = PhoenixDoctorTest.run("--only", "secrets", "--verbose");
        assertEquals(quiet.out(), loud.out());
        assertEquals("", quiet.err());
        Report r = json("--only", "secrets");
        List<String> lines = loud.err().lines().toList();
        assertTrue(lines.get(0).startsWith("phoenix-doctor: checks: config.network-values, "), lines.get(0));
        assertEquals("phoenix-doctor: --only/--skip left out 10 finding(s)", lines.get(1));
        assertEquals("phoenix-doctor: ERROR " + r.findings().get(0).findingId() + " fingerprint " + r.findings().get(0).fingerprint(),
                lines.get(2));
        assertEquals("phoenix-doctor: exit 1: an ERROR or CRITICAL finding is not accepted", lines.get(lines.size() - 1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"doctor", "chain", "capture", "explain", "log-plan", "log-read"})
    void everySubcommandHasVersionAndDocumentsItsExitCodes(String command) {
        PhoenixDoctorTest.Run v = PhoenixDoctorTest.run(command, "--version");
        assertEquals(0, v.code());
        assertEquals("phoenix-doctor " + Diagnosis.version() + "\n", v.out());
        PhoenixDoctorTest.Run h = PhoenixDoctorTest.run(command, "--help");
        assertEquals(0, h.code());
        assertTrue(h.out().contains("Exit codes:\n  0 "), h.out());
        assertTrue(h.out().contains("\n  2 "), h.out());
    }

    @Test
    void doctorHelpListsTheReportOptions() {
        String help = PhoenixDoctorTest.run("doctor", "--help").out();
        for (String option : List.of("--only=ID", "--skip=ID", "--baseline=FILE", "-v, --verbose", "markdown, html, junit")) {
            assertTrue(help.contains(option), option + " in " + help);
        }
    }
}
