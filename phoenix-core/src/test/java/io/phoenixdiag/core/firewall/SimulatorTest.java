package io.phoenixdiag.core.firewall;

import static io.phoenixdiag.core.firewall.Fw.dc;
import static io.phoenixdiag.core.firewall.Fw.guest;
import static io.phoenixdiag.core.firewall.Fw.rules;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The expectations of pve-firewall's own simulator tests (test/test-*), with the models written in
 * code (the .fw parser arrives with the firewall issue). Zones as in the suite's README: host
 * 172.16.1.2 with local network 172.16.1.0/24; outside beyond vmbr0; nfvm a NIC without firewall flag.
 */
class SimulatorTest {

    private static final String HOST_IP = "172.16.1.2";
    private static final List<String> ZONES = List.of("host", "outside", "nfvm", "vm100", "vm101", "vm110", "ct200", "ct201");

    /** The guests of the simulator environment, each with the given firewall (or none). */
    private static PveFirewall env(DatacenterFirewall dc, HostFirewall host, Map<Integer, GuestFirewall.Builder> fws) {
        PveFirewall.Builder b = PveFirewall.builder().datacenter(dc)
                .host(host);
        int[] ids = {100, 101, 110, 200, 201, 999};
        for (int id : ids) {
            GuestKind kind = id >= 200 && id < 999 ? GuestKind.LXC : GuestKind.VM;
            GuestFirewall.Builder g = fws.containsKey(id) ? fws.get(id) : GuestFirewall.builder(kind, id);
            if (id == 100) {
                g.nic(new GuestNic("net0", true, "vmbr0", "", List.of()));
                g.nic(new GuestNic("net1", true, "vmbr1", "", List.of()));
                g.nic(new GuestNic("net2", true, "vmbr2", "", List.of()));
            } else if (id == 110) {
                g.nic(new GuestNic("net0", true, "vmbr1", "", List.of()));
            } else if (id == 200) {
                g.nic(new GuestNic("net0", true, "vmbr0", "", List.of("10.0.200.1/24")));
            } else if (id == 201) {
                g.nic(new GuestNic("net0", true, "vmbr0", "", List.of("10.0.200.2/24")));
            } else if (id == 999) {
                g.nic(new GuestNic("net0", false, "vmbr0", "", List.of()));
            } else {
                g.nic(new GuestNic("net0", true, "vmbr0", "", List.of()));
            }
            b.guest(g.build());
        }
        return b.build();
    }

    private static HostFirewall host(FirewallRule... rules) {
        return HostFirewall.builder().localNetwork("172.16.1.0/24").rule(rules).build();
    }

    private static Endpoint zone(String z) {
        return SimulatorZones.zone(z);
    }

    /** One simulator expectation; from/to null = every other zone. */
    private static void expect(PveFirewallEvaluator ev, String from, String to, String source, String dest,
                               String proto, Object dport, String action) {
        List<String> froms = from == null ? ZONES : List.of(from);
        List<String> tos = to == null ? ZONES : List.of(to);
        for (String f : froms) {
            for (String t : tos) {
                if (f.equals(t) || (f.startsWith(t) && f.length() > t.length()) && from == null) {
                    continue;
                }
                if (f.equals(t)) {
                    continue;
                }
                String src = source != null ? source : f.equals("host") ? HOST_IP : "100.100.1.2";
                String dst = dest != null ? dest : t.equals("host") ? HOST_IP : "100.200.3.4";
                Packet.Builder pb = Packet.builder(zone(f), zone(t)).sourceIp(src).destinationIp(dst).protocol(proto);
                if (proto.startsWith("icmp")) {
                    if (dport instanceof Integer n) {
                        pb.icmp(n, -1);
                    } else {
                        pb.icmp((String) dport);
                    }
                } else if (dport != null) {
                    pb.destinationPort((Integer) dport);
                }
                Verdict v = ev.evaluate(pb.build());
                String got = v.state() == VerdictState.UNKNOWN ? "UNKNOWN " + v.reason() : v.action().get().name();
                assertEquals(action, got, f + " -> " + t + " " + src + "->" + dst + " " + proto + "/" + dport
                        + ": " + v.decidedBy() + "\n" + String.join("\n", v.trace().stream().map(Object::toString).toList()));
            }
        }
    }

    private static void expect(PveFirewallEvaluator ev, String from, String to, Object dport, String action) {
        expect(ev, from, to, null, null, "tcp", dport, action);
    }

