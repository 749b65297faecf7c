package io.phoenixdiag.core.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.phoenixdiag.core.diag.Finding;
import io.phoenixdiag.core.diag.Location;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Render as TOML, parse, same model; every router, service, server and transport on the line it was written. */
class TraefikTomlProperties {

    private final TraefikDynamicProperties gen = new TraefikDynamicProperties();

    @Provide
    Arbitrary<List<TraefikRouter>> routerLists() {
        return gen.routerLists();
    }

    @Provide
    Arbitrary<List<TraefikHttpService>> serviceLists() {
        return gen.serviceLists();
    }

    @Provide
    Arbitrary<List<TraefikServersTransport>> transportLists() {
        return gen.transportLists();
    }

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.strings().withChars("ab=\"'[]{}.,#\n \\").ofMaxLength(40);
    }

    /** A TOML basic string (TOML v1.0.0, "String"). */
    private static String q(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7f) {
                b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }

    private static String array(List<String> items) {
        return items.stream().map(TraefikTomlProperties::q).collect(Collectors.joining(", ", "[", "]"));
    }

    /** The TOML form of a dynamic configuration; {@code lines} receives "kind:name" -> the line written. */
    static String toml(TraefikDynamicConfig c, Map<String, Integer> lines) {
        List<String> out = new ArrayList<>(List.of("# rendered"));
        for (TraefikRouter r : c.routers()) {
            lines.put("router:" + r.name(), out.size() + 1);
            out.add("[http.routers." + q(r.name()) + "]");
            out.add("  rule = " + q(r.rule()));
            out.add("  service = " + q(r.service()));
            out.add("  entryPoints = " + array(r.entryPoints()));
            out.add("  middlewares = " + array(r.middlewares()));
            if (r.tls()) {
                out.add("  tls = { certResolver = " + q(r.certResolver()) + " }");
            }
        }
        for (TraefikHttpService s : c.services()) {
            lines.put("service:" + s.name(), out.size() + 1);
            out.add("[http.services." + q(s.name()) + ".loadBalancer]");
            out.add("  passHostHeader = " + s.passHostHeader());
            if (!s.serversTransport().isEmpty()) {
                out.add("  serversTransport = " + q(s.serversTransport()));
            }
            if (s.servers().isEmpty()) {
                out.add("  servers = []");
            }
            for (int i = 0; i < s.servers().size(); i++) {
                out.add("  [[http.services." + q(s.name()) + ".loadBalancer.servers]]");
                lines.put("server:" + s.name() + "/" + i, out.size() + 1);
                out.add("    url = " + q(s.servers().get(i).url()));
            }
        }
        for (TraefikMiddleware m : c.middlewares()) {
            lines.put("middleware:" + m.name(), out.size() + 1);
            out.add("[http.middlewares." + q(m.name()) + "." + q(m.type()) + "]");
        }
        for (TraefikServersTransport t : c.serversTransports()) {
            lines.put("transport:" + t.name(), out.size() + 1);
            out.add("[http.serversTransports." + q(t.name()) + "]");
            out.add("  serverName = " + q(t.serverName()));
            out.add("  insecureSkipVerify = " + t.insecureSkipVerify());
            out.add("  rootCAs = " + array(t.rootCAs()));
        }
        return String.join("\n", out) + "\n";
    }

    @Property(tries = 300)
    void renderAsTomlThenParseGivesTheSameModelAndLines(
            @ForAll("routerLists") List<TraefikRouter> routers,
            @ForAll("serviceLists") List<TraefikHttpService> services,
            @ForAll("transportLists") List<TraefikServersTransport> transports) {
        Location at = Location.ofFile("gen");
        TraefikDynamicConfig c = new TraefikDynamicConfig(TraefikDynamicConfig.FILE, unique(routers, TraefikRouter::name),
                unique(services, TraefikHttpService::name), unique(transports, TraefikServersTransport::name),
                List.of(new TraefikMiddleware("m", "stripPrefix", at)), List.of());
        Map<String, Integer> lines = new HashMap<>();
        String toml = toml(c, lines);
        TraefikDynamicConfig back = TraefikDynamicConfig.parse("r.toml", toml);
        assertEquals(List.of(), back.findings(), toml);
        assertEquals(TraefikDynamicConfigTest.strip(c), TraefikDynamicConfigTest.strip(back), toml);
        Map<String, Integer> got = new HashMap<>();
        back.routers().forEach(r -> got.put("router:" + r.name(), r.location().line()));
        back.services().forEach(s -> {
            got.put("service:" + s.name(), s.location().line());
            for (int i = 0; i < s.servers().size(); i++) {
                got.put("server:" + s.name() + "/" + i, s.servers().get(i).location().line());
            }
        });
        back.middlewares().forEach(m -> got.put("middleware:" + m.name(), m.location().line()));
        back.serversTransports().forEach(t -> got.put("transport:" + t.name(), t.location().line()));
        assertEquals(lines, got, toml);
    }

    @Provide
    Arbitrary<List<TraefikEntryPoint>> entryPointLists() {
        Arbitrary<TraefikEntryPoint> ep = Combinators.combine(gen.names(), Arbitraries.of("", "10.0.0.1", "fd00::2"),
                Arbitraries.integers().between(1, 65535), Arbitraries.of("tcp", "udp"),
                Arbitraries.of("", "websecure"), Arbitraries.of("", "stepca")).as((n, h, p, t, to, cr) ->
                new TraefikEntryPoint(n, (h.contains(":") ? "[" + h + "]" : h) + ":" + p + "/" + t, h, p, t, to,
                        to.isEmpty() ? "" : "https", cr, !cr.isEmpty(), Location.ofFile("gen")));
        return ep.list().ofMaxSize(4).map(l -> unique(l, TraefikEntryPoint::name));
    }

    @Provide
    Arbitrary<List<TraefikCertificateResolver>> resolverLists() {
        Arbitrary<TraefikCertificateResolver> r = Combinators.combine(gen.names(), gen.texts(), gen.texts(),
                Arbitraries.of("", "http", "tls"), gen.texts().list().ofMaxSize(2)).as((n, ca, email, ch, roots) ->
                new TraefikCertificateResolver(n, ca.isEmpty() ? TraefikCertificateResolver.LETS_ENCRYPT : ca,
                        !ca.isEmpty(), email, "/etc/traefik/acme.json", ch, ch.equals("http") ? "web" : "", "",
                        roots.stream().filter(x -> !x.isEmpty() && !x.contains(",")).toList(), Location.ofFile("gen")));
        return r.list().ofMaxSize(3).map(l -> unique(l, TraefikCertificateResolver::name));
    }

    /** The TOML form of entry points and resolvers; {@code lines} receives "kind:name" -> the line written. */
    static String staticToml(List<TraefikEntryPoint> eps, List<TraefikCertificateResolver> resolvers,
                             Map<String, Integer> lines) {
        List<String> out = new ArrayList<>(List.of("[providers.file]", "  directory = \"/etc/traefik/dynamic\"",
                "[entryPoints]"));
        for (TraefikEntryPoint e : eps) {
            lines.put("ep:" + e.name(), out.size() + 1);
            out.add("  [entryPoints." + q(e.name()) + "]");
            out.add("    address = " + q(e.address()));
            if (!e.redirectTo().isEmpty()) {
                out.add("    http.redirections.entryPoint = { to = " + q(e.redirectTo()) + " }");
            }
            if (e.tls()) {
                out.add("    http.tls.certResolver = " + q(e.certResolver()));
            }
        }
        for (TraefikCertificateResolver r : resolvers) {
            lines.put("resolver:" + r.name(), out.size() + 1);
            out.add("[certificatesResolvers." + q(r.name()) + ".acme]");
            if (r.caServerSet()) {
                out.add("  caServer = " + q(r.caServer()));
            }
            out.add("  email = " + q(r.email()));
            out.add("  storage = " + q(r.storage()));
            out.add("  caCertificates = " + array(r.caCertificates()));
            if (r.challenge().equals("http")) {
                out.add("  httpChallenge.entryPoint = " + q(r.challengeEntryPoint()));
            } else if (r.challenge().equals("tls")) {
                out.add("  tlsChallenge = {}");
            }
        }
        return String.join("\n", out) + "\n";
    }

    private static List<List<Object>> strip(List<TraefikEntryPoint> eps, List<TraefikCertificateResolver> rs) {
        List<List<Object>> out = new ArrayList<>();
        eps.forEach(e -> out.add(List.of(e.name(), e.address(), e.host(), e.port(), e.transport(), e.redirectTo(),
                e.redirectScheme(), e.certResolver(), e.tls())));
        rs.forEach(r -> out.add(List.of(r.name(), r.caServer(), r.caServerSet(), r.email(), r.storage(), r.challenge(),
                r.challengeEntryPoint(), r.dnsProvider(), r.caCertificates())));
        return out;
    }

    @Property(tries = 200)
    void staticModelRenderedAsTomlParsesBackOnItsLines(@ForAll("entryPointLists") List<TraefikEntryPoint> eps,
                                                      @ForAll("resolverLists") List<TraefikCertificateResolver> rs) {
        Map<String, Integer> lines = new HashMap<>();
        String toml = staticToml(eps, rs, lines);
        TraefikStaticConfig back = TraefikStaticConfig.parse("s.toml", toml);
        assertEquals(List.of(), back.findings(), toml);
        assertEquals(strip(eps, rs), strip(back.entryPoints(), back.certificateResolvers()), toml);
        Map<String, Integer> got = new HashMap<>();
        back.entryPoints().forEach(e -> got.put("ep:" + e.name(), e.location().line()));
        back.certificateResolvers().forEach(r -> got.put("resolver:" + r.name(), r.location().line()));
        assertEquals(lines, got, toml);
        assertEquals(1, back.providers().file().orElseThrow().location().line());
    }

    @Property(tries = 300)
    void anyTomlTextGivesFindingsNotExceptions(@ForAll("texts") String a, @ForAll("texts") String b) {
        String text = "[http.routers.r]\nrule = " + a + "\n[http.services." + b + "]\n";
        TraefikDynamicConfig c = TraefikDynamicConfig.parse("t.toml", text);
        long lineCount = text.lines().count();
        for (Finding f : c.findings()) {
            int line = f.locations().get(0).line();
            assertTrue(line >= 0 && line <= lineCount + 1, f.message());
            assertTrue(!f.message().contains("\tat "), f.message());
        }
    }

    private static <T> List<T> unique(List<T> items, Function<T, String> key) {
        Map<String, T> m = new LinkedHashMap<>();
        items.forEach(i -> m.putIfAbsent(key.apply(i).toLowerCase(Locale.ROOT), i));
        return new ArrayList<>(m.values());
    }
}
