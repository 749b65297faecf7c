package io.phoenixdiag.net.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.phoenixdiag.net.probe.DnsQueryType;

import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The probe program's request parser: round trips, and only a typed error on any text. */
class LiveJsonProperties {

    @Provide
    Arbitrary<ProbeSpec> specs() {
        Arbitrary<String> ipv4 = Arbitraries.integers().between(0, 255).list().ofSize(4)
                .map(l -> l.get(0) + "." + l.get(1) + "." + l.get(2) + "." + l.get(3));
        Arbitrary<String> text = Arbitraries.strings().ofMaxLength(20);
        Arbitrary<Integer> port = Arbitraries.integers().between(1, 65535);
        Arbitrary<Long> timeout = Arbitraries.longs().between(1, Integer.MAX_VALUE);
        Arbitrary<ProbeSpec> tcp = Combinators.combine(text, ipv4, port, timeout).as(ProbeSpec::tcp);
        Arbitrary<ProbeSpec> http = Combinators.combine(text, ipv4, port, Arbitraries.of(true, false),
                Arbitraries.integers().between(100, 999), text, timeout).as((id, a, p, tls, st, body, t) ->
                ProbeSpec.http(id, a, p, tls, "", List.of(), "/x", st, body, t));
        Arbitrary<ProbeSpec> dns = Combinators.combine(text, ipv4, port, Arbitraries.of(DnsQueryType.class),
                ipv4.list().ofMaxSize(3), timeout).as((id, a, p, type, exp, t) ->
                ProbeSpec.dns(id, a, p, "n.example", type, exp, t));
        return Arbitraries.oneOf(tcp, http, dns);
    }

    @Provide
    Arbitrary<List<ProbeSpec>> specLists() {
        return specs().list().ofMaxSize(4);
    }

    @Property(tries = 300)
    void specsRoundTrip(@ForAll("specLists") List<ProbeSpec> specs) {
        assertEquals(specs, LiveJson.readSpecs(LiveJson.writeSpecs(specs)));
    }

    @Property(tries = 500)
    void anyTextIsSpecsOrATypedError(@ForAll("jsonish") String text) {
        try {
            LiveJson.readSpecs(text);
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage().startsWith("probe request"), e.getMessage());
        }
    }

    @Provide
    Arbitrary<String> jsonish() {
        Arbitrary<String> valid = specs().list().ofMaxSize(3).map(LiveJson::writeSpecs);
        Arbitrary<String> mutated = Combinators.combine(valid, Arbitraries.integers().between(0, 400),
                Arbitraries.of("", "\"", "{", "]", "null", "1", "-", "\"kind\":\"X\",", "[", "true"))
                .as((v, at, ins) -> {
                    int i = Math.min(at, v.length());
                    return v.substring(0, i) + ins + v.substring(Math.min(v.length(), i + 1));
                });
        return Arbitraries.oneOf(valid, mutated, Arbitraries.strings().ofMaxLength(40));
    }
}
