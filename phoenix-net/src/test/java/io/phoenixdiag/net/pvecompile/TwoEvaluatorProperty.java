package io.phoenixdiag.net.pvecompile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.phoenixdiag.core.firewall.Action;
import io.phoenixdiag.core.firewall.ConnState;
import io.phoenixdiag.core.firewall.DatacenterFirewall;
import io.phoenixdiag.core.firewall.DatacenterOptions;
import io.phoenixdiag.core.firewall.Direction;
import io.phoenixdiag.core.firewall.Endpoint;
import io.phoenixdiag.core.firewall.FirewallRule;
import io.phoenixdiag.core.firewall.GuestFirewall;
import io.phoenixdiag.core.firewall.GuestKind;
import io.phoenixdiag.core.firewall.GuestNic;
import io.phoenixdiag.core.firewall.GuestOptions;
import io.phoenixdiag.core.firewall.HostFirewall;
import io.phoenixdiag.core.firewall.HostOptions;
import io.phoenixdiag.core.firewall.IpSet;
import io.phoenixdiag.core.firewall.Packet;
import io.phoenixdiag.core.firewall.PveFirewall;
import io.phoenixdiag.core.firewall.PveFirewallEvaluator;
import io.phoenixdiag.core.firewall.SecurityGroup;
import io.phoenixdiag.core.firewall.Verdict;
import io.phoenixdiag.core.firewall.VerdictState;
import io.phoenixdiag.net.iptables.EvaluationOptions;
import io.phoenixdiag.net.iptables.NetfilterEvaluator;
import io.phoenixdiag.net.iptables.Outcome;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * The two evaluators check each other: for random Proxmox models and packets, the core
 * {@link PveFirewallEvaluator} verdict equals the netfilter evaluator's verdict on the rules
 * {@link PveRulesetRenderer} generates, walked through the node's bridge layout by {@link PveNodeEvaluator}:
 * allowed or not, the blocking stage, and DROP versus REJECT.
 */
class TwoEvaluatorProperty {
    static final AtomicLong COMPARED = new AtomicLong();
    static final AtomicLong UNKNOWN = new AtomicLong();

    static final String[] ADDR = {"", "", "10.0.0.101", "10.0.0.0/24", "10.0.0.13", "203.0.113.0/24",
        "+trusted", "webs", "10.0.0.100-10.0.0.102", "10.0.0.101,10.0.0.102"};
    static final String[] PORT = {"", "", "22", "80", "443", "80,443", "8000:8100", "53"};
    static final String[] PROTO = {"", "tcp", "tcp", "udp", "icmp"};
    static final Action[] ACT = Action.values();

    static FirewallRule rule(Random r, boolean guest) {
        if (r.nextInt(12) == 0) {
            return FirewallRule.group("admins").build();
        }
        Direction d = r.nextBoolean() ? Direction.IN : Direction.OUT;
        FirewallRule.Builder b = FirewallRule.builder(d, ACT[r.nextInt(3)]);
        if (r.nextInt(6) == 0) {
            b.macro(r.nextBoolean() ? "SSH" : "HTTP");
        } else {
            String p = PROTO[r.nextInt(PROTO.length)];
            b.proto(p);
            if (p.equals("tcp") || p.equals("udp")) {
                b.dport(PORT[r.nextInt(PORT.length)]);
                if (r.nextInt(8) == 0) {
                    b.sport("40000");
                }
            } else if (p.equals("icmp") && r.nextBoolean()) {
                b.dport("echo-request");
            }
        }
        b.source(ADDR[r.nextInt(ADDR.length)]).dest(ADDR[r.nextInt(ADDR.length)]);
        if (guest && r.nextInt(8) == 0) {
            b.iface(r.nextBoolean() ? "net0" : "net1");
        }
        if (r.nextInt(15) == 0) {
            b.enabled(false);
        }
        return b.build();
    }

    static PveFirewall model(Random r) {
        DatacenterFirewall.Builder dc = DatacenterFirewall.builder()
                .options(DatacenterOptions.builder().enable(r.nextInt(20) != 0).policyIn(ACT[r.nextInt(3)])
                        .policyOut(r.nextInt(3) == 0 ? ACT[r.nextInt(3)] : Action.ACCEPT).build())
                .ipset(IpSet.of("trusted", "10.0.0.101", "10.0.0.13"))
                .alias(io.phoenixdiag.core.firewall.Alias.of("webs", "10.0.0.102"))
                .group(SecurityGroup.of("admins", List.of(
                        FirewallRule.builder(Direction.IN, Action.ACCEPT).proto("tcp").dport("22").source("10.0.0.101").build(),
                        FirewallRule.builder(Direction.OUT, Action.DROP).proto("tcp").dport("443").build())));
        for (int i = r.nextInt(3); i > 0; i--) {
            dc.rule(rule(r, false));
        }
        HostFirewall.Builder host = HostFirewall.builder().localNetwork("10.0.0.0/24")
                .options(HostOptions.builder().enable(r.nextInt(8) != 0).smurfFilter(r.nextInt(4) != 0)
                        .nfConntrackAllowInvalid(r.nextInt(4) == 0).build());
        for (int i = r.nextInt(3); i > 0; i--) {
            host.rule(rule(r, false));
        }
        PveFirewall.Builder b = PveFirewall.builder().datacenter(dc.build()).host(host.build());
        for (int vmid = 101; vmid <= 102; vmid++) {
            GuestKind kind = r.nextBoolean() ? GuestKind.LXC : GuestKind.VM;
            GuestFirewall.Builder g = GuestFirewall.builder(kind, vmid)
                    .options(GuestOptions.builder().enable(r.nextInt(5) != 0).policyIn(ACT[r.nextInt(3)])
                            .policyOut(r.nextInt(3) == 0 ? ACT[r.nextInt(3)] : Action.ACCEPT).dhcp(r.nextBoolean()).build())
                    .nic(new GuestNic("net0", r.nextInt(5) != 0, "vmbr0", "52:54:00:00:00:" + vmid % 100 % 10 + "0",
                            List.of("10.0.0." + vmid + "/24")))
                    .nic(new GuestNic("net1", r.nextBoolean(), "vmbr0", "52:54:00:00:01:" + vmid % 100 % 10 + "0",
                            List.of("10.0.1." + vmid + "/24")));
            for (int i = r.nextInt(5); i > 0; i--) {
                g.rule(rule(r, true));
            }
            b.guest(g.build());
        }
        return b.build();
    }

