package io.phoenixdiag.core.firewall;

import static io.phoenixdiag.core.firewall.Fw.dc;
import static io.phoenixdiag.core.firewall.Fw.guest;
import static io.phoenixdiag.core.firewall.Fw.rule;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.phoenixdiag.core.diag.Location;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EvaluatorTest {

    private static final Location L1 = Location.ofPointer("phoenix_lxc_configs.json", "/lxc_configs/103/firewall/rules/1");

    private static PveFirewall model(boolean dcEnable, boolean guestEnable, boolean nicFlag, FirewallRule... rules) {
        return PveFirewall.builder()
                .datacenter(DatacenterFirewall.builder().options(DatacenterOptions.builder().enable(dcEnable).build()).build())
                .host(HostFirewall.builder().localNetwork("10.0.0.0/24").build())
                .guest(GuestFirewall.builder(GuestKind.LXC, 103).options(GuestOptions.builder().enable(guestEnable).build())
                        .nic(GuestNic.of("net0", nicFlag, "10.0.0.13/24")).rule(rules).build())
                .guest(GuestFirewall.builder(GuestKind.LXC, 102).options(GuestOptions.builder().enable(true)
                        .policyOut(Action.DROP).build()).nic(GuestNic.of("net0", true, "10.0.0.12/24"))
                        .rule(rule("OUT ACCEPT -p tcp -dport 9000 # to CA")).build())
                .build();
    }

    private static FirewallRule traefik() {
        return FirewallRule.builder(Direction.IN, Action.ACCEPT).proto("tcp").dport("9000").source("10.0.0.12")
                .comment("Allow Traefik").origin(L1).build();
    }

    private static Packet tcp(Endpoint from, Endpoint to, String src, String dst, int port) {
        return Packet.builder(from, to).sourceIp(src).destinationIp(dst).protocol("tcp").destinationPort(port).build();
    }

    @Test
    void guestIngressRuleDecidesWithSentenceAndLocation() {
        PveFirewall fw = model(true, true, true, rule("IN DROP -p udp -dport 53"), traefik());
        Verdict v = PveFirewallEvaluator.compile(fw).evaluate(tcp(Endpoint.guest(102), Endpoint.guest(103), "10.0.0.12", "10.0.0.13", 9000));
        assertEquals(VerdictState.ALLOWED, v.state());
        assertEquals("lxc:103 IN rule 2 \"Allow Traefik\" (ACCEPT tcp/9000 from 10.0.0.12)", v.decidedBy());
        assertEquals(Optional.of(L1), v.location());
        assertEquals(Optional.of(Action.ACCEPT), v.action());
        // source egress passes at rule 1 of lxc:102, then conntrack + ingress filters + rules of lxc:103
        assertEquals("SOURCE_EGRESS lxc:102 net0 OUT: lxc:102 OUT rule 1 \"to CA\" (ACCEPT tcp/9000) -> MATCH (ACCEPT)",
                v.trace().stream().filter(t -> t.stage() == Stage.SOURCE_EGRESS && t.result() == MatchResult.MATCH)
                        .findFirst().orElseThrow().toString());
    }

    @Test
    void policiesDecideWhenNoRuleMatches() {
        PveFirewallEvaluator ev = PveFirewallEvaluator.compile(model(true, true, true, traefik()));
        Verdict in = ev.evaluate(tcp(Endpoint.external("vmbr0"), Endpoint.guest(103), "192.0.2.1", "10.0.0.13", 9000));
        assertEquals(VerdictState.BLOCKED_DESTINATION_INGRESS, in.state());
        assertEquals("lxc:103 policy_in DROP", in.decidedBy());
        assertEquals(Optional.of(Action.DROP), in.action());
        Verdict out = ev.evaluate(tcp(Endpoint.guest(102), Endpoint.external("vmbr0"), "10.0.0.12", "192.0.2.1", 443));
        assertEquals(VerdictState.BLOCKED_SOURCE_EGRESS, out.state());
        assertEquals("lxc:102 policy_out DROP", out.decidedBy());
        Verdict host = ev.evaluate(tcp(Endpoint.external("vmbr0"), Endpoint.host(), "192.0.2.1", "10.0.0.1", 443));
        assertEquals(VerdictState.BLOCKED_DESTINATION_INGRESS, host.state());
        assertEquals("datacenter policy_in DROP", host.decidedBy());
        Verdict mgmt = ev.evaluate(tcp(Endpoint.external("vmbr0"), Endpoint.host(), "10.0.0.50", "10.0.0.1", 8006));
        assertEquals(VerdictState.ALLOWED, mgmt.state());
        assertEquals("host IN implicit: PVE API tcp/8006 from IPSet management accepted", mgmt.decidedBy());
    }

    @Test
    void masterSwitchAndNicFlagAndGuestEnable() {
        Packet p = tcp(Endpoint.external("vmbr0"), Endpoint.guest(103), "192.0.2.1", "10.0.0.13", 22);
        Verdict off = PveFirewallEvaluator.compile(model(false, true, true)).evaluate(p);
        assertEquals(VerdictState.ALLOWED, off.state());
        assertEquals("datacenter firewall disabled (cluster.fw option enable: 0): nothing is filtered", off.decidedBy());
        Verdict noFlag = PveFirewallEvaluator.compile(model(true, true, false)).evaluate(p);
        assertEquals(VerdictState.ALLOWED, noFlag.state());
        assertEquals("not filtered: lxc:103 net0 has no firewall=1", noFlag.decidedBy());
        Verdict disabled = PveFirewallEvaluator.compile(model(true, false, true)).evaluate(p);
        assertEquals("not filtered: lxc:103 guest firewall disabled (option enable: 0)", disabled.decidedBy());
        assertEquals(VerdictState.BLOCKED_DESTINATION_INGRESS,
                PveFirewallEvaluator.compile(model(true, true, true)).evaluate(p).state());
    }

    @Test
    void conntrackBeforeGuestRules() {
        PveFirewallEvaluator ev = PveFirewallEvaluator.compile(model(true, true, true, rule("IN DROP")));
        Packet est = Packet.builder(Endpoint.external("vmbr0"), Endpoint.guest(103)).sourceIp("192.0.2.1")
                .destinationIp("10.0.0.13").protocol("tcp").destinationPort(22).state(ConnState.ESTABLISHED).build();
        Verdict v = ev.evaluate(est);
        assertEquals(VerdictState.ALLOWED, v.state());
        assertEquals("lxc:103 net0 IN implicit: conntrack state ESTABLISHED accepted", v.decidedBy());
        Packet inv = Packet.builder(Endpoint.external("vmbr0"), Endpoint.guest(103)).sourceIp("192.0.2.1")
                .destinationIp("10.0.0.13").protocol("tcp").destinationPort(22).state(ConnState.INVALID).build();
        Verdict i = ev.evaluate(inv);
        assertEquals(VerdictState.BLOCKED_DESTINATION_INGRESS, i.state());
        assertEquals("lxc:103 net0 IN implicit: conntrack state INVALID dropped", i.decidedBy());
    }

    @Test
    void macrosExpandAndRejectDiffersFromDrop() {
        PveFirewallEvaluator ev = PveFirewallEvaluator.compile(model(true, true, true,
                rule("IN DNS(ACCEPT) -source 10.0.0.0/24"), rule("IN REJECT -p tcp -dport 25"), rule("IN Ping(ACCEPT)")));
        Packet udp53 = Packet.builder(Endpoint.guest(102), Endpoint.guest(103)).sourceIp("10.0.0.12").destinationIp("10.0.0.13")
                .protocol("udp").destinationPort(53).build();
        assertEquals(VerdictState.BLOCKED_SOURCE_EGRESS, ev.evaluate(udp53).state()); // lxc:102 policy_out DROP
        Packet ext53 = Packet.builder(Endpoint.external("vmbr0"), Endpoint.guest(103)).sourceIp("10.0.0.99").destinationIp("10.0.0.13")
                .protocol("tcp").destinationPort(53).build();
        Verdict dns = ev.evaluate(ext53);
        assertEquals("lxc:103 IN rule 1 (ACCEPT DNS from 10.0.0.0/24)", dns.decidedBy());
        Verdict smtp = ev.evaluate(tcp(Endpoint.external("vmbr0"), Endpoint.guest(103), "192.0.2.1", "10.0.0.13", 25));
        assertEquals(Optional.of(Action.REJECT), smtp.action());
        Packet ping = Packet.builder(Endpoint.external("vmbr0"), Endpoint.guest(103)).sourceIp("192.0.2.1")
                .destinationIp("10.0.0.13").protocol("icmp").icmp("echo-request").build();
        assertEquals("lxc:103 IN rule 3 (ACCEPT Ping)", ev.evaluate(ping).decidedBy());
        Packet ping6 = Packet.builder(Endpoint.external("vmbr0"), Endpoint.guest(103)).sourceIp("2001:db8::1")
                .destinationIp("2001:db8::13").protocol("icmpv6").icmp("echo-request").build();
        assertEquals("lxc:103 IN rule 3 (ACCEPT Ping)", ev.evaluate(ping6).decidedBy());
        Packet tcp6 = Packet.builder(Endpoint.external("vmbr0"), Endpoint.guest(103)).sourceIp("2001:db8::1")
                .destinationIp("2001:db8::13").protocol("tcp").destinationPort(53).build();
        assertEquals("lxc:103 policy_in DROP", ev.evaluate(tcp6).decidedBy()); // DNS rule has an IPv4 source
        Packet ttl = Packet.builder(Endpoint.external("vmbr0"), Endpoint.guest(103)).sourceIp("192.0.2.1")
                .destinationIp("10.0.0.13").protocol("icmp").icmp("time-exceeded").build();
        assertEquals(VerdictState.ALLOWED, ev.evaluate(ttl).state()); // PVEFW-Drop accepts critical ICMP
    }

    @Test
    void unknownIpsetGivesUnknownUnlessAnEarlierRuleDecided() {
        PveFirewall fw = PveFirewall.builder().complete(false).datacenter(dc().build())
                .guest(guest(GuestKind.LXC, 103, true).nic(GuestNic.of("net0", true))
                        .rule(rule("IN ACCEPT -p tcp -dport 22 -source 10.0.0.5"), rule("IN ACCEPT -source +admins -p tcp"))
                        .build()).build();
        PveFirewallEvaluator ev = PveFirewallEvaluator.compile(fw);
        Verdict u = ev.evaluate(tcp(Endpoint.external(), Endpoint.guest(103), "192.0.2.1", "10.0.0.13", 22));
        assertEquals(VerdictState.UNKNOWN, u.state());
        assertEquals(Optional.empty(), u.action());
        assertEquals("lxc:103 IN rule 2 (ACCEPT tcp from +admins)", u.decidedBy());
        assertEquals("IPSet +admins is not defined in the given configuration, so its contents are unknown", u.reason());
        assertEquals(VerdictState.ALLOWED, ev.evaluate(tcp(Endpoint.external(), Endpoint.guest(103), "10.0.0.5", "10.0.0.13", 22)).state());
        assertEquals(VerdictState.BLOCKED_DESTINATION_INGRESS,
                ev.evaluate(Packet.builder(Endpoint.external(), Endpoint.guest(103)).sourceIp("192.0.2.1")
                        .destinationIp("10.0.0.13").protocol("udp").destinationPort(53).build()).state());
        // the same reference in a complete model (.fw files): pve-firewall skips the rule
        PveFirewall complete = PveFirewall.builder().datacenter(fw.datacenter()).guests(List.copyOf(fw.guests().values())).build();
        Verdict skipped = PveFirewallEvaluator.compile(complete)
                .evaluate(tcp(Endpoint.external(), Endpoint.guest(103), "192.0.2.1", "10.0.0.13", 22));
        assertEquals("lxc:103 policy_in DROP", skipped.decidedBy());
        assertTrue(skipped.trace().stream().anyMatch(t -> t.result() == MatchResult.SKIPPED
                && t.detail().equals("pve-firewall skips the rule: no such ipset 'admins'")));
    }

    @Test
    void datacenterRulesFilterOnlyTheHost() {
        PveFirewall fw = PveFirewall.builder().datacenter(dc().rule(rule("IN ACCEPT -p tcp -dport 9000")).build())
                .host(HostFirewall.builder().localNetwork("10.0.0.0/24").rule(rule("IN DROP -p tcp -dport 9000 -source 192.0.2.66")).build())
                .guest(guest(GuestKind.LXC, 103, true).nic(GuestNic.of("net0", true)).build()).build();
        PveFirewallEvaluator ev = PveFirewallEvaluator.compile(fw);
        assertEquals("lxc:103 policy_in DROP",
                ev.evaluate(tcp(Endpoint.external(), Endpoint.guest(103), "192.0.2.1", "10.0.0.13", 9000)).decidedBy());
        assertEquals("datacenter IN rule 1 (ACCEPT tcp/9000)",
                ev.evaluate(tcp(Endpoint.external(), Endpoint.host(), "192.0.2.1", "10.0.0.1", 9000)).decidedBy());
        assertEquals("host IN rule 1 (DROP tcp/9000 from 192.0.2.66)",
                ev.evaluate(tcp(Endpoint.external(), Endpoint.host(), "192.0.2.66", "10.0.0.1", 9000)).decidedBy());
    }

    @Test
    void groupsExpandInPlaceWithNicRestriction() {
        PveFirewall fw = PveFirewall.builder()
                .datacenter(dc().group(SecurityGroup.of("web", List.of(rule("IN ACCEPT -p tcp -dport 80"), rule("IN DROP -p tcp")))).build())
                .guest(guest(GuestKind.VM, 1001, true).nic(GuestNic.of("net0", true)).nic(GuestNic.of("net1", true))
                        .rule(rule("GROUP web -i net1"), rule("IN ACCEPT -p tcp -dport 22")).build()).build();
        PveFirewallEvaluator ev = PveFirewallEvaluator.compile(fw);
        assertEquals("vm:1001 IN rule 1 (GROUP web on net1), group web IN rule 2 (DROP tcp)",
                ev.evaluate(tcp(Endpoint.external(), Endpoint.guest(1001, "net1"), "192.0.2.1", "10.0.1.1", 22)).decidedBy());
        assertEquals("vm:1001 IN rule 2 (ACCEPT tcp/22)",
                ev.evaluate(tcp(Endpoint.external(), Endpoint.guest(1001, "net0"), "192.0.2.1", "10.0.0.1", 22)).decidedBy());
        assertEquals("vm:1001 IN rule 1 (GROUP web on net1), group web IN rule 1 (ACCEPT tcp/80)",
                ev.evaluate(tcp(Endpoint.external(), Endpoint.guest(1001, "net1"), "192.0.2.1", "10.0.1.1", 80)).decidedBy());
    }

    @Test
    void hostForwardStageForRoutedTrafficWithNftables() {
        PveFirewall fw = PveFirewall.builder()
                .datacenter(DatacenterFirewall.builder().options(DatacenterOptions.builder().enable(true)
                        .policyForward(Action.DROP).build()).rule(rule("FORWARD ACCEPT -p tcp -dport 443")).build())
                .host(HostFirewall.builder().options(HostOptions.builder().nftables(true).build()).build()).build();
        PveFirewallEvaluator ev = PveFirewallEvaluator.compile(fw);
        Packet routed = Packet.builder(Endpoint.external("vmbr1"), Endpoint.external("vmbr0")).sourceIp("10.1.0.5")
                .destinationIp("192.0.2.1").protocol("tcp").destinationPort(80).routed(true).build();
        Verdict v = ev.evaluate(routed);
        assertEquals(VerdictState.BLOCKED_HOST_FORWARD, v.state());
        assertEquals("datacenter policy_forward DROP", v.decidedBy());
        Packet https = Packet.builder(Endpoint.external("vmbr1"), Endpoint.external("vmbr0")).sourceIp("10.1.0.5")
                .destinationIp("192.0.2.1").protocol("tcp").destinationPort(443).routed(true).build();
        assertEquals("datacenter FORWARD rule 1 (ACCEPT tcp/443)", ev.evaluate(https).decidedBy());
    }

    @Test
    void ipv6AndIpfilterWithUnknownMac() {
        PveFirewall fw = PveFirewall.builder().datacenter(dc().build())
                .guest(GuestFirewall.builder(GuestKind.LXC, 200).options(GuestOptions.builder().enable(true).ipfilter(true).build())
                        .nic(new GuestNic("net0", true, "vmbr0", "", List.of("10.0.200.1/24", "fd00::200/64"))).build())
                .build();
        PveFirewallEvaluator ev = PveFirewallEvaluator.compile(fw);
        Packet good = Packet.builder(Endpoint.guest(200), Endpoint.external()).sourceIp("fd00::200")
                .destinationIp("2001:db8::1").protocol("tcp").destinationPort(443).build();
        assertEquals("lxc:200 policy_out ACCEPT", ev.evaluate(good).decidedBy());
        Packet spoof = Packet.builder(Endpoint.guest(200), Endpoint.external()).sourceIp("fd00::201")
                .destinationIp("2001:db8::1").protocol("tcp").destinationPort(443).build();
        Verdict s = ev.evaluate(spoof);
        assertEquals(VerdictState.BLOCKED_SOURCE_EGRESS, s.state());
        assertEquals("lxc:200 net0 OUT implicit: source address not in IPSet ipfilter-net0 dropped (ipfilter)", s.decidedBy());
        Packet ll = Packet.builder(Endpoint.guest(200), Endpoint.external()).sourceIp("fe80::1")
                .destinationIp("fe80::2").protocol("tcp").destinationPort(443).build();
        Verdict u = ev.evaluate(ll);
        assertEquals(VerdictState.UNKNOWN, u.state());
        assertEquals("lxc:200 net0: the MAC address is not known, so its IPv6 link-local address (always in the ipfilter set) is unknown",
                u.reason());
    }
}
