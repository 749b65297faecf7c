package io.phoenixdiag.core.analysis;

import io.phoenixdiag.core.firewall.Endpoint;
import io.phoenixdiag.core.firewall.Packet;
import io.phoenixdiag.core.firewall.PveFirewallEvaluator;
import io.phoenixdiag.core.firewall.Verdict;
import io.phoenixdiag.core.firewall.VerdictState;
import io.phoenixdiag.core.topology.IntendedFlow;
import io.phoenixdiag.core.topology.Topology;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides every intended flow with the Proxmox firewall evaluator.
 *
 * <p>Each flow becomes one packet: a new connection ({@code conntrack NEW}) from the source's address
 * to the destination's address and port, over the guests' {@code net0}. An {@code external} end without
 * a configured address is represented by {@link #EXTERNAL_PLACEHOLDER} (RFC 5737 TEST-NET-3), an
 * address outside every deployment: rules that name a source match it only when they admit any
 * source. A guest without a static address (DHCP) cannot be decided: its verdict is {@code UNKNOWN}
 * with that reason; so is a flow to or from a guest the deployment does not declare (a user's flow). Stateless and thread-safe.
 */
public final class FlowEvaluation {
    /** The address standing for "somewhere outside the deployment" (RFC 5737 documentation range). */
    public static final String EXTERNAL_PLACEHOLDER = "203.0.113.1";
    /** The IPv6 stand-in for "outside the deployment", used when the other end is IPv6 (RFC 3849 documentation prefix). */
    public static final String EXTERNAL_PLACEHOLDER_V6 = "2001:db8::1";

    private FlowEvaluation() {
    }

    /**
     * Evaluates flows.
     *
     * @param evaluator the compiled firewall
     * @param topology  the topology (addresses)
     * @param flows     the flows
     * @return the verdict of each flow, by flow id, in flow order
     */
    public static Map<String, Verdict> evaluate(PveFirewallEvaluator evaluator, Topology topology,
                                                List<IntendedFlow> flows) {
        Map<String, Verdict> out = new LinkedHashMap<>();
        for (IntendedFlow f : flows) {
            out.put(f.id(), evaluate(evaluator, topology, f));
        }
        return out;
    }

    /**
     * Evaluates one flow.
     *
     * @param evaluator the compiled firewall
     * @param topology  the topology
     * @param flow      the flow
     * @return the verdict, {@code UNKNOWN} when an end is not a declared guest or has no known address
     */
    public static Verdict evaluate(PveFirewallEvaluator evaluator, Topology topology, IntendedFlow flow) {
        for (io.phoenixdiag.core.topology.Endpoint e : List.of(flow.source(), flow.destination())) {
            if (e.isGuest() && topology.guest(e).isEmpty()) {
                return new Verdict(VerdictState.UNKNOWN, Optional.empty(), e + " is not a guest of this deployment",
                        Optional.empty(), "unknown guest", List.of());
            }
        }
        Optional<String> src = address(topology, flow.source(), flow.externalAddress());
        Optional<String> dst = address(topology, flow.destination(), flow.externalAddress());
        if (flow.externalAddress().isEmpty() && src.isPresent() && dst.isPresent()) { // same IP version as the other end
            if (flow.source().equals(io.phoenixdiag.core.topology.Endpoint.EXTERNAL) && dst.get().contains(":")) {
                src = Optional.of(EXTERNAL_PLACEHOLDER_V6);
            } else if (flow.destination().equals(io.phoenixdiag.core.topology.Endpoint.EXTERNAL) && src.get().contains(":")) {
                dst = Optional.of(EXTERNAL_PLACEHOLDER_V6);
            }
        }
        if (src.isEmpty() || dst.isEmpty()) {
            io.phoenixdiag.core.topology.Endpoint missing = src.isEmpty() ? flow.source() : flow.destination();
            return new Verdict(VerdictState.UNKNOWN, Optional.empty(),
                    missing + " has no static address (DHCP or none), so rules that match addresses cannot be decided",
                    Optional.empty(), "address unknown", List.of());
        }
        if (src.get().contains(":") != dst.get().contains(":")) {
            return new Verdict(VerdictState.UNKNOWN, Optional.empty(),
                    "the two ends have addresses of different IP versions (" + src.get() + ", " + dst.get() + ")",
                    Optional.empty(), "IP version mismatch", List.of());
        }
        Packet p;
        try {
            p = Packet.builder(endpoint(flow.source()), endpoint(flow.destination()))
                    .sourceIp(src.get()).destinationIp(dst.get()).protocol(flow.protocol())
                    .destinationPort(flow.port()).build();
        } catch (IllegalArgumentException e) { // never echo the value: it may be anything the JSON held
            return new Verdict(VerdictState.UNKNOWN, Optional.empty(),
                    "an address of " + flow.source() + " or " + flow.destination() + " is not a usable IP address",
                    Optional.empty(), "address unusable", List.of());
        }
        return evaluator.evaluate(p);
    }

    private static Optional<String> address(Topology t, io.phoenixdiag.core.topology.Endpoint e, String external) {
        if (e.equals(io.phoenixdiag.core.topology.Endpoint.EXTERNAL)) {
            return Optional.of(external.isEmpty() ? EXTERNAL_PLACEHOLDER : external);
        }
        return t.addressOf(e);
    }

    private static Endpoint endpoint(io.phoenixdiag.core.topology.Endpoint e) {
        return switch (e.kind()) {
            case HOST -> Endpoint.host();
            case EXTERNAL -> Endpoint.external();
            case LXC, VM -> Endpoint.guest(e.guestId(), "net0");
        };
    }
}
