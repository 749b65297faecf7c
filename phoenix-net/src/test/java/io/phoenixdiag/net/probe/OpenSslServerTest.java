package io.phoenixdiag.net.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.phoenixdiag.pki.cert.CertificateBuilder;
import io.phoenixdiag.pki.cert.ChainBuilder;
import io.phoenixdiag.pki.cert.IssuedCertificate;
import io.phoenixdiag.pki.cert.IssuedChain;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Client-certificate rejections as OpenSSL sends them in TLS 1.3, after the client's handshake has completed:
 * {@code openssl s_server -Verify 1 -verify_return_error} on a loopback port (servers that verify in the
 * handshake, as Traefik's RequireAndVerifyClientCert and step-ca do, behave the same).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class OpenSslServerTest {
    static final String NAME = "ca.phoenix.lan";
    @TempDir
    static Path dir;
    private static Process server;
    private static Prober prober;
    private static IssuedChain chain;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        RealPeers.requireBinary("/usr/bin/openssl", "openssl");
        chain = ChainBuilder.stepCa(NAME).build();
        Files.writeString(dir.resolve("leaf.pem"), chain.leaf().certificatePem());
        Files.writeString(dir.resolve("inter.pem"), chain.intermediates().get(0).certificatePem());
        Files.writeString(dir.resolve("leaf.key"), chain.leaf().privateKeyPem());
        Files.writeString(dir.resolve("root.pem"), chain.root().certificatePem());
        port = RealPeers.freePort();
        Path log = dir.resolve("s_server.log");
        server = RealPeers.start(log, List.of("/usr/bin/openssl", "s_server", "-accept", "127.0.0.1:" + port,
                "-cert", dir + "/leaf.pem", "-cert_chain", dir + "/inter.pem", "-key", dir + "/leaf.key",
                "-CAfile", dir + "/root.pem", "-Verify", "2", "-verify_return_error", "-tls1_3", "-www", "-quiet"));
        RealPeers.awaitListening(new InetSocketAddress(LoopbackServers.LOOPBACK, port), server, log);
        prober = Prober.create(1);
    }

    @AfterAll
    static void stop() throws Exception {
        if (prober != null) {
            prober.close();
        }
        RealPeers.stop(server);
    }

    static TlsProbeRequest.Builder request() {
        return TlsProbeRequest.builder(new InetSocketAddress(LoopbackServers.LOOPBACK, port)).sni(NAME)
                .trustAnchors(List.of(chain.root().certificate())).connectTimeoutMs(2000).handshakeTimeoutMs(3000)
                .postHandshakeReadMs(3000);
    }

    @Test
    void noClientCertificateIsCertificateRequired() throws Exception {
        TlsProbeResult r = prober.tls(request().build()).get();
        assertEquals(TlsOutcome.ALERT, r.outcome(), r.detail());
        assertEquals("certificate_required", r.alert());
        assertEquals("TLSv1.3", r.protocol());
        assertEquals("The peer sent the fatal alert certificate_required after the handshake, judging the client "
                + "certificate (none was sent).", r.detail());
        assertEquals("The server (SNI ca.phoenix.lan) requires a client certificate: configure one issued by a CA the "
                + "server trusts (nginx ssl_client_certificate / ssl_verify_client).", r.remediation());
    }

    @Test
    void clientCertificateFromAnotherCaIsUnknownCa() throws Exception {
        IssuedChain other = ChainBuilder.stepCa("x").caName("Other").build();
        IssuedCertificate c = CertificateBuilder.leaf(other.intermediates().get(0), "probe.phoenix.lan").build();
        TlsProbeResult r = prober.tls(request().clientCertificate(c.keyPair().getPrivate(),
                List.of(c.certificate(), other.intermediates().get(0).certificate())).build()).get();
        assertEquals(TlsOutcome.ALERT, r.outcome(), r.detail());
        assertEquals("unknown_ca", r.alert());
        assertEquals("CN=probe.phoenix.lan", r.clientCertificate());
    }

    @Test
    void trustedClientCertificateIsOk() throws Exception {
        IssuedCertificate c = CertificateBuilder.leaf(chain.intermediates().get(0), "probe.phoenix.lan").build();
        TlsProbeResult r = prober.tls(request().clientCertificate(c.keyPair().getPrivate(),
                List.of(c.certificate(), chain.intermediates().get(0).certificate())).build()).get();
        assertEquals(TlsOutcome.OK, r.outcome(), r.detail());
        assertEquals("CN=probe.phoenix.lan", r.clientCertificate());
    }
}
