package io.phoenixdiag.net.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.phoenixdiag.pki.cert.ChainBuilder;
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
 * An HTTPS response whose body ends when the server closes the TLS connection (HTTP/1.0, no Content-Length;
 * RFC 9112 section 6.3 item 8): {@code openssl s_server -WWW} answers that way, sending close_notify (RFC 8446
 * section 6.1) before it closes.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CloseDelimitedHttpsTest {
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
        Files.writeString(dir.resolve("health"), "{\"status\":\"ok\"}\n");
        port = RealPeers.freePort();
        Path log = dir.resolve("s_server.log");
        // -WWW serves files relative to the working directory
        ProcessBuilder pb = new ProcessBuilder("/usr/bin/openssl", "s_server", "-accept", "127.0.0.1:" + port,
                "-cert", dir + "/leaf.pem", "-cert_chain", dir + "/inter.pem", "-key", dir + "/leaf.key", "-WWW",
                "-quiet").directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        server = pb.start();
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

    @Test
    void theBodyEndsWhenTheServerClosesTheTlsConnection() throws Exception {
        TlsProbeRequest tls = TlsProbeRequest.builder(new InetSocketAddress(LoopbackServers.LOOPBACK, port)).sni(NAME)
                .trustAnchors(List.of(chain.root().certificate())).connectTimeoutMs(2000).handshakeTimeoutMs(3000)
                .build();
        HttpProbeResult r = prober.http(HttpProbeRequest.stepCaHealth(tls).responseTimeoutMs(5000).build()).get();
        assertEquals(HttpOutcome.OK, r.outcome(), r.detail());
        assertEquals(200, r.status());
        assertEquals("{\"status\":\"ok\"}\n", r.bodyExcerpt());
    }
}
