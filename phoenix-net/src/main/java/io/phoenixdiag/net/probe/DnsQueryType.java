package io.phoenixdiag.net.probe;

/**
 * The record types a DNS probe asks for (RFC 1035 section 3.2.2; RFC 3596 for AAAA). A and AAAA answers are
 * compared with expected addresses, CNAME and PTR answers with expected names.
 */
public enum DnsQueryType {
    /** IPv4 address, type 1. */
    A,
    /** IPv6 address, type 28. */
    AAAA,
    /** Canonical name (alias target), type 5. */
    CNAME,
    /** Domain name pointer, type 12, asked for a reverse name such as {@code 12.0.0.10.in-addr.arpa}. */
    PTR;

    /**
     * Whether answers of this type are addresses.
     *
     * @return true for A and AAAA
     */
    public boolean isAddress() {
        return this == A || this == AAAA;
    }
}
