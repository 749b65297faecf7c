package io.phoenixdiag.core.firewall;

import java.util.Objects;

/**
 * One end of a packet for the evaluator: the host (the Proxmox node), a guest NIC, or an external
 * address (anything beyond the node's bridges). Immutable and thread-safe.
 *
 * @param kind          HOST, GUEST or EXTERNAL
 * @param vmid          for GUEST the VMID/CTID; else 0
 * @param nic           for GUEST the NIC key ({@code net0}); else {@code ""}
 * @param hostInterface for EXTERNAL the host interface the packet enters or leaves by ({@code vmbr0}),
 *                      or {@code ""} when unknown (host rules with {@code -i} then match UNKNOWN)
 */
public record Endpoint(Kind kind, int vmid, String nic, String hostInterface) {

    /** What an endpoint is. */
    public enum Kind {
        /** The Proxmox node itself. */
        HOST,
        /** A guest NIC. */
        GUEST,
        /** An address beyond the node. */
        EXTERNAL
    }

    /**
     * Validates the components.
     *
     * @param kind the kind
     * @param vmid the id
     * @param nic the NIC
     * @param hostInterface the host interface
     * @throws NullPointerException if a component is null
     * @throws IllegalArgumentException if a GUEST lacks a NIC or another kind has a vmid/NIC
     */
    public Endpoint {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(nic, "nic");
        Objects.requireNonNull(hostInterface, "hostInterface");
        if ((kind == Kind.GUEST) == nic.isEmpty() || (kind != Kind.GUEST && vmid != 0)) {
            throw new IllegalArgumentException("a GUEST endpoint (only) has a vmid and a NIC");
        }
    }

    /**
     * The host.
     *
     * @return the endpoint
     */
    public static Endpoint host() {
        return new Endpoint(Kind.HOST, 0, "", "");
    }

    /**
     * A guest's {@code net0}.
     *
     * @param vmid the VMID/CTID
     * @return the endpoint
     */
    public static Endpoint guest(int vmid) {
        return guest(vmid, "net0");
    }

    /**
     * A guest NIC.
     *
     * @param vmid the VMID/CTID
     * @param nic  the NIC key ({@code net1})
     * @return the endpoint
     */
    public static Endpoint guest(int vmid, String nic) {
        return new Endpoint(Kind.GUEST, vmid, nic, "");
    }

    /**
     * An external address reached through an unknown host interface.
     *
     * @return the endpoint
     */
    public static Endpoint external() {
        return new Endpoint(Kind.EXTERNAL, 0, "", "");
    }

    /**
     * An external address reached through a host interface.
     *
     * @param hostInterface such as {@code vmbr0}
     * @return the endpoint
     */
    public static Endpoint external(String hostInterface) {
        return new Endpoint(Kind.EXTERNAL, 0, "", hostInterface);
    }
}
