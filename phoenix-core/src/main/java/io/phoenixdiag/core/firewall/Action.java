package io.phoenixdiag.core.firewall;

/**
 * A Proxmox firewall rule action or chain policy ({@code policy_in}, {@code policy_out},
 * {@code policy_forward}); pve-firewall(8).
 */
public enum Action {
    /** Let the packet pass this zone. */
    ACCEPT,
    /** Discard the packet silently. */
    DROP,
    /** Discard the packet and answer (TCP reset or ICMP unreachable; pve-firewall's {@code PVEFW-reject}). */
    REJECT
}
