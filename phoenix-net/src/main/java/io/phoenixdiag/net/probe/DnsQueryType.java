package io.phoenixdiag.net.probe;

/** The address record types a DNS probe asks for (RFC 1035 section 3.2.2; RFC 3596 for AAAA). */
public enum DnsQueryType {
    /** IPv4 address, type 1. */
    A,
    /** IPv6 address, type 28. */
    AAAA
}
