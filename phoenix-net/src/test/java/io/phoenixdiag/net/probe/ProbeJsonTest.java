package io.phoenixdiag.net.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class ProbeJsonTest {

    @Test
    void tcpJsonIsStable() {
        TcpProbeResult r = new TcpProbeResult("10.0.0.10:443/tcp", TcpOutcome.REFUSED, 3,
                "The peer answered the SYN with a RST (connection refused).", "Start it.");
        assertEquals("{\"target\":\"10.0.0.10:443/tcp\",\"outcome\":\"REFUSED\",\"connectMs\":3,"
                + "\"detail\":\"The peer answered the SYN with a RST (connection refused).\",\"remediation\":\"Start it.\"}",
                ProbeJson.toJson(r));
    }

    @Test
    void tlsJsonIsStable() {
        TlsProbeResult r = new TlsProbeResult("10.0.0.12:443/tcp", "gw.phoenix.lan", List.of("h2"), TlsOutcome.ALERT,
                "handshake_failure", "", "d", "", "", "", 1, 2, ChainFacts.NONE, "r");
        assertEquals("{\"target\":\"10.0.0.12:443/tcp\",\"sni\":\"gw.phoenix.lan\",\"alpnOffered\":[\"h2\"],"
                + "\"outcome\":\"ALERT\",\"alert\":\"handshake_failure\",\"untrustedReason\":\"\",\"detail\":\"d\","
                + "\"protocol\":\"\",\"cipherSuite\":\"\",\"alpn\":\"\",\"connectMs\":1,\"tlsMs\":2,"
                + "\"chain\":{\"count\":0,\"subjects\":[],\"missingIntermediate\":false,\"rootSentNeedlessly\":false,"
                + "\"traefikDefaultCert\":false,\"lifetimeLeftFraction\":0.0,\"leafNotAfterEpochSeconds\":0},"
                + "\"remediation\":\"r\",\"clientCertificateRequested\":false,\"clientCertificate\":\"\","
                + "\"postHandshakeMs\":0}", ProbeJson.toJson(r));
    }

    @Test
    void tlsJsonWithoutClientCertificateFactsStillReads() {
        String before = "{\"target\":\"10.0.0.12:443/tcp\",\"sni\":\"\",\"alpnOffered\":[],\"outcome\":\"OK\","
                + "\"alert\":\"\",\"untrustedReason\":\"\",\"detail\":\"d\",\"protocol\":\"TLSv1.3\","
                + "\"cipherSuite\":\"c\",\"alpn\":\"\",\"connectMs\":1,\"tlsMs\":2,\"chain\":{\"count\":0,"
                + "\"subjects\":[],\"missingIntermediate\":false,\"rootSentNeedlessly\":false,"
                + "\"traefikDefaultCert\":false,\"lifetimeLeftFraction\":0.0,\"leafNotAfterEpochSeconds\":0},"
                + "\"remediation\":\"\"}";
        assertEquals(new TlsProbeResult("10.0.0.12:443/tcp", "", List.of(), TlsOutcome.OK, "", "", "d", "TLSv1.3", "c",
                "", 1, 2, ChainFacts.NONE, ""), ProbeJson.tlsFromJson(before));
    }

    @Property(tries = 200)
    void tcpRoundTrips(@ForAll TcpOutcome outcome, @ForAll @LongRange(min = 0, max = 1_000_000) long ms,
                       @ForAll String detail, @ForAll String remediation) {
        TcpProbeResult r = new TcpProbeResult("127.0.0.1:1/tcp", outcome, ms, detail, remediation);
        assertEquals(r, ProbeJson.tcpFromJson(ProbeJson.toJson(r)));
    }

    @Property(tries = 200)
    void tlsRoundTrips(@ForAll TlsOutcome outcome, @ForAll List<String> alpn, @ForAll String detail,
                       @ForAll @DoubleRange(min = 0, max = 1) double fraction, @ForAll boolean missing) {
        ChainFacts facts = new ChainFacts(2, List.of("CN=a", "CN=b"), missing, !missing, false, fraction, 42);
        TlsProbeResult r = new TlsProbeResult("[::1]:443/tcp", "", alpn, outcome, "", "", detail, "TLSv1.2",
                "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "", 5, 6, facts, "");
        assertEquals(r, ProbeJson.tlsFromJson(ProbeJson.toJson(r)));
    }

    @Test
    void badJsonNamesTheProblem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ProbeJson.tcpFromJson("{\"target\":\"x\",\"outcome\":\"MAYBE\"}"));
        assertTrue(e.getMessage().startsWith("not a TcpProbeResult JSON object: "), e.getMessage());
        assertTrue(e.getMessage().contains("MAYBE"), e.getMessage());
    }

    @Test
    void recordsRejectImpossibleValues() {
        assertThrows(IllegalArgumentException.class,
                () -> new TcpProbeResult("t", TcpOutcome.OPEN, -1, "", ""));
        assertThrows(IllegalArgumentException.class,
                () -> new ChainFacts(1, List.of("CN=a"), false, false, false, 1.5, 0));
        assertThrows(IllegalArgumentException.class,
                () -> new ChainFacts(-1, List.of(), false, false, false, 0, 0));
    }

    @Test
    void findings() {
        TcpProbeResult tcp = new TcpProbeResult("10.0.0.10:443/tcp", TcpOutcome.TIMEOUT, 3000, "No answer.", "Check it.");
        io.phoenixdiag.core.diag.Finding f = tcp.toFinding();
        assertEquals("probe.tcp", f.checkId());
        assertEquals(io.phoenixdiag.core.diag.Severity.ERROR, f.severity());
        assertEquals("TCP 10.0.0.10:443/tcp: TIMEOUT", f.title());
        assertEquals("No answer.", f.message());
        assertEquals(List.of("10.0.0.10:443/tcp"), f.subjects());
        assertEquals(ProbeJson.toJson(tcp), f.evidence().get(0).text());
        assertEquals("Check it.", f.remediation());

        ChainFacts late = new ChainFacts(2, List.of("CN=a", "CN=b"), false, false, false, 0.25, 1);
        TlsProbeResult ok = new TlsProbeResult("10.0.0.12:443/tcp", "gw.phoenix.lan", List.of(), TlsOutcome.OK, "", "",
                "fine", "TLSv1.3", "TLS_AES_128_GCM_SHA256", "", 1, 2, late, "");
        io.phoenixdiag.core.diag.Finding g = ok.toFinding();
        assertEquals(io.phoenixdiag.core.diag.Severity.WARNING, g.severity());
        assertEquals("TLS 10.0.0.12:443/tcp (SNI gw.phoenix.lan): OK", g.title());
        assertEquals("Renew the certificate now and check that automatic renewal runs.", g.remediation());

        TlsProbeResult alert = new TlsProbeResult("10.0.0.12:443/tcp", "", List.of(), TlsOutcome.ALERT,
                "handshake_failure", "", "d", "", "", "", 1, 2, ChainFacts.NONE, "r");
        assertEquals("TLS 10.0.0.12:443/tcp: ALERT(handshake_failure)", alert.toFinding().title());

        DnsProbeResult dns = new DnsProbeResult("10.0.0.1:53/udp", "agent.phoenix.lan", DnsQueryType.A,
                DnsOutcome.MATCH, List.of("10.0.0.102"), List.of(), "NOERROR", 1, "ok", "");
        assertEquals(io.phoenixdiag.core.diag.Severity.INFO, dns.toFinding().severity());
        assertEquals("DNS agent.phoenix.lan A at 10.0.0.1:53/udp: MATCH", dns.toFinding().title());

        HttpProbeResult http = new HttpProbeResult("10.0.0.10:9000/tcp", "https://ca.phoenix.lan/health", "GET",
                HttpOutcome.WRONG_STATUS, 502, 200, "", "", "d", 1, 2, List.of(), "r");
        assertEquals("GET https://ca.phoenix.lan/health: WRONG_STATUS (502)", http.toFinding().title());
        assertEquals(io.phoenixdiag.core.diag.Severity.ERROR, http.toFinding().severity());
    }
}
