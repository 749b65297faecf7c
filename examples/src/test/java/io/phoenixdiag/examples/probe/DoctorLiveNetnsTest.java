package io.phoenixdiag.examples.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.phoenixdiag.core.diag.FlowLayer;
import io.phoenixdiag.core.diag.Report;
import io.phoenixdiag.core.diag.ReportJson;
import io.phoenixdiag.core.netns.NetworkNamespace;
import io.phoenixdiag.examples.lab.DemoLab;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code phoenix-doctor --live} as an operator runs it, but inside a network namespace the test creates (loopback
 * only, no default route), so the deployment's real addresses are never reached: the CA's address is put on the
 * namespace's loopback with nothing listening (REFUSED), every other address has no route (UNREACHABLE).
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class DoctorLiveNetnsTest {
    @Test
    void liveInsideANamespace(@TempDir Path tmp) throws Exception {
        if ("true".equals(System.getenv("CI"))) {
            assertTrue(NetworkNamespace.available(), "CI runs as root with iproute2: network namespaces must work");
        }
        Assumptions.assumeTrue(NetworkNamespace.available(), "needs root and iproute2");
        Path deployment;
        try (DemoLab lab = DemoLab.start()) {
            deployment = tmp.resolve("deployment");
            Files.createDirectories(deployment);
            try (var s = Files.list(lab.directory())) {
                for (Path p : s.filter(Files::isRegularFile).toList()) {
                    Files.copy(p, deployment.resolve(p.getFileName().toString()));
                }
            }
        }
        Path out = tmp.resolve("report.json");
        try (NetworkNamespace ns = NetworkNamespace.create("doctor")) {
            ns.exec(Duration.ofSeconds(10), "ip", "addr", "add", "192.0.2.10/32", "dev", "lo")
                    .requireSuccess("address the CA on lo");
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            NetworkNamespace.ExecResult r = ns.exec(Duration.ofSeconds(150), java, "-cp",
                    System.getProperty("java.class.path"), "io.phoenixdiag.examples.doctor.PhoenixDoctor", "--live",
                    "--config", deployment.toString(), "--format", "json", "--output", out.toString(),
                    "--probe-timeout-ms", "1000");
            assertEquals(1, r.exitCode(), r.stderr());
        }
        Report report = ReportJson.read(Files.readString(out));
        assertEquals("REFUSED", report.flow("lxc:101->lxc:103/tcp/9000").orElseThrow().verdict(FlowLayer.LIVE)
                .orElseThrow().decidedBy().replaceAll(".*: ", ""));
        assertEquals("UNREACHABLE", report.flow("external->lxc:101/tcp/443").orElseThrow().verdict(FlowLayer.LIVE)
                .orElseThrow().decidedBy().replaceAll(".*: ", ""));
        List<String> closed = report.findings().stream()
                .filter(f -> f.checkId().equals("live.disagreement.allowed-but-closed")).map(f -> f.title()).toList();
        assertTrue(closed.contains("lxc:101->lxc:103/tcp/9000: ALLOWED in intent but REFUSED live"), closed.toString());
        assertTrue(closed.contains("external->lxc:101/tcp/443: ALLOWED in intent but UNREACHABLE live"),
                closed.toString());
    }
}
