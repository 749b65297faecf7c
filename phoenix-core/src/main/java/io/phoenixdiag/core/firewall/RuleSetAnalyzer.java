package io.phoenixdiag.core.firewall;

import io.phoenixdiag.core.diag.Finding;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Rule-set analysis of one rule list (a guest's, the host's or the datacenter's), per direction:
 * duplicates, rules shadowed or made redundant by earlier rules (naming them), rules that never match,
 * overly broad ingress, and (separately) inbound datacenter rules that look meant for guests.
 *
 * <p>Coverage is decided on the compiled packet space of each rule (macros expanded, security groups
 * expanded in place, IPSets and aliases resolved; an IPSet or alias with unknown contents only covers a
 * reference to the same name). A rule is covered when one earlier rule contains it, or when the earlier
 * rules that contain it in every dimension but one (destination port, source port, source address or
 * destination address) together cover that dimension (e.g. {@code 80} and {@code 443} covering
 * {@code 80,443}). This is sound (every reported rule is really covered) but not complete: coverage
 * that needs unions across two dimensions at once is not reported. Stateless and thread-safe.
 */
public final class RuleSetAnalyzer {

    private RuleSetAnalyzer() {
    }

    /**
     * Analyses a guest's rules (IN and OUT).
     *
     * @param fw          the model (for security groups, datacenter IPSets and aliases)
     * @param vmid        the guest's VMID/CTID
     * @param publicPorts ports that may be open to any source on this guest (e.g. 80 and 443 on the gateway);
     *                    other ports reached by a sourceless IN ACCEPT are broad ingress
     * @return the issues in rule order; empty when the guest is not in the model
     */
    public static List<RuleIssue> analyzeGuest(PveFirewall fw, int vmid, Set<Integer> publicPorts) {
        GuestFirewall g = fw.guests().get(vmid);
        if (g == null) {
            return List.of();
        }
        return analyze(fw, g.subject(), g.rules(), FirewallCompiler.guestCtx(g), true, publicPorts);
    }

    /**
     * Analyses the host's rules ({@code host.fw}; IN, OUT and FORWARD).
     *
     * @param fw          the model
     * @param publicPorts ports that may be open to any source on the host
     * @return the issues in rule order
     */
    public static List<RuleIssue> analyzeHost(PveFirewall fw, Set<Integer> publicPorts) {
        return analyze(fw, "host", fw.host().rules(), new FirewallCompiler.Ctx("host", Map.of(), Map.of(), "host"),
                false, publicPorts);
    }

    /**
     * Analyses the datacenter's rules ({@code cluster.fw}; IN, OUT and FORWARD).
     *
     * @param fw          the model
     * @param publicPorts ports that may be open to any source on the hosts
     * @return the issues in rule order
     */
    public static List<RuleIssue> analyzeDatacenter(PveFirewall fw, Set<Integer> publicPorts) {
        FirewallCompiler c = new FirewallCompiler(fw);
        return analyze(fw, "datacenter", fw.datacenter().rules(), c.dcCtx, false, publicPorts);
    }

    /**
     * Converts issues to report findings.
     *
     * @param issues the issues
     * @return one finding per issue, in order
     */
    public static List<Finding> findings(List<RuleIssue> issues) {
        return issues.stream().map(RuleIssue::toFinding).toList();
    }

    /** The compiled packet space of each rule of a list for one direction. */
    private static final class Compiled {
        final List<List<Box>> boxes = new ArrayList<>();
        final List<String> neverReason = new ArrayList<>();
    }

    static List<RuleIssue> analyze(PveFirewall fw, String subject, List<FirewallRule> rules, FirewallCompiler.Ctx ctx,
                                   boolean guest, Set<Integer> publicPorts) {
        Objects.requireNonNull(publicPorts, "publicPorts");
        FirewallCompiler c = new FirewallCompiler(fw);
        Map<Integer, RuleIssue> out = new TreeMap<>();
        for (Direction dir : List.of(Direction.IN, Direction.OUT, Direction.FORWARD)) {
            List<Box> earlier = new ArrayList<>();
            Map<String, Integer> seen = new java.util.HashMap<>();
            for (int i = 0; i < rules.size(); i++) {
                FirewallRule r = rules.get(i);
                int n = i + 1;
                if (r.direction() != dir && !r.isGroup()) {
                    continue;
                }
                if (!r.enabled()) {
                    continue;
                }
                if (!r.isGroup()) {
                    String never = refused(r, guest);
                    if (never != null) {
                        out.put(n, issue(IssueKind.NEVER_MATCHES, subject, n, r, List.of(),
                                "pve-firewall refuses the rule and skips it when it builds the ruleset: " + never + ".",
                                "Fix the rule (" + never + ") or delete it."));
                        continue;
                    }
                    String key = key(r);
                    Integer dup = seen.get(key);
                    if (dup != null) {
                        out.put(n, issue(IssueKind.DUPLICATE, subject, n, r, List.of(dup),
                                "Rule " + n + " repeats rule " + dup + " exactly; it can never decide a packet.",
                                "Delete rule " + n + "."));
                        continue;
                    }
                    seen.put(key, n);
                }
                List<Box> boxes;
                try {
                    boxes = boxes(c, r, n, ctx, dir);
                } catch (FirewallCompiler.Missing m) {
                    out.put(n, issue(IssueKind.NEVER_MATCHES, subject, n, r, List.of(),
                            "pve-firewall skips the rule when it builds the ruleset: " + m.getMessage() + ".",
                            "Define what the rule refers to, or fix or delete the rule."));
                    continue;
                }
                if (r.isGroup()) {
                    earlier.addAll(boxes);
                    continue;
                }
                if (boxes.isEmpty()) {
                    out.put(n, issue(IssueKind.NEVER_MATCHES, subject, n, r, List.of(),
                            "The rule matches no packet: its addresses, protocol and macro leave nothing to match"
                                    + " (for example an empty IPSet, or an IPv4 address with an IPv6-only protocol or macro).",
                            "Fix the rule's addresses/protocol or delete it."));
                    continue;
                }
                Set<Integer> covering = new TreeSet<>();
                boolean covered = true;
                for (Box b : boxes) {
                    Set<Integer> cov = cover(b, earlier);
                    if (cov == null) {
                        covered = false;
                        break;
                    }
                    covering.addAll(cov);
                }
                if (covered) {
                    boolean differs = false;
                    for (Box e : earlier) {
                        if (covering.contains(e.ruleNumber) && e.action != r.action().get()) {
                            differs = true;
                        }
                    }
                    List<Integer> cov = List.copyOf(covering);
                    String names = "rule" + (cov.size() > 1 ? "s " : " ") + join(cov);
                    if (differs) {
                        out.put(n, issue(IssueKind.SHADOWED, subject, n, r, cov, "Earlier " + names
                                + " already match every packet rule " + n + " (" + r.action().get()
                                + ") matches, with a different action, so rule " + n + " never takes effect (first match wins).",
                                "Move rule " + n + " above " + names + ", narrow the earlier rule(s), or delete rule " + n + "."));
                    } else {
                        out.put(n, issue(IssueKind.REDUNDANT, subject, n, r, cov, "Earlier " + names
                                + " already " + r.action().get() + " every packet rule " + n + " matches.",
                                "Delete rule " + n + " unless it documents intent."));
                    }
                } else if (dir == Direction.IN && r.action().get() == Action.ACCEPT && r.source().isAny()) {
                    String broad = broad(boxes, publicPorts);
                    if (broad != null) {
                        out.put(n, issue(IssueKind.BROAD_INGRESS, subject, n, r, List.of(),
                                "Rule " + n + " accepts " + broad + " from any source, but " + (publicPorts.isEmpty()
                                        ? "no port of " + subject + " is meant to be public"
                                        : "only ports " + new TreeSet<>(publicPorts) + " of " + subject
                                          + " are meant to be public") + ".",
                                "Add a -source restriction (the clients' addresses, an alias or an IPSet)."));
                    }
                }
                earlier.addAll(boxes);
            }
        }
        return List.copyOf(out.values());
    }

    private static String join(List<Integer> l) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < l.size(); i++) {
            sb.append(i == 0 ? "" : i == l.size() - 1 ? " and " : ", ").append(l.get(i));
        }
        return sb.toString();
    }

    private static RuleIssue issue(IssueKind k, String subject, int n, FirewallRule r, List<Integer> cov, String msg,
                                   String fix) {
        return new RuleIssue(k, subject, n, r, cov, List.of(), msg, fix);
    }

    /** Why pve-firewall refuses the rule in this context, or null. */
    private static String refused(FirewallRule r, boolean guest) {
        if (!r.errors().isEmpty()) {
            return String.join("; ", r.errors());
        }
        if (guest && r.direction() == Direction.FORWARD) {
            return "FORWARD rules are not allowed in guest firewalls";
        }
        if (guest && !r.iface().isEmpty() && !r.iface().matches("net\\d+")) {
            return "-i must name a guest NIC (net0..net31)";
        }
        return null;
    }

    /** Identity of a rule for duplicate detection (comment and log level aside). */
    private static String key(FirewallRule r) {
        return r.direction() + "|" + r.action().map(Enum::name).orElse("") + "|" + r.securityGroup() + "|" + r.macro()
                + "|" + r.iface() + "|" + r.source().render() + "|" + r.dest().render() + "|" + r.proto() + "|"
                + (Tables.isIcmp(r.proto()) ? r.dport().text() : r.dport().render()) + "|" + r.sport().render() + "|"
                + r.icmpType();
    }

    private static List<Box> boxes(FirewallCompiler c, FirewallRule r, int n, FirewallCompiler.Ctx ctx, Direction dir)
            throws FirewallCompiler.Missing {
        if (r.isGroup()) {
            return groupBoxes(c, r, n, dir);
        }
        List<Box> out = new ArrayList<>();
        for (CRule cr : c.compile(r, ctx, r.iface(), "")) {
            Box b = new Box(n, cr);
            if (!b.isEmpty()) {
                out.add(b);
            }
        }
        return out;
    }

    private static List<Box> groupBoxes(FirewallCompiler c, FirewallRule r, int n, Direction dir) {
        List<Box> out = new ArrayList<>();
        if (!r.isActive()) {
            return out;
        }
        SecurityGroup g = c.dc.groups().get(r.securityGroup());
        if (g == null) {
            return out;
        }
        for (FirewallRule gr : g.rules()) {
            if (gr.direction() != dir || !gr.isActive() || !gr.iface().isEmpty()) {
                continue;
            }
            try {
                for (CRule cr : c.compile(gr, c.dcCtx, r.iface(), "")) {
                    Box b = new Box(n, cr);
                    if (!b.isEmpty()) {
                        out.add(b);
                    }
                }
            } catch (FirewallCompiler.Missing ignored) {
                // pve-firewall skips the group rule; it covers nothing
            }
        }
        return out;
    }

    /** The rule numbers of earlier boxes that together cover {@code b}, or null when not covered. */
    static Set<Integer> cover(Box b, List<Box> earlier) {
        for (Box e : earlier) {
            if (e.containsExcept(b, Box.NONE)) {
                return Set.of(e.ruleNumber);
            }
        }
        for (int dim : new int[] {Box.DPORT, Box.SPORT, Box.SRC, Box.DST}) {
            Set<Integer> nums = new LinkedHashSet<>();
            int[] ports = new int[0];
            AddrSet addrs = AddrSet.EMPTY;
            for (Box e : earlier) {
                if (!e.containsExcept(b, dim)) {
                    continue;
                }
                if (dim == Box.DPORT) {
                    ports = Box.union(ports, e.dport);
                } else if (dim == Box.SPORT) {
                    ports = Box.union(ports, e.sport);
                } else {
                    AddrSet s = dim == Box.SRC ? e.src : e.dst;
                    if (s == null) {
                        continue;
                    }
                    addrs = addrs.union(s);
                }
                nums.add(e.ruleNumber);
            }
            if (nums.isEmpty()) {
                continue;
            }
            boolean ok;
            if (dim == Box.DPORT) {
                ok = Box.portsContain(ports, b.dport);
            } else if (dim == Box.SPORT) {
                ok = Box.portsContain(ports, b.sport);
            } else {
                AddrSet need = dim == Box.SRC ? b.src : b.dst;
                ok = need != null && addrs.containsAll(need);
            }
            if (ok) {
                return nums;
            }
        }
        return null;
    }

    /** A description of what a sourceless IN ACCEPT opens beyond the public ports, or null when nothing. */
    private static String broad(List<Box> boxes, Set<Integer> publicPorts) {
        Set<String> parts = new LinkedHashSet<>();
        for (Box b : boxes) {
            if (b.proto == Packet.ICMP || b.proto == Packet.ICMPV6) {
                continue;
            }
            if (b.proto < 0) {
                return "every protocol and port";
            }
            if (b.proto != Packet.TCP && b.proto != Packet.UDP && b.proto != 33 && b.proto != 132 && b.proto != 136) {
                parts.add("protocol " + b.proto);
                continue;
            }
            String p = b.proto == Packet.TCP ? "tcp" : b.proto == Packet.UDP ? "udp" : "proto " + b.proto;
            for (int i = 0; i < b.dport.length; i += 2) {
                int from = b.dport[i];
                int to = b.dport[i + 1];
                if (to - from > 4096) {
                    parts.add(p + "/" + from + ":" + to);
                    continue;
                }
                for (int port = from; port <= to; port++) {
                    if (!publicPorts.contains(port)) {
                        parts.add(from == to ? p + "/" + from : p + "/" + from + ":" + to);
                        break;
                    }
                }
            }
        }
        return parts.isEmpty() ? null : String.join(", ", parts);
    }

    /**
     * Finds inbound datacenter rules that look meant for a guest: their destination contains a guest
     * address, or their destination port is a guest's service port that the host does not offer.
     * Datacenter rules filter only the host ({@code PVEFW-HOST-IN}); traffic to a guest passes the guest's
     * own chain and never these rules, so such a rule does nothing for the guest.
     *
     * @param fw       the model
     * @param services guest addresses, guest service ports and the host's ports
     * @return one issue per such rule, in rule order
     */
    public static List<RuleIssue> datacenterRulesForGuests(PveFirewall fw, GuestServices services) {
        FirewallCompiler c = new FirewallCompiler(fw);
        List<RuleIssue> out = new ArrayList<>();
        List<FirewallRule> rules = fw.datacenter().rules();
        for (int i = 0; i < rules.size(); i++) {
            FirewallRule r = rules.get(i);
            int n = i + 1;
            if (r.direction() != Direction.IN || !r.isActive()) {
                continue;
            }
            List<CRule> compiled;
            try {
                compiled = c.compile(r, c.dcCtx, r.iface(), "");
            } catch (FirewallCompiler.Missing m) {
                continue;
            }
            Set<String> guests = new TreeSet<>();
            String why = "";
            for (Map.Entry<String, String> e : services.guestAddresses().entrySet()) {
                java.util.Optional<IpAddress> ip = IpAddress.tryParse(e.getKey());
                if (ip.isEmpty() || r.dest().isAny()) {
                    continue;
                }
                for (CRule cr : compiled) {
                    if (cr.dst != null && cr.dst.test(ip.get()) == AddrMatch.YES) {
                        guests.add(e.getValue());
                        why = "its destination " + r.dest().text() + " is the address of ";
                    }
                }
            }
            if (guests.isEmpty()) {
                Set<Integer> ports = new TreeSet<>();
                for (Map.Entry<String, Set<Integer>> e : services.guestServicePorts().entrySet()) {
                    for (int port : e.getValue()) {
                        if (services.hostPorts().contains(port)) {
                            continue;
                        }
                        for (CRule cr : compiled) {
                            if (cr.dport != null && CRule.inRanges(cr.dport, port)) {
                                guests.add(e.getKey());
                                ports.add(port);
                            }
                        }
                    }
                }
                if (!guests.isEmpty()) {
                    why = "its port " + join(List.copyOf(ports)) + " is not offered by the host but is a service port of ";
                }
            }
            if (!guests.isEmpty()) {
                List<String> gl = List.copyOf(guests);
                String who = String.join(", ", gl);
                out.add(new RuleIssue(IssueKind.DATACENTER_RULE_FOR_GUEST, "datacenter", n, r, List.of(), gl,
                        "Datacenter rule " + n + " (" + r.summary() + ") looks meant for " + who + ": " + why + who
                                + ". Datacenter rules filter only the Proxmox host itself; traffic to a guest is filtered"
                                + " by that guest's own rules, so this rule does nothing for " + who + ".",
                        "Add the rule to the firewall rules of " + who + " instead (or to a security group they use),"
                                + " and delete it from the datacenter rules if the host does not need it."));
            }
        }
        return out;
    }
}
