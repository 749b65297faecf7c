package io.phoenixdiag.net.kernlog;

import io.phoenixdiag.core.topology.Topology;
import io.phoenixdiag.net.logplan.LogPlan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Maps LOG lines to the rules that logged them and aggregates them per flow.
 *
 * <p>A line's rule: for a {@link LogFormat#PVE_FIREWALL} line the plan entries with key
 * {@code <vmid>:<chain>:<message>} (see {@link io.phoenixdiag.net.logplan.LogPlanner}), else the plan
 * entries whose prefix equals the line's prefix; without a plan, or when no entry matches, the rule is
 * described from the line itself (pve-firewall's chain and message, or the prefix). A flow is
 * (source address, destination address, protocol, destination port) with the rule; its ends are named by
 * {@link Topology#ownerOf(String)} ({@code lxc:103}, {@code host}) or {@code external}.
 *
 * <p>Stateless and thread-safe.
 */
public final class LogCorrelator {
    private LogCorrelator() {
    }

    /**
     * A flow seen in the log.
     *
     * @param source           the source address
     * @param destination      the destination address
     * @param protocol         the protocol as logged ({@code TCP}, {@code UDP}, {@code ICMP}...)
     * @param destinationPort  the destination port, or -1 for protocols without ports
     * @param sourceOwner      the source's owner ({@code lxc:103}, {@code host}) or {@code external}
     * @param destinationOwner the destination's owner or {@code external}
     * @param rule             one line naming the rule or policy that logged (file, chain, rule number, line)
     * @param entries          the plan entries the lines map to (several when pve-firewall's key is shared); empty when unmapped
     * @param count            how many lines
     * @param firstSeen        the first line's time stamp as written
     * @param lastSeen         the last line's time stamp as written
     * @param interfaces       the {@code IN>OUT} interface pairs seen (with {@code PHYSIN}/{@code PHYSOUT} when bridged)
     * @param lineNumbers      the input line numbers, in order
     */
    public record FlowAggregate(String source, String destination, String protocol, int destinationPort,
                                String sourceOwner, String destinationOwner, String rule, List<LogPlan.Entry> entries,
                                int count, String firstSeen, String lastSeen, List<String> interfaces,
                                List<Integer> lineNumbers) {
        /**
         * Validates and copies the components.
         *
         * @param source           the source
         * @param destination      the destination
         * @param protocol         the protocol
         * @param destinationPort  the port
         * @param sourceOwner      the source owner
         * @param destinationOwner the destination owner
         * @param rule             the rule
         * @param entries          the entries
         * @param count            the count
         * @param firstSeen        the first time stamp
         * @param lastSeen         the last time stamp
         * @param interfaces       the interfaces
         * @param lineNumbers      the line numbers
         * @throws NullPointerException if a component is null
         */
        public FlowAggregate {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(destination, "destination");
            Objects.requireNonNull(protocol, "protocol");
            Objects.requireNonNull(rule, "rule");
            entries = List.copyOf(entries);
            interfaces = List.copyOf(interfaces);
            lineNumbers = List.copyOf(lineNumbers);
        }

        /**
         * One line for reports.
         *
         * @return e.g. {@code 3 x lxc:102 (10.0.0.12) -> lxc:103 (10.0.0.10) TCP/9000 by ...}
         */
        public String describe() {
            return count + " x " + sourceOwner + " (" + source + ") -> " + destinationOwner + " (" + destination + ") "
                    + protocol + (destinationPort >= 0 ? "/" + destinationPort : "") + " by " + rule
                    + (firstSeen.isEmpty() ? "" : ", first " + firstSeen + ", last " + lastSeen)
                    + " via " + String.join(", ", interfaces);
        }
    }

    /**
     * The plan key or prefix a line maps by.
     *
     * @param l the line
     * @return {@code <vmid>:<chain>:<message>} for pve-firewall lines, else the prefix
     */
    public static String key(LogLine l) {
        if (l.format() == LogFormat.PVE_FIREWALL) {
            String msg = l.prefix().endsWith(":") ? l.prefix().substring(0, l.prefix().length() - 1) : l.prefix();
            return l.vmid() + ":" + l.chain() + ":" + msg;
        }
        return l.prefix();
    }

    /**
     * Aggregates lines per flow and rule.
     *
     * @param log      the parsed log
     * @param plan     the LOG plan whose prefixes the lines carry, if any
     * @param topology the deployment's topology for naming addresses, if any
     * @return the flows, in order of first appearance
     */
    public static List<FlowAggregate> correlate(KernelLog log, Optional<LogPlan> plan, Optional<Topology> topology) {
        Map<String, Acc> accs = new LinkedHashMap<>();
        for (LogLine l : log.lines()) {
            String k = key(l);
            List<LogPlan.Entry> entries = plan.map(p -> p.lookup(k)).orElse(List.of());
            String rule;
            if (!entries.isEmpty()) {
                rule = String.join(" or ", entries.stream().map(LogCorrelator::describe).toList());
            } else if (l.format() == LogFormat.PVE_FIREWALL) {
                rule = "pve-firewall " + (l.vmid() == 0 ? "host" : "guest " + l.vmid()) + " chain " + l.chain() + " "
                        + k.substring(k.lastIndexOf(':') + 1) + (plan.isPresent() ? " (not in the plan)" : "");
            } else {
                rule = "log prefix '" + l.prefix() + "'" + (plan.isPresent() ? " (not in the plan)" : "");
            }
            int dport = l.destinationPort().orElse(-1);
            String id = l.source() + "|" + l.destination() + "|" + l.protocol() + "|" + dport + "|" + rule;
            Acc a = accs.computeIfAbsent(id, x -> new Acc(l, dport, rule, entries, topology));
            a.add(l);
        }
        List<FlowAggregate> out = new ArrayList<>();
        accs.values().forEach(a -> out.add(a.build()));
        return out;
    }

    private static String describe(LogPlan.Entry e) {
        String where = e.file().isEmpty() ? "" : " (" + e.file() + (e.line() > 0 ? ":" + e.line() : "") + ")";
        if (e.policy()) {
            return e.table() + "/" + e.chain() + " " + e.rule() + where;
        }
        return e.table() + "/" + e.chain() + " rule " + e.ruleNumber() + where + " `" + e.rule() + "`";
    }

    private static String owner(Optional<Topology> t, String address) {
        return t.flatMap(x -> x.ownerOf(address)).map(e -> e.subject()).orElse("external");
    }

    /** Accumulates one flow. */
    private static final class Acc {
        final LogLine first;
        final int dport;
        final String rule;
        final List<LogPlan.Entry> entries;
        final String srcOwner;
        final String dstOwner;
        final Set<String> ifaces = new LinkedHashSet<>();
        final List<Integer> lines = new ArrayList<>();
        String last = "";

        Acc(LogLine first, int dport, String rule, List<LogPlan.Entry> entries, Optional<Topology> t) {
            this.first = first;
            this.dport = dport;
            this.rule = rule;
            this.entries = entries;
            this.srcOwner = owner(t, first.source());
            this.dstOwner = owner(t, first.destination());
        }

        void add(LogLine l) {
            String in = l.field("IN") + (l.field("PHYSIN").isEmpty() ? "" : "(" + l.field("PHYSIN") + ")");
            String out = l.field("OUT") + (l.field("PHYSOUT").isEmpty() ? "" : "(" + l.field("PHYSOUT") + ")");
            ifaces.add((in.isEmpty() ? "-" : in) + ">" + (out.isEmpty() ? "-" : out));
            lines.add(l.lineNumber());
            last = l.timestamp();
        }

        FlowAggregate build() {
            return new FlowAggregate(first.source(), first.destination(), first.protocol(), dport, srcOwner, dstOwner,
                    rule, entries, lines.size(), first.timestamp(), last, new ArrayList<>(ifaces), lines);
        }
    }
}
