package io.phoenixdiag.core.diff;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

import io.phoenixdiag.core.analysis.DeploymentModel;
import io.phoenixdiag.core.firewall.Alias;
import io.phoenixdiag.core.firewall.DatacenterFirewall;
import io.phoenixdiag.core.firewall.FirewallRule;
import io.phoenixdiag.core.firewall.GuestFirewall;
import io.phoenixdiag.core.firewall.HostFirewall;
import io.phoenixdiag.core.firewall.IpSet;
import io.phoenixdiag.core.firewall.PveFirewall;
import io.phoenixdiag.core.firewall.SecurityGroup;
import io.phoenixdiag.core.firewall.Verdict;
import io.phoenixdiag.core.topology.Endpoint;
import io.phoenixdiag.core.topology.Guest;
import io.phoenixdiag.core.topology.IntendedFlow;

/** The comparison behind {@link DeploymentDiff#between}. Stateless. */
final class Differ {
    private Differ() {
    }

    static DeploymentDiff diff(DeploymentModel a, DeploymentModel b) {
        return new DeploymentDiff(a.deployment().directory(), b.deployment().directory(), guests(a, b),
                firewall(a.firewall(), b.firewall()), flows(a, b), verdicts(a, b));
    }

    // ---- guests

    private static List<GuestChange> guests(DeploymentModel a, DeploymentModel b) {
        Map<Endpoint, Guest> before = byKey(a.topology().guests(), Guest::endpoint);
        Map<Endpoint, Guest> after = byKey(b.topology().guests(), Guest::endpoint);
        List<GuestChange> out = new ArrayList<>();
        for (Endpoint e : union(before.keySet(), after.keySet())) {
            Map<String, String> fb = before.containsKey(e) ? fields(before.get(e)) : Map.of();
            Map<String, String> fa = after.containsKey(e) ? fields(after.get(e)) : Map.of();
            List<FieldChange> changes = compare(fb, fa);
            if (!changes.isEmpty()) {
                out.add(new GuestChange(e.subject(), fb.getOrDefault("name", ""), fa.getOrDefault("name", ""), kind(before.containsKey(e), after.containsKey(e)), changes));
            }
        }
        return out;
    }

