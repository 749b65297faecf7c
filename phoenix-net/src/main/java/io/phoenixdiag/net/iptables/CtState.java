package io.phoenixdiag.net.iptables;

/**
 * A packet's connection-tracking state as the {@code state} and {@code conntrack --ctstate} matches see it
 * (iptables-extensions(8), "conntrack").
 */
public enum CtState {
    /** The packet starts a new connection (the first packet seen in either direction). */
    NEW,
    /** The packet belongs to a connection that has seen packets in both directions. */
    ESTABLISHED,
    /** The packet starts a connection related to an existing one (FTP data, an ICMP error). */
    RELATED,
    /** The packet is not associated with a known connection. */
    INVALID,
    /** The packet is not tracked (a raw-table NOTRACK / CT --notrack rule). */
    UNTRACKED
}
