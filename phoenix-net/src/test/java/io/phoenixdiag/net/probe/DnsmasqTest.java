package io.phoenixdiag.net.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * DNS probes against a private dnsmasq (Debian's {@code dnsmasq-base}) started by the test on 127.0.0.2 and a high
 * port with an {@code --addn-hosts} file made here. The addresses in the file are answers (data), never dialled.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DnsmasqTest {
    static final String LISTEN = "127.0.0.2";
    @TempDir
    static Path dir;
    private static Process dnsmasq;
    private static Prober prober;
    private static InetSocketAddress ns;
    private static String nsText;

    @BeforeAll
    static void start() throws Exception {
        RealPeers.requireBinary("/usr/sbin/dnsmasq", "dnsmasq-base");
        List<String> hosts = new ArrayList<>(List.of("10.0.0.12 gw.phoenix.lan", "fd00::12 gw.phoenix.lan",
                // the wrong record: the Portainer agent's name points at the gateway, not at its VM (10.0.0.102)
                "10.0.0.1 agent.phoenix.lan"));
        IntStream.rangeClosed(1, 40).forEach(i -> hosts.add("10.1.0." + i + " big.phoenix.lan"));
        Files.write(dir.resolve("hosts"), hosts);
        int port = freeUdpPort();
        ns = new InetSocketAddress(InetAddress.getByName(LISTEN), port);
        nsText = LISTEN + ":" + port + "/udp";
        Path log = dir.resolve("dnsmasq.log");
        dnsmasq = RealPeers.start(log, List.of("/usr/sbin/dnsmasq", "--keep-in-foreground", "--conf-file=/dev/null",
                "--no-resolv", "--no-hosts", "--port=" + port, "--listen-address=" + LISTEN, "--bind-interfaces",
                "--pid-file=", "--log-facility=-", "--user=root", "--addn-hosts=" + dir.resolve("hosts"),
                "--local=/phoenix.lan/", "--address=/wild.example.test/127.0.0.9",
                "--cname=alias.phoenix.lan,gw.phoenix.lan", "--server=/broken.test/127.0.0.1#1"));
        // dnsmasq also answers over TCP on the same port: wait for that listener
        RealPeers.awaitListening(ns, dnsmasq, log);
        prober = Prober.create(1);
    }

    static int freeUdpPort() throws Exception {
        for (int i = 0; i < 20; i++) {
            int p = RealPeers.freePort();
            try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(LISTEN), p))) {
                return p;
            } catch (java.net.BindException taken) {
                // try another
            }
        }
        throw new IllegalStateException("no free port");
    }

    @AfterAll
    static void stop() throws Exception {
        if (prober != null) {
            prober.close();
        }
        RealPeers.stop(dnsmasq);
    }

    static List<InetAddress> addrs(String... a) throws Exception {
        List<InetAddress> out = new ArrayList<>();
        for (String s : a) {
            out.add(InetAddress.getByName(s));
        }
        return out;
    }

    static DnsProbeResult probe(DnsProbeRequest.Builder b) throws Exception {
        return prober.dns(b.timeoutMs(3000).build()).get();
    }

    @Test
    void declaredAddressMatches() throws Exception {
        DnsProbeResult r = prober.dns(ns, "gw.phoenix.lan", DnsQueryType.A, addrs("10.0.0.12"), 3000).get();
        assertEquals(new DnsProbeResult(nsText, "gw.phoenix.lan", DnsQueryType.A, DnsOutcome.MATCH, List.of("10.0.0.12"),
                List.of("10.0.0.12"), "NOERROR", r.responseMs(), "gw.phoenix.lan resolves to 10.0.0.12.", ""), r);
    }

    @Test
    void aaaaMatches() throws Exception {
        DnsProbeResult r = prober.dns(ns, "gw.phoenix.lan", DnsQueryType.AAAA, addrs("fd00::12"), 3000).get();
        assertEquals(DnsOutcome.MATCH, r.outcome());
        assertEquals(List.of("fd00::12"), r.got());
    }

    @Test
    void agentResolvingToTheGatewayIsWrongAddress() throws Exception {
        DnsProbeResult r = prober.dns(ns, "agent.phoenix.lan", DnsQueryType.A, addrs("10.0.0.102"), 3000).get();
        assertEquals(new DnsProbeResult(nsText, "agent.phoenix.lan", DnsQueryType.A, DnsOutcome.WRONG_ADDRESS,
                List.of("10.0.0.1"), List.of("10.0.0.102"), "NOERROR", r.responseMs(),
                "agent.phoenix.lan resolves to 10.0.0.1, expected 10.0.0.102.",
                "Correct the A record of agent.phoenix.lan at " + nsText + " to 10.0.0.102."), r);
    }

    @Test
    void undeclaredNameInTheLocalDomainIsNxdomain() throws Exception {
        DnsProbeResult r = prober.dns(ns, "nope.phoenix.lan", DnsQueryType.A, List.of(), 3000).get();
        assertEquals(DnsOutcome.NXDOMAIN, r.outcome());
        assertEquals("NXDOMAIN", r.rcode());
    }

    @Test
    void missingFamilyIsNodata() throws Exception {
        DnsProbeResult r = prober.dns(ns, "agent.phoenix.lan", DnsQueryType.AAAA, List.of(), 3000).get();
        assertEquals(DnsOutcome.NODATA, r.outcome());
        assertEquals("agent.phoenix.lan exists but has no AAAA record.", r.detail());
    }

    @Test
    void deadUpstreamIsTimeoutWithDnsmasq() throws Exception {
        // dnsmasq keeps silent while its only upstream for the domain (127.0.0.1#1, nothing listens) fails, so a
        // client sees a timeout rather than SERVFAIL (SERVFAIL itself is covered in DnsProbeTest)
        DnsProbeResult r = prober.dns(ns, "x.broken.test", DnsQueryType.A, List.of(), 500).get();
        assertEquals(DnsOutcome.TIMEOUT, r.outcome(), r.detail());
        assertEquals("No answer from " + nsText + " within 500 ms.", r.detail());
    }

    @Test
    void cnameIsComparedByName() throws Exception {
        DnsProbeResult r = probe(DnsProbeRequest.builder(ns, "alias.phoenix.lan", DnsQueryType.CNAME)
                .expectNames(List.of("GW.phoenix.lan.")));
        assertEquals(DnsOutcome.MATCH, r.outcome(), r.detail());
        assertEquals(List.of("gw.phoenix.lan"), r.got());
        DnsProbeResult wrong = probe(DnsProbeRequest.builder(ns, "alias.phoenix.lan", DnsQueryType.CNAME)
                .expectNames(List.of("ca.phoenix.lan")));
        assertEquals(DnsOutcome.WRONG_ADDRESS, wrong.outcome());
        assertEquals("Correct the CNAME name of alias.phoenix.lan at " + nsText + " to ca.phoenix.lan.",
                wrong.remediation());
    }

    @Test
    void aQueryThroughACnameGetsTheTargetsAddress() throws Exception {
        DnsProbeResult r = prober.dns(ns, "alias.phoenix.lan", DnsQueryType.A, addrs("10.0.0.12"), 3000).get();
        assertEquals(DnsOutcome.MATCH, r.outcome(), r.detail());
    }

    @Test
    void ptrOfAHostsFileAddress() throws Exception {
        DnsProbeResult r = probe(DnsProbeRequest.reverse(ns, InetAddress.getByName("10.0.0.12"))
                .expectNames(List.of("gw.phoenix.lan")));
        assertEquals("12.0.0.10.in-addr.arpa", r.name());
        assertEquals(DnsOutcome.MATCH, r.outcome(), r.detail());
        assertEquals(List.of("gw.phoenix.lan"), r.got());
    }

    @Test
    void truncatedUdpAnswerIsRetriedOverTcp() throws Exception {
        List<String> all = IntStream.rangeClosed(1, 40).mapToObj(i -> "10.1.0." + i).toList();
        DnsProbeResult r = probe(DnsProbeRequest.builder(ns, "big.phoenix.lan", DnsQueryType.A)
                .expectAddresses(addrs(all.toArray(String[]::new))));
        assertEquals(DnsOutcome.MATCH, r.outcome(), r.detail());
        assertTrue(r.overTcp());
        assertEquals(40, r.got().size());
        DnsProbeResult udpOnly = probe(DnsProbeRequest.builder(ns, "big.phoenix.lan", DnsQueryType.A)
                .tcpFallback(false));
        assertFalse(udpOnly.overTcp());
        assertTrue(udpOnly.got().size() < 40, "the truncated answer holds fewer records: " + udpOnly.got().size());
    }

    @Test
    void wildcardIsRevealed() throws Exception {
        DnsWildcardResult w = prober.dnsWildcard(ns, "wild.example.test", 3000).get();
        assertTrue(w.wildcard());
        assertTrue(w.conclusive());
        assertEquals(List.of("127.0.0.9"), w.query().got());
        assertTrue(w.query().name().matches("phx-nx-[0-9a-f]+\\.wild\\.example\\.test"), w.query().name());
        assertEquals("Remove the wildcard for wild.example.test (a '*.wild.example.test' record or dnsmasq "
                + "address=/wild.example.test/...) so that a wrong or missing host name fails with NXDOMAIN instead of "
                + "reaching 127.0.0.9.", w.remediation());
        assertEquals(w, ProbeJson.wildcardFromJson(ProbeJson.toJson(w)));
    }

    @Test
    void noWildcardInTheLocalDomain() throws Exception {
        DnsWildcardResult w = prober.dnsWildcard(ns, "phoenix.lan", 3000).get();
        assertFalse(w.wildcard());
        assertTrue(w.conclusive());
        assertEquals(DnsOutcome.NXDOMAIN, w.query().outcome());
        assertEquals("", w.remediation());
    }
}
