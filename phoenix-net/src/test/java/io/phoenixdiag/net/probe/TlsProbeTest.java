package io.phoenixdiag.net.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.phoenixdiag.pki.cert.CertificateBuilder;
import io.phoenixdiag.pki.cert.ChainBuilder;
import io.phoenixdiag.pki.cert.ChainDefect;
import io.phoenixdiag.pki.cert.IssuedCertificate;
import io.phoenixdiag.pki.cert.IssuedChain;
import io.phoenixdiag.pki.name.ReferenceIdentity;

import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class TlsProbeTest {
    /** When the test certificates were made. */
    static final Instant MADE = Instant.parse("2026-01-01T00:00:00Z");
    /** When the probes look at them: 6 h into the leaf's 24 h life (which starts 1 min before MADE). */
    static final Clock PROBE_CLOCK = Clock.fixed(MADE.plus(Duration.ofHours(6)).minus(Duration.ofMinutes(1)),
            ZoneOffset.UTC);
    static final String NAME = "gw.phoenix.lan";

    private static Prober prober;
    private static LoopbackServers servers;
    private static IssuedChain good;

    @BeforeAll
    static void start() {
        prober = Prober.create(1);
        servers = new LoopbackServers();
        good = chain(null);
    }

    @AfterAll
    static void stop() throws Exception {
        prober.close();
        servers.close();
    }

    static IssuedChain chain(ChainDefect defect) {
        ChainBuilder b = ChainBuilder.stepCa(NAME).clock(Clock.fixed(MADE, ZoneOffset.UTC));
        return (defect == null ? b : b.defect(defect)).build();
    }

    static TlsProbeRequest.Builder request(InetSocketAddress target) {
        return TlsProbeRequest.builder(target).sni(NAME).trustAnchors(List.of(good.root().certificate()))
                .clock(PROBE_CLOCK).connectTimeoutMs(2000).handshakeTimeoutMs(2000);
    }

    static TlsProbeResult probe(TlsProbeRequest.Builder b) throws Exception {
        return prober.tls(b.build()).get();
    }

    static InetSocketAddress serve(IssuedCertificate leaf, List<X509Certificate> served, String... alpn)
            throws Exception {
        return servers.tls(leaf.keyPair().getPrivate(), served, alpn);
    }

    static String target(InetSocketAddress a) {
        return "127.0.0.1:" + a.getPort() + "/tcp";
    }

    /** The facts of a chain served by this test, with the leaf 6 h into its 24 h life. */
    static ChainFacts facts(boolean missing, boolean root, String... subjects) {
        return new ChainFacts(subjects.length, List.of(subjects), missing, root, false, 0.75, LEAF_NOT_AFTER);
    }

    static final long LEAF_NOT_AFTER = Instant.parse("2026-01-01T23:59:00Z").getEpochSecond();
    static final String LEAF = "CN=gw.phoenix.lan";
    static final String INTERMEDIATE = "CN=Phoenix Intermediate CA";

    /** A completed handshake with TLS 1.3 on the JDK's first cipher suite. */
    static TlsProbeResult handshook(TlsProbeResult r, List<String> alpnOffered, TlsOutcome outcome, String reason,
                                    String detail, String alpn, ChainFacts facts, String remediation) {
        return new TlsProbeResult(r.target(), NAME, alpnOffered, outcome, "", reason, detail, "TLSv1.3",
                "TLS_AES_128_GCM_SHA256", alpn, r.connectMs(), r.tlsMs(), facts, remediation);
    }

    /** A probe that ended before a handshake completed. */
    static TlsProbeResult failed(InetSocketAddress a, TlsProbeResult r, List<String> alpnOffered, TlsOutcome outcome,
                                 String alert, String detail, String remediation) {
        return new TlsProbeResult(target(a), NAME, alpnOffered, outcome, alert, "", detail, "", "", "",
                r.connectMs(), r.tlsMs(), ChainFacts.NONE, remediation);
    }

    @Test
    void validChainWithAlpn() throws Exception {
        InetSocketAddress a = serve(good.leaf(), good.presentedChain(), "http/1.1");
        TlsProbeResult r = probe(request(a).alpn("h2", "http/1.1"));
        assertEquals(handshook(r, List.of("h2", "http/1.1"), TlsOutcome.OK, "",
                "The handshake completed and the chain validates for gw.phoenix.lan.", "http/1.1",
                facts(false, false, LEAF, INTERMEDIATE), ""), r);
        assertEquals(target(a), r.target());
    }

    @Test
    void unknownCaIsUntrustedButTheChainIsCaptured() throws Exception {
        IssuedChain other = ChainBuilder.stepCa(NAME).caName("Other").clock(Clock.fixed(MADE, ZoneOffset.UTC))
                .build();
        TlsProbeResult r = probe(request(serve(other.leaf(), other.presentedChain())));
        assertEquals(handshook(r, List.of(), TlsOutcome.UNTRUSTED, "UNKNOWN_ISSUER",
                "No presented or trusted certificate is the issuer CN=Other Root CA of CN=Other Intermediate CA.", "",
                facts(false, false, LEAF, "CN=Other Intermediate CA"),
                "Trust the root that issued CN=Other Intermediate CA, or present the missing intermediate."), r);
    }

    @Test
    void wrongNameIsNameMismatch() throws Exception {
        TlsProbeResult r = probe(request(serve(good.leaf(), good.presentedChain()))
                .referenceIdentity(ReferenceIdentity.dns("ca.phoenix.lan")));
        assertEquals(handshook(r, List.of(), TlsOutcome.NAME_MISMATCH, "",
                "CN=gw.phoenix.lan does not match name ca.phoenix.lan: it has subjectAltName DNS:gw.phoenix.lan.", "",
                facts(false, false, LEAF, INTERMEDIATE),
                "Re-issue the certificate with DNS:ca.phoenix.lan in its subjectAltName, or connect using a name it "
                        + "lists."), r);
    }

    @Test
    void wrongNameDefectFromChainBuilder() throws Exception {
        IssuedChain wrong = chain(ChainDefect.WRONG_NAME);
        TlsProbeResult r = probe(request(serve(wrong.leaf(), wrong.presentedChain()))
                .trustAnchors(List.of(wrong.root().certificate())));
        assertEquals(TlsOutcome.NAME_MISMATCH, r.outcome());
        assertEquals(List.of("CN=wrong.gw.phoenix.lan", INTERMEDIATE), r.chain().subjects());
    }

    @Test
    void expiredLeafIsUntrustedExpired() throws Exception {
        IssuedChain expired = chain(ChainDefect.EXPIRED_LEAF);
        TlsProbeResult r = probe(request(serve(expired.leaf(), expired.presentedChain()))
                .trustAnchors(List.of(expired.root().certificate())));
        assertEquals(handshook(r, List.of(), TlsOutcome.UNTRUSTED, "EXPIRED",
                "CN=gw.phoenix.lan expired at 2025-12-31T23:00:00Z; validation time is 2026-01-01T05:59:00Z.", "",
                new ChainFacts(2, List.of(LEAF, INTERMEDIATE), false, false, false, 0.0,
                        Instant.parse("2025-12-31T23:00:00Z").getEpochSecond()),
                "Renew the certificate (check that the renewal service, such as step ca renew --daemon, runs)."), r);
    }

    @Test
    void leafWithoutIntermediateIsMissingIntermediate() throws Exception {
        TlsProbeResult r = probe(request(serve(good.leaf(), List.of(good.leaf().certificate()))));
        assertEquals(handshook(r, List.of(), TlsOutcome.UNTRUSTED, "UNKNOWN_ISSUER",
                "No presented or trusted certificate is the issuer CN=Phoenix Intermediate CA of CN=gw.phoenix.lan.",
                "", facts(true, false, LEAF),
                "Present the intermediate chain with the certificate, or trust the CA that issued it."), r);
    }

    @Test
    void rootSentNeedlesslyStillValidates() throws Exception {
        TlsProbeResult r = probe(request(serve(good.leaf(), List.of(good.leaf().certificate(),
                good.intermediates().get(0).certificate(), good.root().certificate()))));
        assertEquals(handshook(r, List.of(), TlsOutcome.OK, "",
                "The handshake completed and the chain validates for gw.phoenix.lan.", "",
                facts(false, true, LEAF, INTERMEDIATE, "CN=Phoenix Root CA"), ""), r);
    }

    @Test
    void traefikDefaultCertificateIsRecognised() throws Exception {
        IssuedCertificate t = CertificateBuilder.selfSignedLeaf("0a1b2c.traefik.default")
                .subject("CN=TRAEFIK DEFAULT CERT").clock(Clock.fixed(MADE, ZoneOffset.UTC)).build();
        TlsProbeResult r = probe(request(serve(t, List.of(t.certificate()))));
        assertEquals(handshook(r, List.of(), TlsOutcome.UNTRUSTED, "UNTRUSTED_ROOT",
                "The end-entity certificate CN=TRAEFIK DEFAULT CERT is self-signed and not trusted.", "",
                new ChainFacts(1, List.of("CN=TRAEFIK DEFAULT CERT"), false, false, true, 0.75, LEAF_NOT_AFTER),
                "Traefik served its default certificate: make a router match this SNI (gw.phoenix.lan) and check "
                        + "its certificate resolver or TLS store loads. Issue the certificate from the internal CA "
                        + "instead of self-signing it."), r);
    }

    @Test
    void plainHttpOnTlsPortIsPlaintextPeer() throws Exception {
        InetSocketAddress a = servers.plaintextHttp();
        TlsProbeResult r = probe(request(a));
        assertEquals(failed(a, r, List.of(), TlsOutcome.PLAINTEXT_PEER, "",
                "The peer answered the ClientHello in plaintext: \"HTTP/1.1 400 Bad Request\".",
                "The service on " + target(a) + " speaks plain HTTP: enable TLS on it, or probe it with HTTP, or "
                        + "point the client at the TLS port."), r);
    }

    @Test
    void peerClosingIsClosedDuringHandshake() throws Exception {
        InetSocketAddress a = servers.closesOnRead();
        TlsProbeResult r = probe(request(a));
        assertEquals(failed(a, r, List.of(), TlsOutcome.CLOSED_DURING_HANDSHAKE, "",
                "The peer closed the connection during the TLS handshake without an alert (it sent no bytes).",
                "Check that " + target(a) + " speaks TLS and has a certificate for this server name (SNI "
                        + "gw.phoenix.lan); its log says why it dropped the handshake."), r);
    }

    @Test
    void silentPeerIsHandshakeTimeout() throws Exception {
        InetSocketAddress a = servers.silent();
        TlsProbeResult r = probe(request(a).handshakeTimeoutMs(300));
        assertEquals(failed(a, r, List.of(), TlsOutcome.HANDSHAKE_TIMEOUT, "",
                "The TLS handshake did not finish within 300 ms after the TCP connection was up.",
                "Check that " + target(a) + " speaks TLS and is not overloaded, and that no middlebox holds the "
                        + "ClientHello."), r);
    }

    @Test
    void peerAlertIsNamed() throws Exception {
        InetSocketAddress a = serve(good.leaf(), good.presentedChain(), "h2");
        TlsProbeResult r = probe(request(a).alpn("http/1.1"));
        assertEquals(failed(a, r, List.of("http/1.1"), TlsOutcome.ALERT, "no_application_protocol",
                "The peer sent the fatal alert no_application_protocol.",
                "Read the server's log for the handshake (SNI gw.phoenix.lan): the alert no_application_protocol "
                        + "names what it rejected (protocol version, cipher suite, ALPN, client certificate)."), r);
    }

    @Test
    void closedPortIsRefused() throws Exception {
        InetSocketAddress a = LoopbackServers.closedPort();
        TlsProbeResult r = probe(request(a));
        assertEquals(failed(a, r, List.of(), TlsOutcome.REFUSED, "",
                "The peer answered the SYN with a RST (connection refused).",
                TcpProbeResult.remediationFor(TcpOutcome.REFUSED, target(a))), r);
        assertEquals(0, r.tlsMs());
    }

    @Test
    void silentDropIsTimeout() throws Exception {
        InetSocketAddress a = servers.fullAcceptQueue();
        TlsProbeResult r = probe(request(a).connectTimeoutMs(300));
        assertEquals(failed(a, r, List.of(), TlsOutcome.TIMEOUT, "", "No answer to the SYN within 300 ms.",
                TcpProbeResult.remediationFor(TcpOutcome.TIMEOUT, target(a))), r);
    }

    @Test
    void withoutSniTheTargetAddressIsTheReferenceIdentity() throws Exception {
        IssuedChain byIp = ChainBuilder.stepCa("127.0.0.1").clock(Clock.fixed(MADE, ZoneOffset.UTC)).build();
        TlsProbeRequest req = TlsProbeRequest.builder(serve(byIp.leaf(), byIp.presentedChain()))
                .trustAnchors(List.of(byIp.root().certificate())).clock(PROBE_CLOCK).build();
        assertEquals(ReferenceIdentity.ip("127.0.0.1"), req.referenceIdentity());
        TlsProbeResult r = prober.tls(req).get();
        assertEquals(TlsOutcome.OK, r.outcome());
        assertEquals("", r.sni());
    }

    @Test
    void cancellingClosesTheProbe() throws Exception {
        var f = prober.tls(request(servers.silent()).handshakeTimeoutMs(60_000).build());
        assertTrue(f.cancel(true));
        assertTrue(f.isCancelled());
    }

    @Test
    void requestRejectsImpossibleValues() {
        InetSocketAddress a = new InetSocketAddress(LoopbackServers.LOOPBACK, 443);
        assertThrows(IllegalArgumentException.class, () -> TlsProbeRequest.builder(a).sni("10.0.0.1"));
        assertThrows(IllegalArgumentException.class, () -> TlsProbeRequest.builder(a).alpn("h2", ""));
        assertThrows(IllegalArgumentException.class, () -> TlsProbeRequest.builder(a).connectTimeoutMs(0));
        assertThrows(IllegalArgumentException.class, () -> TlsProbeRequest.builder(a).handshakeTimeoutMs(-1));
        assertThrows(IllegalArgumentException.class,
                () -> TlsProbeRequest.builder(InetSocketAddress.createUnresolved("gw.phoenix.lan", 443)));
    }

    @Test
    void repeatedProbesShareAContextButNeverResumeASession() throws Exception {
        InetSocketAddress a = serve(good.leaf(), good.presentedChain(), "http/1.1");
        for (int i = 0; i < 3; i++) {
            TlsProbeResult r = probe(request(a).alpn("http/1.1"));
            assertEquals(TlsOutcome.OK, r.outcome(), r.detail());
            assertEquals(facts(false, false, LEAF, INTERMEDIATE), r.chain(), "probe " + i + " saw the served chain");
        }
    }

    @Test
    void jsonRoundTrip() throws Exception {
        TlsProbeResult r = probe(request(serve(good.leaf(), good.presentedChain(), "http/1.1")).alpn("h2"));
        assertEquals(r, ProbeJson.tlsFromJson(ProbeJson.toJson(r)));
    }
}
