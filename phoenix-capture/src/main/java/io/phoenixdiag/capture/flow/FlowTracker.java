package io.phoenixdiag.capture.flow;

import io.phoenixdiag.capture.internal.Engine;
import io.phoenixdiag.capture.source.CaptureWarning;
import io.phoenixdiag.capture.source.LinkType;
import io.phoenixdiag.capture.source.PacketHandler;
import java.util.List;
import java.util.Objects;

/**
 * Tracks flows keyed by 5-tuple from a stream of packets (feed it from a {@link
 * io.phoenixdiag.capture.source.CaptureFileReader} or a live capture),
 * classifying each with Zeek's {@code conn_state} and {@code history} and our {@link FlowOutcome}, and
 * dissecting what it carries (TLS handshakes, DNS, HTTP start lines, ICMP errors).
 *
 * <p>Zeek semantics (Zeek a13de64f: TCPSessionAdapter, TCP_Endpoint, conn/main.zeek), followed step by
 * step: the endpoint state machine (INACTIVE, SYN_SENT, SYN_ACK_SENT, PARTIAL, ESTABLISHED, CLOSED, RESET);
 * history letters S, H, A, D, F, R, T, W, I, Q, ^ with Zeek's repetition rules (A, D, I, Q once per
 * direction; S, H, F, R again when the sequence number differs; T and W at 1, 10, 100...); role flipping for
 * connections that start without a SYN using Zeek's likely_server_ports, and the "^h" flip when a SYN-ACK
 * was seen first; port reuse (a new SYN on a closed 5-tuple starts a new flow); UDP's S0/SF/SHR/OTH.
 * Differences, all documented: checksums are not verified (as {@code zeek -C}; no 'C'), content gaps are
 * not tracked ('G'), and flows never time out (Zeek's inactivity timers would split a 5-tuple silent for
 * minutes into two connections).
 *
 * <p>Memory grows with the number of flows, not packets: each flow keeps counters, at most 64 KiB of TLS
 * stream per direction until its handshake is parsed, up to 1024 DNS messages and 16 HTTP start lines.
 * Not thread-safe: feed it from one thread, then read {@link #flows()}.
 */
public final class FlowTracker implements PacketHandler {
    private final Engine engine = new Engine();

    private FlowTracker() {
    }

    /**
     * A new, empty tracker.
     *
     * @return the tracker
     */
    public static FlowTracker create() {
        return new FlowTracker();
    }

    /**
     * Names the source of the following packets in warnings (a file name, an interface) and restarts the
     * packet numbering; flows carry on across sources, so two files read in sequence give the same flows
     * as one file holding both.
     *
     * @param name the source name
     */
    public void source(String name) {
        engine.source(Objects.requireNonNull(name, "name"));
    }

    /**
     * Processes one packet. Never throws for malformed bytes: they are counted and warned about.
     *
     * @param timestampNanos capture time, ns since the epoch
     * @param linkType       link-layer type
     * @param data           the buffer
     * @param offset         packet start
     * @param capturedLength captured bytes
     * @param originalLength wire length
     */
    @Override
    public void packet(long timestampNanos, LinkType linkType, byte[] data, int offset, int capturedLength,
                       int originalLength) {
        engine.packet(timestampNanos, linkType, data, offset, capturedLength, originalLength);
    }

    /**
     * The flows so far (ended and still open), in order of their first packet; each call builds a new
     * immutable snapshot.
     *
     * @return the flows
     */
    public List<Flow> flows() {
        return engine.flows();
    }

    /**
     * Packet counts so far.
     *
     * @return the statistics
     */
    public CaptureStats stats() {
        boolean any = engine.packets > 0;
        return new CaptureStats(engine.packets, engine.bytes, engine.ipPackets, engine.nonIp, engine.malformed,
                engine.fragments, any ? engine.firstNanos : 0, any ? engine.lastNanos : 0);
    }

    /**
     * Warnings about malformed packets and messages (at most 100, then one saying more were dropped).
     *
     * @return a copy
     */
    public List<CaptureWarning> warnings() {
        return engine.warnings();
    }
}
