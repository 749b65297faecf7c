package io.phoenixdiag.core.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.phoenixdiag.core.diag.Location;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class NginxRoundTripProperties {

    private static final Location L = Location.ofLine("gen.conf", 1, 1);

    /** Names and content are erased to compare only what the syntax carries. */
    private record Shape(String name, List<String> args, boolean block, List<Shape> children) {
        static Shape of(NginxDirective d) {
            return new Shape(d.name(), d.args(), d.block(), d.children().stream().map(Shape::of).toList());
        }
    }

    @Property(tries = 300)
    void renderThenParseGivesTheSameDirectives(@ForAll("configs") List<NginxDirective> config) {
        String text = NginxConfig.render(config);
        NginxConfig parsed = NginxConfig.parse("gen.conf", text);
        assertEquals(List.of(), parsed.findings(), text);
        assertEquals(config.stream().map(Shape::of).toList(), parsed.directives().stream().map(Shape::of).toList(), text);
        assertEquals(text, NginxConfig.render(parsed.directives()));
    }

    @Property(tries = 300)
    void everyDirectiveStartsOnItsRenderedLine(@ForAll("configs") List<NginxDirective> config) {
        String[] lines = NginxConfig.render(config).split("\n", -1);
        NginxConfig parsed = NginxConfig.parse("gen.conf", String.join("\n", lines));
        check(parsed.directives(), lines);
    }

    private static void check(List<NginxDirective> ds, String[] lines) {
        for (NginxDirective d : ds) {
            String line = lines[d.location().line() - 1];
            assertEquals(d.name(), line.substring(d.location().column() - 1).split("[ ;]", 2)[0]);
            check(d.children(), lines);
        }
    }

    @Provide
    Arbitrary<List<NginxDirective>> configs() {
        return directive(3).list().ofMaxSize(4);
    }

    private Arbitrary<NginxDirective> directive(int depth) {
        Arbitrary<String> name = Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz_").ofMinLength(1).ofMaxLength(12);
        Arbitrary<String> arg = Arbitraries.oneOf(
                Arbitraries.strings().withChars("abc$xyz{}:/._-;#'\"\\ \t\n~^*").ofMaxLength(10),
                Arbitraries.of("$host", "${uri}", "https://a.example:8443", "on", "", "10s", "~^(.+)$"));
        Arbitrary<List<String>> args = arg.list().ofMaxSize(4);
        Arbitrary<NginxDirective> simple = Combinators.combine(name, args)
                .as((n, a) -> new NginxDirective(n, a, List.of(), false, L));
        if (depth == 0) {
            return simple;
        }
        Arbitrary<NginxDirective> block = Combinators.combine(name, args, Arbitraries.lazy(() -> directive(depth - 1))
                        .list().ofMaxSize(3))
                .as((n, a, c) -> new NginxDirective(n, a, c, true, L));
        return Arbitraries.oneOf(simple, block);
    }
}
