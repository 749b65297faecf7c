package io.phoenixdiag.core.diag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Properties of the baseline parser and of applying a baseline. */
class BaselinePropertiesTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Provide
    Arbitrary<List<Baseline.Entry>> entries() {
        Arbitrary<String> id = Arbitraries.strings().all().ofMaxLength(20);
        Arbitrary<String> print = Arbitraries.strings().withChars("0123456789abcdef").ofLength(32).injectNull(0.5)
                .map(s -> s == null ? "" : s);
        Arbitrary<String> why = Arbitraries.strings().all().ofMinLength(1).ofMaxLength(20).filter(s -> !s.isBlank());
        return Combinators.combine(id, print, why).as((i, p, w) -> i.isEmpty() && p.isEmpty() ? new String[] {"x", p, w}
                        : new String[] {i, p, w}).list().ofMaxSize(5)
                .map(list -> list.stream().map(a -> new Baseline.Entry(a[0], a[1], a[2], Optional.empty())).toList());
    }

    @Property(tries = 200)
    void writtenEntriesParseBackWithTheirPointers(@ForAll("entries") List<Baseline.Entry> entries) throws Exception {
        ArrayNode array = MAPPER.createArrayNode();
        for (Baseline.Entry e : entries) {
            ObjectNode o = array.addObject();
            if (!e.findingId().isEmpty()) {
                o.put("findingId", e.findingId());
            }
            if (!e.fingerprint().isEmpty()) {
                o.put("fingerprint", e.fingerprint());
            }
            o.put("justification", e.justification());
        }
        List<Baseline.Entry> parsed = Baseline.parse(MAPPER.writeValueAsString(array), "b.json").entries();
        assertEquals(entries.size(), parsed.size());
        for (int i = 0; i < entries.size(); i++) {
            Baseline.Entry e = entries.get(i);
            assertEquals(new Baseline.Entry(e.findingId(), e.fingerprint(), e.justification(),
                    Optional.of(Location.ofPointer("b.json", "/" + i))), parsed.get(i));
        }
    }

    @Property(tries = 300)
    void arbitraryTextIsABaselineOrATypedError(@ForAll("texts") String text) {
        try {
            Baseline.parse(text, "b.json");
        } catch (BaselineFormatException e) {
            assertTrue(e.getMessage().startsWith("b.json"), e.getMessage());
        }
    }

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.oneOf(Arbitraries.strings().all().ofMaxLength(40),
                Arbitraries.strings().withChars("[]{}\":,0123 abfindgIDjustcao\\").ofMaxLength(60),
                Arbitraries.of("[]", "[{}]", "[null]", "[{\"findingId\": null, \"justification\": \"x\"}]", "null", "",
                        "[{\"findingId\": \"a\", \"findingId\": \"b\", \"justification\": \"x\"}]"));
    }

    @Property(tries = 150)
    void applyingKeepsEveryFindingExactlyOnce(@ForAll("reports") Report report) {
        List<Baseline.Entry> entries = report.findings().stream().limit(3)
                .map(f -> new Baseline.Entry(f.findingId(), "", "ok", Optional.empty())).toList();
        Report applied = Baseline.of(entries).apply(report);
        long stale = applied.findings().stream().filter(f -> f.checkId().equals(Baseline.UNMATCHED)).count();
        assertEquals(report.findings().size(), applied.findings().size() - stale + applied.accepted().size());
        // an entry is stale when an earlier entry already takes every finding it matches (e.g. two equal findings)
        java.util.Set<Integer> used = new java.util.HashSet<>();
        report.findings().forEach(f -> {
            int i = firstMatching(entries, f);
            if (i >= 0) {
                used.add(i);
            }
        });
        assertEquals(entries.size() - used.size(), stale);
        assertTrue(applied.findings().stream().noneMatch(f -> entries.stream().anyMatch(e -> e.matches(f))));
        assertEquals(applied.hasProblems(), applied.findings().stream().anyMatch(f -> f.severity().isProblem()));
    }

    private static int firstMatching(List<Baseline.Entry> entries, Finding f) {
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).matches(f)) {
                return i;
            }
        }
        return -1;
    }

    @Provide
    Arbitrary<Report> reports() {
        return new ReportPropertiesTest().reports();
    }
}
