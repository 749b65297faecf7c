package io.phoenixdiag.net.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.phoenixdiag.pki.cert.ChainBuilder;
import io.phoenixdiag.pki.cert.IssuedChain;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class HttpProbeTest {
    private static Prober prober;
    private static LoopbackServers servers;
    private static InetSocketAddress plain;
    private static InetSocketAddress tls;
    private static IssuedChain chain;
    private static String host;

    @BeforeAll
    static void start() throws Exception {
        prober = Prober.create(1);
        servers = new LoopbackServers();
        plain = servers.http(null, List.of());
        chain = ChainBuilder.stepCa("ca.phoenix.lan").clock(Clock.fixed(TlsProbeTest.MADE, ZoneOffset.UTC)).build();
        tls = servers.http(chain.leaf().keyPair().getPrivate(), chain.presentedChain());
        host = "127.0.0.1:" + plain.getPort();
    }

    @AfterAll
    static void stop() throws Exception {
        prober.close();
        servers.close();
    }

    static HttpProbeResult run(HttpProbeRequest.Builder b) throws Exception {
        return prober.http(b.build()).get();
    }

    static HttpProbeResult plainResult(HttpProbeResult r, String path, HttpOutcome outcome, int status, int expected,
                                       String check, String body, String detail, String remediation) {
        return new HttpProbeResult(host + "/tcp", "http://" + host + path, "GET", outcome, status, expected, check,
                body, detail, r.connectMs(), r.responseMs(), List.of(), remediation);
    }

    @Test
    void stepCaHealthIsOk() throws Exception {
        HttpProbeResult r = run(HttpProbeRequest.http(plain).path("/health").expectBodyContains("\"status\":\"ok\""));
        assertEquals(plainResult(r, "/health", HttpOutcome.OK, 200, 200, "body contains \"\"status\":\"ok\"\"",
                "{\"status\":\"ok\"}", "Got status 200 for GET http://" + host + "/health; body contains "
                        + "\"\"status\":\"ok\"\".", ""), r);
    }

    @Test
    void agentPingAnswers204() throws Exception {
        HttpProbeResult r = run(HttpProbeRequest.http(plain).path("/ping").expectStatus(204));
        assertEquals(plainResult(r, "/ping", HttpOutcome.OK, 204, 204, "", "",
                "Got status 204 for GET http://" + host + "/ping.", ""), r);
    }

    @Test
    void wrongStatus() throws Exception {
        HttpProbeResult r = run(HttpProbeRequest.http(plain).path("/api/system/status"));
        assertEquals(plainResult(r, "/api/system/status", HttpOutcome.WRONG_STATUS, 404, 200, "",
                "404 page not found", "Got status 404 for GET http://" + host + "/api/system/status, expected 200.",
                "Check the route and the health of the service behind http://" + host + "/api/system/status."), r);
    }

    @Test
    void bodyMismatch() throws Exception {
        HttpProbeResult r = run(HttpProbeRequest.http(plain).path("/health").expectBodyContains("OK"));
        assertEquals(plainResult(r, "/health", HttpOutcome.BODY_MISMATCH, 200, 200, "body contains \"OK\"",
                "{\"status\":\"ok\"}", "The body fails the check: body contains \"OK\".",
                "Check that http://" + host + "/health is served by the expected service."), r);
    }

    @Test
    void stalledResponseTimesOut() throws Exception {
        HttpProbeResult r = run(HttpProbeRequest.http(plain).path("/slow").responseTimeoutMs(300));
        assertEquals(plainResult(r, "/slow", HttpOutcome.RESPONSE_TIMEOUT, 0, 200, "", "",
                "No complete response within 300 ms.",
                "Check that the service behind " + host + "/tcp is healthy and not stalled."), r);
    }

    /** A header line over Netty's 8192-byte limit: BAD_RESPONSE, its reason ending in one period. */
    @Test
    void oversizedHeaderIsABadResponse() throws Exception {
        try (java.net.ServerSocket server = new java.net.ServerSocket(0, 1, LoopbackServers.LOOPBACK)) {
            Thread t = new Thread(() -> {
                try (java.net.Socket s = server.accept()) {
                    s.getInputStream().read(new byte[4096]);
                    s.getOutputStream().write(("HTTP/1.1 200 OK\r\nX-Big: " + "a".repeat(9000) + "\r\n\r\n")
                            .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                    s.getOutputStream().flush();
                    s.getInputStream().read(new byte[1]);
                } catch (java.io.IOException e) {
                    // the probe closed the connection
                }
            });
            t.start();
            HttpProbeResult r = run(HttpProbeRequest.http(new InetSocketAddress(LoopbackServers.LOOPBACK, server.getLocalPort())));
            t.join();
            assertEquals(HttpOutcome.BAD_RESPONSE, r.outcome(), r.detail());
            assertEquals("The response is not valid HTTP: HTTP header is larger than 8192 bytes.", r.detail());
        }
    }

    @Test
    void closedBeforeResponse() throws Exception {
        HttpProbeResult r = run(HttpProbeRequest.http(plain).path("/close"));
        assertEquals(plainResult(r, "/close", HttpOutcome.CLOSED, 0, 200, "", "",
                "The peer closed the connection before a complete response.",
                "Read the log of the service behind " + host + "/tcp: it dropped the request."), r);
    }

    @Test
    void refused() throws Exception {
        InetSocketAddress closed = LoopbackServers.closedPort();
        HttpProbeResult r = run(HttpProbeRequest.http(closed));
        assertEquals(HttpOutcome.REFUSED, r.outcome());
        assertEquals(0, r.status());
    }

    @Test
    void httpsWithTrustedChain() throws Exception {
        TlsProbeRequest t = TlsProbeRequest.builder(tls).sni("ca.phoenix.lan").alpn("http/1.1")
                .trustAnchors(List.of(chain.root().certificate())).clock(TlsProbeTest.PROBE_CLOCK).build();
        HttpProbeResult r = run(HttpProbeRequest.https(t).path("/health").expectBodyContains("ok"));
        assertEquals(HttpOutcome.OK, r.outcome());
        assertEquals("https://ca.phoenix.lan/health", r.url());
        assertEquals(1, r.tls().size());
        assertEquals(TlsOutcome.OK, r.tls().get(0).outcome());
        assertEquals("", r.tls().get(0).alpn(), "the server has no ALPN configured, so it selects none (RFC 7301 section 3.2)");
        assertEquals(r, ProbeJson.httpFromJson(ProbeJson.toJson(r)));
    }

    @Test
    void httpsWithUntrustedChainStillReadsTheStatus() throws Exception {
        TlsProbeRequest t = TlsProbeRequest.builder(tls).sni("ca.phoenix.lan").clock(TlsProbeTest.PROBE_CLOCK).build();
        HttpProbeResult r = run(HttpProbeRequest.https(t).path("/health"));
        assertEquals(HttpOutcome.TLS_FAILED, r.outcome());
        assertEquals(200, r.status());
        assertEquals(TlsOutcome.UNTRUSTED, r.tls().get(0).outcome());
        assertEquals("UNKNOWN_ISSUER", r.tls().get(0).untrustedReason());
    }

    @Test
    void httpsOnPlainPortIsTlsFailed() throws Exception {
        TlsProbeRequest t = TlsProbeRequest.builder(plain).sni("ca.phoenix.lan").clock(TlsProbeTest.PROBE_CLOCK)
                .build();
        HttpProbeResult r = run(HttpProbeRequest.https(t).path("/health"));
        assertEquals(HttpOutcome.TLS_FAILED, r.outcome());
        assertEquals(0, r.status());
        assertEquals(TlsOutcome.PLAINTEXT_PEER, r.tls().get(0).outcome());
    }

    @Test
    void requestRejectsImpossibleValues() {
        assertThrows(IllegalArgumentException.class, () -> HttpProbeRequest.http(plain).path("health"));
        assertThrows(IllegalArgumentException.class, () -> HttpProbeRequest.http(plain).path("/a b"));
        assertThrows(IllegalArgumentException.class, () -> HttpProbeRequest.http(plain).method("GE T"));
        assertThrows(IllegalArgumentException.class, () -> HttpProbeRequest.http(plain).expectStatus(99));
        assertThrows(IllegalArgumentException.class, () -> HttpProbeRequest.http(plain).expectBody(" ", b -> true));
    }
}
