package io.phoenixdiag.core.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.phoenixdiag.core.config.LoadResult;
import io.phoenixdiag.core.config.Deployment;
import io.phoenixdiag.core.config.PhoenixLoader;
import io.phoenixdiag.core.diag.Location;
import io.phoenixdiag.core.testing.Fixtures;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class TraefikDynamicConfigTest {

    private static List<String> ids(TraefikDynamicConfig c) {
        return c.findings().stream().map(f -> f.checkId() + " " + f.severity() + " " + f.locations().get(0)).toList();
    }

    @Test
    void fixtureFileGivesTheExactModelWithLines() throws IOException {
        String text;
        try (InputStream in = getClass().getResourceAsStream("dynamic.yml")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        TraefikDynamicConfig c = TraefikDynamicConfig.parse("dynamic.yml", text);
        String f = "dynamic.yml";
        assertEquals(List.of(new TraefikRouter("ca-router",
                "Host(`ca.internal.example`) || Host(`step.internal.example`)", List.of("web", "websecure"),
                "ca-service@file", List.of("strip"), true, "stepca", new Location(f, "/http/routers/ca-router", 3, 5))),
                c.routers());
        assertEquals(List.of("ca.internal.example", "step.internal.example"), c.routers().get(0).hosts());
        assertEquals(List.of(
                new TraefikHttpService("ca-service", List.of(
                        new TraefikHttpService.Server("https://10.0.0.10:9000", "https", "10.0.0.10", 9000,
                                new Location(f, "/http/services/ca-service/loadBalancer/servers/0/url", 17, 13)),
                        new TraefikHttpService.Server("http://[fd00::1]", "http", "fd00::1", 80,
                                new Location(f, "/http/services/ca-service/loadBalancer/servers/1/url", 18, 13))),
                        "internal-ca", false, new Location(f, "/http/services/ca-service", 14, 5)),
                new TraefikHttpService("broken", List.of(new TraefikHttpService.Server("10.0.0.9:80", "", "", 0,
                        new Location(f, "/http/services/broken/loadBalancer/servers/0/url", 24, 13))), "", true,
                        new Location(f, "/http/services/broken", 21, 5))), c.services());
        assertEquals(List.of(new TraefikMiddleware("strip", "stripPrefix", new Location(f, "/http/middlewares/strip", 26, 5))),
                c.middlewares());
        assertEquals(List.of(new TraefikServersTransport("internal-ca", "ca.internal.example", false,
                List.of("/etc/step-ca/ssl/phoenix_root_ca.crt"), new Location(f, "/http/serversTransports/internal-ca", 30, 5))),
                c.serversTransports());
        assertEquals("ca-service", c.service("ca-service@file").orElseThrow().name());
        assertEquals("internal-ca", c.serversTransport("internal-ca@file").orElseThrow().name());
        assertEquals(List.of(
                "gateway.traefik-dynamic WARNING dynamic.yml:12:7#/http/routers/ca-router/colour",
                "gateway.traefik-value ERROR dynamic.yml:24:13#/http/services/broken/loadBalancer/servers/0/url",
                "gateway.traefik-dynamic WARNING dynamic.yml:34:1#/tcp"), ids(c));
        assertEquals("dynamic.yml:12:7#/http/routers/ca-router/colour: \"colour\" is not a key of router \"ca-router\";"
                + " it is kept out of the model and not checked.", c.findings().get(0).message());
    }

    @Test
    void syntaxErrorIsAFindingWithLine() {
        TraefikDynamicConfig c = TraefikDynamicConfig.parse("d.yml", "http:\n  routers: [\n");
        assertEquals(List.of(), c.routers());
        assertEquals(1, c.findings().size());
        assertEquals("gateway.traefik-syntax", c.findings().get(0).checkId());
        assertEquals(2, c.findings().get(0).locations().get(0).line());
    }

    @Test
    void labelsGiveTheSameModel() {
        Location a = Location.ofPointer("stacks.json", "/l/0");
        Location b = Location.ofPointer("stacks.json", "/l/1");
        Location c = Location.ofPointer("stacks.json", "/l/2");
        Location d = Location.ofPointer("stacks.json", "/l/3");
        Location e = Location.ofPointer("stacks.json", "/l/4");
        Location g = Location.ofPointer("stacks.json", "/l/5");
        TraefikDynamicConfig cfg = TraefikDynamicConfig.fromLabels(List.of(
                new TraefikLabel("traefik.enable=true", a),
                new TraefikLabel("traefik.http.routers.qdrant.rule=Host(`qdrant.internal.example`)", b),
                new TraefikLabel("Traefik.HTTP.Routers.qdrant.EntryPoints=websecure, web", c),
                new TraefikLabel("traefik.http.routers.qdrant.tls.certresolver=internal-resolver", d),
                new TraefikLabel("traefik.http.services.qdrant-svc.loadbalancer.server.port=6333", e),
                new TraefikLabel("traefik.http.routers.qdrant.colour=blue", g),
                new TraefikLabel("com.example.other=1", g)));
        assertEquals(List.of(new TraefikRouter("qdrant", "Host(`qdrant.internal.example`)", List.of("websecure", "web"),
                "qdrant-svc", List.of(), true, "internal-resolver", b)), cfg.routers());
        assertEquals(List.of(new TraefikHttpService("qdrant-svc", List.of(new TraefikHttpService.Server("", "http", "",
                6333, e)), "", true, e)), cfg.services());
        assertEquals(List.of("gateway.traefik-label WARNING stacks.json#/l/5"), ids(cfg));
        assertEquals(TraefikDynamicConfig.DOCKER, cfg.source());
        assertEquals(List.of(), TraefikDynamicConfig.fromLabels(List.of(new TraefikLabel("traefik.enable=false", a),
                new TraefikLabel("traefik.http.routers.x.rule=Host(`x`)", b))).routers());
    }

    @Test
    void generatorReproducesTheScriptOutputForTheReferenceDeployment() {
        LoadResult<Deployment> loaded = PhoenixLoader.loadDirectory(Fixtures.reference());
        TraefikDynamicConfig g = TraefikGenerator.generate(loaded.value());
        assertEquals("""
                http:
                  routers:
                    portainer-router:
                      rule: "Host(`portainer.internal.homelab.example`)"
                      service: "portainer-service"
                      entryPoints:
                        - web
                    portainer-agent-router:
                      rule: "Host(`portainer-agent.internal.homelab.example`)"
                      service: "portainer-agent-service"
                      entryPoints:
                        - web
                    granite-embedding-router:
                      rule: "Host(`granite-embedding.internal.homelab.example`)"
                      service: "granite-embedding-service"
                      entryPoints:
                        - web
                    granite-3b-router:
                      rule: "Host(`granite-3b.internal.homelab.example`)"
                      service: "granite-3b-service"
                      entryPoints:
                        - web
                    nginx-router:
                      rule: "Host(`nginx.internal.homelab.example`)"
                      service: "nginx-service"
                      entryPoints:
                        - web
                    ollama-router:
                      rule: "Host(`ollama.internal.homelab.example`)"
                      service: "ollama-service"
                      entryPoints:
                        - web
                    llamacpp-router:
                      rule: "Host(`llamacpp.internal.homelab.example`)"
                      service: "llamacpp-service"
                      entryPoints:
                        - web
                    ca-router:
                      rule: "Host(`ca.internal.homelab.example`)"
                      service: "ca-service"
                      entryPoints:
                        - web
                    traefik-dashboard-router:
                      rule: "Host(`traefik.internal.homelab.example`)"
                      service: "api@internal"
                      entryPoints:
                        - web

                  services:
                    portainer-service:
                      loadBalancer:
                        servers:
                          - url: "https://10.0.0.111:9443"
                        passHostHeader: true
                        serversTransport: "internal-ca@file"
                    portainer-agent-service:
                      loadBalancer:
                        servers:
                          - url: "https://10.0.0.102:9001"
                        passHostHeader: true
                        serversTransport: "internal-ca@file"
                    granite-embedding-service:
                      loadBalancer:
                        servers:
                          - url: "http://10.0.0.141:8000"
                        passHostHeader: true
                    granite-3b-service:
                      loadBalancer:
                        servers:
                          - url: "http://10.0.0.142:8000"
                        passHostHeader: true
                    nginx-service:
                      loadBalancer:
                        servers:
                          - url: "http://10.0.0.153:443"
                        passHostHeader: true
                    ollama-service:
                      loadBalancer:
                        servers:
                          - url: "http://10.0.0.155:11434"
                        passHostHeader: true
                    llamacpp-service:
                      loadBalancer:
                        servers:
                          - url: "http://10.0.0.157:8081"
                        passHostHeader: true
                    ca-service:
                      loadBalancer:
                        servers:
                          - url: "http://10.0.0.10:9000"
                        passHostHeader: true

                  serversTransports:
                    internal-ca:
                      insecureSkipVerify: false
                      rootCAs:
                        - /etc/step-ca/ssl/phoenix_root_ca.crt
                """, TraefikGenerator.script(g));
        assertEquals(List.of(), g.findings());
        // the script's text parses back into the generated model (locations aside)
        TraefikDynamicConfig back = TraefikDynamicConfig.parse("dynamic_conf.yml", TraefikGenerator.script(g));
        assertEquals(List.of(), back.findings());
        assertEquals(strip(g), strip(back));
        String lxc = Fixtures.reference().resolve("phoenix_lxc_configs.json").toString();
        assertEquals(lxc, g.router("ca-router").orElseThrow().location().file());
        assertEquals("/lxc_configs/103/traefik_service", g.router("ca-router").orElseThrow().location().pointer());
    }

    static String strip(TraefikDynamicConfig c) {
        return c.routers().stream().map(r -> r.name() + r.rule() + r.entryPoints() + r.service() + r.middlewares()
                + r.tls() + r.certResolver()).toList() + "|" + c.services().stream().map(s -> s.name()
                + s.servers().stream().map(v -> v.url() + v.scheme() + v.host() + v.port()).toList() + s.serversTransport()
                + s.passHostHeader()).toList() + "|" + c.serversTransports().stream().map(t -> t.name() + t.serverName()
                + t.insecureSkipVerify() + t.rootCAs()).toList() + "|" + c.middlewares().stream()
                .map(m -> m.name() + m.type()).toList();
    }

    @Test
    void keysThatAreNotNamesAreNeverEchoed() {
        TraefikDynamicConfig c = TraefikDynamicConfig.parse("x.yml", """
                root:$6$saltsalt$Qm9vYmFyYmF6aGFzaGVkcGFzc3dvcmQ:20228:0:99999:7:::
                ghp_16C7e42F292c6912E7710c838347Ae178B4a: 1
                http:
                  routers:
                    "r:$1$secret":
                      rule: "Host(`a`)"
                      sekret$x: 1
                """);
        assertEquals(List.of(
                "x.yml:1:1: a key that is not a Traefik name (not shown) is not a dynamic configuration section;"
                        + " it is kept out of the model and not checked.",
                "x.yml:2:1: a key that is not a Traefik name (not shown) is not a dynamic configuration section;"
                        + " it is kept out of the model and not checked.",
                "x.yml:7:7: a key that is not a Traefik name (not shown) is not a key of router a key that is not a"
                        + " Traefik name (not shown); it is kept out of the model and not checked."),
                c.findings().stream().map(io.phoenixdiag.core.diag.Finding::message).toList());
        assertEquals(List.of(false, false, false), c.findings().stream().map(f -> f.toString().contains("$")
                || f.toString().contains("ghp_")).toList());
    }
}
