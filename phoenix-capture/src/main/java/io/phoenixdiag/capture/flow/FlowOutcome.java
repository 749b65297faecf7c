package io.phoenixdiag.capture.flow;

/**
 * What happened to a flow, in our words, on top of Zeek's {@link ConnState}: ICMP errors attached to the
 * flow turn an unanswered attempt into {@link #REJECTED_ICMP} (Zeek still says S0).
 */
public enum FlowOutcome {
    /** TCP: handshake and orderly close (SF). UDP/other: both sides sent something (SF). */
    COMPLETED(false),
    /** TCP: handshake done, still open when the capture ended (S1, S2, S3). */
    ESTABLISHED(false),
    /** No answer at all (S0, SH, RSTOS0; UDP S0 without ICMP): silently dropped or the host is down. */
    NO_ANSWER(true),
    /** TCP: the attempt was answered with a RST (REJ): port closed, or a REJECT with tcp-reset. */
    REJECTED_RST(true),
    /** An ICMP/ICMPv6 destination-unreachable answered the flow and nothing else did. */
    REJECTED_ICMP(true),
    /** TCP: established, then reset by the originator (RSTO). */
    RESET_BY_ORIGINATOR(false),
    /** TCP: established, then reset by the responder (RSTR). */
    RESET_BY_RESPONDER(false),
    /** Only part of the connection was seen (OTH, RSTRH, SHR): the capture started midstream. */
    PARTIAL(false);

    private final boolean failedToConnect;

    FlowOutcome(boolean failedToConnect) {
        this.failedToConnect = failedToConnect;
    }

    /**
     * Whether the originator never got a working connection.
     *
     * @return true for {@link #NO_ANSWER}, {@link #REJECTED_RST}, {@link #REJECTED_ICMP}
     */
    public boolean failedToConnect() {
        return failedToConnect;
    }
}