    private static Map<String, String> fields(Guest g) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("name", g.name());
        m.put("address", g.address().orElse(""));
        m.put("prefix_length", g.prefixLength() == 0 ? "" : Integer.toString(g.prefixLength()));
        m.put("mac", g.mac());
        m.put("bridge", g.bridge());
        m.put("nameservers", String.join(", ", g.nameservers()));
        m.put("features", String.join(", ", g.features()));
        m.put("services", String.join(", ", g.services().stream()
                .map(s -> s.name() + " " + s.scheme() + "/" + s.port()).toList()));
        m.put("mounts", String.join(", ", g.mounts().stream().map(x -> x.hostPath() + " -> " + x.guestPath()).toList()));
        m.put("dependencies", String.join(", ", g.dependencies()));
        m.put("clone_source", g.cloneSource().orElse(""));
        m.put("portainer_role", g.portainerRole());
        m.put("application_script", g.applicationScript());
        m.put("ca_url", g.caUrl());
        m.put("firewall_enabled", Boolean.toString(g.firewallEnabled()));
        m.put("active", Boolean.toString(g.active()));
        return m;
    }

    // ---- flows and verdicts

    private static List<FlowChange> flows(DeploymentModel a, DeploymentModel b) {
        Map<String, IntendedFlow> before = byKey(a.flows(), IntendedFlow::id);
        Map<String, IntendedFlow> after = byKey(b.flows(), IntendedFlow::id);
        List<FlowChange> out = new ArrayList<>();
        for (String id : union(before.keySet(), after.keySet())) {
            Map<String, String> fb = before.containsKey(id) ? fields(before.get(id)) : Map.of();
            Map<String, String> fa = after.containsKey(id) ? fields(after.get(id)) : Map.of();
            List<FieldChange> changes = compare(fb, fa);
            if (!changes.isEmpty()) {
                out.add(new FlowChange(id, kind(before.containsKey(id), after.containsKey(id)), changes));
            }
        }
        return out;
    }

    private static Map<String, String> fields(IntendedFlow f) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("scheme", f.scheme());
        m.put("purpose", f.purpose());
        m.put("active", Boolean.toString(f.active()));
        return m;
    }

    private static List<VerdictChange> verdicts(DeploymentModel a, DeploymentModel b) {
        List<VerdictChange> out = new ArrayList<>();
        for (String id : union(a.verdicts().keySet(), b.verdicts().keySet())) {
            Optional<Verdict> vb = Optional.ofNullable(a.verdicts().get(id));
            Optional<Verdict> va = Optional.ofNullable(b.verdicts().get(id));
            if (!vb.map(Verdict::state).equals(va.map(Verdict::state))) {
                out.add(new VerdictChange(id, vb.map(Verdict::state), va.map(Verdict::state),
                        vb.map(Verdict::decidedBy).orElse(""), va.map(Verdict::decidedBy).orElse("")));
            }
        }
        return out;
    }

    // ---- firewall lines

    private static List<FirewallChange> firewall(PveFirewall a, PveFirewall b) {
        Map<String, List<String>> before = lines(a);
        Map<String, List<String>> after = lines(b);
        List<FirewallChange> out = new ArrayList<>();
        TreeSet<String> scopes = new TreeSet<>(Comparator.comparing(Differ::scopeOrder).thenComparing(Function.identity()));
        scopes.addAll(before.keySet());
        scopes.addAll(after.keySet());
        for (String scope : scopes) {
            TreeMap<String, Integer> count = new TreeMap<>();
            before.getOrDefault(scope, List.of()).forEach(l -> count.merge(l, -1, Integer::sum));
            after.getOrDefault(scope, List.of()).forEach(l -> count.merge(l, 1, Integer::sum));
            count.forEach((line, n) -> {
                for (int i = 0; i < Math.abs(n); i++) {
                    out.add(new FirewallChange(scope, n > 0 ? ChangeKind.ADDED : ChangeKind.REMOVED, line));
                }
            });
        }
        return out;
    }

    /** Sort key of a scope: cluster.fw, its groups, host.fw, then guests by VMID (numerically). */
    private static String scopeOrder(String scope) {
        if (scope.startsWith("cluster.fw")) {
            return "0" + scope;
        }
        if (scope.equals("host.fw")) {
            return "1";
        }
        String id = scope.substring(0, scope.indexOf('.'));
        return "2" + "0".repeat(Math.max(0, 12 - id.length())) + id;
    }

    private static Map<String, List<String>> lines(PveFirewall fw) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        DatacenterFirewall dc = fw.datacenter();
        List<String> cluster = new ArrayList<>();
        cluster.add("enable: " + bit(dc.options().enable()));
        cluster.add("policy_in: " + dc.options().policyIn());
        cluster.add("policy_out: " + dc.options().policyOut());
        cluster.add("policy_forward: " + dc.options().policyForward());
        options(cluster, dc.options().other());
        rules(cluster, dc.rules());
        sets(cluster, dc.ipsets(), dc.aliases());
        m.put("cluster.fw", cluster);
        for (SecurityGroup g : dc.groups().values()) {
            List<String> lines = new ArrayList<>();
            rules(lines, g.rules());
            m.put("cluster.fw [group " + g.name() + "]", lines);
        }
        HostFirewall h = fw.host();
        List<String> host = new ArrayList<>();
        host.add("enable: " + bit(h.options().enable()));
        host.add("nosmurfs: " + bit(h.options().smurfFilter()));
        host.add("tcpflags: " + bit(h.options().tcpflags()));
        host.add("ndp: " + bit(h.options().ndp()));
        host.add("nftables: " + bit(h.options().nftables()));
        host.add("nf_conntrack_allow_invalid: " + bit(h.options().nfConntrackAllowInvalid()));
        options(host, h.options().other());
        rules(host, h.rules());
        m.put("host.fw", host);
        for (GuestFirewall g : fw.guests().values()) {
            List<String> lines = new ArrayList<>();
            lines.add("enable: " + bit(g.options().enable()));
            lines.add("policy_in: " + g.options().policyIn());
            lines.add("policy_out: " + g.options().policyOut());
            lines.add("ipfilter: " + bit(g.options().ipfilter()));
            lines.add("macfilter: " + bit(g.options().macfilter()));
            lines.add("dhcp: " + bit(g.options().dhcp()));
            lines.add("ndp: " + bit(g.options().ndp()));
            lines.add("radv: " + bit(g.options().radv()));
            options(lines, g.options().other());
            rules(lines, g.rules());
            sets(lines, g.ipsets(), g.aliases());
            m.put(g.vmid() + ".fw", lines);
        }
        return m;
    }

    private static String bit(boolean b) {
        return b ? "1" : "0";
    }

    private static void options(List<String> out, Map<String, String> other) {
        new TreeMap<>(other).forEach((k, v) -> out.add(k + ": " + v));
    }

    private static void rules(List<String> out, List<FirewallRule> rules) {
        rules.forEach(r -> out.add(r.toFwLine()));
    }

    private static void sets(List<String> out, Map<String, IpSet> ipsets, Map<String, Alias> aliases) {
        aliases.values().forEach(a -> out.add("[ALIASES] " + a.name() + " " + a.cidr()));
        for (IpSet s : ipsets.values()) {
            if (!s.contentsKnown()) {
                out.add("[IPSET " + s.name() + "] (contents unknown)");
            }
            s.entries().forEach(e -> out.add("[IPSET " + s.name() + "] " + (e.nomatch() ? "!" : "") + e.cidr()));
        }
    }

    // ---- helpers

    private static <K extends Comparable<K>, V> Map<K, V> byKey(List<V> values, Function<V, K> key) {
        Map<K, V> m = new TreeMap<>();
        values.forEach(v -> m.putIfAbsent(key.apply(v), v));
        return m;
    }

    private static <K extends Comparable<K>> TreeSet<K> union(java.util.Set<K> a, java.util.Set<K> b) {
        TreeSet<K> s = new TreeSet<>(a);
        s.addAll(b);
        return s;
    }

    private static ChangeKind kind(boolean before, boolean after) {
        return before && after ? ChangeKind.CHANGED : after ? ChangeKind.ADDED : ChangeKind.REMOVED;
    }

    /** Field changes between two field maps with the same key order (one of them may be empty). */
    private static List<FieldChange> compare(Map<String, String> before, Map<String, String> after) {
        Map<String, String> keys = before.isEmpty() ? after : before;
        List<FieldChange> out = new ArrayList<>();
        for (String k : keys.keySet()) {
            String b = before.getOrDefault(k, "");
            String a = after.getOrDefault(k, "");
            if (!Objects.equals(b, a)) {
                out.add(new FieldChange(k, b, a));
            }
        }
        return out;
    }

}
