package io.phoenixdiag.capture.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.phoenixdiag.capture.CaptureAnalysis;
import io.phoenixdiag.capture.dissect.Side;
import io.phoenixdiag.capture.dissect.TlsAlert;
import io.phoenixdiag.capture.flow.ConnState;
import io.phoenixdiag.capture.flow.Flow;
import io.phoenixdiag.capture.flow.FlowOutcome;
import io.phoenixdiag.capture.flow.FlowTracker;
import io.phoenixdiag.capture.source.BpfFilter;
import io.phoenixdiag.capture.source.CaptureException;
import io.phoenixdiag.capture.source.CaptureInterface;
import io.phoenixdiag.capture.source.LiveCapture;
import io.phoenixdiag.capture.source.LiveSummary;
import io.phoenixdiag.capture.triage.CaptureTriage;
import io.phoenixdiag.capture.triage.TriageLine;
import io.phoenixdiag.capture.triage.TriageReport;
import io.phoenixdiag.core.diag.Finding;
import io.phoenixdiag.core.diag.FlowState;
import io.phoenixdiag.core.diag.Location;
import io.phoenixdiag.core.netns.NetworkNamespace;
import io.phoenixdiag.core.topology.Endpoint;
import io.phoenixdiag.core.topology.Guest;
import io.phoenixdiag.core.topology.HostNode;
import io.phoenixdiag.core.topology.IntendedFlow;
import io.phoenixdiag.core.topology.Topology;
import io.phoenixdiag.pki.cert.ChainBuilder;
import io.phoenixdiag.pki.cert.IssuedChain;
import io.phoenixdiag.pki.pem.PemEncoder;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real traffic by real tools in a throw-away network namespace joined to this JVM's namespace by a veth pair
 * (no default route anywhere): openssl s_server with a certificate from a CA the client does not trust, a
 * closed port, an iptables DROP and a REJECT, dnsmasq answering a wrong address. Captured live with pcap4j on
 * our end of the pair and with tcpdump on the other end, then classified.
 */
@Timeout(120)
class LiveTrafficTest {
    private static final String NEAR = "10.252.7.1";
    private static final String FAR = "10.252.7.2";
    private static final Duration T = Duration.ofSeconds(10);

    @TempDir
    static Path tmp;

    private static NetworkNamespace ns;
    private static CaptureAnalysis live;
    private static CaptureAnalysis file;
    private static LiveSummary summary;
    private static IssuedChain serverChain;
    private static IssuedChain otherChain;
    private static String nearIf;

