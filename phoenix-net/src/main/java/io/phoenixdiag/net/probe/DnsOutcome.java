package io.phoenixdiag.net.probe;

/**
 * The outcome of a DNS probe against one nameserver (RFC 1035 section 4.1.1 response codes; RFC 2308 for
 * NXDOMAIN and NODATA).
 */
public enum DnsOutcome {
    /** NOERROR, and the answer's addresses equal the expected ones (any address when none is expected). */
    MATCH,
    /** NOERROR with addresses, but not the expected ones: see {@link DnsProbeResult#got()} and {@link DnsProbeResult#expected()}. */
    WRONG_ADDRESS,
    /** RCODE 3: the name does not exist. */
    NXDOMAIN,
    /** NOERROR without an address of the asked type (RFC 2308 section 2.2): the name exists, the record does not. */
    NODATA,
    /** RCODE 2: the server failed to answer (upstream unreachable, broken zone, DNSSEC failure). */
    SERVFAIL,
    /** Another RCODE, such as REFUSED (5) or NOTIMP (4); see {@link DnsProbeResult#rcode()}. */
    ERROR,
    /** No answer within the timeout. */
    TIMEOUT,
    /**
     * The nameserver (its address and port) answered with a datagram or TCP message that is not a DNS message
     * (RFC 1035 section 4.1: a header, then the counted sections, with names as labels or compression pointers),
     * e.g. truncated, or a compression pointer loop. Reported at once when the datagram carries the query's ID, else
     * at the timeout when no well-formed answer came. Added after {@link #TIMEOUT}: code that switches over this
     * enum needs a default branch.
     */
    MALFORMED
}
