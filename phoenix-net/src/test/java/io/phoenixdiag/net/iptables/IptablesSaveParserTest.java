package io.phoenixdiag.net.iptables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.phoenixdiag.core.diag.Finding;
import io.phoenixdiag.core.diag.Location;
import io.phoenixdiag.core.diag.Severity;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IptablesSaveParserTest {

    @ParameterizedTest
    @CsvSource({
        "docker-topos-iptables-save.txt,          IPV4, 2, 9,  36,   0",
        "firewalld-fedora27-ip6tables-save.txt,   IPV6, 3, 50, 63,   0",
        "firewalld-fedora27-iptables-save.txt,    IPV4, 3, 50, 73,   0",
        "medium-company-iptables-save.txt,        IPV4, 5, 21, 598,  0",
        "parser-torture-iptables-save.txt,        IPV4, 1, 7,  43,   3",
        "tum-net-large-iptables-save.txt,         IPV4, 3, 96, 4841, 1641",
        "ufw-server2-iptables-save.txt,           IPV4, 1, 34, 68,   0",
    })
    void everySampleParsesWithoutErrors(String file, Family family, int tables, int chains, int rules, int warnings)
            throws Exception {
        IptablesSave s = IptablesSave.parse(Samples.file(file));
        assertEquals(List.of(), s.errors());
        assertEquals(1, s.rulesets().size());
        assertEquals(family, s.rulesets().get(0).family());
        assertEquals(tables, s.tableCount());
        assertEquals(chains, s.chainCount());
        assertEquals(rules, s.ruleCount());
        assertEquals(warnings, s.warnings().size(), () -> s.warnings().toString());
    }

    @Test
    void everyFileInTheConformanceDirectoryIsCovered() throws Exception {
        try (Stream<java.nio.file.Path> files = Files.list(Samples.dir())) {
            assertEquals(7, files.count(), "a new sample needs its expected counts above");
        }
    }

    @Test
    void tortureWarningsNameTheirLines() throws Exception {
        IptablesSave s = IptablesSave.parse(Samples.file("parser-torture-iptables-save.txt"));
        List<String> got = s.warnings().stream()
                .map(f -> f.checkId() + "@" + f.locations().get(0).line() + ":" + f.locations().get(0).column()).toList();
        assertEquals(List.of("iptables.parse.unknown-option@12:55", "iptables.parse.wrong-family-module@40:28",
                "iptables.parse.wrong-family-module@41:31"), got);
    }

    @Test
    void tortureSyntaxIsModelledFaithfully() throws Exception {
        IptablesSave s = IptablesSave.parse(Samples.file("parser-torture-iptables-save.txt"));
        Table filter = s.rulesets().get(0).table("filter").orElseThrow();
        Chain fwd = filter.chain("FORWARD").orElseThrow();
        assertEquals(Optional.of("DROP"), fwd.policy());
        assertEquals(Optional.of(new Counters(0, 0)), fwd.counters());
        Rule log = fwd.rules().get(0);
        assertEquals(10, log.line());
        assertEquals("!#*~%&/()=?", log.target().orElseThrow().option("--log-prefix").orElseThrow().value());
        Chain dos = filter.chain("DOS~Pro-t_ect").orElseThrow();
        Rule quote = dos.rules().get(8);
        assertEquals("\"", quote.match("comment").orElseThrow().option("--comment").orElseThrow().value());
        Rule bare = dos.rules().get(10);
        assertEquals("-A DOS~Pro-t_ect ! -p tcp ! -s 131.159.0.0/16", bare.canonical());
        assertEquals(Optional.empty(), bare.target());
        Rule inverted = dos.rules().get(12);
        Match udp = inverted.match("udp").orElseThrow();
        assertTrue(udp.option("--sport").orElseThrow().negated());
        assertTrue(udp.option("--dport").orElseThrow().negated());
        Rule gotoRule = fwd.rules().get(21);
        assertEquals(new Target("Terminal", true, List.of(), 12), gotoRule.target().orElseThrow());
        Chain logdrop = filter.chain("LOGDROP").orElseThrow();
        assertEquals(2, logdrop.rules().size());
        assertEquals(List.of(), logdrop.rules().get(0).matches());
    }

    @Test
    void anonymisedMacAddressesAreWarnedOnce() throws Exception {
        IptablesSave s = IptablesSave.parse(Samples.file("tum-net-large-iptables-save.txt"));
        assertTrue(s.warnings().stream().allMatch(f -> f.checkId().equals("iptables.parse.bad-value")
                && f.message().contains("not a MAC address (aa:bb:cc:dd:ee:ff): XX:XX:XX:XX:XX:XX")));
        assertEquals(1641, s.warnings().stream().map(f -> f.locations().get(0).line()).distinct().count());
    }

    @Test
    void legacyNegationAndModernNegationGiveTheSameModel() {
        IptablesSave a = IptablesSave.parse("a", "*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -s ! 10.0.0.0/8 -p tcp --dport ! 22 -j DROP\nCOMMIT\n");
        IptablesSave b = IptablesSave.parse("b", "*filter\n:INPUT ACCEPT [0:0]\n-A INPUT ! -s 10.0.0.0/8 -p tcp -m tcp ! --dport 22 -j DROP\nCOMMIT\n");
        Rule ra = a.rulesets().get(0).tables().get(0).chains().get(0).rules().get(0);
        Rule rb = b.rulesets().get(0).tables().get(0).chains().get(0).rules().get(0);
        assertEquals(List.of(), a.diagnostics());
        assertEquals(rb.canonical(), ra.canonical().replace("-p tcp ! --dport", "-p tcp -m tcp ! --dport"));
        assertTrue(ra.match("tcp").orElseThrow().implicit());
        assertTrue(ra.match("").orElseThrow().option("-s").orElseThrow().negated());
    }

    @Test
    void bothCounterFormsAreRead() {
        IptablesSave s = IptablesSave.parse("c", "*filter\n:INPUT DROP [5:300]\n[7:420] -A INPUT -i lo -j ACCEPT\n"
                + "-A INPUT -c 3 180 -p icmp -j ACCEPT\nCOMMIT\n");
        Chain in = s.rulesets().get(0).tables().get(0).chains().get(0);
        assertEquals(Optional.of(new Counters(5, 300)), in.counters());
        assertEquals(Optional.of(new Counters(7, 420)), in.rules().get(0).counters());
        assertEquals("-A INPUT -i lo -j ACCEPT", in.rules().get(0).text());
        assertEquals(Optional.of(new Counters(3, 180)), in.rules().get(1).counters());
        assertEquals(List.of(), s.diagnostics());
    }

    @Test
    void nftWarningLineAndTwoBackendsMakeTwoRulesets() {
        String text = "# Warning: iptables-legacy tables present, use iptables-legacy-save to see them\n"
                + "# Generated by iptables-nft-save v1.8.9 (nf_tables) on Sun Nov 29 18:49:54 2026\n"
                + "*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT\nCOMMIT\n"
                + "# Generated by iptables-legacy-save v1.8.9 (legacy) on Sun Nov 29 18:49:55 2026\n"
                + "*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -p tcp -m tcp --dport 22 -j DROP\nCOMMIT\n";
        IptablesSave s = IptablesSave.parse("both", text);
        assertTrue(s.legacyTablesHidden());
        assertEquals(List.of(Backend.NFT, Backend.LEGACY), s.rulesets().stream().map(Ruleset::backend).toList());
        assertEquals(List.of(3, 8), s.rulesets().stream().map(Ruleset::line).toList());
        Finding w = s.warnings().get(0);
        assertEquals("iptables.legacy-tables-hidden", w.checkId());
        assertEquals(List.of(Location.ofLine("both", 1, 1)), w.locations());
        // a packet must pass both: nft accepts ssh, legacy drops it
        Verdict v = NetfilterEvaluator.of(s).evaluate(Hook.INPUT, Packet.tcp("10.0.0.1", 40000, "10.0.0.2", 22).build());
        assertEquals(Outcome.DROP, v.outcome());
        assertTrue(v.reason().contains("LEGACY ruleset (line 8): DROP by filter/INPUT rule 1 (line 10)"), v.reason());
    }

    @Test
    void badLinesAreErrorsWithLinesAndTheRestIsKept() {
        IptablesSave s = IptablesSave.parse("bad", "-A INPUT -j ACCEPT\n*filter\n:INPUT ACCEPT [0:0]\nnonsense here\n"
                + "-A NOPE -j DROP\n-A INPUT -m frobnicate --frob 3 -j ACCEPT\n-A INPUT -p tcp --dport 99999 -j DROP\n");
        List<String> got = s.diagnostics().stream().map(f -> f.severity() + " " + f.checkId() + "@"
                + f.locations().get(0).line()).toList();
        assertEquals(List.of("ERROR iptables.parse.outside-table@1", "ERROR iptables.parse.missing-commit@2",
                "ERROR iptables.parse.bad-line@4", "ERROR iptables.parse.undeclared-chain@5",
                "WARNING iptables.parse.unknown-module@6", "WARNING iptables.parse.bad-value@7"), got);
        assertEquals(3, s.ruleCount());
        assertEquals(Severity.WARNING, s.diagnostics().get(4).severity());
    }

    @Test
    void ip6tablesDumpIsIpv6AndEvaluates() throws Exception {
        IptablesSave s = IptablesSave.parse(Samples.file("firewalld-fedora27-ip6tables-save.txt"));
        assertFalse(s.rulesets().isEmpty());
        Verdict v = NetfilterEvaluator.of(s).evaluate(Hook.PREROUTING,
                Packet.icmp("fe80::1", "fe80::2", 134, 0).inInterface("wlp58s0").build());
        assertEquals(Outcome.ACCEPT, v.outcome());
        assertEquals("raw", v.trace().get(0).table());
        assertEquals(1, v.trace().get(0).ruleNumber());
    }
}
