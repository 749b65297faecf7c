package io.phoenixdiag.net.iptables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class IptablesPropertiesTest {

    // ---- parser round trip -------------------------------------------------------------------------------------

    @Provide
    Arbitrary<String> ruleLines() {
        Arbitrary<String> src = Arbitraries.integers().between(0, 255).map(i -> "10.0." + i + ".0/24");
        Arbitrary<String> neg = Arbitraries.of("", "! ");
        Arbitrary<String> addr = Combinators.combine(neg, Arbitraries.of("-s ", "-d "), src).as((n, o, a) -> n + o + a);
        Arbitrary<String> iface = Combinators.combine(neg, Arbitraries.of("-i ", "-o "),
                Arbitraries.of("eth0", "vmbr0", "tap100i0", "veth+", "fwln+")).as((n, o, i) -> n + o + i);
        Arbitrary<String> tcp = Combinators.combine(neg, Arbitraries.integers().between(1, 65535),
                Arbitraries.integers().between(0, 100)).as((n, p, w) -> "-p tcp -m tcp " + n + "--dport " + p
                        + (w > 0 ? ":" + Math.min(65535, p + w) : ""));
        Arbitrary<String> comment = Arbitraries.strings().withChars("ab \"\\'!-#:").ofMinLength(1).ofMaxLength(12)
                .map(c -> "-m comment --comment " + Option.quote(c));
        Arbitrary<String> state = Arbitraries.of("NEW", "RELATED,ESTABLISHED", "INVALID", "UNTRACKED")
                .map(s -> "-m conntrack --ctstate " + s);
        Arbitrary<String> target = Arbitraries.of("-j ACCEPT", "-j DROP", "-j RETURN", "-g chainb", "-j chainb",
                "-j REJECT --reject-with icmp-host-prohibited", "-j MARK --set-xmark 0x1/0xff", "",
                "-j LOG --log-prefix \"x \\\"y\\\" \"");
        Arbitrary<List<String>> parts = Arbitraries.oneOf(addr, iface, tcp, comment, state).list().ofMaxSize(4)
                .filter(IptablesPropertiesTest::singleBuiltins).map(IptablesPropertiesTest::saveOrder);
        return Combinators.combine(parts, target).as((p, t) -> {
            List<String> all = new ArrayList<>(p);
            all.add(t);
            return ("-A INPUT " + String.join(" ", all)).strip();
        });
    }

    /** iptables-save prints -s -d -i -o -p first, then the match modules. */
    private static List<String> saveOrder(List<String> parts) {
        List<String> sorted = new ArrayList<>(parts);
        List<String> order = List.of("-s", "-d", "-i", "-o", "-p", "-m");
        sorted.sort(java.util.Comparator.comparingInt(p -> order.indexOf(p.replace("! ", "").substring(0, 2))));
        return sorted;
    }

    private static boolean singleBuiltins(List<String> parts) {
        for (String o : new String[] {"-s ", "-d ", "-i ", "-o ", "-p "}) {
            if (parts.stream().filter(p -> p.startsWith(o) || p.startsWith("! " + o)).count() > 1) {
                return false;
            }
        }
        return true;
    }

    static String wrap(String... rules) {
        return "*filter\n:INPUT ACCEPT [0:0]\n:chainb - [0:0]\n" + String.join("\n", rules) + "\nCOMMIT\n";
    }

    @Property
    void canonicalTextParsesBackToTheSameRule(@ForAll("ruleLines") String line) {
        IptablesSave a = IptablesSave.parse("a", wrap(line));
        assertEquals(List.of(), a.diagnostics());
        Rule r = a.rulesets().get(0).tables().get(0).chain("INPUT").orElseThrow().rules().get(0);
        assertEquals(line, r.canonical());
        IptablesSave b = IptablesSave.parse("b", wrap(r.canonical()));
        Rule r2 = b.rulesets().get(0).tables().get(0).chain("INPUT").orElseThrow().rules().get(0);
        assertEquals(r, r2);
    }

    @Property
    void arbitraryTextNeverThrowsAndLinesAreInRange(@ForAll("noise") String text) {
        IptablesSave s = IptablesSave.parse("noise", text);
        int lines = text.split("\n", -1).length;
        s.diagnostics().forEach(f -> assertTrue(f.locations().get(0).line() <= lines, f::toString));
    }

    @Provide
    Arbitrary<String> noise() {
        return Arbitraries.of("*filter", ":INPUT DROP [1:2]", ":x - [0:0]", "-A INPUT", "-A x -j x", "COMMIT", "!",
                "-A INPUT -p tcp --dport", "-A INPUT -m", "-A INPUT \"unterminated", "[1:2]", "# c", "-A INPUT ! ! -s 1.2.3.4",
                "-A INPUT -s ! -j", "*nat", "-A INPUT -j").list().ofMaxSize(12).map(l -> String.join("\n", l));
    }

    // ---- evaluator --------------------------------------------------------------------------------------------

    @Provide
    Arbitrary<List<String>> nonDroppingRules() {
        Arbitrary<String> match = Arbitraries.of("", "-s 10.0.0.0/8", "! -s 10.0.0.0/8", "-p tcp -m tcp --dport 22",
                "-p udp", "-i eth0", "-m conntrack --ctstate NEW", "-m set --match-set x src", "-m recent --rcheck --name y");
        Arbitrary<String> target = Arbitraries.of("-j ACCEPT", "-j RETURN", "-j LOG", "-j chainb", "");
        return Combinators.combine(Arbitraries.of("INPUT", "chainb"), match, target)
                .as((c, m, t) -> ("-A " + c + " " + m + " " + t).replaceAll(" +", " ").strip())
                .filter(r -> !r.startsWith("-A chainb") || !r.endsWith("-j chainb"))
                // RETURN in a built-in chain applies its policy: only user chains return
                .filter(r -> !r.startsWith("-A INPUT") || !r.endsWith("-j RETURN"))
                .list().ofMaxSize(12);
    }

    @Provide
    Arbitrary<Packet> packets() {
        return Combinators.combine(Arbitraries.of("10.1.2.3", "192.168.1.1"), Arbitraries.of(6, 17, 1),
                Arbitraries.of(22, 80), Arbitraries.of("eth0", "eth1"), Arbitraries.of(CtState.values()))
                .as((s, p, port, i, st) -> Packet.builder().source(s).destination("10.9.9.9").protocol(p)
                        .destinationPort(port).sourcePort(40000).inInterface(i).state(st).build());
    }

    @Property
    void withACatchAllAcceptAndNoDroppingRuleNothingIsDropped(@ForAll("nonDroppingRules") List<String> rules,
                                                             @ForAll("packets") Packet p) {
        List<String> all = new ArrayList<>(rules);
        all.add("-A INPUT -j ACCEPT");
        IptablesSave s = IptablesSave.parse("p", wrap(all.toArray(new String[0])).replace(":INPUT ACCEPT", ":INPUT DROP"));
        Verdict v = NetfilterEvaluator.of(s).evaluate(Hook.INPUT, p);
        if (v.outcome() == Outcome.UNKNOWN) {
            // many undecidable matches in a row (ipsets, recent) exceed the exploration budget: a documented
            // UNKNOWN, never a wrong DROP; with a larger budget every path ends in ACCEPT
            assertTrue(v.reason().contains("undecidable matches were already explored"), v.reason());
            Verdict wide = NetfilterEvaluator.of(List.of(s), EvaluationOptions.builder().maxUndecided(1 << 14).build())
                    .evaluate(Hook.INPUT, p);
            assertEquals(Outcome.ACCEPT, wide.outcome(), wide.reason());
            return;
        }
        assertEquals(Outcome.ACCEPT, v.outcome(), v.reason());
    }

    @Property
    void aDropNamesADroppingRuleOrPolicyAsTheLastStep(@ForAll("nonDroppingRules") List<String> rules,
                                                     @ForAll("packets") Packet p, @ForAll boolean dropPolicy) {
        List<String> all = new ArrayList<>(rules);
        all.add(Math.min(all.size(), 3), "-A INPUT -p udp -j DROP");
        all.add("-A chainb -s 192.168.0.0/16 -j DROP");
        IptablesSave s = IptablesSave.parse("p", wrap(all.toArray(new String[0]))
                .replace(":INPUT ACCEPT", dropPolicy ? ":INPUT DROP" : ":INPUT ACCEPT"));
        NetfilterEvaluator ev = NetfilterEvaluator.of(s);
        Verdict v = ev.evaluate(Hook.INPUT, p);
        assertEquals(v.outcome(), ev.decide(Hook.INPUT, p), "fast path and traced path agree");
        if (v.outcome() == Outcome.DROP) {
            TraceStep last = v.trace().get(v.trace().size() - 1);
            assertTrue(last.kind() == TraceStep.Kind.POLICY || last.text().endsWith("-j DROP"), v.trace()::toString);
        }
        if (v.outcome() == Outcome.UNKNOWN) {
            assertTrue(v.reason().contains("cannot be decided"), v.reason());
            assertNotEquals(List.of(), v.trace());
        }
    }
}
