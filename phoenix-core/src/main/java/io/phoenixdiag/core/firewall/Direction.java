package io.phoenixdiag.core.firewall;

/**
 * The rule type of a Proxmox firewall rule ({@code type} in the API, the first word of a {@code .fw}
 * rule line; Proxmox VE Admin Guide, "Firewall Rules").
 */
public enum Direction {
    /** Incoming traffic of the zone (guest NIC or host). */
    IN,
    /** Outgoing traffic of the zone. */
    OUT,
    /** Traffic routed through the host (Proxmox VE 8 nftables firewall; host and datacenter rules only). */
    FORWARD,
    /** A security group reference, expanded in place. */
    GROUP
}
