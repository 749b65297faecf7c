package io.phoenixdiag.core.firewall.pvefile;

import io.phoenixdiag.core.firewall.Action;
import io.phoenixdiag.core.firewall.Alias;
import io.phoenixdiag.core.firewall.DatacenterFirewall;
import io.phoenixdiag.core.firewall.DatacenterOptions;
import io.phoenixdiag.core.firewall.FirewallRule;
import io.phoenixdiag.core.firewall.GuestFirewall;
import io.phoenixdiag.core.firewall.GuestOptions;
import io.phoenixdiag.core.firewall.HostFirewall;
import io.phoenixdiag.core.firewall.HostOptions;
import io.phoenixdiag.core.firewall.IpSet;
import io.phoenixdiag.core.firewall.SecurityGroup;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the model back as {@code .fw} text in the section order of pve-firewall's own
 * {@code save_clusterfw_conf} / {@code save_vmfw_conf} ({@code [OPTIONS]}, {@code [ALIASES]},
 * {@code [IPSET name]}..., {@code [RULES]}, {@code [group name]}...), keeping the model's order of
 * entries and rules. Options equal to pve-firewall's defaults are left out. Stateless.
 */
final class FwRenderer {
    private FwRenderer() {
    }

    static String datacenter(DatacenterFirewall dc) {
        DatacenterOptions o = dc.options();
        DatacenterOptions d = DatacenterOptions.defaults();
        Map<String, String> opts = new LinkedHashMap<>();
        put(opts, "enable", o.enable(), d.enable());
        put(opts, "policy_in", o.policyIn(), d.policyIn());
        put(opts, "policy_out", o.policyOut(), d.policyOut());
        put(opts, "policy_forward", o.policyForward(), d.policyForward());
        opts.putAll(new java.util.TreeMap<>(o.other()));
        StringBuilder sb = new StringBuilder();
        options(sb, opts);
        aliases(sb, dc.aliases().values());
        ipsets(sb, dc.ipsets().values());
        rules(sb, "[RULES]", dc.rules());
        for (SecurityGroup g : dc.groups().values()) {
            rules(sb, "[group " + g.name() + "]" + comment(g.comment()), g.rules());
        }
        return sb.toString();
    }

    static String host(HostFirewall h) {
        HostOptions o = h.options();
        HostOptions d = HostOptions.defaults();
        Map<String, String> opts = new LinkedHashMap<>();
        put(opts, "enable", o.enable(), d.enable());
        put(opts, "nosmurfs", o.smurfFilter(), d.smurfFilter());
        put(opts, "tcpflags", o.tcpflags(), d.tcpflags());
        put(opts, "ndp", o.ndp(), d.ndp());
        put(opts, "nftables", o.nftables(), d.nftables());
        put(opts, "nf_conntrack_allow_invalid", o.nfConntrackAllowInvalid(), d.nfConntrackAllowInvalid());
        opts.putAll(new java.util.TreeMap<>(o.other()));
        StringBuilder sb = new StringBuilder();
        options(sb, opts);
        rules(sb, "[RULES]", h.rules());
        return sb.toString();
    }

    static String guest(GuestFirewall g) {
        GuestOptions o = g.options();
        GuestOptions d = GuestOptions.defaults();
        Map<String, String> opts = new LinkedHashMap<>();
        put(opts, "enable", o.enable(), d.enable());
        put(opts, "policy_in", o.policyIn(), d.policyIn());
        put(opts, "policy_out", o.policyOut(), d.policyOut());
        put(opts, "ipfilter", o.ipfilter(), d.ipfilter());
        put(opts, "macfilter", o.macfilter(), d.macfilter());
        put(opts, "dhcp", o.dhcp(), d.dhcp());
        put(opts, "ndp", o.ndp(), d.ndp());
        put(opts, "radv", o.radv(), d.radv());
        opts.putAll(new java.util.TreeMap<>(o.other()));
        StringBuilder sb = new StringBuilder();
        options(sb, opts);
        aliases(sb, g.aliases().values());
        ipsets(sb, g.ipsets().values());
        rules(sb, "[RULES]", g.rules());
        return sb.toString();
    }

    private static void put(Map<String, String> opts, String key, boolean value, boolean dflt) {
        if (value != dflt) {
            opts.put(key, value ? "1" : "0");
        }
    }

    private static void put(Map<String, String> opts, String key, Action value, Action dflt) {
        if (value != dflt) {
            opts.put(key, value.name());
        }
    }

    private static String comment(String comment) {
        return comment.isEmpty() ? "" : " # " + comment;
    }

    private static void options(StringBuilder sb, Map<String, String> opts) {
        if (opts.isEmpty()) {
            return;
        }
        sb.append("[OPTIONS]\n\n");
        opts.forEach((k, v) -> sb.append(k).append(": ").append(v).append('\n'));
        sb.append('\n');
    }

    private static void aliases(StringBuilder sb, Collection<Alias> aliases) {
        if (aliases.isEmpty()) {
            return;
        }
        sb.append("[ALIASES]\n\n");
        for (Alias a : aliases) {
            sb.append(a.name()).append(' ').append(a.cidr()).append(comment(a.comment())).append('\n');
        }
        sb.append('\n');
    }

    private static void ipsets(StringBuilder sb, Collection<IpSet> sets) {
        for (IpSet s : sets) {
            sb.append("[IPSET ").append(s.name()).append(']').append(comment(s.comment())).append("\n\n");
            for (IpSet.Entry e : s.entries()) {
                sb.append(e.nomatch() ? "!" : "").append(e.cidr()).append(comment(e.comment())).append('\n');
            }
            sb.append('\n');
        }
    }

    private static void rules(StringBuilder sb, String header, List<FirewallRule> rules) {
        if (rules.isEmpty() && header.equals("[RULES]")) {
            return;
        }
        sb.append(header).append("\n\n");
        for (FirewallRule r : rules) {
            sb.append(r.toFwLine()).append('\n');
        }
        sb.append('\n');
    }
}