    @BeforeAll
    static void captureRealTraffic() throws Exception {
        boolean ci = "true".equals(System.getenv("CI"));
        boolean ok = NetworkNamespace.available() && tools("tcpdump", "openssl", "dnsmasq", "iptables", "timeout", "bash");
        if (ci) {
            assertTrue(ok, "CI runs as root with iproute2, tcpdump, openssl, dnsmasq and iptables");
        }
        Assumptions.assumeTrue(ok, "needs root, iproute2, tcpdump, openssl, dnsmasq, iptables");

        ns = NetworkNamespace.create("capture");
        List<String> ifs = ns.linkToCaller(NEAR + "/30", FAR + "/30");
        nearIf = ifs.get(0);
        String farIf = ifs.get(1);
        ns.exec(T, "iptables", "-A", "INPUT", "-p", "tcp", "--dport", "9443", "-j", "DROP").requireSuccess("add DROP rule");
        ns.exec(T, "iptables", "-A", "INPUT", "-p", "tcp", "--dport", "9200", "-j", "REJECT").requireSuccess("add REJECT rule");

        serverChain = ChainBuilder.stepCa("portainer.phoenix.lan", FAR).build();
        otherChain = ChainBuilder.stepCa("other.example").caName("Other").build();
        Path cert = tmp.resolve("server.pem");
        Path key = tmp.resolve("server.key");
        serverChain.leaf().writePem(cert, key);
        Path chainFile = tmp.resolve("chain.pem");
        Files.writeString(chainFile, PemEncoder.certificates(serverChain.intermediateCertificates()));
        Path otherRoot = tmp.resolve("other-root.pem");
        Files.writeString(otherRoot, otherChain.rootPem());

        Path serverLog = tmp.resolve("s_server.log");
        ns.start(serverLog, "openssl", "s_server", "-accept", FAR + ":8443", "-cert", cert.toString(), "-key", key.toString(),
                "-cert_chain", chainFile.toString(), "-tls1_2", "-naccept", "1");
        Path dnsLog = tmp.resolve("dnsmasq.log");
        ns.start(dnsLog, "dnsmasq", "--no-daemon", "--no-resolv", "--no-hosts", "--address=/portainer.phoenix.lan/10.9.9.9",
                "--listen-address=" + FAR, "--bind-interfaces", "--port", "53", "--pid-file=" + tmp.resolve("dnsmasq.pid"),
                "--user=root");
        Path pcap = tmp.resolve("far.pcap");
        Path dumpLog = tmp.resolve("tcpdump.log");
        Process tcpdump = ns.start(dumpLog, "tcpdump", "-i", farIf, "-n", "-U", "--immediate-mode", "-s", "262144", "-w", pcap.toString());
        waitFor(serverLog, "ACCEPT");
        waitFor(dumpLog, "listening on");
        waitFor(dnsLog, "started");

        FlowTracker tracker = FlowTracker.create();
        tracker.source(nearIf);
        try (LiveCapture.RunningCapture running = LiveCapture.builder(nearIf).filter(BpfFilter.raw("host " + FAR))
                .duration(Duration.ofSeconds(60)).writeTo(tmp.resolve("near.pcapng")).build().start(tracker)) {
            run(5, "timeout", "2", "bash", "-c", "exec 3<>/dev/tcp/" + FAR + "/9443");
            run(5, "bash", "-c", "exec 3<>/dev/tcp/" + FAR + "/9200");
            run(5, "bash", "-c", "exec 3<>/dev/tcp/" + FAR + "/9");
            run(10, "bash", "-c", "openssl s_client -connect " + FAR + ":8443 -servername portainer.phoenix.lan -tls1_2"
                    + " -CAfile " + otherRoot + " -verify_return_error < /dev/null");
            dnsQuery("portainer.phoenix.lan");
            Thread.sleep(500);
            running.stop();
            summary = running.done().get(10, TimeUnit.SECONDS);
        }
        for (int i = 0; i < 50 && !hasDnsAnswer(pcap); i++) {
            Thread.sleep(100);
        }
        tcpdump.destroy();
        tcpdump.waitFor(10, TimeUnit.SECONDS);
        live = CaptureAnalysis.of(tracker, summary.warnings());
        file = CaptureAnalysis.read(List.of(pcap));
    }

    @AfterAll
    static void cleanUp() {
        if (ns != null) {
            ns.close();
        }
    }

    /** Whether tcpdump has written the last exchange (the DNS answer) to its file yet. */
    private static boolean hasDnsAnswer(Path pcap) throws IOException {
        try {
            return CaptureAnalysis.read(List.of(pcap)).flows().stream()
                    .anyMatch(f -> f.port() == 53 && f.responderPackets() > 0);
        } catch (io.phoenixdiag.capture.source.CaptureFormatException e) {
            return false;
        }
    }

    private static boolean tools(String... names) {
        for (String n : names) {
            boolean found = false;
            for (String dir : new String[] {"/usr/sbin", "/usr/bin", "/sbin", "/bin"}) {
                found |= Files.isExecutable(Path.of(dir, n));
            }
            if (!found) {
                return false;
            }
        }
        return true;
    }

