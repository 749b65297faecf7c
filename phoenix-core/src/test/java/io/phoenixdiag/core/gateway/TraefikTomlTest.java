package io.phoenixdiag.core.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.phoenixdiag.core.diag.Finding;
import io.phoenixdiag.core.diag.Location;
import io.phoenixdiag.core.diag.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/** Traefik's TOML forms: the same models as the YAML fixtures, with TOML lines. */
class TraefikTomlTest {

    static String resource(String name) {
        try (InputStream in = TraefikTomlTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> ids(List<Finding> findings) {
        return findings.stream().map(f -> f.checkId() + " " + f.severity() + " " + f.locations().get(0)).toList();
    }

    /** A model's text without lines, columns and file names: what must agree between YAML and TOML. */
    static String withoutLines(Object model, String file) {
        return model.toString().replace(file, "FILE").replaceAll("line=\\d+, column=\\d+", "")
                .replaceAll("FILE:\\d+:\\d+", "FILE");
    }

    @Test
    void staticTomlGivesTheExactModelWithLines() {
        String f = "static.toml";
        TraefikStaticConfig c = TraefikStaticConfig.parse(f, resource(f));
        assertEquals(List.of(
                new TraefikEntryPoint("traefik", ":8080", "", 8080, "tcp", "", "", "", false,
                        new Location(f, "/entryPoints/traefik", 14, 3)),
                new TraefikEntryPoint("web", ":80", "", 80, "tcp", "websecure", "https", "", false,
                        new Location(f, "/entryPoints/web", 15, 3)),
                new TraefikEntryPoint("websecure", ":443", "", 443, "tcp", "", "", "stepca", true,
                        new Location(f, "/entryPoints/websecure", 19, 3))), c.entryPoints());
        assertEquals(new TraefikProviders(Optional.of(new TraefikProviders.File("/etc/traefik/dynamic",
                "dynamic_conf.yml", true, new Location(f, "/providers/file", 23, 1))), Optional.empty(), List.of()),
                c.providers());
        assertEquals(Optional.of(new TraefikStaticConfig.Api(true, true, new Location(f, "/api", 9, 1))), c.api());
        assertEquals(Optional.of(new TraefikStaticConfig.Ping("traefik", new Location(f, "/ping", 6, 1))), c.ping());
        assertEquals(List.of(new TraefikCertificateResolver("stepca",
                "https://ca.internal.example:9000/acme/acme/directory", true, "admin@example.org",
                "/etc/traefik/acme.json", "http", "web", "", List.of("/etc/traefik/root_ca.crt"),
                new Location(f, "/certificatesResolvers/stepca", 28, 1))), c.certificateResolvers());
        assertEquals(Optional.of(new TraefikStaticConfig.ServersTransport(false, List.of("/etc/traefik/root_ca.crt"),
                new Location(f, "/serversTransport", 38, 1))), c.serversTransport());
        assertEquals(List.of(
                "gateway.traefik-static ERROR static.toml:41:1#/http",
                "gateway.traefik-static WARNING static.toml:23:1#/providers/file"), ids(c.findings()));
        assertEquals("static.toml:23:1#/providers/file: providers.file sets directory \"/etc/traefik/dynamic\" and"
                + " filename \"dynamic_conf.yml\", which are mutually exclusive; Traefik reads the directory and"
                + " ignores the filename.", c.findings().get(1).message());
    }

    @Test
    void dynamicTomlGivesTheExactModelWithLines() {
        String f = "dynamic.toml";
        TraefikDynamicConfig c = TraefikDynamicConfig.parse(f, resource(f));
        assertEquals(List.of(new TraefikRouter("ca-router",
                "Host(`ca.internal.example`) || Host(`step.internal.example`)", List.of("web", "websecure"),
                "ca-service@file", List.of("strip"), true, "stepca", new Location(f, "/http/routers/ca-router", 2, 1))),
                c.routers());
        assertEquals(List.of(
                new TraefikHttpService("ca-service", List.of(
                        new TraefikHttpService.Server("https://10.0.0.10:9000", "https", "10.0.0.10", 9000,
                                new Location(f, "/http/services/ca-service/loadBalancer/servers/0/url", 17, 5)),
                        new TraefikHttpService.Server("http://[fd00::1]", "http", "fd00::1", 80,
                                new Location(f, "/http/services/ca-service/loadBalancer/servers/1/url", 19, 5))),
                        "internal-ca", false, new Location(f, "/http/services/ca-service", 13, 1)),
                new TraefikHttpService("broken", List.of(new TraefikHttpService.Server("10.0.0.9:80", "", "", 0,
                        new Location(f, "/http/services/broken/loadBalancer/servers/0/url", 23, 7))), "", true,
                        new Location(f, "/http/services/broken", 21, 1))), c.services());
        assertEquals(List.of(new TraefikMiddleware("strip", "stripPrefix", new Location(f, "/http/middlewares/strip", 26, 1))),
                c.middlewares());
        assertEquals(List.of(new TraefikServersTransport("internal-ca", "ca.internal.example", false,
                List.of("/etc/step-ca/ssl/phoenix_root_ca.crt"), new Location(f, "/http/serversTransports/internal-ca", 29, 1))),
                c.serversTransports());
        assertEquals(List.of(
                "gateway.traefik-dynamic WARNING dynamic.toml:11:3#/http/routers/ca-router/colour",
                "gateway.traefik-value ERROR dynamic.toml:23:7#/http/services/broken/loadBalancer/servers/0/url",
                "gateway.traefik-dynamic WARNING dynamic.toml:33:1#/tcp"), ids(c.findings()));
    }

    /** Parses {@code base.yml} and {@code base.toml} and asserts the models agree but for lines and file names. */
    private static void sameApartFromLines(BiFunction<String, String, Object> parse, String base) {
        Object yaml = parse.apply(base + ".yml", resource(base + ".yml"));
        Object toml = parse.apply(base + ".toml", resource(base + ".toml"));
        assertEquals(withoutLines(yaml, base + ".yml"), withoutLines(toml, base + ".toml"));
    }

    @Test
    void tomlAndYamlFixturesGiveEqualModelsApartFromLines() {
        sameApartFromLines(TraefikStaticConfig::parse, "static");
        sameApartFromLines(TraefikDynamicConfig::parse, "dynamic");
    }

    @Test
    void templateSuffixAndCaseChooseToml() {
        TraefikStaticConfig c = TraefikStaticConfig.parse("TRAEFIK.TOML.template", "[entryPoints.web]\naddress = \":80\"\n");
        assertEquals(List.of(new TraefikEntryPoint("web", ":80", "", 80, "tcp", "", "", "", false,
                new Location("TRAEFIK.TOML.template", "/entryPoints/web", 1, 1))), c.entryPoints());
        assertEquals(List.of(), c.findings());
    }

    @Test
    void arraysOfTablesNestedAndDottedKeysKeepTheirLines() {
        TraefikDynamicConfig c = TraefikDynamicConfig.parse("d.toml", """
                [http.services."a.b".loadBalancer]
                [[http.services."a.b".loadBalancer.servers]]
                  url = "http://10.0.0.1:81"  # first
                [[http.services."a.b".loadBalancer.servers]]

                  url = '''http://10.0.0.2:82'''
                [http.services.c]
                  loadBalancer.servers = [{url = "http://10.0.0.3"}, { url = "http://10.0.0.4" },
                      {url = "http://10.0.0.5"}]
                """);
        assertEquals(List.of(), c.findings());
        assertEquals(List.of(new Location("d.toml", "/http/services/a.b/loadBalancer/servers/0/url", 3, 3),
                        new Location("d.toml", "/http/services/a.b/loadBalancer/servers/1/url", 6, 3)),
                c.service("a.b").orElseThrow().servers().stream().map(TraefikHttpService.Server::location).toList());
        assertEquals(new Location("d.toml", "/http/services/a.b", 1, 1), c.service("a.b").orElseThrow().location());
        assertEquals(List.of(8, 8, 9), c.service("c").orElseThrow().servers().stream()
                .map(s -> s.location().line()).toList());
        assertEquals(List.of(28, 56, 8), c.service("c").orElseThrow().servers().stream()
                .map(s -> s.location().column()).toList());
        assertEquals(7, c.service("c").orElseThrow().location().line());
    }

    @Test
    void badTomlIsASyntaxFindingWithLineAndColumn() {
        TraefikStaticConfig c = TraefikStaticConfig.parse("t.toml", "[entryPoints.web]\naddress = \":80\"\naddress = \":81\"\n");
        assertEquals(1, c.findings().size());
        Finding f = c.findings().get(0);
        assertEquals(TraefikStaticConfig.SYNTAX_CHECK, f.checkId());
        assertEquals(Severity.ERROR, f.severity());
        assertEquals("TOML syntax error", f.title());
        assertEquals(Location.ofLine("t.toml", 4, 1), f.locations().get(0));
        // Jackson reports a semantic error (here a duplicate key) where its lexer stands after the offending line.
        assertEquals("t.toml:4:1: Duplicate key; expected well-formed TOML.", f.message());
        assertEquals(List.of(), c.entryPoints());

        TraefikDynamicConfig d = TraefikDynamicConfig.parse("d.toml", "[http.routers.a]\nrule = \"Host(`a`)\nservice = 1\n");
        // A lexical error (the unterminated string) is reported where the lexer gives up: the end of line 2.
        assertEquals(List.of("gateway.traefik-syntax ERROR d.toml:2:18"), ids(d.findings()));
        assertEquals("d.toml:2:18: Newline not permitted here; expected well-formed TOML.", d.findings().get(0).message());
        assertEquals(List.of(), d.routers());
    }

    @Test
    void emptyTomlIsEmptyWithoutFindings() {
        assertEquals(List.of(), TraefikStaticConfig.parse("t.toml", "# nothing\n").findings());
        assertEquals(List.of(), TraefikDynamicConfig.parse("t.toml", "").routers());
    }
}
