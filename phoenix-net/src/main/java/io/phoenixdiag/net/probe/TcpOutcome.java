package io.phoenixdiag.net.probe;

/**
 * The outcome of a TCP connect (RFC 9293 section 3.5 for the handshake; RFC 1122 section 4.2.3.9 for ICMP
 * errors).
 */
public enum TcpOutcome {
    /** The three-way handshake completed: something listens on the port. */
    OPEN,
    /** The peer answered the SYN with a RST: the host is up but nothing listens, or a firewall rejects with tcp-reset. */
    REFUSED,
    /** No answer within the timeout: most likely a firewall silently drops the SYN (target DROP), or the host is down. */
    TIMEOUT,
    /** An ICMP error (host/network unreachable, administratively prohibited) or no local route to the address. */
    UNREACHABLE
}
