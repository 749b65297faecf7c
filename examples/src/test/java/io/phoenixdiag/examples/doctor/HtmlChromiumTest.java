package io.phoenixdiag.examples.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.phoenixdiag.core.diag.FlowEntry;
import io.phoenixdiag.core.diag.Report;
import io.phoenixdiag.core.diag.ReportJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens the HTML report of the bundled sample in headless Chromium (Debian's {@code chromium}), asserts on
 * the DOM Chromium built from it and saves a screenshot to {@code target/screenshots/sample-report.png}.
 * Chromium runs with networking features off and a throw-away profile; the page loads nothing (its
 * Content-Security-Policy forbids it). Skipped when {@code /usr/bin/chromium} is missing, unless
 * {@code CI=true} ({@code .ci/run} installs it).
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class HtmlChromiumTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path OUT = Path.of("target/screenshots");

    private static Report report;
    private static Path page;

    @BeforeAll
    static void writePage() throws Exception {
        if (!Files.isExecutable(CHROMIUM)) {
            Assumptions.assumeTrue("true".equals(System.getenv("CI")), "chromium is not installed (apt-get install chromium)");
            throw new AssertionError("CI=true but " + CHROMIUM + " is missing: .ci/run must install chromium");
        }
        report = ReportJson.read(PhoenixDoctorTest.run("--format", "json").out());
        Files.createDirectories(OUT);
        page = OUT.resolve("sample-report.html").toAbsolutePath();
        PhoenixDoctorTest.Run r = PhoenixDoctorTest.run("--format", "html", "--output", page.toString());
        assertEquals(1, r.code(), r.err());
    }

    /** Runs Chromium headless with a fresh profile; returns its standard output. */
    private static String chromium(Path profile, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-extensions", "--user-data-dir=" + profile));
        cmd.addAll(List.of(args));
        cmd.add(page.toUri().toString());
        Path stdout = Files.createTempFile(profile.getParent(), "chromium", ".out");
        Process p = new ProcessBuilder(cmd).redirectOutput(stdout.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(3, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish within 3 minutes");
        }
        assertEquals(0, p.exitValue(), "chromium exit code");
        return Files.readString(stdout, StandardCharsets.UTF_8);
    }

    private static int count(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    @Test
    void renderedDomHasEveryFindingAndEveryFlowColouredByVerdict(@TempDir Path tmp) throws Exception {
        String dom = chromium(tmp.resolve("profile"), "--dump-dom");
        assertTrue(dom.contains("<h1>Phoenix diagnosis: sample-deployment</h1>"), dom.substring(0, Math.min(500, dom.length())));
        assertEquals(report.findings().size(), count(dom, "<article class=\"finding sev-"));
        assertEquals(8, count(dom, "<article class=\"finding sev-error\""));
        assertEquals(4, count(dom, "<article class=\"finding sev-warning\""));
        assertEquals(report.flows().size(), count(dom, "<tr class=\"flow "));
        long blocked = report.flows().stream().filter(f -> f.active() && f.summary().isBlocked()).count();
        long inactive = report.flows().stream().filter(f -> !f.active()).count();
        long unknown = report.flows().stream().filter(FlowEntry::active).filter(f -> f.summary().name().equals("UNKNOWN")).count();
        assertEquals(List.of(3L, 0L, 4L), List.of(blocked, unknown, inactive), "the sample's flows");
        assertEquals(blocked, count(dom, "<path class=\"edge verdict-blocked\""));
        assertEquals(unknown, count(dom, "<path class=\"edge verdict-unknown\""));
        assertEquals(inactive, count(dom, "<path class=\"edge verdict-inactive\""));
        assertEquals(report.flows().size() - blocked - unknown - inactive, count(dom, "<path class=\"edge verdict-allowed\""));
        assertEquals(report.nodes().size(), count(dom, "<g class=\"node "));
        assertFalse(dom.contains("<script"), "no script in the DOM");
    }

    @Test
    void screenshotIsSaved(@TempDir Path tmp) throws Exception {
        Path png = OUT.resolve("sample-report.png").toAbsolutePath();
        Files.deleteIfExists(png);
        chromium(tmp.resolve("profile"), "--screenshot=" + png, "--window-size=1280,2000", "--hide-scrollbars");
        byte[] bytes = Files.readAllBytes(png);
        assertTrue(bytes.length > 10_000, "a real screenshot, not an empty image: " + bytes.length + " bytes");
        assertEquals("\u0089PNG", new String(bytes, 0, 4, StandardCharsets.ISO_8859_1));
    }
}
