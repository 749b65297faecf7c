package io.phoenixdiag.net.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.phoenixdiag.net.probe.LoopbackServers.Canned;
import io.phoenixdiag.pki.cert.ChainBuilder;
import io.phoenixdiag.pki.cert.IssuedChain;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The HTTP presets against loopback stand-ins answering as step-ca, Traefik, Portainer and its agent do. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class HttpPresetTest {
    /** Shapes as Traefik v2/v3 serves them (trimmed). */
    static final String ROUTERS = """
            [{"entryPoints":["websecure"],"service":"portainer","rule":"Host(`portainer.phoenix.lan`)","tls":{},
              "status":"enabled","using":["websecure"],"name":"portainer@file","provider":"file"},
             {"entryPoints":["websecure"],"service":"ghost","rule":"Host(`ghost.phoenix.lan`)",
              "error":["the service \\"ghost@file\\" does not exist"],"status":"disabled","using":["websecure"],
              "name":"ghost@file","provider":"file"}]""";
    static final String SERVICES = """
            [{"loadBalancer":{"servers":[{"url":"http://10.0.0.99:9000"}]},"status":"enabled",
              "serverStatus":{"http://10.0.0.99:9000":"DOWN"},"name":"portainer@file","provider":"file"},
             {"status":"enabled","name":"api@internal","provider":"internal"}]""";
    static final String HEALTHY = """
            [{"status":"enabled","name":"api@internal","provider":"internal"}]""";

    private static Prober prober;
    private static LoopbackServers servers;
    private static IssuedChain ca;
    private static InetSocketAddress stepCa;
    private static InetSocketAddress traefik;
    private static InetSocketAddress healthyTraefik;
    private static InetSocketAddress portainer;
    private static InetSocketAddress agent;

    @BeforeAll
    static void start() throws Exception {
        prober = Prober.create(1);
        servers = new LoopbackServers();
        ca = ChainBuilder.stepCa("ca.phoenix.lan").build();
        var key = ca.leaf().keyPair().getPrivate();
        stepCa = servers.canned(key, ca.presentedChain(), Map.of("/health", new Canned(200, "{\"status\":\"ok\"}\n"),
                "/roots.pem", new Canned(200, ca.rootPem())));
        traefik = servers.canned(null, List.of(), Map.of("/ping", new Canned(200, "OK"),
                "/api/http/routers", new Canned(200, ROUTERS), "/api/http/services", new Canned(200, SERVICES)));
        healthyTraefik = servers.canned(null, List.of(), Map.of("/api/http/routers", new Canned(200, HEALTHY),
                "/api/http/services", new Canned(200, "{\"not\":\"a list\"}")));
        portainer = servers.canned(key, ca.presentedChain(), Map.of("/api/system/status",
                new Canned(200, "{\"Version\":\"2.21.4\",\"InstanceID\":\"a1b2\"}")));
        agent = servers.canned(key, ca.presentedChain(), Map.of("/ping", new Canned(204, "")));
    }

    @AfterAll
    static void stop() throws Exception {
        prober.close();
        servers.close();
    }

    static TlsProbeRequest tls(InetSocketAddress a) {
        return TlsProbeRequest.builder(a).sni("ca.phoenix.lan").trustAnchors(List.of(ca.root().certificate())).build();
    }

    static HttpProbeResult run(HttpProbeRequest.Builder b) throws Exception {
        return prober.http(b.build()).get();
    }

    @Test
    void stepCaHealthAndRoots() throws Exception {
        HttpProbeResult h = run(HttpProbeRequest.stepCaHealth(tls(stepCa)));
        assertEquals(HttpOutcome.OK, h.outcome(), h.detail());
        assertEquals("step-ca.health", h.preset());
        assertEquals("JSON {\"status\":\"ok\"}", h.bodyCheck());
        assertEquals("Got status 200 for GET https://ca.phoenix.lan/health; JSON {\"status\":\"ok\"}.", h.detail());
        HttpProbeResult r = run(HttpProbeRequest.stepCaRoots(tls(stepCa)));
        assertEquals(HttpOutcome.OK, r.outcome(), r.detail());
        assertEquals("step-ca.roots", r.preset());
    }

    @Test
    void stepCaHealthOnAnotherServiceIsWrongStatusWithStepCaAdvice() throws Exception {
        HttpProbeResult h = run(HttpProbeRequest.stepCaHealth(tls(agent)));
        assertEquals(HttpOutcome.WRONG_STATUS, h.outcome());
        assertEquals("Check that this port is step-ca's (ca.json \"address\") and read its log (journalctl -u step-ca).",
                h.remediation());
    }

    @Test
    void stepCaDownIsRefusedWithStepCaAdvice() throws Exception {
        HttpProbeResult h = run(HttpProbeRequest.stepCaHealth(tls(LoopbackServers.closedPort())));
        assertEquals(HttpOutcome.REFUSED, h.outcome());
        assertTrue(h.remediation().startsWith("Start step-ca (systemctl status step-ca; its ca.json \"address\") and "
                + "let its port through. Start the service"), h.remediation());
    }

    @Test
    void traefikPing() throws Exception {
        HttpProbeResult h = run(HttpProbeRequest.traefikPing(traefik));
        assertEquals(HttpOutcome.OK, h.outcome(), h.detail());
        HttpProbeResult wrong = run(HttpProbeRequest.traefikPing(healthyTraefik));
        assertEquals(HttpOutcome.WRONG_STATUS, wrong.outcome());
        assertEquals(404, wrong.status());
    }

    @Test
    void traefikRoutersWithErrorsAreReadIntoTheResult() throws Exception {
        HttpProbeResult h = run(HttpProbeRequest.traefikRouters(traefik));
        assertEquals(HttpOutcome.BODY_MISMATCH, h.outcome());
        assertEquals(List.of(new ApiEntry("portainer@file", "enabled", List.of(), List.of()),
                new ApiEntry("ghost@file", "disabled", List.of("the service \"ghost@file\" does not exist"), List.of())),
                h.entries());
        assertEquals("1 of 2 listed at http://127.0.0.1:" + traefik.getPort() + "/api/http/routers are not healthy: "
                + "ghost@file is disabled (the service \"ghost@file\" does not exist).", h.detail());
        assertTrue(h.remediation().startsWith("Fix the routers and services Traefik reports"), h.remediation());
        assertEquals(h, ProbeJson.httpFromJson(ProbeJson.toJson(h)));
    }

    @Test
    void traefikServicesWithAServerDown() throws Exception {
        HttpProbeResult h = run(HttpProbeRequest.traefikServices(traefik));
        assertEquals(HttpOutcome.BODY_MISMATCH, h.outcome());
        assertEquals(new ApiEntry("portainer@file", "enabled", List.of(), List.of("http://10.0.0.99:9000")),
                h.entries().get(0));
        assertTrue(h.detail().endsWith("are not healthy: portainer@file is enabled with servers down: "
                + "http://10.0.0.99:9000."), h.detail());
    }

    @Test
    void healthyTraefikRoutersAndAnUnreadableServiceListing() throws Exception {
        HttpProbeResult ok = run(HttpProbeRequest.traefikRouters(healthyTraefik));
        assertEquals(HttpOutcome.OK, ok.outcome(), ok.detail());
        assertEquals(1, ok.entries().size());
        HttpProbeResult bad = run(HttpProbeRequest.traefikServices(healthyTraefik));
        assertEquals(HttpOutcome.BAD_RESPONSE, bad.outcome());
        assertEquals("The Traefik API answer is not a JSON array of objects: the top level is OBJECT.", bad.detail());
    }

    @Test
    void portainerStatusAndAgentPing() throws Exception {
        HttpProbeResult s = run(HttpProbeRequest.portainerStatus(tls(portainer)));
        assertEquals(HttpOutcome.OK, s.outcome(), s.detail());
        HttpProbeResult a = run(HttpProbeRequest.portainerAgentPing(tls(agent)));
        assertEquals(HttpOutcome.OK, a.outcome(), a.detail());
        assertEquals(204, a.status());
        HttpProbeResult notAgent = run(HttpProbeRequest.portainerAgentPing(tls(portainer)));
        assertEquals(HttpOutcome.WRONG_STATUS, notAgent.outcome());
        assertEquals("Check that this port is the Portainer agent's (it answers /ping with 204).",
                notAgent.remediation());
    }

    @Test
    void portainerStatusWithoutVersionIsBodyMismatch() throws Exception {
        HttpProbeResult s = run(HttpProbeRequest.portainerStatus(tls(stepCa)).path("/health"));
        assertEquals(HttpOutcome.BODY_MISMATCH, s.outcome());
        assertEquals("The body fails the check: JSON with a Version.", s.detail());
    }
}