    @Test
    void basic1() {
        Map<Integer, GuestFirewall.Builder> g = Map.of(
                100, guest(GuestKind.VM, 100, true).rule(rules("IN ACCEPT -p tcp -dport 443",
                        "IN ACCEPT -p icmp -dport 0", "IN ACCEPT -p icmp -dport host-unreachable",
                        "OUT REJECT -p tcp -dport 81")),
                200, guest(GuestKind.LXC, 200, true).rule(rules("IN ACCEPT -p tcp -dport 22",
                        "OUT REJECT -p tcp -dport 81")));
        PveFirewallEvaluator ev = PveFirewallEvaluator.compile(env(dc().build(), host(rules(
                "OUT REJECT -p tcp  -dport 81", "IN ACCEPT -p tcp -dport 22", "IN REJECT -i vmbr0 -p tcp -dport 100",
                "IN REJECT -i vmbr1 -p tcp -dport 101")), g));
        expect(ev, "ct200", "host", 22, "ACCEPT");
        expect(ev, "ct200", "host", 23, "DROP");
        expect(ev, "vm100", "host", 22, "ACCEPT");
        expect(ev, "host", "ct200", 80, "DROP");
        expect(ev, "host", "ct200", 22, "ACCEPT");
        expect(ev, "host", "vm100", 80, "DROP");
        expect(ev, "ct200", "vm100", 80, "DROP");
        expect(ev, "vm100", "ct200", 22, "ACCEPT");
        expect(ev, "vm101", "vm100", 22, "DROP");
        expect(ev, "vm101", "vm100", 443, "ACCEPT");
        expect(ev, "ct201", "ct200", 22, "ACCEPT");
        expect(ev, "ct201", "ct200", 23, "DROP");
        expect(ev, "vm110", "vm100", 22, "DROP");
        expect(ev, "vm110", "vm100", 443, "ACCEPT");
        expect(ev, "vm110", "vm100", null, null, "icmp", 0, "ACCEPT");
        expect(ev, "vm110", "vm100", null, null, "icmp", "host-unreachable", "ACCEPT");
        expect(ev, "vm110", "vm100", "fd00::1", "fd00::2", "icmpv6", 255, "DROP");
        expect(ev, "outside", "ct200", 22, "ACCEPT");
        expect(ev, "outside", "ct200", 23, "DROP");
        expect(ev, "outside", "vm100", 22, "DROP");
        expect(ev, "outside", "vm100", 443, "ACCEPT");
        expect(ev, "outside", "host", 22, "ACCEPT");
        expect(ev, "outside", "host", 23, "DROP");
        expect(ev, "host", "outside", 80, "ACCEPT");
        expect(ev, "host", "outside", 81, "REJECT");
        expect(ev, "vm100", "outside", 80, "ACCEPT");
        expect(ev, "vm100", "outside", 81, "REJECT");
        expect(ev, "ct200", "outside", 80, "ACCEPT");
        expect(ev, "ct200", "outside", 81, "REJECT");
        expect(ev, "outside", "host", 100, "REJECT");
        expect(ev, "outside", "host", 101, "DROP");
        expect(ev, "nfvm", "host", 22, "ACCEPT");
        expect(ev, "nfvm", "host", 80, "DROP");
        expect(ev, "nfvm", "outside", 22, "ACCEPT");
        expect(ev, "nfvm", "outside", 80, "ACCEPT");
        expect(ev, "nfvm", "vm100", 443, "ACCEPT");
        expect(ev, "nfvm", "vm100", 80, "DROP");
        expect(ev, "nfvm", "ct200", 22, "ACCEPT");
        expect(ev, "nfvm", "ct200", 80, "DROP");
        expect(ev, "ct200", "nfvm", 80, "ACCEPT");
        expect(ev, "vm100", "nfvm", 80, "ACCEPT");
        expect(ev, "outside", "nfvm", 80, "ACCEPT");
        expect(ev, "host", "nfvm", 80, "ACCEPT");
    }

    @Test
    void errors1to3() {
        PveFirewallEvaluator e1 = PveFirewallEvaluator.compile(env(dc().build(), host(), Map.of(100,
                guest(GuestKind.VM, 100, true).rule(rules("IN ACCEPT -dport 80", "IN ACCEPT -p tcp -dport 82")))));
        expect(e1, "outside", "vm100", 80, "DROP");
        expect(e1, "outside", "vm100", 81, "DROP");
        expect(e1, "outside", "vm100", 82, "ACCEPT");
        PveFirewallEvaluator e2 = PveFirewallEvaluator.compile(env(dc().build(), host(), Map.of(100,
                guest(GuestKind.VM, 100, true).rule(rules("IN ACCEPT -source non-existing-alias -dport 443",
                        "IN ACCEPT -source +non-existing-ipset -dport 443", "IN ACCEPT -p tcp -dport 80")))));
        expect(e2, "outside", "vm100", 443, "DROP");
        expect(e2, "outside", "vm100", 80, "ACCEPT");
        expect(e2, "outside", "vm100", 81, "DROP");
        PveFirewallEvaluator e3 = PveFirewallEvaluator.compile(env(dc().build(), host(rules("IN ACCEPT -dport 80")),
                Map.of(100, guest(GuestKind.VM, 100, true).rule(rules("IN ACCEPT -p tcp -dport 82")))));
        expect(e3, "outside", "host", 80, "DROP");
        expect(e3, "outside", "vm100", 80, "DROP");
        expect(e3, "outside", "vm100", 82, "ACCEPT");
    }

