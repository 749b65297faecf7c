package io.phoenixdiag.capture.flow;

/**
 * Zeek's {@code conn_state} of a connection, with Zeek's own descriptions (scripts/base/protocols/conn/main.zeek).
 * Derived exactly as Zeek's {@code conn_state} function does from the two TCP endpoint states (or, for UDP,
 * from which sides sent anything).
 */
public enum ConnState {
    /** Connection attempt seen, no reply. */
    S0("connection attempt seen, no reply"),
    /** Connection established, not terminated. */
    S1("connection established, not terminated"),
    /** Normal establishment and termination. */
    SF("normal establishment and termination"),
    /** Connection attempt rejected. */
    REJ("connection attempt rejected"),
    /** Connection established and close attempt by originator seen (but no reply from responder). */
    S2("established, close attempt by originator seen (no reply from responder)"),
    /** Connection established and close attempt by responder seen (but no reply from originator). */
    S3("established, close attempt by responder seen (no reply from originator)"),
    /** Connection established, originator aborted (sent a RST). */
    RSTO("established, originator aborted (sent a RST)"),
    /** Responder sent a RST. */
    RSTR("responder sent a RST"),
    /** Originator sent a SYN followed by a RST, never saw a SYN-ACK from the responder. */
    RSTOS0("originator sent a SYN followed by a RST, no SYN-ACK from the responder"),
    /** Responder sent a SYN ACK followed by a RST, never saw a SYN from the (purported) originator. */
    RSTRH("responder sent a SYN-ACK followed by a RST, no SYN from the originator seen"),
    /** Originator sent a SYN followed by a FIN, never saw a SYN ACK from the responder. */
    SH("originator sent a SYN followed by a FIN, no SYN-ACK from the responder (half open)"),
    /** Responder sent a SYN ACK followed by a FIN, never saw a SYN from the originator. */
    SHR("responder sent a SYN-ACK followed by a FIN, no SYN from the originator seen"),
    /** No SYN seen, just midstream traffic. */
    OTH("no SYN seen, just midstream traffic");

    private final String description;

    ConnState(String description) {
        this.description = description;
    }

    /**
     * Zeek's description.
     *
     * @return a phrase
     */
    public String description() {
        return description;
    }
}
