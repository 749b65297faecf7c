package io.phoenixdiag.net.probe;

/** The outcome of an HTTP(S) probe (RFC 9110 status semantics, RFC 9112 message syntax). */
public enum HttpOutcome {
    /** The response has the expected status and its body passes the check. */
    OK,
    /** The response's status is not the expected one. */
    WRONG_STATUS,
    /** The status is as expected but the body fails the check. */
    BODY_MISMATCH,
    /** The TCP connect was answered with a RST. */
    REFUSED,
    /** The TCP connect got no answer in time (likely a silent drop). */
    TIMEOUT,
    /** The TCP connect failed with an ICMP error or no route. */
    UNREACHABLE,
    /** HTTPS only: the TLS probe did not end OK; see {@link HttpProbeResult#tls()}. The HTTP exchange still ran when the handshake completed. */
    TLS_FAILED,
    /** Connected, but no complete response within the response timeout. */
    RESPONSE_TIMEOUT,
    /** The peer answered with something that is not a valid HTTP/1.x response, or a body over the size limit. */
    BAD_RESPONSE,
    /** The peer closed the connection before a complete response. */
    CLOSED
}
