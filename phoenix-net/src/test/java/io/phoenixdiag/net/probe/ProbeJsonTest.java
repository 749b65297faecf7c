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
                + "\"remediation\":\"r\"}", ProbeJson.toJson(r));
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
}
