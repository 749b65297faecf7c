package io.phoenixdiag.capture.dissect;

/**
 * Which end of a flow sent something, in Zeek's terms: the originator opened the connection (the client),
 * the responder accepted it (the server).
 */
public enum Side {
    /** The end that opened the flow (sent the first SYN; for UDP the first datagram): the client. */
    ORIGINATOR,
    /** The end that answered: the server. */
    RESPONDER;

    /**
     * The everyday word for the side.
     *
     * @return {@code client} or {@code server}
     */
    public String role() {
        return this == ORIGINATOR ? "client" : "server";
    }

    /**
     * The other side.
     *
     * @return the peer's side
     */
    public Side other() {
        return this == ORIGINATOR ? RESPONDER : ORIGINATOR;
    }
}