    @Test
    void group1() {
        DatacenterFirewall dc = dc()
                .group(SecurityGroup.of("group1", List.of(rules("IN ACCEPT -source 192.168.2.0/24 -p tcp -dport 22",
                        "IN REJECT -source 192.168.2.0/24 -p tcp -dport 80", "OUT REJECT -source 192.168.2.0/24 -p tcp -dport 80",
                        "OUT REJECT -p tcp -dport 443"))))
                .group(SecurityGroup.of("group2", List.of(rules("IN ACCEPT -source 192.168.3.0/24 -p tcp -dport 22"))))
                .group(SecurityGroup.of("group3", List.of(rules("IN ACCEPT -source 192.168.6.0/24 -p tcp -dport 22"))))
                .build();
        PveFirewallEvaluator ev = PveFirewallEvaluator.compile(env(dc, host(rules("GROUP group1")), Map.of(
                100, guest(GuestKind.VM, 100, true).rule(rules("IN ACCEPT -source 192.168.2.1 -p tcp -dport 22",
                        "IN ACCEPT -source 192.168.2.1 -p tcp -dport 80", "IN ACCEPT -source 127.0.0.1 -p tcp -dport 80",
                        "IN ACCEPT -i net0 -source 192.168.5.0/24 -p tcp -dport 22", "GROUP group2 -i net0")),
                200, guest(GuestKind.LXC, 200, true).rule(rules("IN ACCEPT -source 192.168.2.1 -p tcp -dport 22",
                        "IN ACCEPT -source 192.168.2.1 -p tcp -dport 80", "IN ACCEPT -source 127.0.0.1 -p tcp -dport 80",
                        "GROUP group3 -i net0")))));
        expect(ev, "outside", "vm100", "192.168.4.1", null, "tcp", 22, "DROP");
        expect(ev, "outside", "vm100", "192.168.3.1", null, "tcp", 22, "ACCEPT");
        expect(ev, "host", null, "192.168.2.1", null, "tcp", 22, "ACCEPT");
        expect(ev, "host", null, "192.168.2.1", null, "tcp", 443, "REJECT");
        expect(ev, "host", null, "192.168.2.1", null, "tcp", 80, "REJECT");
        expect(ev, "host", null, "127.0.0.1", null, "tcp", 80, "ACCEPT");
        expect(ev, null, "host", "1.2.3.4", null, "tcp", 22, "DROP");
        expect(ev, null, "host", "192.168.2.1", null, "tcp", 22, "ACCEPT");
        expect(ev, null, "host", "192.168.2.1", null, "tcp", 80, "REJECT");
        expect(ev, null, "vm100", "192.168.3.1", null, "tcp", 22, "ACCEPT");
        expect(ev, null, "vm100", "192.168.4.1", null, "tcp", 22, "DROP");
        expect(ev, "outside", "ct200", "192.168.6.1", null, "tcp", 22, "ACCEPT");
        expect(ev, "outside", "ct200", "192.168.7.1", null, "tcp", 22, "DROP");
    }

