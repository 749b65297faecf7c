package io.phoenixdiag.core.firewall.pvefile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.phoenixdiag.core.firewall.Alias;
import io.phoenixdiag.core.firewall.DatacenterFirewall;
import io.phoenixdiag.core.firewall.FirewallRule;
import io.phoenixdiag.core.firewall.GuestFirewall;
import io.phoenixdiag.core.firewall.IpSet;
import io.phoenixdiag.core.firewall.SecurityGroup;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * parse -> render -> parse gives the same model (apart from locations and the rules' text as written)
 * for generated {@code cluster.fw} and {@code <vmid>.fw} files in pve-firewall's save order, valid and
 * refused rules alike; and rendering is a fixed point.
 */
class RoundTripProperties {
    private static final List<String> ADDRESSES = List.of("", "10.0.0.1", "10.0.0.0/24", "10.0.0.1-10.0.0.9",
            "10.0.0.1,10.0.0.2", "fd00::1", "fd00::/64", "web", "dc/web", "nosuch", "+s1", "+dc/s1", "+nosuch",
            "10.0.0.300", "10.0.0.1-10.0.0.2,10.0.0.3");
    private static final List<String> PROTOS = List.of("", "tcp", "udp", "icmp", "icmpv6", "sctp", "gre", "foo");
    private static final List<String> PORTS = List.of("", "22", "80,443", "1000:2000", "ssh", "echo-request",
            "1:2,3:4,5:6,7:8,9:10,11:12,13:14,15:16", "70000");

    @Provide
    Arbitrary<String> rule() {
        Arbitrary<String> head = Combinators.combine(Arbitraries.of("", "|"), Arbitraries.of("IN", "OUT", "FORWARD"),
                Arbitraries.of("ACCEPT", "DROP", "REJECT", "SSH(ACCEPT)", "HTTP(DROP)", "DNS(REJECT)", "Ping(ACCEPT)",
                        "Nope(ACCEPT)")).as((d, t, a) -> d + t + " " + a);
        Arbitrary<String> group = Combinators.combine(Arbitraries.of("", "|"), Arbitraries.of("g1", "g2", "missing"),
                Arbitraries.of("", " -i net0", " -i net1")).as((d, g, i) -> d + "GROUP " + g + i);
        Arbitrary<String> opts = Combinators.combine(Arbitraries.of("", " -i net0", " -i vmbr0"),
                Arbitraries.of(ADDRESSES), Arbitraries.of(ADDRESSES), Arbitraries.of(PROTOS), Arbitraries.of(PORTS),
                Arbitraries.of("", "", "53", "1024:65535"), Arbitraries.of("", " -log info", " -log nolog"),
                Arbitraries.of("", "", " # a comment", " #x")).as((i, s, d, p, dp, sp, l, c) -> i
                + (s.isEmpty() ? "" : " -source " + s) + (d.isEmpty() ? "" : " -dest " + d)
                + (p.isEmpty() ? "" : " -p " + p) + (dp.isEmpty() ? "" : " -dport " + dp)
                + (sp.isEmpty() ? "" : " -sport " + sp) + l + c);
        Arbitrary<String> normal = Combinators.combine(head, opts).as((h, o) -> h + o);
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(6, normal), net.jqwik.api.Tuple.of(1, group));
    }

    @Provide
    Arbitrary<List<String>> rules() {
        return rule().list().ofMaxSize(12);
    }

    @Provide
    Arbitrary<List<String>> entries() {
        return Arbitraries.of("10.0.0.1", "!10.0.0.0/8", "10.1.0.0/16 # net", "web", "dc/web", "nosuch", "fd00::1",
                "10.0.0.1/32", "10.0.0.0/0").list().ofMaxSize(5);
    }

    private static String options() {
        return "[OPTIONS]\n\nenable: 1\npolicy_in: REJECT\nlog_ratelimit: enable=1\n\n";
    }

    @Property(tries = 300)
    void clusterFileRoundTrips(@ForAll("rules") List<String> rules, @ForAll("rules") List<String> groupRules,
                               @ForAll("entries") List<String> entries) {
        StringBuilder sb = new StringBuilder(options()).append("[ALIASES]\n\nweb 10.0.0.80 # the web\nv6 fd00::80\n\n");
        sb.append("[IPSET s1] # set one\n\n");
        entries.forEach(e -> sb.append(e).append('\n'));
        sb.append("\n[RULES]\n\n");
        rules.forEach(r -> sb.append(r).append('\n'));
        sb.append("\n[group g1] # first\n\n");
        groupRules.forEach(r -> sb.append(r).append('\n'));
        DatacenterFirewall first = PveFirewallFiles.parse(sb.toString(), "a.fw", FileKind.CLUSTER).value().datacenter();
        String rendered = PveFirewallFiles.render(first);
        DatacenterFirewall second = PveFirewallFiles.parse(rendered, "b.fw", FileKind.CLUSTER).value().datacenter();
        assertEquals(project(first), project(second), rendered);
        assertEquals(rendered, PveFirewallFiles.render(second));
    }

    @Property(tries = 300)
    void guestFileRoundTrips(@ForAll("rules") List<String> rules, @ForAll("entries") List<String> entries) {
        DatacenterFirewall dc = PveFirewallFiles.parse("[ALIASES]\ndcalias 10.9.0.1\n[IPSET dcset]\n10.9.0.0/16\n",
                "cluster.fw", FileKind.CLUSTER).value().datacenter();
        StringBuilder sb = new StringBuilder("[OPTIONS]\n\nenable: 1\nmacfilter: 0\nips: 1\n\n[ALIASES]\n\nweb 10.0.0.80\n\n");
        sb.append("[IPSET s1]\n\n");
        entries.forEach(e -> sb.append(e).append('\n'));
        sb.append("\n[RULES]\n\n");
        rules.forEach(r -> sb.append(r).append('\n'));
        GuestFirewall first = PveFirewallFiles.parse(sb.toString(), "100.fw", FileKind.CT, dc).value().guests().get(100);
        String rendered = PveFirewallFiles.render(first);
        GuestFirewall second = PveFirewallFiles.parse(rendered, "100.fw", FileKind.CT, dc).value().guests().get(100);
        assertEquals(project(first.rules()) + first.options() + sets(first.ipsets().values()) + aliases(first.aliases().values()),
                project(second.rules()) + second.options() + sets(second.ipsets().values()) + aliases(second.aliases().values()),
                rendered);
    }

    /** The model without locations and written text. */
    static String project(DatacenterFirewall d) {
        StringBuilder sb = new StringBuilder().append(d.options()).append('\n').append(project(d.rules()));
        sb.append(sets(d.ipsets().values())).append(aliases(d.aliases().values()));
        for (SecurityGroup g : d.groups().values()) {
            sb.append("group ").append(g.name()).append(' ').append(g.comment()).append(project(g.rules()));
        }
        return sb.toString();
    }

    static String project(List<FirewallRule> rules) {
        List<String> out = new ArrayList<>();
        for (FirewallRule r : rules) {
            out.add(r.toFwLine() + " " + r.errors() + " " + r.direction() + r.action() + r.source() + r.dest());
        }
        return String.join("\n", out) + "\n";
    }

    private static String sets(java.util.Collection<IpSet> sets) {
        StringBuilder sb = new StringBuilder();
        for (IpSet s : sets) {
            sb.append(s.name()).append(s.comment()).append(s.contentsKnown());
            s.entries().forEach(e -> sb.append(e.cidr()).append(e.nomatch()).append(e.comment()).append(e.range())
                    .append(e.errors()));
        }
        return sb.toString();
    }

    private static String aliases(java.util.Collection<Alias> aliases) {
        StringBuilder sb = new StringBuilder();
        aliases.forEach(a -> sb.append(a.name()).append(a.cidr()).append(a.comment()).append(a.range()).append(a.errors()));
        return sb.toString();
    }
}