    record End(Endpoint endpoint, String address) {
    }

    static End end(Random r) {
        return switch (r.nextInt(6)) {
            case 0 -> new End(Endpoint.host(), "10.0.0.13");
            case 1 -> new End(Endpoint.external("vmbr0"), r.nextBoolean() ? "203.0.113.7" : "10.0.0.50");
            case 2 -> new End(Endpoint.guest(101, "net0"), "10.0.0.101");
            case 3 -> new End(Endpoint.guest(102, "net0"), "10.0.0.102");
            case 4 -> new End(Endpoint.guest(101, "net1"), "10.0.1.101");
            default -> new End(Endpoint.guest(102, "net1"), "10.0.1.102");
        };
    }

    static Packet packet(Random r) {
        End s = end(r);
        End d = end(r);
        while (d.endpoint().equals(s.endpoint()) || (s.endpoint().kind() == Endpoint.Kind.EXTERNAL
                && d.endpoint().kind() == Endpoint.Kind.EXTERNAL)) {
            d = end(r);
        }
        Packet.Builder b = Packet.builder(s.endpoint(), d.endpoint()).sourceIp(s.address()).destinationIp(d.address());
        int p = r.nextInt(10);
        if (p < 6) {
            b.protocol("tcp").destinationPort(new int[] {22, 80, 443, 8050, 53, 9000}[r.nextInt(6)])
                    .sourcePort(r.nextInt(4) == 0 ? 40000 : 50000);
        } else if (p < 9) {
            b.protocol("udp").destinationPort(new int[] {53, 80, 1900, 68}[r.nextInt(4)]).sourcePort(r.nextInt(5) == 0 ? 67 : 50000);
        } else {
            b.protocol("icmp").icmp(new int[] {8, 0, 11, 3}[r.nextInt(4)], r.nextBoolean() ? 0 : 4);
        }
        b.state(r.nextInt(8) == 0 ? ConnState.ESTABLISHED : r.nextInt(10) == 0 ? ConnState.INVALID : ConnState.NEW);
        return b.build();
    }

    static String blockedStage(VerdictState s) {
        return switch (s) {
            case BLOCKED_SOURCE_EGRESS -> "SOURCE_EGRESS";
            case BLOCKED_HOST_FORWARD -> "HOST_FORWARD";
            case BLOCKED_DESTINATION_INGRESS -> "DESTINATION_INGRESS";
            default -> "";
        };
    }

    /** Compares both evaluators on one model and packet; returns "" when they agree or one is UNKNOWN. */
    static String compare(PveFirewall m, Packet p, PveNodeEvaluator node) {
        Verdict core = PveFirewallEvaluator.compile(m).evaluate(p);
        NodeVerdict nf = node.evaluate(p);
        if (core.state() == VerdictState.UNKNOWN || nf.outcome() == Outcome.UNKNOWN) {
            UNKNOWN.incrementAndGet();
            return "";
        }
        COMPARED.incrementAndGet();
        String coreSays = core.allowed() ? "ACCEPT" : core.action().orElseThrow() + "@" + blockedStage(core.state());
        String nfSays = nf.allowed() ? "ACCEPT" : nf.outcome() + "@" + nf.stage().map(Enum::name).orElse("");
        if (coreSays.equals(nfSays)) {
            return "";
        }
        return "core " + coreSays + " (" + core.decidedBy() + ") but netfilter " + nfSays + " (" + nf.decidedBy() + ") for "
                + p + "\n" + String.join("\n", nf.traceLines());
    }

    static PveNodeEvaluator node(PveFirewall m) {
        PveRulesetRenderer.Rendered rr = PveRulesetRenderer.render(m, 4);
        assertEquals(List.of(), rr.dump().diagnostics(), rr.text());
        EvaluationOptions.Builder o = EvaluationOptions.builder().localAddresses("10.0.0.13", "127.0.0.1")
                .broadcastAddresses("10.0.0.255", "10.0.1.255");
        rr.ipsets().forEach(o::ipset);
        return PveNodeEvaluator.of(NetfilterEvaluator.of(List.of(rr.dump()), o.build()), "rendered", m, "vmbr0");
    }

    @Property(tries = 250)
    void bothEvaluatorsAgree(@ForAll long seed) {
        Random r = new Random(seed);
        PveFirewall m = model(r);
        PveNodeEvaluator node = node(m);
        for (int i = 0; i < 40; i++) {
            Packet p = packet(r);
            String diff = compare(m, p, node);
            assertEquals("", diff, "seed " + seed + " packet " + i);
        }
    }

    @AfterContainer
    static void counts() {
        System.out.println("two-evaluator property: " + COMPARED.get() + " packets compared, " + UNKNOWN.get()
                + " skipped as UNKNOWN");
        assertTrue(COMPARED.get() >= 5000 || COMPARED.get() == 0, "too few comparisons: " + COMPARED.get());
    }

}
