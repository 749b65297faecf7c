package io.phoenixdiag.examples.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.phoenixdiag.core.analysis.Diagnosis;
import io.phoenixdiag.core.diag.Finding;
import io.phoenixdiag.core.diag.FlowEntry;
import io.phoenixdiag.core.diag.FlowLayer;
import io.phoenixdiag.core.diag.NotRun;
import io.phoenixdiag.core.diag.Report;
import io.phoenixdiag.core.diag.ReportJson;
import io.phoenixdiag.examples.probe.LiveDoctor;
import io.phoenixdiag.net.live.ExecutionLimits;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The demo lab as the fixture of the full static + live diagnosis: every deliberate fault, exact ids and outcomes. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DemoLabEndToEndTest {
    static DemoLab lab;
    static Report report;

    @BeforeAll
    static void diagnose() throws Exception {
        lab = DemoLab.start();
        Diagnosis.Builder b = Diagnosis.builder().directory(lab.directory());
        lab.extraFlows().forEach(b::addFlow);
        Diagnosis d = b.build();
        report = LiveDoctor.run(d.analyse(), d.run(), lab.resolver(), lab.trustAnchors(), 1000,
                new ExecutionLimits(8, 60_000), null);
    }

    @AfterAll
    static void stop() {
        lab.close();
    }

    static String at(String subject, String protocol, int port) {
        return lab.endpoints().stream().filter(e -> e.subject().equals(subject) && e.protocol().equals(protocol)
                && e.port() == port).findFirst().orElseThrow().labAddress() + "/" + protocol;
    }

    static String live(String flowId) {
        FlowEntry f = report.flow(flowId).orElseThrow();
        return f.verdict(FlowLayer.LIVE).map(v -> v.state() + " " + v.decidedBy()).orElse("none") + " => "
                + f.summary();
    }

    @Test
    void everyFaultHasItsFinding() {
        List<String> live = report.findings().stream()
                .filter(f -> f.checkId().startsWith("live.") || f.checkId().startsWith("probe."))
                .map(f -> f.severity() + " " + f.checkId() + " " + f.subjects() + " | " + f.title()).toList();
        String router80 = at("lxc:102", "tcp", 80);
        String nfs = at("host", "tcp", 2049);
        String dns = at("host", "udp", 53);
        String router443 = at("lxc:102", "tcp", 443);
        String portainer = at("vm:1001", "tcp", 9443);
        String agent = at("vm:1002", "tcp", 9001);
        String ca = at("lxc:103", "tcp", 9000);
        assertEquals(List.of(
                "ERROR live.disagreement.allowed-but-closed [lxc:101, lxc:102, " + router80
                        + "] | lxc:101->lxc:102/tcp/80: ALLOWED in intent but REFUSED live",
                "ERROR live.disagreement.allowed-but-closed [vm:1001, host, " + nfs
                        + "] | vm:1001->host/tcp/2049: ALLOWED in intent but TIMEOUT live",
                "ERROR live.disagreement.allowed-but-closed [vm:1002, host, " + nfs
                        + "] | vm:1002->host/tcp/2049: ALLOWED in intent but TIMEOUT live",
                "ERROR probe.dns [lxc:101, host, lxc:102, lxc:103, lxc:120, vm:1001, vm:1002, " + dns
                        + "] | DNS apps.phoenix.lab.example A at " + dns + ": WRONG_ADDRESS",
                "ERROR probe.tcp [lxc:101, lxc:102, " + router80 + "] | TCP " + router80 + ": REFUSED",
                "ERROR probe.tcp [vm:1001, host, vm:1002, " + nfs + "] | TCP " + nfs + ": TIMEOUT",
                "ERROR probe.tls [lxc:101, lxc:102, " + router443 + "] | TLS " + router443
                        + " (SNI router.phoenix.lab.example): UNTRUSTED(UNKNOWN_ISSUER)",
                "ERROR probe.tls [lxc:102, vm:1001, " + portainer + "] | TLS " + portainer
                        + " (SNI portainer.phoenix.lab.example): PLAINTEXT_PEER",
                "ERROR probe.tls [vm:1001, vm:1002, " + agent + "] | TLS " + agent
                        + " (SNI apps.phoenix.lab.example): UNTRUSTED(EXPIRED)",
                "WARNING live.disagreement.blocked-but-open [host, lxc:103, " + ca
                        + "] | host->lxc:103/tcp/9000: BLOCKED_DESTINATION_INGRESS in intent but OK live",
                "WARNING live.disagreement.blocked-but-open [lxc:101, lxc:102, " + router443
                        + "] | lxc:101->lxc:102/tcp/443: BLOCKED_DESTINATION_INGRESS in intent but"
                        + " UNTRUSTED(UNKNOWN_ISSUER) live",
                "WARNING live.disagreement.blocked-but-open [vm:1001, lxc:103, " + ca
                        + "] | vm:1001->lxc:103/tcp/9000: BLOCKED_DESTINATION_INGRESS in intent but OK live",
                "WARNING live.dns.wildcard [lxc:101, host, lxc:102, lxc:103, lxc:120, vm:1001, vm:1002, " + dns
                        + "] | DNS " + dns + " answers names that do not exist"), live);
    }

    @Test
    void liveVerdictsPerFlow() {
        assertEquals("ALLOWED HTTP probe from local to " + at("lxc:103", "tcp", 9000) + ": OK => ALLOWED",
                live("lxc:101->lxc:103/tcp/9000"));
        assertEquals("ALLOWED TLS probe from local to " + at("lxc:101", "tcp", 443) + ": OK => ALLOWED",
                live("external->lxc:101/tcp/443"));
        assertEquals("BLOCKED TCP probe from local to " + at("lxc:102", "tcp", 80) + ": REFUSED => BLOCKED",
                live("lxc:101->lxc:102/tcp/80"));
        assertEquals("BLOCKED TCP probe from local to " + at("host", "tcp", 2049) + ": TIMEOUT => BLOCKED",
                live("vm:1002->host/tcp/2049"));
        assertEquals("ALLOWED TLS probe from local to " + at("vm:1001", "tcp", 9443) + ": PLAINTEXT_PEER => ALLOWED",
                live("lxc:102->vm:1001/tcp/9443"));
        assertEquals("ALLOWED TLS probe from local to " + at("vm:1002", "tcp", 9001)
                + ": UNTRUSTED(EXPIRED) => ALLOWED", live("vm:1001->vm:1002/tcp/9001"));
        assertEquals("ALLOWED DNS probe from local to " + at("host", "udp", 53) + ": MATCH => ALLOWED",
                live("lxc:101->host/udp/53"));
        assertEquals("none => BLOCKED_DESTINATION_INGRESS", live("lxc:102->lxc:120/tcp/3000"));
    }

    @Test
    void unprobedFlowsAreListed() {
        List<NotRun> live = report.notRun().stream().filter(n -> n.what().startsWith("live ")).toList();
        assertEquals(List.of(NotRun.of("live lxc:102->lxc:120/tcp/3000", "no address to probe lxc:120 at"),
                NotRun.of("live lxc:900->host/tcp/53", "inactive flow: an endpoint is not started at boot or is a template"),
                NotRun.of("live lxc:900->host/udp/53", "inactive flow: an endpoint is not started at boot or is a template"),
                NotRun.of("live vm:9000->host/tcp/53", "inactive flow: an endpoint is not started at boot or is a template"),
                NotRun.of("live vm:9000->host/udp/53", "inactive flow: an endpoint is not started at boot or is a template")),
                live);
    }

    @Test
    void reportStaysValidJson() throws Exception {
        Report back = ReportJson.read(ReportJson.write(report));
        assertEquals(report, back);
        assertTrue(report.hasProblems());
        Finding dns = report.findings().stream().filter(f -> f.checkId().equals("probe.dns")).findFirst().orElseThrow();
        assertTrue(dns.evidence().stream().anyMatch(e -> e.text().equals("probed from local")));
    }
}
