package io.phoenixdiag.net.iptables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class NetfilterEvaluatorTest {

    static IptablesSave dump(String... lines) {
        IptablesSave s = IptablesSave.parse("t.rules", String.join("\n", lines) + "\n");
        assertEquals(List.of(), s.diagnostics(), "test rules must parse cleanly");
        return s;
    }

    static Packet ssh() {
        return Packet.tcp("10.0.0.5", 40000, "10.0.0.1", 22).inInterface("eth0").build();
    }

    static List<String> steps(Verdict v) {
        return v.trace().stream().map(s -> s.table() + ":" + s.chain() + ":" + s.kind() + ":" + s.ruleNumber()).toList();
    }

    @Test
    void returnAfterGotoGoesBackToTheChainThatJumped() {
        IptablesSave s = dump("*filter", ":INPUT DROP [0:0]", ":a - [0:0]", ":b - [0:0]",
                "-A INPUT -j a", "-A INPUT -p tcp -j ACCEPT",
                "-A a -g b", "-A a -j DROP",
                "-A b -j RETURN", "COMMIT");
        Verdict v = NetfilterEvaluator.of(s).evaluate(Hook.INPUT, ssh());
        assertEquals(Outcome.ACCEPT, v.outcome());
        assertEquals(List.of("filter:INPUT:RULE:1", "filter:a:RULE:1", "filter:b:RULE:1", "filter:INPUT:RULE:2"), steps(v));
    }

    @Test
    void fallingOffAChainReachedByGotoFromABuiltinChainAppliesThePolicy() {
        IptablesSave s = dump("*filter", ":INPUT DROP [0:0]", ":b - [0:0]",
                "-A INPUT -g b", "-A INPUT -j ACCEPT", "COMMIT");
        Verdict v = NetfilterEvaluator.of(s).evaluate(Hook.INPUT, ssh());
        assertEquals(Outcome.DROP, v.outcome());
        assertEquals("DROP by the DROP policy of filter/INPUT (line 2).", v.reason());
        assertEquals(List.of("filter:INPUT:RULE:1", "filter:INPUT:POLICY:0"), steps(v));
    }

    /** Found by the kernel differential: before connection tracking the raw table's state matches see INVALID. */
    @Test
    void rawTableSeesInvalidAndNotrackMakesUntracked() {
        IptablesSave s = dump("*raw", ":PREROUTING ACCEPT [0:0]", ":OUTPUT ACCEPT [0:0]",
                "-A PREROUTING -m state --state NEW -j DROP",
                "-A PREROUTING -m conntrack --ctstate INVALID -j CT --notrack",
                "-A PREROUTING -m state --state UNTRACKED -j ACCEPT", "COMMIT",
                "*nat", ":PREROUTING ACCEPT [0:0]", ":INPUT ACCEPT [0:0]", ":OUTPUT ACCEPT [0:0]", ":POSTROUTING ACCEPT [0:0]",
                "-A PREROUTING -j DNAT --to-destination 10.9.9.9", "COMMIT",
                "*filter", ":INPUT DROP [0:0]", "-A INPUT -m state --state UNTRACKED -d 10.0.0.1 -j ACCEPT", "COMMIT");
        Verdict v = NetfilterEvaluator.of(s).evaluate(Hook.inbound(false), ssh());
        assertEquals(Outcome.ACCEPT, v.outcome());
        assertEquals(List.of("raw:PREROUTING:RULE:2", "raw:PREROUTING:RULE:3", "nat:PREROUTING:SKIP:0",
                "filter:INPUT:RULE:1", "nat:INPUT:SKIP:0"), steps(v));
    }

    @Test
    void natRewritesWhatLaterTablesSeeAndOnlyForNewConnections() {
        String[] rules = {"*nat", ":PREROUTING ACCEPT [0:0]", ":INPUT ACCEPT [0:0]", ":OUTPUT ACCEPT [0:0]",
            ":POSTROUTING ACCEPT [0:0]", "-A PREROUTING -p tcp -m tcp --dport 22 -j DNAT --to-destination 10.0.0.7:2222",
            "COMMIT", "*filter", ":INPUT DROP [0:0]", "-A INPUT -d 10.0.0.7/32 -p tcp -m tcp --dport 2222 -j ACCEPT",
            "COMMIT"};
        NetfilterEvaluator ev = NetfilterEvaluator.of(dump(rules));
        assertEquals(Outcome.ACCEPT, ev.decide(Hook.inbound(false), ssh()));
        assertEquals(Outcome.DROP, ev.decide(Hook.inbound(false), ssh().toBuilder().state(CtState.ESTABLISHED).build()));
    }

    @Test
    void markSetInMangleIsSeenByFilter() {
        IptablesSave s = dump("*mangle", ":PREROUTING ACCEPT [0:0]", ":INPUT ACCEPT [0:0]", ":FORWARD ACCEPT [0:0]",
                ":OUTPUT ACCEPT [0:0]", ":POSTROUTING ACCEPT [0:0]", "-A PREROUTING -i eth0 -j MARK --set-xmark 0x2/0xff",
                "-A INPUT -j MARK --or-mark 0x100", "COMMIT",
                "*filter", ":INPUT DROP [0:0]", "-A INPUT -m mark --mark 0x102 -j ACCEPT", "COMMIT");
        NetfilterEvaluator ev = NetfilterEvaluator.of(s);
        assertEquals(Outcome.ACCEPT, ev.decide(Hook.inbound(false), ssh()));
        assertEquals(Outcome.DROP, ev.decide(Hook.inbound(false), ssh().toBuilder().inInterface("eth1").build()));
    }

    @Test
    void unknownIpsetGivesUnknownWithBothAlternativesAndKnownContentsDecide() {
        IptablesSave s = dump("*filter", ":INPUT ACCEPT [0:0]",
                "-A INPUT -m set --match-set blocked src -j DROP", "COMMIT");
        Verdict v = NetfilterEvaluator.of(s).evaluate(Hook.INPUT, ssh());
        assertEquals(Outcome.UNKNOWN, v.outcome());
        assertEquals("UNKNOWN: filter/INPUT rule 1 (line 3) `-A INPUT -m set --match-set blocked src -j DROP` decides "
                + "and cannot be decided: `-m set --match-set blocked src`: the contents of ipset blocked are not given. "
                + "If it matches: DROP by filter/INPUT rule 1 (line 3) `-A INPUT -m set --match-set blocked src -j DROP`. "
                + "If not: ACCEPT: accepted by the ACCEPT policy of filter/INPUT (line 2).", v.reason());
        EvaluationOptions known = EvaluationOptions.builder().ipset("blocked", List.of("10.0.0.0/29", "192.0.2.1")).build();
        NetfilterEvaluator ev = NetfilterEvaluator.of(List.of(s), known);
        assertEquals(Outcome.DROP, ev.decide(Hook.INPUT, ssh()));
        assertEquals(Outcome.ACCEPT, ev.decide(Hook.INPUT, Packet.tcp("10.0.0.8", 1, "10.0.0.1", 22).build()));
    }

    @Test
    void anUndecidableMatchThatDoesNotChangeTheOutcomeIsNotUnknown() {
        IptablesSave s = dump("*filter", ":INPUT DROP [0:0]",
                "-A INPUT -m recent --rcheck --seconds 60 --name scan --rsource -j LOG --log-prefix \"scan \"",
                "-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT", "COMMIT");
        Verdict v = NetfilterEvaluator.of(s).evaluate(Hook.INPUT, ssh());
        assertEquals(Outcome.ACCEPT, v.outcome());
        assertTrue(v.reason().endsWith("This holds whether or not filter/INPUT rule 1 (line 3) `-A INPUT -m recent "
                + "--rcheck --seconds 60 --name scan --rsource -j LOG --log-prefix \"scan \"` matches (`-m recent --rcheck "
                + "--seconds 60 --name scan --rsource`: the recent lists' contents are not known)."), v.reason());
        assertEquals(TraceStep.Kind.UNDECIDED, v.trace().get(0).kind());
    }

    @Test
    void strictLimitsAreUndecidable() {
        IptablesSave s = dump("*filter", ":INPUT DROP [0:0]", "-A INPUT -m limit --limit 3/min -j ACCEPT", "COMMIT");
        assertEquals(Outcome.ACCEPT, NetfilterEvaluator.of(s).decide(Hook.INPUT, ssh()));
        NetfilterEvaluator strict = NetfilterEvaluator.of(List.of(s), EvaluationOptions.builder().strictLimits(true).build());
        assertEquals(Outcome.UNKNOWN, strict.decide(Hook.INPUT, ssh()));
    }

    @Test
    void rejectReasonNamesTheRuleAndTheAnswer() {
        IptablesSave s = dump("*filter", ":INPUT ACCEPT [0:0]", ":FORWARD DROP [0:0]",
                "-A INPUT -s 10.0.0.0/24 -p tcp -m multiport --dports 21,22:23 -j REJECT --reject-with tcp-reset", "COMMIT");
        Verdict v = NetfilterEvaluator.of(s).evaluate(Hook.INPUT, ssh());
        assertEquals(Outcome.REJECT, v.outcome());
        assertEquals("REJECT by filter/INPUT rule 1 (line 4) `-A INPUT -s 10.0.0.0/24 -p tcp -m multiport --dports "
                + "21,22:23 -j REJECT --reject-with tcp-reset` with tcp-reset.", v.reason());
        assertEquals("filter:INPUT:rule:1 (line 4) -A INPUT -s 10.0.0.0/24 -p tcp -m multiport --dports 21,22:23 -j REJECT "
                + "--reject-with tcp-reset", v.trace().get(0).toString());
    }

    @Test
    void physdevFollowsTheKernel() {
        IptablesSave s = dump("*filter", ":FORWARD DROP [0:0]",
                "-A FORWARD -m physdev --physdev-in tap100i0 --physdev-is-bridged -j ACCEPT",
                "-A FORWARD -m physdev ! --physdev-is-bridged -j REJECT", "COMMIT");
        NetfilterEvaluator ev = NetfilterEvaluator.of(s);
        Packet.Builder p = Packet.tcp("10.0.0.5", 1, "10.0.0.6", 80).inInterface("vmbr0").outInterface("vmbr0");
        assertEquals(Outcome.ACCEPT, ev.decide(Hook.FORWARD, p.physdev("tap100i0", "veth101i0").build()));
        assertEquals(Outcome.DROP, ev.decide(Hook.FORWARD, p.physdev("tap102i0", "veth101i0").build()));
        assertEquals(Outcome.REJECT, ev.decide(Hook.FORWARD, p.physdev("", "").build()));
    }

    @Test
    void tumSampleDecidesWithMacAndEmptyRecentLists() throws Exception {
        IptablesSave s = Samples.tum();
        assertEquals(List.of(), s.diagnostics());
        Packet p = Packet.tcp("131.159.20.5", 40000, "8.8.8.8", 443).inInterface("eth1.109").outInterface("eth1.110")
                .sourceMac(Samples.TUM_MAC).build();
        Verdict unknown = NetfilterEvaluator.of(s).evaluate(Hook.FORWARD, p);
        assertEquals(Outcome.UNKNOWN, unknown.outcome());
        assertTrue(unknown.reason().startsWith("UNKNOWN: filter/FORWARD rule 4 (line 147) "), unknown.reason());
        NetfilterEvaluator ev = NetfilterEvaluator.of(List.of(s), EvaluationOptions.builder().emptyRecentLists(true).build());
        Verdict v = ev.evaluate(Hook.FORWARD, p);
        assertEquals(Outcome.ACCEPT, v.outcome(), v.reason());
        assertEquals(List.of("filter:FORWARD:RULE:22", "filter:mac_109:RULE:27", "filter:FORWARD:RULE:23",
                "filter:ranges_109:RULE:1", "filter:FORWARD:RULE:62", "filter:filter_0:RULE:24"), steps(v));
        assertEquals(Outcome.DROP, ev.decide(Hook.FORWARD, p.toBuilder().sourceMac("02:00:00:00:00:02").build()));
        assertEquals(Outcome.ACCEPT, ev.decide(Hook.FORWARD, p.toBuilder().state(CtState.ESTABLISHED).build()));
    }
}