    private static void waitFor(Path log, String text) throws Exception {
        for (int i = 0; i < 100; i++) {
            if (Files.exists(log) && Files.readString(log, StandardCharsets.ISO_8859_1).contains(text)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError(log + " never said '" + text + "': "
                + (Files.exists(log) ? Files.readString(log, StandardCharsets.ISO_8859_1) : "(no output)"));
    }

    private static void run(int seconds, String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            p.waitFor(5, TimeUnit.SECONDS);
        }
    }

    private static void dnsQuery(String name) throws IOException {
        byte[] q = new byte[512];
        int n = 0;
        q[n++] = 0x12;
        q[n++] = 0x34;
        q[n++] = 0x01;
        q[n++] = 0x00;
        q[n++] = 0;
        q[n++] = 1;
        n += 6;
        for (String label : name.split("\\.")) {
            q[n++] = (byte) label.length();
            for (byte c : label.getBytes(StandardCharsets.US_ASCII)) {
                q[n++] = c;
            }
        }
        q[n++] = 0;
        q[n++] = 0;
        q[n++] = 1;
        q[n++] = 0;
        q[n++] = 1;
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(NEAR, 0))) {
            s.setSoTimeout(3000);
            s.send(new DatagramPacket(q, n, new InetSocketAddress(FAR, 53)));
            s.receive(new DatagramPacket(new byte[512], 512));
        }
    }

    private static Topology topology() {
        Location at = Location.ofFile("test-topology");
        Guest traefik = new Guest(Endpoint.lxc(102), "Traefik", Optional.of(NEAR), 30, "", "vmbr0", List.of(), List.of(),
                List.of(), List.of(), List.of(), Optional.empty(), "", "", "", true, true, "", at);
        Guest portainer = new Guest(Endpoint.vm(1001), "Portainer", Optional.of(FAR), 30, "", "vmbr0", List.of(), List.of(),
                List.of(), List.of(), List.of(), Optional.empty(), "", "", "", true, true, "", at);
        return new Topology("phoenix.lan", new HostNode("vmbr0", Optional.empty(), 0, "", List.of(), at),
                List.of(traefik, portainer), new Topology.ServiceAddresses(Optional.empty(), 0, Optional.empty(), "", at),
                List.of());
    }

    private static List<IntendedFlow> intended() {
        List<IntendedFlow> flows = new ArrayList<>();
        for (int port : new int[] {9443, 9200, 9, 8443}) {
            flows.add(IntendedFlow.of(Endpoint.lxc(102), Endpoint.vm(1001), "tcp", port, "https", "Traefik routes portainer",
                    List.of(Location.ofFile("test-topology")), true));
        }
        flows.add(IntendedFlow.of(Endpoint.lxc(102), Endpoint.vm(1001), "udp", 53, "dns", "name resolution",
                List.of(Location.ofFile("test-topology")), true));
        return flows;
    }

    private static Flow flow(CaptureAnalysis a, String protocol, int port) {
        List<Flow> found = a.flows().stream().filter(f -> f.protocol().equals(protocol) && f.port() == port).toList();
        assertEquals(1, found.size(), protocol + "/" + port + " in " + a.flows());
        return found.get(0);
    }

    private static void assertClassified(CaptureAnalysis a) {
        assertEquals(List.of(), a.warnings());
        Flow drop = flow(a, "tcp", 9443);
        assertEquals(ConnState.S0, drop.connState());
        assertEquals("S", drop.history());
        assertEquals(FlowOutcome.NO_ANSWER, drop.outcome());
        assertTrue(drop.originatorSyns() >= 1 && drop.originatorSyns() <= 3, "SYN then retransmissions: " + drop);

        Flow reject = flow(a, "tcp", 9200);
        assertEquals(ConnState.S0, reject.connState(), "Zeek still says S0 for a flow refused by ICMP");
        assertEquals(FlowOutcome.REJECTED_ICMP, reject.outcome());
        assertEquals(reject.originatorSyns(), reject.icmpErrors().size(), "every SYN refused (Linux retries the SYN once"
                + " per ICMP error on some kernels)");
        assertEquals("ICMP port unreachable (type 3 code 3) from " + FAR, reject.icmpErrors().get(0).toString());

        Flow closed = flow(a, "tcp", 9);
        assertEquals(ConnState.REJ, closed.connState());
        assertEquals("Sr", closed.history());
        assertEquals(FlowOutcome.REJECTED_RST, closed.outcome());

        Flow tls = flow(a, "tcp", 8443);
        TlsAlert alert = tls.tls().orElseThrow().fatalAlert().orElseThrow();
        assertEquals(Side.ORIGINATOR, alert.sender());
        assertEquals("unknown_ca", alert.name());
        assertEquals(48, alert.code());
        assertEquals("portainer.phoenix.lan", tls.tls().get().clientHello().orElseThrow().serverName());
        assertEquals(serverChain.presentedChain(), tls.tls().get().serverCertificates(), "the served chain, in the clear");
        assertTrue(tls.handshakeRtt().isPresent());

        Flow dns = flow(a, "udp", 53);
        assertEquals(ConnState.SF, dns.connState());
        assertEquals("Dd", dns.history());
        assertEquals("response NOERROR A portainer.phoenix.lan: 10.9.9.9", dns.dns().get(1).toString());
    }

    @Test
    void liveCaptureWithPcap4jClassifiesEveryFlow() {
        assertEquals("stopped", summary.stoppedBecause());
        assertEquals(live.stats().packets(), summary.packets());
        assertClassified(live);
    }

    @Test
    void tcpdumpFileGivesTheSameClassification() throws IOException {
        assertClassified(file);
        CaptureAnalysis written = CaptureAnalysis.read(List.of(tmp.resolve("near.pcapng")));
        assertEquals(live.flows(), written.flows(), "the write-through evidence file holds the same flows");
    }

    @Test
    void triageSaysWhatHappenedInTheDeploymentsTerms() {
        for (CaptureAnalysis a : List.of(live, file)) {
            TriageReport r = CaptureTriage.builder().topology(topology()).intendedFlows(intended()).build().triage(a);
            List<String> sentences = r.problems().stream().map(TriageLine::sentence).toList();
            int syns = flow(a, "tcp", 9443).originatorSyns();
            int refused = flow(a, "tcp", 9200).originatorSyns();
            assertEquals(List.of(
                    "Traefik (102) -> Portainer (1001) tcp/9443: " + syns + " SYN" + (syns == 1 ? "" : "s")
                            + ", no answer (S0): silently dropped",
                    "Traefik (102) -> Portainer (1001) tcp/9200: " + refused + " SYN" + (refused == 1 ? "" : "s")
                            + ", answered by ICMP port unreachable (type 3 code 3)"
                            + " from 10.252.7.2 (S0): rejected by a REJECT rule (or a router)",
                    "Traefik (102) -> Portainer (1001) tcp/9: 1 SYN, answered by RST (REJ): port closed or REJECT with"
                            + " tcp-reset",
                    "Traefik (102) -> Portainer (1001) tcp/8443: TLS handshake failed, client sent fatal unknown_ca (48) ("
                            + flow(a, "tcp", 8443).connState() + "): the client does not trust the server's certificate"
                            + " authority",
                    "Traefik (102) -> Portainer (1001) udp/53: DNS A portainer.phoenix.lan answered 10.9.9.9 (SF): wrong"
                            + " address, the deployment says 10.252.7.2"), sentences);
            assertEquals(List.of("capture.no-answer", "capture.rejected-icmp", "capture.rejected-rst", "capture.tls-alert",
                    "capture.dns-mismatch"), r.findings().stream().map(Finding::checkId).toList());
            assertTrue(r.hasProblems());
            assertEquals(FlowState.BLOCKED, r.verdicts().get("lxc:102->vm:1001/tcp/9443").state());
            assertEquals(FlowState.ALLOWED, r.verdicts().get("lxc:102->vm:1001/tcp/8443").state(),
                    "the network let TLS through; the alert is a PKI problem");
        }
    }

    @Test
    void servedChainIsHandedToPathValidation() {
        TriageReport untrusted = CaptureTriage.builder().trustAnchors(List.of(otherChain.root().certificate())).build()
                .triage(file);
        List<Finding> chain = untrusted.findings().stream().filter(f -> f.checkId().equals("capture.tls-chain")).toList();
        assertEquals(1, chain.size());
        assertTrue(chain.get(0).message().startsWith(NEAR + " -> " + FAR + " tcp/8443: the chain served in the TLS"
                + " handshake is invalid: "), chain.get(0).message());
        TriageReport trusted = CaptureTriage.builder().trustAnchors(List.of(serverChain.root().certificate())).build()
                .triage(file);
        assertFalse(trusted.findings().stream().anyMatch(f -> f.checkId().equals("capture.tls-chain")),
                "the chain validates against its own root with the SNI name");
    }

    @Test
    void captureErrorsAreTyped() throws Exception {
        List<String> names = LiveCapture.interfaces().stream().map(CaptureInterface::name).toList();
        assertTrue(names.contains(nearIf), names.toString());
        CaptureException missing = assertThrows(CaptureException.class,
                () -> LiveCapture.builder("nosuchif0").build().run((t, l, d, o, c, n) -> { }));
        assertEquals(CaptureException.Kind.NO_SUCH_INTERFACE, missing.kind());
        CaptureException filter = assertThrows(CaptureException.class, () -> LiveCapture.builder(nearIf)
                .filter(BpfFilter.raw("tcp port")).build().run((t, l, d, o, c, n) -> { }));
        assertEquals(CaptureException.Kind.BAD_FILTER, filter.kind());
        assertTrue(filter.getMessage().startsWith(nearIf + ": libpcap rejects the filter 'tcp port': "), filter.getMessage());
        LiveSummary s = LiveCapture.builder(nearIf).filter(BpfFilter.raw("host 10.252.7.2 and udp port 9999"))
                .duration(Duration.ofMillis(200)).build().run((t, l, d, o, c, n) -> { });
        assertEquals("duration", s.stoppedBecause(), "an idle interface returns at the deadline");
        assertEquals(0, s.packets());
    }
}
