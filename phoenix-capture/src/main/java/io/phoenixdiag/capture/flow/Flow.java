package io.phoenixdiag.capture.flow;

import io.phoenixdiag.capture.dissect.DnsMessage;
import io.phoenixdiag.capture.dissect.HttpStartLine;
import io.phoenixdiag.capture.dissect.IcmpError;
import io.phoenixdiag.capture.dissect.TlsSession;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One flow (a Zeek "connection") as seen in a capture: its 5-tuple from the originator's side, Zeek's
 * {@code conn_state} and {@code history}, counters, and what was dissected in it.
 *
 * <p>Byte counts follow Zeek's {@code orig_bytes}/{@code resp_bytes}: for TCP they come from sequence
 * numbers (payload bytes, SYN and FIN excluded), for UDP they are the sum of datagram payloads.
 *
 * @param key                 the 5-tuple, originator first
 * @param ipVersion           4 or 6
 * @param connState           Zeek's conn_state
 * @param history             Zeek's history string (e.g. {@code ShADadFf}); see {@link FlowTracker}
 * @param firstNanos          time of the first packet, nanoseconds since the epoch (0 for a flow known
 *                            only from an ICMP error's quote)
 * @param lastNanos           time of the last packet
 * @param originatorPackets   packets from the originator
 * @param responderPackets    packets from the responder
 * @param originatorBytes     payload bytes from the originator (Zeek's orig_bytes)
 * @param responderBytes      payload bytes from the responder (Zeek's resp_bytes)
 * @param originatorIpBytes   IP-level bytes from the originator (IP total length summed)
 * @param responderIpBytes    IP-level bytes from the responder
 * @param originatorSyns      TCP SYNs (without ACK) the originator sent, retransmissions included
 * @param originatorRetransmissions TCP data segments the originator sent again (Zeek's 'T' counter)
 * @param responderRetransmissions  TCP data segments the responder sent again
 * @param handshakeRtt        time from the originator's first SYN to the responder's SYN-ACK, when both were seen
 * @param icmpErrors          ICMP errors quoting a packet of this flow, in order
 * @param tls                 the TLS handshake when the flow carried TLS records
 * @param dns                 DNS messages carried, in order
 * @param http                HTTP/1.x start lines seen, in order (at most 16)
 * @param fragments           IP fragments (first fragments) that belonged to this flow
 * @param outcome             our classification
 */
public record Flow(FlowKey key, int ipVersion, ConnState connState, String history, long firstNanos, long lastNanos,
                   long originatorPackets, long responderPackets, long originatorBytes, long responderBytes,
                   long originatorIpBytes, long responderIpBytes, int originatorSyns, long originatorRetransmissions,
                   long responderRetransmissions, Optional<Duration> handshakeRtt, List<IcmpError> icmpErrors,
                   Optional<TlsSession> tls, List<DnsMessage> dns, List<HttpStartLine> http, int fragments,
                   FlowOutcome outcome) {
    /**
     * Copies the lists and validates.
     *
     * @param key                 the key
     * @param ipVersion           4 or 6
     * @param connState           the conn_state
     * @param history             the history
     * @param firstNanos          first packet time
     * @param lastNanos           last packet time
     * @param originatorPackets   originator packets
     * @param responderPackets    responder packets
     * @param originatorBytes     originator payload bytes
     * @param responderBytes      responder payload bytes
     * @param originatorIpBytes   originator IP bytes
     * @param responderIpBytes    responder IP bytes
     * @param originatorSyns      originator SYNs
     * @param originatorRetransmissions originator retransmissions
     * @param responderRetransmissions  responder retransmissions
     * @param handshakeRtt        handshake RTT
     * @param icmpErrors          ICMP errors
     * @param tls                 TLS
     * @param dns                 DNS
     * @param http                HTTP lines
     * @param fragments           fragments
     * @param outcome             the outcome
     */
    public Flow {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(connState, "connState");
        Objects.requireNonNull(history, "history");
        Objects.requireNonNull(handshakeRtt, "handshakeRtt");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(outcome, "outcome");
        icmpErrors = List.copyOf(icmpErrors);
        dns = List.copyOf(dns);
        http = List.copyOf(http);
    }

    /**
     * The transport protocol, e.g. {@code tcp}.
     *
     * @return the key's protocol
     */
    public String protocol() {
        return key.protocol();
    }

    /**
     * The responder's port, which names the service.
     *
     * @return the port, 0 when the protocol has none
     */
    public int port() {
        return key.responderPort();
    }

    /**
     * Duration from first to last packet.
     *
     * @return the duration, zero for a single packet
     */
    public Duration duration() {
        return Duration.ofNanos(Math.max(0, lastNanos - firstNanos));
    }

    /**
     * As text: key, conn_state, history and outcome.
     *
     * @return e.g. {@code tcp 10.0.0.1:41736 -> 10.0.0.2:9 REJ Sr REJECTED_RST}
     */
    @Override
    public String toString() {
        return key + " " + connState + " " + history + " " + outcome;
    }
}
