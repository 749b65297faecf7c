package io.phoenixdiag.net.pvecompile;

import io.phoenixdiag.core.diag.Location;
import io.phoenixdiag.core.firewall.ConnState;
import io.phoenixdiag.core.firewall.Endpoint;
import io.phoenixdiag.core.firewall.GuestFirewall;
import io.phoenixdiag.core.firewall.GuestKind;
import io.phoenixdiag.core.firewall.GuestNic;
import io.phoenixdiag.core.firewall.PveFirewall;
import io.phoenixdiag.core.firewall.Stage;
import io.phoenixdiag.net.iptables.CtState;
import io.phoenixdiag.net.iptables.Hook;
import io.phoenixdiag.net.iptables.NetfilterEvaluator;
import io.phoenixdiag.net.iptables.Outcome;
import io.phoenixdiag.net.iptables.Packet;
import io.phoenixdiag.net.iptables.TraceStep;
import io.phoenixdiag.net.iptables.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Asks netfilter rules loaded on a Proxmox node (a real {@code iptables-save} dump, or the rules
 * {@link PveRulesetRenderer} generates) about a packet between the host, guest NICs and external
 * addresses, following the node's bridge layout.
 *
 * <p>Layout (pve-firewall with br_netfilter, {@code net.bridge.bridge-nf-call-iptables=1}): a guest NIC
 * with {@code firewall=1} is the device {@code tap<vmid>i<n>} (VM) or {@code veth<vmid>i<n>} (container)
 * in its own bridge {@code fwbr<vmid>i<n>}, joined to the host bridge by the veth pair
 * {@code fwln<vmid>i<n>} (in the fwbr) / {@code fwpr<vmid>p<n>} (in the host bridge); a NIC without
 * {@code firewall=1} is plugged into the host bridge directly. The passes of a packet
 * ({@link #passes}):
 * <ul>
 * <li>source guest NIC with firewall: FORWARD in the source fwbr, physdev {@code veth -> fwln}
 *     ({@link Stage#SOURCE_EGRESS}); source host: OUTPUT then POSTROUTING ({@link Stage#SOURCE_EGRESS});</li>
 * <li>between two guests, or a guest and an external address: FORWARD in the host bridge, physdev {@code fwpr/tap -> fwpr/tap}
 *     ({@link Stage#HOST_FORWARD}; {@link Stage#SOURCE_EGRESS} when the source NIC has no {@code firewall=1},
 *     else {@link Stage#DESTINATION_INGRESS} when the source is external or the destination NIC has none, since that pass is then all
 *     the filtering such a NIC gets);</li>
 * <li>destination guest NIC with firewall: FORWARD in the destination fwbr, physdev {@code fwln -> veth}
 *     ({@link Stage#DESTINATION_INGRESS}); destination host: PREROUTING then INPUT, entering by the host
 *     bridge with the source's bridge port as physdev-in ({@link Stage#DESTINATION_INGRESS}).</li>
 * </ul>
 * Host to host uses {@code lo} (OUTPUT, then INPUT). An external endpoint enters or leaves by
 * {@link Endpoint#hostInterface()} (or the host bridge given here); its bridge port is not known, so the
 * host-bridge pass of guest-to-external and external-to-guest traffic has only the guest's port. A packet from a guest NIC whose
 * MAC address is known carries it as source MAC (the guest sends with its own MAC). Every FORWARD pass walks
 * PREROUTING, FORWARD and POSTROUTING, so the raw, mangle and nat tables of a real dump apply too.
 *
 * <p>Immutable and thread-safe.
 */
public final class PveNodeEvaluator {
    private final NetfilterEvaluator netfilter;
    private final String source;
    private final PveFirewall layout;
    private final String hostBridge;

    private PveNodeEvaluator(NetfilterEvaluator netfilter, String source, PveFirewall layout, String hostBridge) {
        this.netfilter = netfilter;
        this.source = source;
        this.layout = layout;
        this.hostBridge = hostBridge;
    }

    /**
     * Creates the evaluator.
     *
     * @param netfilter  the compiled rules of the node
     * @param source     the dump's file name, for the locations of deciding rules
     * @param layout     the Proxmox model giving the guests' kinds and NICs (bridge, {@code firewall=1});
     *                   its rules are not used
     * @param hostBridge the host bridge used where a NIC names none and for external endpoints without
     *                   an interface, e.g. {@code vmbr0}; not empty
     * @return the evaluator
     * @throws IllegalArgumentException if {@code hostBridge} is empty
     */
    public static PveNodeEvaluator of(NetfilterEvaluator netfilter, String source, PveFirewall layout,
                                      String hostBridge) {
        Objects.requireNonNull(netfilter, "netfilter");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(layout, "layout");
        if (hostBridge.isEmpty()) {
            throw new IllegalArgumentException("hostBridge must not be empty");
        }
        return new PveNodeEvaluator(netfilter, source, layout, hostBridge);
    }

    /**
     * The netfilter form of a core packet: same addresses, protocol, ports, ICMP type and code; the
     * conntrack state mapped one to one; TCP flags SYN for a NEW TCP packet, ACK otherwise; a source port
     * of -1 (unknown) becomes 40000.
     *
     * @param p the core packet
     * @return the netfilter packet, without interfaces
     */
    public static Packet toNetfilter(io.phoenixdiag.core.firewall.Packet p) {
        Packet.Builder b = Packet.builder().source(p.sourceIp().toString()).destination(p.destinationIp().toString())
                .protocol(p.protocol());
        if (p.protocol() == 6 || p.protocol() == 17 || p.protocol() == 132 || p.protocol() == 33 || p.protocol() == 136) {
            b.sourcePort(p.sourcePort() < 0 ? 40000 : p.sourcePort()).destinationPort(Math.max(0, p.destinationPort()));
        }
        if (p.protocol() == 1 || p.protocol() == 58) {
            b.icmp(Math.max(0, p.icmpType()), Math.max(0, p.icmpCode()));
        }
        if (p.protocol() == 6) {
            b.tcpFlags(p.state() == ConnState.NEW ? Packet.SYN : Packet.ACK);
        }
        b.state(switch (p.state()) {
            case NEW -> CtState.NEW;
            case ESTABLISHED -> CtState.ESTABLISHED;
            case RELATED -> CtState.RELATED;
            case INVALID -> CtState.INVALID;
        });
        return b.build();
    }

    /**
     * Evaluates a core packet (its endpoints say where it goes).
     *
     * @param p the packet
     * @return the verdict over all passes
     */
    public NodeVerdict evaluate(io.phoenixdiag.core.firewall.Packet p) {
        return evaluate(p.source(), p.destination(), toNetfilter(p));
    }

    /**
     * Evaluates a packet between two endpoints: each pass in order until one does not accept.
     *
     * @param from   the source endpoint
     * @param to     the destination endpoint
     * @param packet the packet (addresses, protocol, ports, state); its interfaces are replaced per pass
     * @return the verdict over all passes, with each pass's trace
     */
    public NodeVerdict evaluate(Endpoint from, Endpoint to, Packet packet) {
        List<NodeVerdict.PassVerdict> done = new ArrayList<>();
        Verdict last = null;
        for (NodePass pass : passes(from, to, packet)) {
            Verdict v = netfilter.evaluate(pass.hooks(), pass.packet());
            done.add(new NodeVerdict.PassVerdict(pass, v));
            last = v;
            if (v.outcome() != Outcome.ACCEPT) {
                return new NodeVerdict(v.outcome(), Optional.of(pass.stage()), pass.stage() + " (" + pass.description()
                        + "): " + v.reason(), location(v), done);
            }
        }
        if (last == null) {
            return new NodeVerdict(Outcome.ACCEPT, Optional.empty(), "no netfilter hook on this node sees the packet",
                    Optional.empty(), done);
        }
        return new NodeVerdict(Outcome.ACCEPT, Optional.empty(), last.reason(), location(last), done);
    }

    private Optional<Location> location(Verdict v) {
        for (int i = v.trace().size() - 1; i >= 0; i--) {
            TraceStep s = v.trace().get(i);
            if ((s.kind() == TraceStep.Kind.RULE || s.kind() == TraceStep.Kind.POLICY
                    || s.kind() == TraceStep.Kind.UNDECIDED) && s.line() > 0) {
                return Optional.of(Location.ofLine(source, s.line(), 0));
            }
        }
        return Optional.empty();
    }

    /**
     * The passes a packet makes between two endpoints on this node, in order (see the class description).
     *
     * @param from   the source endpoint
     * @param to     the destination endpoint
     * @param packet the packet without interfaces
     * @return the passes; never empty
     */
    public List<NodePass> passes(Endpoint from, Endpoint to, Packet packet) {
        List<NodePass> out = new ArrayList<>();
        Port s = port(from);
        Port d = port(to);
        if (s != null && s.mac.matches("(?i)[0-9a-f]{2}(:[0-9a-f]{2}){5}") && packet.sourceMac().isEmpty()) {
            // the guest sends with its own MAC (the MAC filter of its OUT chain passes), and bridges keep it
            packet = packet.toBuilder().sourceMac(s.mac).build();
        }
        boolean hostFrom = from.kind() == Endpoint.Kind.HOST;
        boolean hostTo = to.kind() == Endpoint.Kind.HOST;
        if (hostFrom && hostTo) {
            out.add(new NodePass(Stage.SOURCE_EGRESS, List.of(Hook.OUTPUT, Hook.POSTROUTING),
                    packet.toBuilder().inInterface("").outInterface("lo").physdev("", "").build(), "OUTPUT by lo (host)"));
            out.add(new NodePass(Stage.DESTINATION_INGRESS, Hook.inbound(false),
                    packet.toBuilder().inInterface("lo").outInterface("").physdev("", "").build(), "INPUT by lo (host)"));
            return out;
        }
        if (s != null && s.firewall) {
            out.add(forward(Stage.SOURCE_EGRESS, packet, s.fwbr(), s.device(), s.fwln(), s.label + " egress"));
        } else if (hostFrom) {
            String iface = d != null ? d.bridge : external(to);
            out.add(new NodePass(Stage.SOURCE_EGRESS, List.of(Hook.OUTPUT, Hook.POSTROUTING),
                    packet.toBuilder().inInterface("").outInterface(iface).physdev("", "").build(),
                    "OUTPUT by " + iface + " (host)"));
        }
        boolean extFrom = from.kind() == Endpoint.Kind.EXTERNAL;
        boolean extTo = to.kind() == Endpoint.Kind.EXTERNAL;
        if ((s != null || extFrom) && (d != null || extTo)) {
            // the host bridge between the two ends (an external end's uplink port is not known). A NIC without
            // firewall=1 has no chain of its own: this pass is where its traffic meets netfilter, so a drop here
            // belongs to that NIC's stage, as the Proxmox evaluator reports it
            Stage st = s != null && !s.firewall ? Stage.SOURCE_EGRESS
                    : s == null || (d != null && !d.firewall) ? Stage.DESTINATION_INGRESS : Stage.HOST_FORWARD;
            String bridge = s != null ? s.bridge : d.bridge;
            out.add(forward(st, packet, bridge, s != null ? s.bridgePort() : "", d != null ? d.bridgePort() : "",
                    "host bridge, " + (s != null ? s.label : "external") + " -> " + (d != null ? d.label : "external")));
        }
        if (d != null && d.firewall) {
            out.add(forward(Stage.DESTINATION_INGRESS, packet, d.fwbr(), d.fwln(), d.device(), d.label + " ingress"));
        } else if (hostTo) {
            String iface = s != null ? s.bridge : external(from);
            String phys = s != null ? s.bridgePort() : "";
            out.add(new NodePass(Stage.DESTINATION_INGRESS, Hook.inbound(false),
                    packet.toBuilder().inInterface(iface).outInterface("").physdev(phys, "").build(),
                    "INPUT by " + iface + (phys.isEmpty() ? "" : " from port " + phys) + " (host)"));
        }
        if (out.isEmpty()) {
            // external to external, or between endpoints of unknown layout: the host bridge forwards it
            out.add(new NodePass(Stage.HOST_FORWARD, Hook.inbound(true),
                    packet.toBuilder().inInterface(external(from)).outInterface(external(to)).physdev("", "").build(),
                    "FORWARD " + external(from) + " -> " + external(to)));
        }
        return out;
    }

    private static NodePass forward(Stage stage, Packet p, String bridge, String in, String out, String what) {
        return new NodePass(stage, Hook.inbound(true),
                p.toBuilder().inInterface(bridge).outInterface(bridge).physdev(in, out).build(),
                "FORWARD in " + bridge + ": " + in + " -> " + out + " (" + what + ")");
    }

    private String external(Endpoint e) {
        return e.kind() == Endpoint.Kind.EXTERNAL && !e.hostInterface().isEmpty() ? e.hostInterface() : hostBridge;
    }

    /** A guest NIC's devices; null for the host and external. */
    private Port port(Endpoint e) {
        if (e.kind() != Endpoint.Kind.GUEST) {
            return null;
        }
        GuestFirewall g = layout.guests().get(e.vmid());
        GuestNic nic = g == null ? null : g.nics().get(e.nic());
        int index = nicIndex(e.nic());
        GuestKind kind = g == null ? GuestKind.VM : g.kind();
        String bridge = nic == null || nic.bridge().isEmpty() ? hostBridge : nic.bridge();
        String label = (g == null ? "guest " + e.vmid() : g.subject()) + " " + e.nic();
        return new Port(kind, e.vmid(), index, bridge, nic != null && nic.firewall(), nic == null ? "" : nic.mac(), label);
    }

    static int nicIndex(String nic) {
        try {
            return nic.startsWith("net") ? Integer.parseInt(nic.substring(3)) : 0;
        } catch (NumberFormatException ex) {
            return 0;
        }
    }

    /** A guest NIC's device names. */
    private record Port(GuestKind kind, int vmid, int index, String bridge, boolean firewall, String mac, String label) {
        String device() {
            return PveRulesetRenderer.deviceName(kind, vmid, index);
        }

        String fwbr() {
            return "fwbr" + vmid + "i" + index;
        }

        String fwln() {
            return "fwln" + vmid + "i" + index;
        }

        String bridgePort() {
            return firewall ? "fwpr" + vmid + "p" + index : device();
        }
    }
}
