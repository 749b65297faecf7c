package io.phoenixdiag.net.iptables;

/** The address family of a dump: {@code iptables-save} (IPv4) or {@code ip6tables-save} (IPv6). */
public enum Family {
    /** IPv4, {@code iptables-save}. */
    IPV4,
    /** IPv6, {@code ip6tables-save}. */
    IPV6
}
