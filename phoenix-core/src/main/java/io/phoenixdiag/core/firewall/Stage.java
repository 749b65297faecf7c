package io.phoenixdiag.core.firewall;

/** The stages a packet passes, in order. */
public enum Stage {
    /** The source guest NIC's OUT chain, or the host's OUT chain when the host sends. */
    SOURCE_EGRESS,
    /** The host's FORWARD chain (Proxmox VE 8 nftables firewall; routed traffic only). */
    HOST_FORWARD,
    /** The destination guest NIC's IN chain, or the host's IN chain when the host receives. */
    DESTINATION_INGRESS
}
