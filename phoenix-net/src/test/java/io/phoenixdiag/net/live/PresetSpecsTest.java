package io.phoenixdiag.net.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.phoenixdiag.net.probe.HttpProbeRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A spec naming an {@link HttpProbeRequest} preset runs as that preset (body check, remediation); others stay plain. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PresetSpecsTest {

    /** Answers every connection with one fixed HTTP/1.1 response, then closes it. */
    private static Thread serve(ServerSocket server, String response) {
        Thread t = new Thread(() -> {
            while (!server.isClosed()) {
                try (Socket c = server.accept()) {
                    InputStream in = c.getInputStream();
                    byte[] buf = new byte[4096];
                    int n = in.read(buf); // one request line and headers fit
                    if (n > 0) {
                        OutputStream out = c.getOutputStream();
                        out.write(response.getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                    }
                } catch (IOException closed) {
                    return;
                }
            }
        }, "preset-test-server");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static LiveResult runOne(ProbeSpec spec) {
        try (InProcessProbeExecutor local = InProcessProbeExecutor.create()) {
            return local.run(List.of(spec), new ExecutionLimits(1, 30_000), new ProbeListener() {
            }).join().get(0);
        }
    }

    @Test
    void traefikPingSpecRunsThePresetAndChecksTheBody() throws IOException {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            serve(server, "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 9\r\nConnection: close\r\n\r\nNot ready");
            LiveResult r = runOne(ProbeSpec.httpPreset("lxc:101->lxc:102/tcp/8080", "127.0.0.1", server.getLocalPort(),
                    HttpProbeRequest.PRESET_TRAEFIK_PING, "", List.of(), 5_000));
            assertEquals("BODY_MISMATCH", r.outcome());
            assertTrue(r.resultJson().contains("\"preset\" : \"" + HttpProbeRequest.PRESET_TRAEFIK_PING + "\"")
                    || r.resultJson().contains("\"preset\":\"" + HttpProbeRequest.PRESET_TRAEFIK_PING + "\""), r.resultJson());
            assertEquals(Reachability.OPEN, r.reachability());
        }
    }

    @Test
    void traefikPingAnsweringOkIsOk() throws IOException {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            serve(server, "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\nConnection: close\r\n\r\nOK");
            LiveResult r = runOne(ProbeSpec.httpPreset("x", "127.0.0.1", server.getLocalPort(),
                    HttpProbeRequest.PRESET_TRAEFIK_PING, "", List.of(), 5_000));
            assertEquals("OK", r.outcome());
            assertTrue(r.ok());
        }
    }

    @Test
    void aPlainSpecOnAPresetsPathStaysAPlainRequest() throws IOException {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            serve(server, "HTTP/1.1 200 OK\r\nContent-Length: 4\r\nConnection: close\r\n\r\npong");
            LiveResult r = runOne(ProbeSpec.http("x", "127.0.0.1", server.getLocalPort(), false, "", List.of(), "/ping",
                    200, "pong", 5_000));
            assertEquals("OK", r.outcome());
            assertTrue(!r.resultJson().contains(HttpProbeRequest.PRESET_TRAEFIK_PING), r.resultJson());
        }
    }

    @Test
    void aPresetMustBeKnownAndMatchItsSchemePathAndStatus() {
        IllegalArgumentException unknown = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> ProbeSpec.httpPreset("x", "127.0.0.1", 8080, "nginx.status", "", List.of(), 1000));
        assertTrue(unknown.getMessage().endsWith(": nginx.status"), unknown.getMessage());
        IllegalArgumentException mismatch = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new ProbeSpec("x", ProbeKind.HTTP, "127.0.0.1", 8080, "", false, "/health", 200, "", "",
                        io.phoenixdiag.net.probe.DnsQueryType.A, List.of(), List.of(), 1000,
                        HttpProbeRequest.PRESET_STEP_CA_HEALTH));
        assertTrue(mismatch.getMessage().contains("(https /health 200): step-ca.health"), mismatch.getMessage());
        ProbeSpec ping = ProbeSpec.httpPreset("x", "127.0.0.1", 8080, HttpProbeRequest.PRESET_TRAEFIK_PING, "", List.of(),
                1000);
        assertEquals(List.of(ping), LiveJson.readSpecs(LiveJson.writeSpecs(List.of(ping))));
        assertEquals("/ping 200 false", ping.path() + " " + ping.expectedStatus() + " " + ping.tls());
    }
}
