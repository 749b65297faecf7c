package io.phoenixdiag.core.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.phoenixdiag.core.diag.Finding;
import io.phoenixdiag.core.diag.Location;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class TraefikDynamicProperties {

    private static final Location AT = Location.ofFile("gen");

    @Provide
    Arbitrary<String> names() {
        return Arbitraries.strings().withChars("abcXYZ-_.@ 0\"\\`:").ofMinLength(1).ofMaxLength(12);
    }

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.strings().withChars("abH()`\"'\\ #:{}[],&|!\u00e9").ofMaxLength(30);
    }

    @Provide
    Arbitrary<TraefikRouter> routers() {
        return Combinators.combine(names(), texts(), names().list().ofMaxSize(3), texts(), names().list().ofMaxSize(2),
                Arbitraries.of(true, false), names()).as((n, rule, eps, svc, mws, tls, cr) ->
                new TraefikRouter(n, rule, eps, svc, mws, tls || !cr.isBlank(), tls ? cr : "", AT));
    }

    @Provide
    Arbitrary<TraefikHttpService> services() {
        Arbitrary<TraefikHttpService.Server> server = Combinators.combine(Arbitraries.of("http", "https"),
                Arbitraries.of("10.0.0.1", "fd00::2", "backend.example"), Arbitraries.integers().between(1, 65535))
                .as((s, h, p) -> new TraefikHttpService.Server(s + "://" + (h.contains(":") ? "[" + h + "]" : h) + ":" + p,
                        s, h, p, AT));
        return Combinators.combine(names(), server.list().ofMaxSize(3), names().injectNull(0.5), Arbitraries.of(true, false))
                .as((n, servers, st, ph) -> new TraefikHttpService(n, servers, st == null ? "" : st, ph, AT));
    }

    @Provide
    Arbitrary<TraefikServersTransport> transports() {
        return Combinators.combine(names(), texts(), Arbitraries.of(true, false), texts().list().ofMaxSize(2))
                .as((n, sn, skip, roots) -> new TraefikServersTransport(n, sn, skip,
                        roots.stream().filter(r -> !r.isEmpty() && !r.contains(",")).toList(), AT));
    }

    @Provide
    Arbitrary<List<TraefikRouter>> routerLists() {
        return routers().list().ofMaxSize(4);
    }

    @Provide
    Arbitrary<List<TraefikHttpService>> serviceLists() {
        return services().list().ofMaxSize(4);
    }

    @Provide
    Arbitrary<List<TraefikServersTransport>> transportLists() {
        return transports().list().ofMaxSize(3);
    }

    @Property(tries = 300)
    void renderThenParseGivesTheSameModel(@ForAll("routerLists") List<TraefikRouter> routers,
                                          @ForAll("serviceLists") List<TraefikHttpService> services,
                                          @ForAll("transportLists") List<TraefikServersTransport> transports) {
        TraefikDynamicConfig c = new TraefikDynamicConfig(TraefikDynamicConfig.FILE, unique(routers, TraefikRouter::name),
                unique(services, TraefikHttpService::name), unique(transports, TraefikServersTransport::name),
                List.of(new TraefikMiddleware("m", "stripPrefix", AT)), List.of());
        TraefikDynamicConfig back = TraefikDynamicConfig.parse("r.yml", c.render());
        assertEquals(List.of(), back.findings(), c.render());
        assertEquals(TraefikDynamicConfigTest.strip(c), TraefikDynamicConfigTest.strip(back), c.render());
    }

    @Property(tries = 300)
    void anyTextGivesFindingsNotExceptions(@ForAll("texts") String a, @ForAll("texts") String b) {
        String text = "http:\n  routers:\n    " + a + ":\n      rule: " + b + "\n  services:\n    " + b + ": " + a + "\n";
        TraefikDynamicConfig c = TraefikDynamicConfig.parse("t.yml", text);
        for (Finding f : c.findings()) {
            int line = f.locations().get(0).line();
            assertTrue(line >= 0 && line <= 8, f.message());
        }
    }

    private static <T> List<T> unique(List<T> items, java.util.function.Function<T, String> key) {
        Map<String, T> m = new LinkedHashMap<>();
        items.forEach(i -> m.putIfAbsent(key.apply(i).toLowerCase(java.util.Locale.ROOT), i));
        return new ArrayList<>(m.values());
    }
}
