package io.phoenixdiag.core.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.phoenixdiag.core.diag.Finding;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

class GatewayParserProperties {

    @Provide
    Arbitrary<String> nginxish() {
        return Arbitraries.strings().withChars("ab $;{}#'\"\\\n\t:/").ofMaxLength(80);
    }

    @Property(tries = 500)
    void nginxNeverThrowsAndEveryFindingPointsIntoTheText(@ForAll("nginxish") String text) {
        NginxConfig c = NginxConfig.parse("f.conf", text);
        long lines = text.lines().count() + 1;
        for (Finding f : c.findings()) {
            int line = f.locations().get(0).line();
            assertTrue(line >= 1 && line <= lines, f.message());
        }
        NginxGateway g = NginxGateway.of(c);
        assertTrue(g.findings().containsAll(c.findings()));
    }

    @Property(tries = 200)
    void listenPortsAreReadFromEveryAddressForm(@ForAll @IntRange(min = 1, max = 65535) int port,
                                                @ForAll("addresses") String address) {
        NginxGateway g = NginxGateway.of(NginxConfig.parse("f.conf",
                "server { listen " + address + port + " ssl; }"));
        assertEquals(List.of(), g.findings());
        NginxListen l = g.servers().get(0).listens().get(0);
        assertEquals(port, l.port());
        assertEquals(address.isEmpty() || address.equals("*:") ? "" : address.substring(0, address.length() - 1),
                l.address());
        assertTrue(l.ssl());
    }

    @Provide
    Arbitrary<String> addresses() {
        return Arbitraries.of("", "*:", "[::]:", "127.0.0.1:", "10.0.0.12:", "[fd00::1]:", "localhost:");
    }

    @Property(tries = 200)
    void proxyPassThroughMapDefaultResolvesToTheDefault(@ForAll @IntRange(min = 1, max = 65535) int port,
                                                       @ForAll @StringLength(min = 1, max = 12) @net.jqwik.api.constraints.AlphaChars String host,
                                                       @ForAll boolean https) {
        String url = (https ? "https" : "http") + "://" + host + ":" + port;
        NginxGateway g = NginxGateway.of(NginxConfig.parse("f.conf",
                "map $host $u { default " + url + "; }\nserver { location / { proxy_pass $u; } }"));
        assertEquals(List.of(), g.findings());
        NginxProxyTarget t = g.servers().get(0).locations().get(0).proxyPass().orElseThrow().target().orElseThrow();
        assertEquals(new NginxProxyTarget(url, https ? "https" : "http", host, port, ""), t);
    }

    @Property(tries = 200)
    void traefikEntryPointsRoundTrip(@ForAll @Size(max = 6) Map<@StringLength(min = 1, max = 10)
            @net.jqwik.api.constraints.AlphaChars String, @IntRange(min = 1, max = 65535) Integer> eps) {
        String yaml = eps.isEmpty() ? "entryPoints: {}\n" : "entryPoints:\n" + eps.entrySet().stream()
                .map(e -> "  " + e.getKey() + ":\n    address: \":" + e.getValue() + "\"\n").collect(Collectors.joining());
        TraefikStaticConfig c = TraefikStaticConfig.parse("t.yml", yaml);
        assertEquals(List.of(), c.findings(), yaml);
        assertEquals(eps, c.entryPoints().stream().collect(Collectors.toMap(TraefikEntryPoint::name,
                TraefikEntryPoint::port)));
    }

    @Property(tries = 300)
    void traefikNeverThrows(@ForAll @StringLength(max = 80) @net.jqwik.api.constraints.Chars({'a', ':', ' ', '\n',
            '-', '[', ']', '{', '}', '"', '\'', '&', '*', '!', '#', '|'}) String text) {
        TraefikStaticConfig c = TraefikStaticConfig.parse("t.yml", text);
        for (Finding f : c.findings()) {
            assertEquals("t.yml", f.locations().get(0).file());
        }
    }
}
