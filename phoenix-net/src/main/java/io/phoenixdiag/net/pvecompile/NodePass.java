package io.phoenixdiag.net.pvecompile;

import io.phoenixdiag.core.firewall.Stage;
import io.phoenixdiag.net.iptables.Hook;
import io.phoenixdiag.net.iptables.Packet;
import java.util.List;
import java.util.Objects;

/**
 * One traversal of the netfilter hooks by a packet on a Proxmox node. A packet between two guests
 * crosses the IP FORWARD hook up to three times (br_netfilter): leaving the source's firewall bridge
 * {@code fwbr<vmid>i<n>}, crossing the host bridge ({@code vmbr0}), entering the destination's firewall
 * bridge; a packet from or to the host passes OUTPUT or INPUT instead.
 *
 * <p>Immutable and thread-safe.
 *
 * @param stage       which Proxmox stage this pass corresponds to (the source's OUT chain, the host bridge,
 *                    the destination's IN chain)
 * @param hooks       the hooks in order ({@code [PREROUTING, FORWARD, POSTROUTING]}, {@code [OUTPUT, POSTROUTING]}
 *                    or {@code [PREROUTING, INPUT]})
 * @param packet      the packet with the interfaces and bridge ports of this pass
 * @param description one line, e.g. {@code FORWARD in fwbr103i0: veth103i0 -> fwln103i0 (lxc:103 net0 egress)}
 */
public record NodePass(Stage stage, List<Hook> hooks, Packet packet, String description) {
    /**
     * Validates and copies the components.
     *
     * @param stage       the stage
     * @param hooks       the hooks
     * @param packet      the packet
     * @param description the description
     * @throws NullPointerException if a component is null
     * @throws IllegalArgumentException if {@code hooks} is empty
     */
    public NodePass {
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(packet, "packet");
        Objects.requireNonNull(description, "description");
        hooks = List.copyOf(hooks);
        if (hooks.isEmpty()) {
            throw new IllegalArgumentException("a pass has at least one hook");
        }
    }
}
