package io.phoenixdiag.core.diag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Properties of the report contract over reports full of arbitrary text. */
class ReportPropertiesTest {

    /** Any text, including control characters, quotes, pipes, surrogates and newlines. */
    private static Arbitrary<String> text() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(12),
                Arbitraries.strings().withChars("|\"'`<>&#;\\*_[]()-+=.!\n\r\t\u001b ab1").ofMaxLength(12),
                Arbitraries.of("", "a|b", "say \"hi\"", "1. x", "- x", "```", "#quot;", "end"),
                Arbitraries.of("<script>alert(1)</script>", "\" onmouseover=\"alert(1)", "' onload='x", "<img src=x onerror=alert(1)>",
                        "]]><!--", "</svg><svg onload=alert(1)>", "&lt;b&gt;", "javascript:alert(1)", "</testcase>", "<![CDATA[x]]>"));
    }

    private static Arbitrary<String> nonBlank() {
        return text().filter(s -> !s.isBlank());
    }

    private static Arbitrary<String> checkId() {
        return Arbitraries.strings().withCharRange('a', 'z').withCharRange('0', '9').ofMinLength(1).ofMaxLength(4)
                .list().ofMinSize(1).ofMaxSize(3).map(parts -> String.join(".", parts));
    }

    private static Arbitrary<Location> location() {
        return Combinators.combine(text().filter(s -> !s.isEmpty()), text().map(s -> s.isEmpty() ? "" : "/" + s),
                Arbitraries.integers().between(0, 5000), Arbitraries.integers().between(0, 200)).as(Location::new);
    }

    private static Arbitrary<Evidence> evidence() {
        return Combinators.combine(text(), location().optional()).as(Evidence::new);
    }

    private static Arbitrary<Finding> finding() {
        return Combinators.combine(checkId(), Arbitraries.of(Severity.class), nonBlank(), text(),
                        text().list().ofMaxSize(3), evidence().list().ofMaxSize(2), text(), location().list().ofMaxSize(2))
                .as((id, sev, title, msg, subjects, ev, fix, locs) ->
                        new Finding(id, sev, title, msg, subjects.stream().distinct().toList(), ev, fix, locs));
    }

    private static Arbitrary<FlowVerdict> verdict(FlowLayer layer) {
        return Combinators.combine(Arbitraries.of(FlowState.class), nonBlank(), location().optional())
                .as((state, by, loc) -> new FlowVerdict(layer, state, by, loc));
    }

    private static Arbitrary<FlowEntry> flow() {
        Arbitrary<List<FlowVerdict>> verdicts = Arbitraries.subsetOf(FlowLayer.values())
                .flatMap(layers -> Combinators.combine(layers.stream().map(ReportPropertiesTest::verdict).toList()).as(List::copyOf));
        return Combinators.combine(nonBlank(), nonBlank(), Arbitraries.of("tcp", "udp", "icmp"), Arbitraries.integers().between(0, 65535),
                        text(), text(), evidence().list().ofMaxSize(2), Arbitraries.of(true, false))
                .flatAs((src, dst, proto, port, scheme, purpose, implied, active) -> verdicts.map(v ->
                        new FlowEntry(FlowEntry.idOf(src, dst, proto, port), src, dst, proto, port, scheme, purpose, implied, active, v)));
    }

    private static Arbitrary<NodeEntry> node() {
        return Combinators.combine(nonBlank(), text(), text(), nonBlank(), Arbitraries.of(true, false)).as(NodeEntry::new);
    }

    @Provide
    Arbitrary<Report> reports() {
        return Combinators.combine(text(), text(), text(),
                        finding().list().ofMaxSize(4),
                        flow().list().ofMaxSize(3).uniqueElements(FlowEntry::id),
                        node().list().ofMaxSize(3).uniqueElements(NodeEntry::id),
                        Combinators.combine(nonBlank(), nonBlank(), text()).as(RoleEntry::new).list().ofMaxSize(2),
                        Combinators.combine(nonBlank(), text()).as(NotRun::new).list().ofMaxSize(2))
                .as((name, version, subject, findings, flows, nodes, roles, notRun) ->
                        new Report(Report.SCHEMA_VERSION, Tool.of(name, version), subject, findings, flows, nodes, roles, notRun));
    }

    @Property(tries = 200)
    void jsonIsValidAgainstTheSchemaAndRoundTrips(@ForAll("reports") Report report) throws IOException {
        String json = ReportJson.write(report);
        assertEquals(List.of(), ReportJsonContractTest.validate(json));
        assertEquals(report, ReportJson.read(json));
        assertEquals(json, ReportJson.write(ReportJson.read(json)), "stable output");
    }

    @Property(tries = 200)
    void markdownTablesAlwaysHaveTheRightNumberOfCells(@ForAll("reports") Report report) {
        String md = ReportRenderer.markdown().render(Reports.acceptEveryOther(report, "a|b\n| c |"));
        RendererEscapingTest.assertTablesWellFormed(md);
        int fence = md.indexOf("```mermaid\n");
        if (fence >= 0) {
            String diagram = md.substring(fence + 11, md.indexOf("\n```\n", fence));
            for (String line : diagram.lines().toList()) {
                assertEquals(0, line.chars().filter(c -> c == '"').count() % 2, "balanced quotes: " + line);
                assertFalse(line.contains("`"), line);
            }
            assertEquals(Optional.of(-1), Optional.of(md.substring(md.indexOf("\n```\n", fence) + 5).indexOf("```mermaid")));
        }
    }

    @Property(tries = 200)
    void plainTextNeverCarriesControlCharacters(@ForAll("reports") Report report) {
        String text = ReportRenderer.text(false).render(Reports.acceptEveryOther(report, "ok\u001b[2J\r\u0007"));
        assertFalse(text.chars().anyMatch(c -> c != '\n' && Character.isISOControl(c)));
    }
}
