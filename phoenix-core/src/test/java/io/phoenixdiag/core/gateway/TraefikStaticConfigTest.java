package io.phoenixdiag.core.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.phoenixdiag.core.diag.Finding;
import io.phoenixdiag.core.diag.Location;
import io.phoenixdiag.core.diag.Severity;
import java.nio.file.Path;
import io.phoenixdiag.core.testing.Fixtures;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TraefikStaticConfigTest {

    private static List<String> ids(TraefikStaticConfig c) {
        return c.findings().stream().map(f -> f.checkId() + " " + f.severity() + " " + f.locations().get(0)).toList();
    }

    @Test
    void referenceTemplate() {
        Path file = Fixtures.shared().resolve("reference/phoenix").resolve("traefik/traefik.yml.template");
        String f = file.toString();
        TraefikStaticConfig c = TraefikStaticConfig.load(file);
        assertEquals(List.of(
                new TraefikEntryPoint("web", ":80", "", 80, "tcp", "", "", "", false, new Location(f, "/entryPoints/web", 22, 3)),
                new TraefikEntryPoint("traefik", ":8080", "", 8080, "tcp", "", "", "", false,
                        new Location(f, "/entryPoints/traefik", 24, 3))), c.entryPoints());
        assertEquals(new TraefikProviders(Optional.of(new TraefikProviders.File("/etc/traefik/dynamic", "dynamic_conf.yml",
                true, new Location(f, "/providers/file", 28, 3))), Optional.empty(), List.of()), c.providers());
        assertEquals(Optional.of(new TraefikStaticConfig.Api(true, true, new Location(f, "/api", 11, 1))), c.api());
        assertEquals(Optional.of(new TraefikStaticConfig.Ping("traefik", new Location(f, "/ping", 8, 1))), c.ping());
        assertEquals(List.of(), c.certificateResolvers());
        assertEquals(Optional.empty(), c.serversTransport());
        assertEquals(List.of(
                "gateway.traefik-static ERROR " + f + ":15:1#/http",
                "gateway.traefik-static WARNING " + f + ":28:3#/providers/file"), ids(c));
        assertEquals(f + ":28:3#/providers/file: providers.file sets directory \"/etc/traefik/dynamic\" and filename"
                + " \"dynamic_conf.yml\", which are mutually exclusive; Traefik reads the directory and ignores the"
                + " filename.", c.findings().get(1).message());
    }

    @Test
    void resolversRedirectionsDockerAndTransport() {
        TraefikStaticConfig c = TraefikStaticConfig.parse("t.yml", """
                entrypoints:
                  web:
                    address: "0.0.0.0:80"
                    http:
                      redirections:
                        entryPoint: {to: websecure}
                  websecure:
                    address: "[::]:443"
                    http:
                      tls: {certResolver: stepca}
                  dns:
                    address: ":53/udp"
                providers:
                  docker: {exposedByDefault: false, network: traefik-net}
                  consulCatalog: {}
                certificatesResolvers:
                  stepca:
                    acme:
                      caServer: https://ca.internal.example:9000/acme/acme/directory
                      email: admin@example.org
                      storage: /etc/traefik/acme.json
                      caCertificates: [/etc/traefik/root_ca.crt]
                      httpChallenge: {entryPoint: web}
                  le:
                    acme: {dnsChallenge: {provider: cloudflare}}
                serversTransport:
                  rootCAs: [/etc/traefik/root_ca.crt, /etc/traefik/other.crt]
                """);
        assertEquals(List.of(), c.findings());
        assertEquals(new TraefikEntryPoint("web", "0.0.0.0:80", "0.0.0.0", 80, "tcp", "websecure", "https", "", false,
                new Location("t.yml", "/entrypoints/web", 2, 3)), c.entryPoint("web").orElseThrow());
        assertEquals(new TraefikEntryPoint("websecure", "[::]:443", "::", 443, "tcp", "", "", "stepca", true,
                new Location("t.yml", "/entrypoints/websecure", 7, 3)), c.entryPoint("websecure").orElseThrow());
        assertEquals("udp", c.entryPoint("dns").orElseThrow().transport());
        assertEquals(53, c.entryPoint("dns").orElseThrow().port());
        assertEquals(new TraefikProviders(Optional.empty(), Optional.of(new TraefikProviders.Docker("docker",
                "unix:///var/run/docker.sock", false, "traefik-net", "", new Location("t.yml", "/providers/docker", 14, 3))),
                List.of("consulCatalog")), c.providers());
        assertEquals(List.of(
                new TraefikCertificateResolver("stepca", "https://ca.internal.example:9000/acme/acme/directory", true,
                        "admin@example.org", "/etc/traefik/acme.json", "http", "web", "", List.of("/etc/traefik/root_ca.crt"),
                        new Location("t.yml", "/certificatesResolvers/stepca", 17, 3)),
                new TraefikCertificateResolver("le", TraefikCertificateResolver.LETS_ENCRYPT, false, "", "", "dns", "",
                        "cloudflare", List.of(), new Location("t.yml", "/certificatesResolvers/le", 24, 3))),
                c.certificateResolvers());
        assertEquals(Optional.of(new TraefikStaticConfig.ServersTransport(false,
                List.of("/etc/traefik/root_ca.crt", "/etc/traefik/other.crt"), new Location("t.yml", "/serversTransport", 26, 1))),
                c.serversTransport());
        assertEquals(Optional.empty(), c.api());
    }

    @Test
    void badValuesUnknownKeysAndEmptyFileProvider() {
        TraefikStaticConfig c = TraefikStaticConfig.parse("t.yml", """
                entryPoints:
                  web: {address: ":http"}
                api: {insecure: maybe}
                providers:
                  file: {watch: false}
                tls: {}
                entrypoint: {}
                """);
        assertEquals(List.of(
                "gateway.traefik-static ERROR t.yml:6:1#/tls",
                "gateway.traefik-static ERROR t.yml:7:1#/entrypoint",
                "gateway.traefik-value ERROR t.yml:2:9#/entryPoints/web/address",
                "gateway.traefik-static ERROR t.yml:5:3#/providers/file",
                "gateway.traefik-value ERROR t.yml:3:7#/api/insecure"), ids(c));
        assertEquals(0, c.entryPoint("web").orElseThrow().port());
        assertEquals(false, c.api().orElseThrow().insecure());
        assertEquals(false, c.providers().file().orElseThrow().watch());
    }

    @Test
    void syntaxErrorIsAFindingWithLine() {
        TraefikStaticConfig c = TraefikStaticConfig.parse("t.yml", "entryPoints:\n  web: [\n");
        assertEquals(1, c.findings().size());
        Finding f = c.findings().get(0);
        assertEquals(TraefikStaticConfig.SYNTAX_CHECK, f.checkId());
        assertEquals(Severity.ERROR, f.severity());
        assertEquals("t.yml:2:9: while parsing a flow node, expected the node content, but found '<stream end>';"
                + " expected well-formed YAML.", f.message());
        assertEquals(Location.ofLine("t.yml", 2, 9), f.locations().get(0));
        assertEquals(List.of(), c.entryPoints());
    }

    @Test
    void emptyDocumentAndNonMapping() {
        assertEquals(List.of(), TraefikStaticConfig.parse("t.yml", "").findings());
        assertEquals(List.of("gateway.traefik-static ERROR t.yml:1:1"), ids(TraefikStaticConfig.parse("t.yml", "- a\n")));
    }

    @Test
    void missingFileIsAFinding() {
        TraefikStaticConfig c = TraefikStaticConfig.load(Path.of("does-not-exist.yml"));
        assertEquals(List.of("gateway.traefik-syntax ERROR does-not-exist.yml"), ids(c));
    }
}
