package io.phoenixdiag.core.firewall;

import static io.phoenixdiag.core.firewall.Fw.dc;
import static io.phoenixdiag.core.firewall.Fw.guest;
import static io.phoenixdiag.core.firewall.Fw.rules;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.phoenixdiag.core.diag.Finding;
import io.phoenixdiag.core.diag.Severity;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AnalyzerTest {

    private static List<RuleIssue> guestIssues(Set<Integer> publicPorts, String... lines) {
        PveFirewall fw = PveFirewall.builder().datacenter(dc().group(SecurityGroup.of("web",
                        List.of(rules("IN ACCEPT -p tcp -dport 80", "IN ACCEPT -p tcp -dport 443")))).build())
                .guest(guest(GuestKind.LXC, 103, true).nic(GuestNic.of("net0", true)).rule(rules(lines)).build()).build();
        return RuleSetAnalyzer.analyzeGuest(fw, 103, publicPorts);
    }

    private static String summary(List<RuleIssue> issues) {
        return String.join("; ", issues.stream().map(i -> i.kind() + "@" + i.ruleNumber() + i.coveringRules()).toList());
    }

    @Test
    void duplicate() {
        assertEquals("DUPLICATE@2[1]", summary(guestIssues(Set.of(), "IN ACCEPT -p tcp -dport 22 -source 10.0.0.1",
                "IN ACCEPT -p tcp -dport 22 -source 10.0.0.1 # again")));
        assertEquals("", summary(guestIssues(Set.of(), "IN ACCEPT -p tcp -dport 22 -source 10.0.0.1",
                "OUT ACCEPT -p tcp -dport 22 -source 10.0.0.1")));
    }

    @Test
    void shadowedNamesCoveringRulesIncludingPortUnion() {
        List<RuleIssue> i = guestIssues(Set.of(), "IN DROP -p tcp -dport 80 -source 10.0.0.0/24",
                "IN DROP -p tcp -dport 443 -source 10.0.0.0/24", "IN ACCEPT -p tcp -dport 80,443 -source 10.0.0.7");
        assertEquals("SHADOWED@3[1, 2]", summary(i));
        assertEquals("Earlier rules 1 and 2 already match every packet rule 3 (ACCEPT) matches, with a different action,"
                + " so rule 3 never takes effect (first match wins).", i.get(0).message());
        Finding f = i.get(0).toFinding();
        assertEquals("firewall.shadowed-rule", f.checkId());
        assertEquals(Severity.WARNING, f.severity());
        assertEquals(List.of("lxc:103"), f.subjects());
        assertEquals("test.fw:3:1", f.locations().get(0).toString());
        // not covered: only port 80 is dropped earlier
        assertEquals("", summary(guestIssues(Set.of(), "IN DROP -p tcp -dport 80 -source 10.0.0.0/24",
                "IN ACCEPT -p tcp -dport 80,443 -source 10.0.0.7")));
    }

    @Test
    void redundantIncludingMacroAndGroupCoverage() {
        assertEquals("REDUNDANT@2[1]", summary(guestIssues(Set.of(), "IN ACCEPT -p tcp -source 10.0.0.0/8",
                "IN SSH(ACCEPT) -source 10.1.2.3")));
        assertEquals("REDUNDANT@2[1]", summary(guestIssues(Set.of(80, 443), "GROUP web", "IN HTTP(ACCEPT)")));
        assertEquals("", summary(guestIssues(Set.of(), "IN ACCEPT -p tcp -dport 22 -source 10.0.0.0/8",
                "IN SSH(ACCEPT) -source 192.168.1.1")));
    }

    @Test
    void neverMatches() {
        List<RuleIssue> i = guestIssues(Set.of(), "IN ACCEPT -dport 80", "IN ACCEPT -p tcp -source 10.0.0.300",
                "IN ACCEPT -source +nosuchset -p tcp -dport 22", "IN DHCPv6(ACCEPT) -source 10.0.0.1");
        assertEquals("NEVER_MATCHES@1[]; NEVER_MATCHES@2[]; NEVER_MATCHES@3[]; NEVER_MATCHES@4[]", summary(i));
        assertEquals("pve-firewall refuses the rule and skips it when it builds the ruleset: missing property - 'dport'"
                + " requires this property ('-p').", i.get(0).message());
        assertEquals("pve-firewall skips the rule when it builds the ruleset: no such ipset 'nosuchset'.", i.get(2).message());
        assertEquals("", summary(guestIssues(Set.of(), "IN ACCEPT -p tcp -dport 80 -source 10.0.0.1")));
    }

    @Test
    void broadIngress() {
        List<RuleIssue> i = guestIssues(Set.of(80, 443), "IN ACCEPT -p tcp -dport 80,443,9000");
        assertEquals("BROAD_INGRESS@1[]", summary(i));
        assertEquals("Rule 1 accepts tcp/9000 from any source, but only ports [80, 443] of lxc:103 are meant to be public.",
                i.get(0).message());
        assertEquals("", summary(guestIssues(Set.of(80, 443), "IN ACCEPT -p tcp -dport 80,443", "IN Ping(ACCEPT)",
                "IN ACCEPT -p tcp -dport 9000 -source 10.0.0.12")));
    }

    @Test
    void datacenterRuleForGuest() {
        PveFirewall fw = PveFirewall.builder().datacenter(dc().rule(rules("IN ACCEPT -p tcp -dport 9000",
                "IN ACCEPT -p tcp -dport 443 -dest 10.0.0.10", "IN ACCEPT -p tcp -dport 8006", "OUT ACCEPT -p tcp -dport 9000"))
                .build()).build();
        GuestServices s = new GuestServices(Map.of("10.0.0.10", "lxc:101", "10.0.0.13", "lxc:103"),
                Map.of("lxc:103", Set.of(9000), "lxc:101", Set.of(80, 443)), Set.of(22, 8006));
        List<RuleIssue> i = RuleSetAnalyzer.datacenterRulesForGuests(fw, s);
        assertEquals("DATACENTER_RULE_FOR_GUEST@1[]; DATACENTER_RULE_FOR_GUEST@2[]", summary(i));
        assertEquals(List.of("lxc:103"), i.get(0).related());
        assertEquals("Datacenter rule 1 (ACCEPT tcp/9000) looks meant for lxc:103: its port 9000 is not offered by the host"
                + " but is a service port of lxc:103. Datacenter rules filter only the Proxmox host itself; traffic to a guest"
                + " is filtered by that guest's own rules, so this rule does nothing for lxc:103.", i.get(0).message());
        assertEquals(List.of("lxc:101"), i.get(1).related());
        assertEquals(List.of("datacenter", "lxc:103"), i.get(0).toFinding().subjects());
        assertEquals("firewall.datacenter-rule-for-guest", i.get(0).toFinding().checkId());
    }
}
