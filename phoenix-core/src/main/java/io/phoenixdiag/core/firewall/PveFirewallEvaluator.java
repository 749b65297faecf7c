package io.phoenixdiag.core.firewall;

import io.phoenixdiag.core.diag.Location;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one evaluator of Proxmox VE firewall semantics: for a packet between the host, guest NICs and
 * external addresses it returns the verdict, the deciding rule or policy and a full trace.
 *
 * <p>Create with {@link #compile(PveFirewall)} (rules are pre-parsed into numeric matches once), then
 * call {@link #evaluate(Packet)} any number of times. Instances are immutable and thread-safe.
 *
 * <p>Semantics (pve-firewall, src/PVE/Firewall.pm, and the Proxmox VE Admin Guide chapter "Proxmox VE
 * Firewall"):
 * <ul>
 * <li>The datacenter {@code enable} option is the master switch: off, pve-firewall generates nothing
 *     and every packet is ALLOWED.</li>
 * <li>Stages in order: {@link Stage#SOURCE_EGRESS} (the source guest NIC's OUT chain, or the host's OUT
 *     chain when the host sends), {@link Stage#HOST_FORWARD} (only for routed packets with the host
 *     option {@code nftables: 1}: host then datacenter FORWARD rules, then {@code policy_forward}),
 *     {@link Stage#DESTINATION_INGRESS} (the destination guest NIC's IN chain, or the host's IN chain).
 *     External endpoints have no chain. Host to host (loopback) is accepted.</li>
 * <li>A guest NIC is filtered only when the guest's {@code enable} option is on AND the NIC has
 *     {@code firewall=1}; its chain starts with the bridge's conntrack filter (INVALID dropped unless
 *     {@code nf_conntrack_allow_invalid}, ESTABLISHED/RELATED accepted; a NIC without {@code firewall=1} meets it
 *     only on the host bridge, so not for traffic between it and the host), then for ingress the bridge
 *     input filters ({@code blacklist} IPSet, smurf filter; these apply to every {@code firewall=1} NIC),
 *     then the implicit rules of {@code ruleset_create_vm_chain} (DHCP, NDP, router advertisements,
 *     {@code ipfilter}), then the guest's rules (first match wins; GROUP rules expanded in place; macros
 *     expanded to their protocol/port entries; {@code -i netN} restricts a rule to that NIC), then
 *     {@code policy_in} (default DROP) or {@code policy_out} (default ACCEPT). The MAC filter is assumed
 *     to pass (the guest sends with its own MAC).</li>
 * <li>The host's IN chain ({@code PVEFW-HOST-IN}): conntrack, NDP, input filters, IGMP, then the host's
 *     rules followed by the datacenter's rules (datacenter rules filter only the host, never guest
 *     traffic), then the management IPSet (which always includes the local network) to tcp 8006,
 *     5900:5999, 3128, 22 and 60000:60050, corosync udp/5404:5405 from cluster peers, then the
 *     datacenter {@code policy_in} (default DROP). The OUT chain mirrors it with the local network as
 *     destination and {@code policy_out}. A host rule's {@code -i} is compared with the host interface the
 *     packet uses (the guest NIC's bridge, or {@link Endpoint#hostInterface()}).</li>
 * <li>Policies behave like pve-firewall's {@code PVEFW-Drop}/{@code PVEFW-Reject} chains: they accept the
 *     critical ICMP errors (IPv4 fragmentation-needed and time-exceeded; IPv6 destination-unreachable,
 *     packet-too-big and time-exceeded), drop (not reject) multicast destinations, INVALID packets, UPnP udp/1900 and
 *     DNS replies (udp sport 53) under REJECT, and reject IPv6 tcp/43 even under DROP. A REJECT action
 *     (rule or policy) drops ICMP packets and multicast-sourced packets instead of answering
 *     ({@code PVEFW-reject}).</li>
 * <li>Rules pve-firewall refuses (see {@link FirewallRule#errors()}), disabled rules, and rules that name
 *     a missing IPSet or alias when the model is {@link PveFirewall#complete() complete} are skipped, as
 *     pve-firewall skips them when it compiles the ruleset. When the model is not complete, such names are
 *     unknown: a rule whose match depends on them is UNKNOWN and the verdict is UNKNOWN with the reason,
 *     unless an earlier rule already decided.</li>
 * </ul>
 * Not modelled: the tcpflags filter (packets are assumed well-formed), the MAC filter, subnet-directed
 * broadcast detection (only 255.255.255.255), ebtables/layer-2 filtering, {@code ips} (NFQUEUE), log
 * rules, SDN VNet firewalls and rate limits.
 */
public final class PveFirewallEvaluator {

    /** Compiled chains of one guest NIC. */
    private static final class NicChains {
        final String subject;
        final GuestNic nic;
        final boolean filtered;
        final Step[] in;
        final Step[] out;
        final Step[] bridgeIn;

        NicChains(String subject, GuestNic nic, boolean filtered, Step[] in, Step[] out, Step[] bridgeIn) {
            this.subject = subject;
            this.nic = nic;
            this.filtered = filtered;
            this.in = in;
            this.out = out;
            this.bridgeIn = bridgeIn;
        }
    }

    /** The outcome of one stage. */
    private static final class Outcome {
        static final int PASS = 0;
        static final int BLOCK = 1;
        static final int UNKNOWN = 2;
        final int kind;
        final Action action;
        final String decidedBy;
        final Optional<Location> location;
        final String reason;

        Outcome(int kind, Action action, String decidedBy, Optional<Location> location, String reason) {
            this.kind = kind;
            this.action = action;
            this.decidedBy = decidedBy;
            this.location = location;
            this.reason = reason;
        }
    }

    private final PveFirewall model;
    private final boolean enabled;
    private final Step[] hostIn;
    private final Step[] hostOut;
    private final Step[] hostForward;
    private final Step forwardConntrack;
    private final Map<Integer, Map<String, NicChains>> guests = new HashMap<>();

    private PveFirewallEvaluator(PveFirewall model) {
        this.model = model;
        this.enabled = model.datacenter().options().enable();
        FirewallCompiler c = new FirewallCompiler(model);
        boolean hostOn = model.host().options().enable();
        this.hostIn = hostOn ? c.hostIn().toArray(new Step[0]) : null;
        this.hostOut = hostOn ? c.hostOut().toArray(new Step[0]) : null;
        this.hostForward = model.host().options().nftables() ? c.hostForward().toArray(new Step[0]) : null;
        this.forwardConntrack = Step.conntrack(!model.host().options().nfConntrackAllowInvalid());
        List<Step> bridge = new ArrayList<>();
        bridge.add(forwardConntrack);
        c.inputFilters(bridge);
        Step[] bridgeIn = bridge.toArray(new Step[0]);
        for (GuestFirewall g : model.guests().values()) {
            Map<String, NicChains> nics = new HashMap<>();
            for (GuestNic nic : g.nics().values()) {
                boolean filtered = g.options().enable() && nic.firewall();
                nics.put(nic.name(), new NicChains(g.subject(), nic, filtered,
                        filtered ? c.guestChain(g, nic, Direction.IN).toArray(new Step[0]) : null,
                        filtered ? c.guestChain(g, nic, Direction.OUT).toArray(new Step[0]) : null,
                        nic.firewall() ? bridgeIn : new Step[] {forwardConntrack}));
            }
            guests.put(g.vmid(), nics);
        }
    }

    /**
     * Compiles a model for evaluation.
     *
     * @param model the Proxmox firewall model
     * @return the evaluator; immutable and thread-safe
     */
    public static PveFirewallEvaluator compile(PveFirewall model) {
        return new PveFirewallEvaluator(java.util.Objects.requireNonNull(model, "model"));
    }

    /**
     * The model this evaluator was compiled from.
     *
     * @return the model
     */
    public PveFirewall model() {
        return model;
    }

    /**
     * Evaluates one packet.
     *
     * @param packet the packet
     * @return the verdict with its deciding rule and full trace; never null
     */
    public Verdict evaluate(Packet packet) {
        List<TraceEntry> trace = new ArrayList<>();
        if (!enabled) {
            return new Verdict(VerdictState.ALLOWED, Optional.of(Action.ACCEPT),
                    "datacenter firewall disabled (cluster.fw option enable: 0): nothing is filtered",
                    model.datacenter().origin(), "", trace);
        }
        Endpoint s = packet.source();
        Endpoint d = packet.destination();
        if (s.kind() == Endpoint.Kind.HOST && d.kind() == Endpoint.Kind.HOST) {
            return new Verdict(VerdictState.ALLOWED, Optional.of(Action.ACCEPT),
                    "host to itself over lo: accepted by pve-firewall's -i lo/-o lo rules", Optional.empty(), "", trace);
        }
        List<String> unfiltered = new ArrayList<>();
        Outcome decisive = null;
        // source egress
        Outcome o = null;
        if (s.kind() == Endpoint.Kind.GUEST) {
            NicChains nc = nic(s);
            if (nc == null || !nc.filtered) {
                // a NIC without firewall=1 sits on the host bridge itself: to the host its packets never cross
                // the bridge forward path (PVEFW-FORWARD), only the host's IN chain
                if (d.kind() != Endpoint.Kind.HOST || (nc != null && nc.nic.firewall())) {
                    o = run(new Step[] {forwardConntrack}, Stage.SOURCE_EGRESS, guestLabel(s, nc) + " OUT", packet, "", trace);
                }
                unfiltered.add(unfilteredReason(s, nc));
            } else {
                o = run(concat(forwardConntrack, nc.out), Stage.SOURCE_EGRESS, nc.subject + " " + s.nic() + " OUT",
                        packet, "", trace);
            }
        } else if (s.kind() == Endpoint.Kind.HOST) {
            if (hostOut == null) {
                unfiltered.add("host firewall disabled (host.fw option enable: 0)");
            } else {
                o = run(hostOut, Stage.SOURCE_EGRESS, "host OUT", packet, hostIface(d), trace);
            }
        }
        if (o != null) {
            if (o.kind != Outcome.PASS) {
                return finish(o, VerdictState.BLOCKED_SOURCE_EGRESS, trace);
            }
            decisive = o.decidedBy.isEmpty() ? decisive : o;
        }
        // host forward
        if (packet.routed() && hostForward != null) {
            o = run(hostForward, Stage.HOST_FORWARD, "host FORWARD", packet, hostIface(s), trace);
            if (o.kind != Outcome.PASS) {
                return finish(o, VerdictState.BLOCKED_HOST_FORWARD, trace);
            }
            decisive = o;
        }
        // destination ingress
        o = null;
        if (d.kind() == Endpoint.Kind.GUEST) {
            NicChains nc = nic(d);
            if (nc == null || !nc.filtered) {
                if (s.kind() != Endpoint.Kind.HOST || (nc != null && nc.nic.firewall())) {
                    o = run(nc == null ? new Step[] {forwardConntrack} : nc.bridgeIn, Stage.DESTINATION_INGRESS,
                            guestLabel(d, nc) + " IN", packet, "", trace);
                }
                unfiltered.add(unfilteredReason(d, nc));
            } else {
                o = run(concat(nc.bridgeIn, nc.in), Stage.DESTINATION_INGRESS, nc.subject + " " + d.nic() + " IN",
                        packet, "", trace);
            }
        } else if (d.kind() == Endpoint.Kind.HOST) {
            if (hostIn == null) {
                unfiltered.add("host firewall disabled (host.fw option enable: 0)");
            } else {
                o = run(hostIn, Stage.DESTINATION_INGRESS, "host IN", packet, hostIface(s), trace);
            }
        }
        if (o != null) {
            if (o.kind != Outcome.PASS) {
                return finish(o, VerdictState.BLOCKED_DESTINATION_INGRESS, trace);
            }
            decisive = o.decidedBy.isEmpty() ? decisive : o;
        }
        if (decisive == null) {
            String why = unfiltered.isEmpty() ? "no firewall stage applies (external to external)"
                    : "not filtered: " + String.join("; ", unfiltered);
            return new Verdict(VerdictState.ALLOWED, Optional.of(Action.ACCEPT), why, Optional.empty(), "", trace);
        }
        return new Verdict(VerdictState.ALLOWED, Optional.of(Action.ACCEPT), decisive.decidedBy, decisive.location, "",
                trace);
    }

    private static Verdict finish(Outcome o, VerdictState blocked, List<TraceEntry> trace) {
        if (o.kind == Outcome.UNKNOWN) {
            return new Verdict(VerdictState.UNKNOWN, Optional.empty(), o.decidedBy, o.location, o.reason, trace);
        }
        return new Verdict(blocked, Optional.of(o.action), o.decidedBy, o.location, "", trace);
    }

    private static Step[] concat(Step first, Step[] rest) {
        Step[] out = new Step[rest.length + 1];
        out[0] = first;
        System.arraycopy(rest, 0, out, 1, rest.length);
        return out;
    }

    private static Step[] concat(Step[] first, Step[] rest) {
        Step[] out = new Step[first.length + rest.length];
        System.arraycopy(first, 0, out, 0, first.length);
        System.arraycopy(rest, 0, out, first.length, rest.length);
        return out;
    }

    private NicChains nic(Endpoint e) {
        Map<String, NicChains> m = guests.get(e.vmid());
        return m == null ? null : m.get(e.nic());
    }

    private String guestLabel(Endpoint e, NicChains nc) {
        return (nc == null ? "guest " + e.vmid() : nc.subject) + " " + e.nic();
    }

    private String unfilteredReason(Endpoint e, NicChains nc) {
        if (nc == null) {
            GuestFirewall g = model.guests().get(e.vmid());
            return g == null ? "guest " + e.vmid() + " has no firewall configuration"
                    : g.subject() + " has no NIC " + e.nic() + " in the firewall model";
        }
        if (!nc.nic.firewall()) {
            return nc.subject + " " + e.nic() + " has no firewall=1";
        }
        return nc.subject + " guest firewall disabled (option enable: 0)";
    }

    /** The host interface a packet uses at the host for the other endpoint. */
    private String hostIface(Endpoint other) {
        if (other.kind() == Endpoint.Kind.EXTERNAL) {
            return other.hostInterface();
        }
        if (other.kind() == Endpoint.Kind.GUEST) {
            NicChains nc = nic(other);
            return nc == null ? "" : nc.nic.bridge();
        }
        return "lo";
    }

    private static Outcome run(Step[] steps, Stage stage, String chain, Packet p, String hostIface,
                               List<TraceEntry> trace) {
        for (Step st : steps) {
            switch (st.kind) {
                case Step.SKIP:
                    trace.add(new TraceEntry(stage, chain, st.label, MatchResult.SKIPPED, st.skipReason, st.location));
                    break;
                case Step.CONNTRACK: {
                    ConnState cs = p.state();
                    if (cs == ConnState.INVALID && st.dropInvalid) {
                        trace.add(new TraceEntry(stage, chain, st.label, MatchResult.MATCH, "DROP", Optional.empty()));
                        return new Outcome(Outcome.BLOCK, Action.DROP,
                                chain + " implicit: conntrack state INVALID dropped", Optional.empty(), "");
                    }
                    if (cs == ConnState.ESTABLISHED || cs == ConnState.RELATED) {
                        trace.add(new TraceEntry(stage, chain, st.label, MatchResult.MATCH, "ACCEPT", Optional.empty()));
                        return new Outcome(Outcome.PASS, Action.ACCEPT,
                                chain + " implicit: conntrack state " + cs + " accepted", Optional.empty(), "");
                    }
                    trace.add(new TraceEntry(stage, chain, st.label, MatchResult.NO_MATCH, "", Optional.empty()));
                    break;
                }
                case Step.POLICY: {
                    String[] note = new String[1];
                    Action a = policyAction(st.policy, p, note);
                    trace.add(new TraceEntry(stage, chain, st.label, MatchResult.MATCH, a + note[0], st.location));
                    return outcome(a, st.label + note[0], st.location);
                }
                default: {
                    CRule r = st.rule;
                    int m = r.match(p, hostIface);
                    if (m == CRule.NO) {
                        trace.add(new TraceEntry(stage, chain, st.label, MatchResult.NO_MATCH, "", st.location));
                        break;
                    }
                    if (m == CRule.UNK) {
                        String reason = r.unknownReason(p, hostIface);
                        trace.add(new TraceEntry(stage, chain, st.label, MatchResult.UNKNOWN, reason, st.location));
                        return new Outcome(Outcome.UNKNOWN, null, st.label, st.location, reason);
                    }
                    String[] note = {""};
                    Action a = r.action == Action.REJECT ? rejectAction(p, note) : r.action;
                    trace.add(new TraceEntry(stage, chain, st.label, MatchResult.MATCH, a + note[0], st.location));
                    return outcome(a, st.label.startsWith("implicit: ") ? chain + " " + st.label : st.label, st.location);
                }
            }
        }
        return new Outcome(Outcome.PASS, Action.ACCEPT, "", Optional.empty(), "");
    }

    private static Outcome outcome(Action a, String label, Optional<Location> location) {
        return new Outcome(a == Action.ACCEPT ? Outcome.PASS : Outcome.BLOCK, a, label, location, "");
    }

    /** pve-firewall's {@code PVEFW-reject}: ICMP and multicast-sourced packets are dropped, not answered. */
    static Action rejectAction(Packet p, String[] note) {
        boolean icmp = p.protocol() == Packet.ICMP || p.protocol() == Packet.ICMPV6;
        if (icmp || p.sourceIp().isMulticast() || p.destinationIp().isLimitedBroadcast()) {
            note[0] = " (PVEFW-reject drops ICMP, multicast-sourced and broadcast packets instead of answering)";
            return Action.DROP;
        }
        return Action.REJECT;
    }

    /** pve-firewall's policy chains {@code PVEFW-Drop} / {@code PVEFW-Reject} followed by DROP / {@code PVEFW-reject}. */
    static Action policyAction(Action policy, Packet p, String[] note) {
        note[0] = "";
        if (policy == Action.ACCEPT) {
            return Action.ACCEPT;
        }
        boolean v6 = p.ipVersion() == 6;
        if (v6 && p.protocol() == Packet.TCP && p.destinationPort() == 43) {
            note[0] = " (PVEFW-" + (policy == Action.DROP ? "Drop" : "Reject") + " rejects IPv6 tcp/43)";
            return Action.REJECT;
        }
        if (p.destinationIp().isMulticast() || p.destinationIp().isLimitedBroadcast()) {
            note[0] = " (multicast/broadcast destination dropped)";
            return Action.DROP;
        }
        if (!v6 && p.protocol() == Packet.ICMP && (p.icmpType() == 11 || (p.icmpType() == 3 && p.icmpCode() == 4))) {
            note[0] = " (but PVEFW-" + (policy == Action.DROP ? "Drop" : "Reject") + " accepts this critical ICMP error)";
            return Action.ACCEPT;
        }
        if (v6 && p.protocol() == Packet.ICMPV6 && (p.icmpType() == 1 || p.icmpType() == 2 || p.icmpType() == 3)) {
            note[0] = " (but PVEFW-" + (policy == Action.DROP ? "Drop" : "Reject") + " accepts this critical ICMPv6 error)";
            return Action.ACCEPT;
        }
        if (p.state() == ConnState.INVALID) {
            // reached only with nf_conntrack_allow_invalid: PVEFW-Reject's "-m conntrack --ctstate INVALID -j DROP"
            note[0] = policy == Action.DROP ? "" : " (PVEFW-Reject drops INVALID packets instead of rejecting)";
            return Action.DROP;
        }
        if (policy == Action.DROP) {
            return Action.DROP;
        }
        if (p.protocol() == Packet.UDP && (p.destinationPort() == 1900 || p.sourcePort() == 53)) {
            note[0] = " (PVEFW-Reject drops UPnP and DNS replies instead of rejecting)";
            return Action.DROP;
        }
        return rejectAction(p, note);
    }
}
