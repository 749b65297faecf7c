package io.phoenixdiag.core.gateway.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import io.phoenixdiag.core.diag.Finding;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Documents written by Jackson's own TOML writer: every key's location is a line that holds the key. */
class TomlTreeProperties {

    @Provide
    Arbitrary<Object> documents() {
        Arbitrary<String> keys = Arbitraries.strings().withChars("abXY09-_. ").ofMinLength(1).ofMaxLength(6);
        Arbitrary<Object> leaf = Arbitraries.oneOf(Arbitraries.strings().alpha().ofMaxLength(5).map(s -> (Object) s),
                Arbitraries.integers().between(-5, 500).map(i -> (Object) i), Arbitraries.of(true, false));
        Arbitrary<Object> level1 = Arbitraries.oneOf(leaf, leaf.list().ofMaxSize(3).map(l -> (Object) l),
                Arbitraries.maps(keys, leaf).ofMaxSize(3).map(m -> (Object) m));
        Arbitrary<Object> level2 = Arbitraries.oneOf(level1, Arbitraries.maps(keys, level1).ofMaxSize(3).map(m -> (Object) m),
                Arbitraries.maps(keys, leaf).ofMinSize(1).ofMaxSize(2).list().ofMinSize(1).ofMaxSize(2).map(l -> (Object) l));
        return Arbitraries.maps(keys, level2).ofMinSize(1).ofMaxSize(4).map(m -> (Object) m);
    }

    @Property(tries = 300)
    void everyKeyIsFoundOnItsLine(@ForAll("documents") Object doc) throws Exception {
        String text = new TomlMapper().writeValueAsString(doc);
        List<Finding> findings = new ArrayList<>();
        YamlTree root = TomlTree.parse("t.toml", text, "t", findings).orElseThrow();
        assertEquals(List.of(), findings, text);
        List<String> lines = text.lines().toList();
        check(root, lines, text);
    }

    private static void check(YamlTree n, List<String> lines, String text) {
        for (Map.Entry<String, YamlTree> e : n.mapping().entrySet()) {
            int line = e.getValue().location().line();
            assertTrue(line >= 1 && line <= lines.size(), text);
            assertTrue(lines.get(line - 1).contains(e.getKey()), e.getValue().location() + " in\n" + text);
            check(e.getValue(), lines, text);
        }
        for (YamlTree item : n.sequence()) {
            assertTrue(item.location().line() >= 1 && item.location().line() <= lines.size(), text);
            check(item, lines, text);
        }
    }
}
