package io.phoenixdiag.core.firewall;

/**
 * The outcome of a packet across the Proxmox firewall; the names are part of the report contract
 * ({@code flows[].verdicts[].state}).
 */
public enum VerdictState {
    /** Every stage lets the packet pass. */
    ALLOWED,
    /** The source guest's OUT rules/policy (or the host's OUT rules when the host sends) drop or reject it. */
    BLOCKED_SOURCE_EGRESS,
    /** The host's FORWARD rules/policy (nftables firewall, routed traffic) drop it. */
    BLOCKED_HOST_FORWARD,
    /** The destination guest's IN rules/policy (or the host's IN rules) drop or reject it. */
    BLOCKED_DESTINATION_INGRESS,
    /** A rule's match could not be decided from the given configuration (e.g. an IPSet with unknown contents). */
    UNKNOWN
}
