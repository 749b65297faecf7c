package io.phoenixdiag.net.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.phoenixdiag.pki.cert.CertificateBuilder;
import io.phoenixdiag.pki.cert.ChainBuilder;
import io.phoenixdiag.pki.cert.ChainDefect;
import io.phoenixdiag.pki.cert.IssuedCertificate;
import io.phoenixdiag.pki.cert.IssuedChain;
import io.phoenixdiag.pki.pem.PemEncoder;

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
 * TLS and HTTPS probes against a real OpenSSL peer: a private Debian nginx started by the test on loopback high
 * ports, with its own prefix, configuration, pid and error log in a temporary directory ({@code daemon off},
 * {@code master_process off}), serving certificates made here with phoenix-pki.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class NginxTlsTest {
    static final String NAME = "gw.phoenix.lan";
    @TempDir
    static Path dir;
    private static Process nginx;
    private static Prober prober;
    private static IssuedChain good;
    private static IssuedChain expired;
    private static IssuedChain wrongName;
    private static IssuedCertificate client;
    private static int full;
    private static int leafOnly;
    private static int expiredPort;
    private static int wrongNamePort;
    private static int mtls;

    @BeforeAll
    static void start() throws Exception {
        RealPeers.requireBinary("/usr/sbin/nginx", "nginx-light");
        good = ChainBuilder.stepCa(NAME).build();
        expired = ChainBuilder.stepCa(NAME).root(good.root()).defect(ChainDefect.EXPIRED_LEAF).build();
        wrongName = ChainBuilder.stepCa(NAME).root(good.root()).defect(ChainDefect.WRONG_NAME).build();
        client = CertificateBuilder.leaf(good.intermediates().get(0), "probe.phoenix.lan").build();
        write("good", good, true);
        write("leaf", good, false);
        write("expired", expired, true);
        write("wrong", wrongName, true);
        Files.writeString(dir.resolve("client-ca.pem"), PemEncoder.certificate(good.root().certificate())
                + PemEncoder.certificate(good.intermediates().get(0).certificate()));
        full = RealPeers.freePort();
        leafOnly = RealPeers.freePort();
        expiredPort = RealPeers.freePort();
        wrongNamePort = RealPeers.freePort();
        mtls = RealPeers.freePort();
        String conf = """
                daemon off;
                master_process off;
                worker_processes 1;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log info;
                events { worker_connections 64; }
                http {
                    access_log off;
                    client_body_temp_path %1$s/body;
                    proxy_temp_path %1$s/proxy;
                    fastcgi_temp_path %1$s/fastcgi;
                    uwsgi_temp_path %1$s/uwsgi;
                    scgi_temp_path %1$s/scgi;
                    ssl_protocols TLSv1.2 TLSv1.3;
                    server { listen 127.0.0.1:%2$d ssl default_server; ssl_reject_handshake on; }
                    server { listen 127.0.0.1:%2$d ssl; server_name gw.phoenix.lan;
                             ssl_certificate %1$s/good.pem; ssl_certificate_key %1$s/good.key;
                             location / { return 200 "ok\\n"; } }
                    %3$s
                    %4$s
                    %5$s
                    server { listen 127.0.0.1:%6$d ssl; server_name gw.phoenix.lan;
                             ssl_certificate %1$s/good.pem; ssl_certificate_key %1$s/good.key;
                             ssl_verify_client on; ssl_client_certificate %1$s/client-ca.pem; ssl_verify_depth 2;
                             location / { return 200 "hello $ssl_client_s_dn\\n"; } }
                }
                """.formatted(dir, full, simple(leafOnly, "leaf"), simple(expiredPort, "expired"),
                simple(wrongNamePort, "wrong"), mtls);
        Files.writeString(dir.resolve("nginx.conf"), conf);
        Path log = dir.resolve("nginx.out");
        nginx = RealPeers.start(log, List.of("/usr/sbin/nginx", "-p", dir.toString(), "-e", dir + "/error.log",
                "-c", dir + "/nginx.conf"));
        for (int port : new int[] {full, leafOnly, expiredPort, wrongNamePort, mtls}) {
            RealPeers.awaitListening(addr(port), nginx, dir.resolve("error.log"));
        }
        prober = Prober.create(1);
    }

    private static String simple(int port, String file) {
        return "server { listen 127.0.0.1:%d ssl; ssl_certificate %s/%s.pem; ssl_certificate_key %s/%s.key; }"
                .formatted(port, dir, file, dir, file);
    }

    private static void write(String name, IssuedChain chain, boolean withIntermediate) throws Exception {
        Files.writeString(dir.resolve(name + ".pem"), withIntermediate ? chain.presentedChainPem()
                : chain.leaf().certificatePem());
        Files.writeString(dir.resolve(name + ".key"), chain.leaf().privateKeyPem());
    }

    @AfterAll
    static void stop() throws Exception {
        if (prober != null) {
            prober.close();
        }
        RealPeers.stop(nginx);
    }

    static InetSocketAddress addr(int port) {
        return new InetSocketAddress(LoopbackServers.LOOPBACK, port);
    }

    static TlsProbeRequest.Builder request(int port) {
        return TlsProbeRequest.builder(addr(port)).sni(NAME).trustAnchors(List.of(good.root().certificate()))
                .connectTimeoutMs(2000).handshakeTimeoutMs(3000).postHandshakeReadMs(3000);
    }

    static TlsProbeResult probe(TlsProbeRequest.Builder b) throws Exception {
        return prober.tls(b.build()).get();
    }

    @Test
    void fullChainIsOk() throws Exception {
        TlsProbeResult r = probe(request(full).alpn("h2", "http/1.1"));
        assertEquals(TlsOutcome.OK, r.outcome(), r.detail());
        assertEquals("TLSv1.3", r.protocol());
        assertEquals("http/1.1", r.alpn());
        assertEquals(List.of("CN=gw.phoenix.lan", "CN=Phoenix Intermediate CA"), r.chain().subjects());
        assertEquals(false, r.chain().missingIntermediate());
        assertEquals(false, r.clientCertificateRequested());
    }

    @Test
    void leafOnlyIsMissingIntermediate() throws Exception {
        TlsProbeResult r = probe(request(leafOnly));
        assertEquals(TlsOutcome.UNTRUSTED, r.outcome());
        assertEquals("UNKNOWN_ISSUER", r.untrustedReason());
        assertEquals(1, r.chain().count());
        assertTrue(r.chain().missingIntermediate());
        TlsProbeResult known = probe(request(leafOnly).knownIntermediates(good.intermediateCertificates()));
        assertEquals("MISSING_INTERMEDIATE", known.untrustedReason());
    }

    @Test
    void expiredLeafIsUntrustedExpired() throws Exception {
        TlsProbeResult r = probe(request(expiredPort));
        assertEquals(TlsOutcome.UNTRUSTED, r.outcome());
        assertEquals("EXPIRED", r.untrustedReason());
        assertEquals(0.0, r.chain().lifetimeLeftFraction());
    }

    @Test
    void wrongNameIsNameMismatch() throws Exception {
        TlsProbeResult r = probe(request(wrongNamePort));
        assertEquals(TlsOutcome.NAME_MISMATCH, r.outcome());
        assertEquals(List.of("CN=wrong.gw.phoenix.lan", "CN=Phoenix Intermediate CA"), r.chain().subjects());
    }

    @Test
    void unknownServerNameIsOpenSslAlert() throws Exception {
        TlsProbeResult r = probe(request(full).sni("other.phoenix.lan"));
        assertEquals(TlsOutcome.ALERT, r.outcome());
        assertEquals("unrecognized_name", r.alert());
        assertEquals(ChainFacts.NONE, r.chain());
    }

    @Test
    void unknownAlpnIsOpenSslAlert() throws Exception {
        TlsProbeResult r = probe(request(full).alpn("phoenix-test/1"));
        assertEquals(TlsOutcome.ALERT, r.outcome());
        assertEquals("no_application_protocol", r.alert());
    }

    @Test
    void clientCertificateAcceptedByNginx() throws Exception {
        TlsProbeRequest tls = request(mtls).clientCertificate(client.keyPair().getPrivate(),
                List.of(client.certificate(), good.intermediates().get(0).certificate())).build();
        TlsProbeResult r = prober.tls(tls).get();
        assertEquals(TlsOutcome.OK, r.outcome(), r.detail());
        assertTrue(r.clientCertificateRequested());
        assertEquals("CN=probe.phoenix.lan", r.clientCertificate());
        HttpProbeResult h = prober.http(HttpProbeRequest.https(tls).expectBodyContains("CN=probe.phoenix.lan").build())
                .get();
        assertEquals(HttpOutcome.OK, h.outcome(), h.detail());
    }

    @Test
    void clientCertificateRequiredButNoneSentIsAnHttpRejectionWithNginx() throws Exception {
        // nginx's ssl_verify_client on verifies after the handshake and answers 400 (its verify callback accepts all)
        TlsProbeRequest tls = request(mtls).build();
        TlsProbeResult r = prober.tls(tls).get();
        assertEquals(TlsOutcome.OK, r.outcome());
        assertTrue(r.clientCertificateRequested());
        assertEquals("The handshake completed and the chain validates for gw.phoenix.lan. The server asked for a client "
                + "certificate; none was sent.", r.detail());
        HttpProbeResult h = prober.http(HttpProbeRequest.https(tls).build()).get();
        assertEquals(HttpOutcome.WRONG_STATUS, h.outcome());
        assertEquals(400, h.status());
        assertEquals("Got status 400 for GET https://gw.phoenix.lan/, expected 200: the server rejected the client "
                + "certificate (\"No required SSL certificate was sent\").", h.detail());
        assertEquals("Configure the client certificate (key and chain) issued by the CA in the server's "
                + "ssl_client_certificate, with clientAuth EKU, valid now.", h.remediation());
    }

    @Test
    void untrustedClientCertificateIsAnHttpRejectionWithNginx() throws Exception {
        IssuedChain other = ChainBuilder.stepCa("x").caName("Other").build();
        IssuedCertificate stranger = CertificateBuilder.leaf(other.intermediates().get(0), "probe.phoenix.lan").build();
        TlsProbeRequest tls = request(mtls).clientCertificate(stranger.keyPair().getPrivate(),
                List.of(stranger.certificate(), other.intermediates().get(0).certificate())).build();
        HttpProbeResult h = prober.http(HttpProbeRequest.https(tls).build()).get();
        assertEquals(HttpOutcome.WRONG_STATUS, h.outcome());
        assertEquals("Got status 400 for GET https://gw.phoenix.lan/, expected 200: the server rejected the client "
                + "certificate (\"The SSL certificate error\").", h.detail());
        assertEquals("CN=probe.phoenix.lan", h.tls().get(0).clientCertificate());
    }
}
