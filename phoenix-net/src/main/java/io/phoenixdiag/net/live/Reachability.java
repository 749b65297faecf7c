package io.phoenixdiag.net.live;

/**
 * What a probe says about the network path, whatever the application layer said: the fact the flow matrix
 * needs. A TLS handshake that fails on an untrusted chain still means the port is {@link #OPEN}.
 */
public enum Reachability {
    /** Something answered at the destination (TCP handshake completed, or a DNS answer came back). */
    OPEN,
    /** The destination answered the connection attempt with a reset (RFC 9293 section 3.10.7.1: no listener or a REJECT rule). */
    REFUSED,
    /** No answer within the timeout: likely a silent drop (firewall DROP policy) or a peer that never accepts. */
    TIMEOUT,
    /** No route or an ICMP destination-unreachable (RFC 792) answer. */
    UNREACHABLE,
    /** The probe ran but its result says nothing about the path (a local error, a malformed answer). */
    INCONCLUSIVE,
    /** The probe did not run: the global deadline passed, it was cancelled, or the executor failed. */
    NOT_RUN;

    /**
     * Whether this says the flow does not get through.
     *
     * @return {@code true} for {@link #REFUSED}, {@link #TIMEOUT} and {@link #UNREACHABLE}
     */
    public boolean isClosed() {
        return this == REFUSED || this == TIMEOUT || this == UNREACHABLE;
    }

    /**
     * Whether the probe decided anything about the path.
     *
     * @return {@code true} for {@link #OPEN} and the closed values
     */
    public boolean isDecided() {
        return this == OPEN || isClosed();
    }
}
