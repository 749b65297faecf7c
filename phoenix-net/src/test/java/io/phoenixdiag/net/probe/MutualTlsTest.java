package io.phoenixdiag.net.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.phoenixdiag.pki.cert.CertificateBuilder;
import io.phoenixdiag.pki.cert.ChainBuilder;
import io.phoenixdiag.pki.cert.IssuedCertificate;
import io.phoenixdiag.pki.cert.IssuedChain;
import io.phoenixdiag.pki.cert.KeyType;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Mutual TLS against a JDK-engine server that requires a client certificate, over TLS 1.3 and TLS 1.2. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class MutualTlsTest {
    static final String NAME = "ca.phoenix.lan";
    private static Prober prober;
    private static LoopbackServers servers;
    /** Server chain and client CA, valid now (the JDK server validates client certificates at the real time). */
    private static IssuedChain server;
    private static IssuedCertificate client;

    @BeforeAll
    static void start() {
        prober = Prober.create(1);
        servers = new LoopbackServers();
        server = ChainBuilder.stepCa(NAME).build();
        client = CertificateBuilder.leaf(server.intermediates().get(0), "probe.phoenix.lan").build();
    }

    @AfterAll
    static void stop() throws Exception {
        prober.close();
        servers.close();
    }

    static InetSocketAddress serve(String protocol) throws Exception {
        return servers.tlsClientAuth(server.leaf().keyPair().getPrivate(), server.presentedChain(),
                server.root().certificate(), protocol);
    }

    static TlsProbeRequest.Builder request(InetSocketAddress a) {
        return TlsProbeRequest.builder(a).sni(NAME).trustAnchors(List.of(server.root().certificate()))
                .connectTimeoutMs(2000).handshakeTimeoutMs(3000).postHandshakeReadMs(3000);
    }

    static TlsProbeRequest.Builder withClient(TlsProbeRequest.Builder b, IssuedCertificate c, IssuedChain issuer) {
        return b.clientCertificate(c.keyPair().getPrivate(), List.of(c.certificate(),
                issuer.intermediates().get(0).certificate()));
    }

    @Test
    void acceptedClientCertificateTls13() throws Exception {
        TlsProbeResult r = prober.tls(withClient(request(serve("TLSv1.3")), client, server).build()).get();
        assertEquals(TlsOutcome.OK, r.outcome(), r.detail());
        assertEquals("TLSv1.3", r.protocol());
        assertTrue(r.clientCertificateRequested());
        assertEquals("CN=probe.phoenix.lan", r.clientCertificate());
        assertTrue(r.detail().startsWith("The handshake completed and the chain validates for ca.phoenix.lan. The server "
                + "accepted the client certificate CN=probe.phoenix.lan ("), r.detail());
    }

    @Test
    void missingClientCertificateTls13IsAlertAfterTheHandshake() throws Exception {
        TlsProbeResult r = prober.tls(request(serve("TLSv1.3")).build()).get();
        assertEquals(TlsOutcome.ALERT, r.outcome(), r.detail());
        // the JDK server answers an empty Certificate with bad_certificate (OpenSSL: certificate_required, see NginxTlsTest)
        assertEquals("bad_certificate", r.alert());
        assertEquals("TLSv1.3", r.protocol());
        assertTrue(r.clientCertificateRequested());
        assertEquals("", r.clientCertificate());
        assertEquals("The peer sent the fatal alert bad_certificate after the handshake, judging the client "
                + "certificate (none was sent).", r.detail());
        assertEquals("The server (SNI ca.phoenix.lan) rejected the client certificate (bad_certificate): issue it from "
                + "the CA the server trusts for clients, with clientAuth EKU, valid now, and send its intermediate.",
                r.remediation());
        assertEquals(2, r.chain().count(), "the served chain is captured even though the probe failed");
    }

    @Test
    void untrustedClientCertificateTls13IsAlert() throws Exception {
        IssuedChain other = ChainBuilder.stepCa("x").caName("Other").build();
        IssuedCertificate c = CertificateBuilder.leaf(other.intermediates().get(0), "probe.phoenix.lan").build();
        TlsProbeResult r = prober.tls(withClient(request(serve("TLSv1.3")), c, other).build()).get();
        assertEquals(TlsOutcome.ALERT, r.outcome(), r.detail());
        assertEquals("certificate_unknown", r.alert());
        assertEquals("CN=probe.phoenix.lan", r.clientCertificate());
    }

    @Test
    void missingClientCertificateTls12IsAlertDuringTheHandshake() throws Exception {
        TlsProbeResult r = prober.tls(request(serve("TLSv1.2")).build()).get();
        assertEquals(TlsOutcome.ALERT, r.outcome(), r.detail());
        assertEquals("bad_certificate", r.alert());
        assertEquals("The peer sent the fatal alert bad_certificate.", r.detail());
        assertEquals(0, r.postHandshakeMs());
    }

    @Test
    void acceptedClientCertificateTls12() throws Exception {
        TlsProbeResult r = prober.tls(withClient(request(serve("TLSv1.2")), client, server).build()).get();
        assertEquals(TlsOutcome.OK, r.outcome(), r.detail());
        assertEquals("TLSv1.2", r.protocol());
        assertEquals("CN=probe.phoenix.lan", r.clientCertificate());
        assertEquals(0, r.postHandshakeMs());
    }

    @Test
    void withoutWaitingTls13ReportsSuccessAtTheEndOfTheHandshake() throws Exception {
        TlsProbeResult r = prober.tls(request(serve("TLSv1.3")).postHandshakeReadMs(0).build()).get();
        assertEquals(TlsOutcome.OK, r.outcome(), "the documented blind spot when not waiting");
        assertTrue(r.clientCertificateRequested());
        assertEquals("The handshake completed and the chain validates for ca.phoenix.lan. The server asked for a client "
                + "certificate; none was sent.", r.detail());
    }

    @Test
    void serverThatAsksForNothingIsNotWaitedFor() throws Exception {
        InetSocketAddress a = servers.tls(server.leaf().keyPair().getPrivate(), server.presentedChain());
        TlsProbeResult r = prober.tls(withClient(request(a), client, server).build()).get();
        assertEquals(TlsOutcome.OK, r.outcome());
        assertFalse(r.clientCertificateRequested());
        assertEquals("", r.clientCertificate());
        assertEquals(0, r.postHandshakeMs());
    }

    @Test
    void clientCertificateArgumentsAreChecked() {
        TlsProbeRequest.Builder b = TlsProbeRequest.builder(new InetSocketAddress(LoopbackServers.LOOPBACK, 443));
        assertThrows(IllegalArgumentException.class, () -> b.clientCertificate(client.keyPair().getPrivate(), List.of()));
        IssuedCertificate rsa = CertificateBuilder.selfSignedLeaf("r").keyType(KeyType.RSA_2048).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> b.clientCertificate(rsa.keyPair().getPrivate(), List.of(client.certificate())));
        assertEquals("the client key is RSA but the certificate's public key is EC", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> b.postHandshakeReadMs(-1));
        String text = b.clientCertificate(client.keyPair().getPrivate(), List.of(client.certificate())).build().toString();
        assertEquals("TlsProbeRequest[127.0.0.1:443/tcp clientKey=<masked>]", text);
    }
}
