package io.phoenixdiag.examples.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.phoenixdiag.examples.doctor.PhoenixDoctor;
import io.phoenixdiag.examples.lab.DemoLab;
import io.phoenixdiag.examples.lab.LabEndpoint;
import io.phoenixdiag.net.live.LiveJson;
import io.phoenixdiag.net.live.LiveResult;
import io.phoenixdiag.net.live.Reachability;
import io.phoenixdiag.pki.pem.PemEncoder;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ProbeCommandTest {
    static DemoLab lab;

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = PhoenixDoctor.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @BeforeAll
    static void start() throws Exception {
        lab = DemoLab.start();
    }

    @AfterAll
    static void stop() {
        lab.close();
    }

    static LabEndpoint at(String subject, int port) {
        return lab.endpoints().stream().filter(e -> e.subject().equals(subject) && e.port() == port).findFirst()
                .orElseThrow();
    }

    @Test
    void tlsWithTheLabRootIsOk(@TempDir Path dir) throws Exception {
        Path root = dir.resolve("root.pem");
        Files.writeString(root, PemEncoder.certificate(lab.trustAnchors().get(0)));
        LabEndpoint gw = at("lxc:101", 443);
        Run r = run("probe", "tls", gw.labAddress(), "--sni", gw.serverName(), "--ca", root.toString(), "--json");
        assertEquals(0, r.code(), r.err());
        List<LiveResult> results = LiveJson.readResults(r.out());
        assertEquals("OK", results.get(0).outcome());
        assertEquals(Reachability.OPEN, results.get(0).reachability());
    }

    @Test
    void refusedTcpIsAProblem() {
        LabEndpoint router = at("lxc:102", 80);
        Run r = run("probe", "tcp", router.labAddress());
        assertEquals(1, r.code());
        assertTrue(r.out().startsWith("TCP " + router.labAddress() + "/tcp from local: REFUSED\n"), r.out());
        assertTrue(r.out().contains("\n  fix: Start the service"), r.out());
    }

    @Test
    void dnsWrongAddress() {
        LabEndpoint dns = at("host", 53);
        Run r = run("probe", "dns", dns.labAddress(), "apps." + DemoLab.DOMAIN, "--expect", "192.0.2.112", "--json");
        assertEquals(1, r.code());
        assertEquals("WRONG_ADDRESS", LiveJson.readResults(r.out()).get(0).outcome());
        Run ok = run("probe", "dns", dns.labAddress(), "gateway." + DemoLab.DOMAIN, "--expect", "192.0.2.153");
        assertEquals(0, ok.code(), ok.out());
    }

    @Test
    void httpsHealthPresetShape() {
        LabEndpoint ca = at("lxc:103", 9000);
        Run r = run("probe", "http", ca.labAddress(), "--tls", "--sni", ca.serverName(), "--path", "/health",
                "--body-contains", "ok", "--json");
        // no --ca: the chain is captured but untrusted, so the request is sent and the outcome is TLS_FAILED
        assertEquals(1, r.code());
        LiveResult res = LiveJson.readResults(r.out()).get(0);
        assertEquals("TLS_FAILED(UNTRUSTED(UNKNOWN_ISSUER))", res.outcome());
        assertEquals(Reachability.OPEN, res.reachability());
    }

    @Test
    void usageErrors() {
        Run none = run("probe");
        assertEquals(2, none.code());
        assertEquals("phoenix-doctor: probe: name a probe kind: tcp, tls, http, dns or run (try probe --help)\n",
                none.err());
        Run name = run("probe", "tcp", "gw.lan:443");
        assertEquals(2, name.code());
        assertEquals("phoenix-doctor: probe: address must be an IPv4 or IPv6 literal (probes never resolve names):"
                + " gw.lan\n", name.err());
        Run port = run("probe", "tcp", "127.0.0.1:http");
        assertEquals(2, port.code());
        assertEquals("phoenix-doctor: probe: 127.0.0.1:http: the port must be a number\n", port.err());
    }

    @Test
    void demoRunsTheWholeDiagnosis() {
        Run r = run("--demo", "--format", "json", "--probe-timeout-ms", "1000");
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().startsWith("Phoenix demo lab (loopback only;"), r.err());
        assertTrue(r.out().contains("\"checkId\" : \"live.disagreement.allowed-but-closed\"")
                || r.out().contains("\"checkId\": \"live.disagreement.allowed-but-closed\""), r.out());
        Run both = run("--demo", "--live");
        assertEquals(2, both.code());
        assertEquals("phoenix-doctor: --demo runs on its own lab: it takes neither --config, --evidence nor --live\n", both.err());
    }
}