    @Test
    void ipset1() {
        DatacenterFirewall dc = dc().alias(Alias.of("myserveralias", "10.2.0.111"))
                .alias(Alias.of("mynetworkalias", "10.3.0.0/24"))
                .ipset(IpSet.of("management", "192.168.128.2"))
                .ipset(IpSet.of("myipset", "192.168.0.1", "172.16.0.10", "192.168.1.0/24", "mynetworkalias", "myserveralias"))
                .ipset(IpSet.of("dmzhosts", "10.10.10.0/24", "10.10.11.1"))
                .ipset(IpSet.of("blacklist", "10.0.0.8", "192.168.0.0/24")).build();
        PveFirewallEvaluator ev = PveFirewallEvaluator.compile(env(dc, host(rules(
                "IN REJECT -source +myipset -dest +dmzhosts -p tcp -dport 22", "IN ACCEPT -source +myipset -p tcp -dport 22")),
                Map.of()));
        expect(ev, "outside", "host", "192.168.0.1", "1.2.3.4", "tcp", 22, "DROP");
        expect(ev, "outside", "host", "172.16.0.10", "1.2.3.4", "tcp", 22, "ACCEPT");
        expect(ev, "outside", "host", "192.168.1.10", "1.2.3.4", "tcp", 22, "ACCEPT");
        expect(ev, "outside", "host", "10.3.0.1", "1.2.3.4", "tcp", 22, "ACCEPT");
        expect(ev, "outside", "host", "10.2.0.111", "1.2.3.4", "tcp", 22, "ACCEPT");
        expect(ev, "outside", "host", "10.2.0.112", "1.2.3.4", "tcp", 22, "DROP");
        expect(ev, "outside", "host", "172.16.0.10", "10.10.10.1", "tcp", 22, "REJECT");
        expect(ev, "outside", "host", "172.16.0.10", "10.10.11.1", "tcp", 22, "REJECT");
        expect(ev, "outside", "host", "192.168.128.1", null, "tcp", 8006, "DROP");
        expect(ev, "outside", "host", "192.168.128.1", null, "tcp", 22, "DROP");
        expect(ev, "outside", "host", "192.168.128.2", null, "tcp", 8006, "ACCEPT");
        expect(ev, "outside", "host", "192.168.128.2", null, "tcp", 22, "ACCEPT");
    }

    @Test
    void ipset2UnconfiguredAliasesIpfilter() {
        PveFirewallEvaluator e2 = PveFirewallEvaluator.compile(env(dc().build(), host(), Map.of(100,
                guest(GuestKind.VM, 100, true).ipset(IpSet.of("a-longer-name-which-translates-into-fnv-digest", "1.2.3.4", "1.2.3.5"))
                        .rule(rules("IN ACCEPT -p tcp -dport 80 -dest +a-longer-name-which-translates-into-fnv-digest")))));
        expect(e2, "outside", "vm100", null, "1.2.3.4", "tcp", 80, "ACCEPT");
        expect(e2, "outside", "vm100", null, "1.2.3.4", "tcp", 22, "DROP");

        PveFirewallEvaluator un = PveFirewallEvaluator.compile(env(dc().build(), host(), Map.of(
                101, guest(GuestKind.VM, 101, true), 201, guest(GuestKind.LXC, 201, true))));
        expect(un, null, "ct200", 80, "ACCEPT");
        expect(un, null, "ct201", 80, "DROP");
        expect(un, null, "vm100", 80, "ACCEPT");
        expect(un, null, "vm101", 80, "DROP");

        PveFirewallEvaluator al = PveFirewallEvaluator.compile(env(dc().build(), host(), Map.of(100,
                guest(GuestKind.VM, 100, true).alias(Alias.of("testip1", "1.2.3.4")).alias(Alias.of("testip2", "1.2.3.5"))
                        .rule(rules("OUT DROP -source testip1", "OUT DROP -dest testip2")))));
        expect(al, "vm100", "outside", "1.2.3.4", null, "tcp", null, "DROP");
        expect(al, "vm100", "outside", "1.2.3.5", null, "tcp", null, "ACCEPT");
        expect(al, "vm100", "outside", null, "1.2.3.4", "tcp", null, "ACCEPT");
        expect(al, "vm100", "outside", null, "1.2.3.5", "tcp", null, "DROP");

        DatacenterFirewall dc = dc().rule(rules("IN ACCEPT -p tcp -dport 80 -source 1.2.3.0/24")).build();
        PveFirewallEvaluator ipf = PveFirewallEvaluator.compile(env(dc, host(), Map.of(100,
                guest(GuestKind.VM, 100, true).ipset(IpSet.of("ipfilter-net0", "1.2.3.4", "1.2.3.5"))
                        .ipset(IpSet.of("ipfilter-net2")).rule(rules("IN ACCEPT -p tcp -dport 80")))));
        for (String src : List.of("1.2.3.3", "1.2.3.4", "1.2.3.5", "1.2.3.6")) {
            expect(ipf, "vm100i1", null, src, null, "tcp", 80, "ACCEPT");
            expect(ipf, "vm100i2", null, src, null, "tcp", 80, "DROP");
        }
        expect(ipf, "vm100", null, "1.2.3.3", null, "tcp", 80, "DROP");
        expect(ipf, "vm100", null, "1.2.3.4", null, "tcp", 80, "ACCEPT");
        expect(ipf, "vm100", null, "1.2.3.5", null, "tcp", 80, "ACCEPT");
        expect(ipf, "vm100", null, "1.2.3.6", null, "tcp", 80, "DROP");
    }
}
