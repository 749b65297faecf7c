package io.phoenixdiag.capture.internal;

/**
 * One end of a connection: counters for every protocol, and for TCP the endpoint state and sequence
 * bookkeeping of Zeek's TCP_Endpoint (src/analyzer/protocol/tcp/TCP_Endpoint.{h,cc}).
 */
public final class Endpoint {
    /** TCP_ENDPOINT_INACTIVE. */
    public static final int INACTIVE = 0;
    /** TCP_ENDPOINT_SYN_SENT. */
    public static final int SYN_SENT = 1;
    /** TCP_ENDPOINT_SYN_ACK_SENT. */
    public static final int SYN_ACK_SENT = 2;
    /** TCP_ENDPOINT_PARTIAL. */
    public static final int PARTIAL = 3;
    /** TCP_ENDPOINT_ESTABLISHED. */
    public static final int ESTABLISHED = 4;
    /** TCP_ENDPOINT_CLOSED. */
    public static final int CLOSED = 5;
    /** TCP_ENDPOINT_RESET. */
    public static final int RESET = 6;

    /** Whether this end is the key's canonical end A. */
    final boolean isA;
    /** Whether this end is currently the originator. */
    boolean isOrig;
    Endpoint peer;

    long packets;
    long ipBytes;
    long udpPayload;
    int syns;
    long firstSynNanos = -1;
    long firstSynAckNanos = -1;

    int state = INACTIVE;
    int prevState = INACTIVE;
    boolean didClose;
    int start32;
    long start64;
    int last32;
    long last64;
    int ack32;
    long ack64;
    int finCnt;
    int rstCnt;
    long histLastSyn;
    long histLastFin;
    long histLastRst;
    long rxmtCnt;
    long rxmtThresh = 1;
    long win0Cnt;
    long win0Thresh = 1;
    boolean sawPayload;
    boolean httpChecked;

    Reassembler stream;

    Endpoint(boolean isA, boolean isOrig) {
        this.isA = isA;
        this.isOrig = isOrig;
    }

    void setState(int s) {
        if (s != state) {
            prevState = state;
            state = s;
        }
    }

    void initSeqs(int start, int ack, int last) {
        start32 = start;
        start64 = start & 0xffffffffL;
        ack32 = ack;
        ack64 = start64 + (ack - start);
        last32 = last;
        last64 = start64 + (last - start);
    }

    void updateLast(int s) {
        last64 += s - last32;
        last32 = s;
    }

    void updateAck(int s) {
        ack64 += s - ack32;
        ack32 = s;
    }

    boolean noDataAcked() {
        return ack64 == start64 || ack64 == start64 + 1;
    }

    /**
     * Zeek's TCP_Endpoint::Size(): payload bytes from sequence numbers, SYN and FIN excluded.
     *
     * @return the size in bytes
     */
    long size() {
        if (prevState == SYN_SENT && state == RESET && peer.state == INACTIVE && !noDataAcked()) {
            return 0;
        }
        long size = Math.max(last64, ack64) - start64;
        if (size < 0) {
            return 0;
        }
        if (size != 0) {
            --size;
        }
        if (finCnt > 0 && size != 0) {
            --size;
        }
        return size;
    }
}
