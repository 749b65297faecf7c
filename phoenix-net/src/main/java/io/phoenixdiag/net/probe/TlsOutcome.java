package io.phoenixdiag.net.probe;

/**
 * The outcome of a TLS probe: {@link #OK} or the first failure met, in the order connect, handshake,
 * path validation (RFC 5280 section 6), reference identity (RFC 9525).
 */
public enum TlsOutcome {
    /** Handshake completed, the served chain validates to a chosen trust anchor and matches the reference identity. */
    OK,
    /** The TCP connect was answered with a RST. */
    REFUSED,
    /** The TCP connect got no answer within the connect timeout (likely a silent drop). */
    TIMEOUT,
    /** The TCP connect failed with an ICMP error or no route. */
    UNREACHABLE,
    /** Connected, but the TLS handshake did not finish within the handshake timeout. */
    HANDSHAKE_TIMEOUT,
    /** The peer answered the ClientHello with something that is not a TLS record, such as an HTTP response. */
    PLAINTEXT_PEER,
    /** The peer sent a fatal alert (RFC 8446 section 6.2); its name is in {@link TlsProbeResult#alert()}. */
    ALERT,
    /** The peer closed the connection before the handshake completed, without an alert. */
    CLOSED_DURING_HANDSHAKE,
    /** The local TLS engine gave up (no common protocol or cipher suite, malformed message). */
    HANDSHAKE_FAILED,
    /** The served chain does not validate; the phoenix-pki reason is in {@link TlsProbeResult#untrustedReason()}. */
    UNTRUSTED,
    /** The chain validates but the end-entity certificate does not match the reference identity (RFC 9525 section 6). */
    NAME_MISMATCH
}
