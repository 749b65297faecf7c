package io.phoenixdiag.capture.internal;

import io.phoenixdiag.capture.dissect.DnsMessage;
import io.phoenixdiag.capture.dissect.HttpStartLine;
import io.phoenixdiag.capture.dissect.IcmpError;
import io.phoenixdiag.capture.dissect.Side;
import io.phoenixdiag.capture.flow.ConnState;
import io.phoenixdiag.capture.flow.Flow;
import io.phoenixdiag.capture.flow.FlowKey;
import io.phoenixdiag.capture.flow.FlowOutcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The mutable state of one connection. The TCP part follows Zeek's TCPSessionAdapter::Process and its
 * UpdateStateMachine (src/packet_analysis/protocol/tcp/TCPSessionAdapter.cc, Zeek a13de64f) step by step:
 * endpoint initialisation, history letters (update_history, CheckHistory, the "^h" flip), window, ack and
 * last-sequence bookkeeping with retransmission counting, and the endpoint state transitions; the conn_state
 * is Zeek's conn_state function (scripts/base/protocols/conn/main.zeek).
 */
public final class Conn {
    static final int TH_FIN = 0x01;
    static final int TH_SYN = 0x02;
    static final int TH_RST = 0x04;
    static final int TH_ACK = 0x10;
    private static final int TOO_LARGE_SEQ_DELTA = 1048576;

    private static final int HIST_SYN = 0x1;
    private static final int HIST_FIN = 0x2;
    private static final int HIST_RST = 0x4;
    private static final int HIST_FIN_RST = 0x8;
    private static final int HIST_DATA = 0x10;
    private static final int HIST_ACK = 0x20;
    private static final int HIST_MULTI = 0x40;
    private static final int HIST_UDP_ORIG = 0x100;
    private static final int HIST_UDP_RESP = 0x200;

    final ConnKey key;
    final int proto;
    final int ipVersion;
    final long order;
    Endpoint orig;
    Endpoint resp;
    final Endpoint endA;
    final Endpoint endB;
    private final StringBuilder history = new StringBuilder();
    private int histSeen;
    long first;
    long last;
    int fragments;
    final List<IcmpError> icmpErrors = new ArrayList<>(0);
    TlsTracker tls;
    private List<Object[]> dns;
    private List<Object[]> http;
    boolean notTls;

    Conn(ConnKey key, int proto, int ipVersion, boolean origIsA, long order) {
        this.key = key;
        this.proto = proto;
        this.ipVersion = ipVersion;
        this.order = order;
        endA = new Endpoint(true, origIsA);
        endB = new Endpoint(false, !origIsA);
        endA.peer = endB;
        endB.peer = endA;
        orig = origIsA ? endA : endB;
        resp = origIsA ? endB : endA;
    }

    Endpoint end(boolean fromA) {
        return fromA ? endA : endB;
    }

    /** Zeek's Connection::FlipRoles plus TCPSessionAdapter::FlipRoles. */
    void flipRoles() {
        Endpoint t = orig;
        orig = resp;
        resp = t;
        orig.isOrig = !orig.isOrig;
        resp.isOrig = !resp.isOrig;
        history.append('^');
    }

    String history() {
        return history.toString();
    }

    private boolean connCheckHistory(int mask, char code) {
        if ((histSeen & mask) == 0) {
            histSeen |= mask;
            history.append(code);
            return false;
        }
        return true;
    }

    private boolean checkHistory(Endpoint ep, int mask, char code) {
        if ((code == 'A' || code == 'D') && history.length() == 1 && history.charAt(0) == 'H') {
            flipRoles();
            history.setLength(0);
            history.append("^h");
        }
        if (!ep.isOrig) {
            mask <<= 16;
            code = Character.toLowerCase(code);
        }
        return connCheckHistory(mask, code);
    }

    private void addHistory(Endpoint ep, char code) {
        history.append(ep.isOrig ? code : Character.toLowerCase(code));
    }

    private void scaled(Endpoint ep, char code, boolean rxmt) {
        if (rxmt) {
            if (++ep.rxmtCnt == ep.rxmtThresh) {
                history.append(ep.isOrig ? code : Character.toLowerCase(code));
                ep.rxmtThresh = ep.rxmtThresh * 10 <= ep.rxmtThresh ? ep.rxmtThresh : ep.rxmtThresh * 10;
            }
        } else if (++ep.win0Cnt == ep.win0Thresh) {
            history.append(ep.isOrig ? code : Character.toLowerCase(code));
            ep.win0Thresh = ep.win0Thresh * 10;
        }
    }

    /** UDP: Zeek's UDPAnalyzer history ('D'/'d' once each). */
    void udp(Endpoint ep, int payload) {
        if (ep.isOrig) {
            connCheckHistory(HIST_UDP_ORIG, 'D');
        } else {
            connCheckHistory(HIST_UDP_RESP, 'd');
        }
        ep.udpPayload += payload;
    }

    /** Zeek's TCPSessionAdapter::IsReuse for a new packet on this connection. */
    boolean isReuse(int flags, int seq) {
        if ((flags & TH_SYN) == 0) {
            return false;
        }
        Endpoint connOrig = orig;
        if ((flags & TH_ACK) != 0) {
            if (orig.state != Endpoint.INACTIVE) {
                return false;
            }
            connOrig = resp;
        }
        boolean closed = orig.didClose || resp.didClose;
        if (!closed) {
            if (seq == connOrig.start32) {
                return false;
            }
            if ((flags & TH_ACK) == 0 && connOrig.state == Endpoint.SYN_ACK_SENT && resp.state == Endpoint.INACTIVE
                    && seq == resp.start32) {
                return false;
            }
        }
        return true;
    }

    /**
     * One TCP segment (TCPSessionAdapter::Process).
     *
     * @param ep     the sending endpoint
     * @param flags  TCP flags
     * @param seq    sequence number
     * @param ackNum acknowledgment number
     * @param window window field
     * @param len    payload length
     * @param ts     time
     */
    void tcp(Endpoint ep, int flags, int seq, int ackNum, int window, int len, long ts) {
        boolean isOrig = ep.isOrig;
        Endpoint peer = ep.peer;
        boolean syn = (flags & TH_SYN) != 0;
        boolean fin = (flags & TH_FIN) != 0;
        boolean rst = (flags & TH_RST) != 0;
        boolean ackf = (flags & TH_ACK) != 0;
        if (syn && !ackf) {
            ep.syns++;
            if (ep.firstSynNanos < 0) {
                ep.firstSynNanos = ts;
            }
        } else if (syn && ep.firstSynAckNanos < 0) {
            ep.firstSynAckNanos = ts;
        }

        int segLen = len + (syn ? 1 : 0) + (fin ? 1 : 0) - (rst ? len : 0);
        int onePast = seq + segLen;
        initEndpoint(ep, flags, seq, onePast);
        long relSeq = seq - ep.start32;
        updateHistory(flags, ep, relSeq, len);
        if (window == 0 && !rst && peer.state != Endpoint.CLOSED && ep.state != Endpoint.RESET) {
            scaled(ep, 'W', false);
        }
        if (fin) {
            ep.finCnt++;
        }
        if (rst) {
            ep.rstCnt++;
        }
        if (ackf) {
            if (peer.state == Endpoint.INACTIVE) {
                peer.initSeqs(ackNum - 1, ackNum - 1, ackNum - 1);
            } else if (!rst && ackNum - peer.start32 >= 0) {
                int deltaAck = ackNum - peer.ack32;
                if (!(ackNum == 0 && deltaAck > TOO_LARGE_SEQ_DELTA) && deltaAck > 0) {
                    peer.updateAck(ackNum);
                }
            }
        }
        int deltaLast = onePast - ep.last32;
        if ((syn || rst) && (deltaLast > TOO_LARGE_SEQ_DELTA || deltaLast < -TOO_LARGE_SEQ_DELTA)) {
            // untrusted
        } else if (fin && ep.last32 == ep.start32 + 1) {
            ep.updateLast(onePast);
        } else if (ep.state == Endpoint.RESET) {
            // don't trust
        } else if (deltaLast > 0) {
            ep.updateLast(onePast);
        } else if (len > 0) {
            scaled(ep, 'T', true);
        }
        boolean doClose = stateMachine(ep, peer, seq, ackNum, len, deltaLast, isOrig, flags);
        if (doClose && !ep.didClose) {
            ep.didClose = true;
        }
    }

    private static void initEndpoint(Endpoint ep, int flags, int firstSeq, int lastSeq) {
        boolean syn = (flags & TH_SYN) != 0;
        switch (ep.state) {
            case Endpoint.INACTIVE:
                if (syn) {
                    ep.initSeqs(firstSeq, firstSeq, lastSeq);
                } else {
                    ep.initSeqs(firstSeq - 1, firstSeq - 1, firstSeq);
                }
                break;
            case Endpoint.SYN_SENT:
            case Endpoint.SYN_ACK_SENT:
            case Endpoint.ESTABLISHED:
            case Endpoint.PARTIAL:
                if (syn && firstSeq != ep.start32) {
                    ep.initSeqs(firstSeq, firstSeq, lastSeq);
                } else if (syn && (ep.state == Endpoint.ESTABLISHED || ep.state == Endpoint.PARTIAL)) {
                    ep.initSeqs(firstSeq, firstSeq, lastSeq);
                }
                break;
            case Endpoint.RESET:
                if (syn && ep.prevState == Endpoint.INACTIVE) {
                    ep.initSeqs(firstSeq, firstSeq, lastSeq);
                }
                break;
            default:
                break;
        }
    }

    private void updateHistory(int flags, Endpoint ep, long relSeq, int len) {
        boolean syn = (flags & TH_SYN) != 0;
        boolean fin = (flags & TH_FIN) != 0;
        boolean rst = (flags & TH_RST) != 0;
        int bits = (syn ? 1 : 0) + (fin ? 1 : 0) + (rst ? 1 : 0);
        if (bits > 1) {
            if (fin && rst) {
                checkHistory(ep, HIST_FIN_RST, 'I');
            } else {
                checkHistory(ep, HIST_MULTI, 'Q');
            }
        } else if (bits == 1) {
            if (syn) {
                char code = (flags & TH_ACK) != 0 ? 'H' : 'S';
                if (checkHistory(ep, HIST_SYN, code) && relSeq != ep.histLastSyn) {
                    addHistory(ep, code);
                }
                ep.histLastSyn = relSeq;
            }
            if (fin) {
                if (checkHistory(ep, HIST_FIN, 'F') && relSeq + len != ep.histLastFin) {
                    addHistory(ep, 'F');
                }
                ep.histLastFin = relSeq + len;
            }
            if (rst) {
                if (checkHistory(ep, HIST_RST, 'R') && relSeq != ep.histLastRst) {
                    addHistory(ep, 'R');
                }
                ep.histLastRst = relSeq;
            }
        } else if (len > 0) {
            checkHistory(ep, HIST_DATA, 'D');
        } else if ((flags & TH_ACK) != 0) {
            checkHistory(ep, HIST_ACK, 'A');
        }
    }

    /** @return do_close */
    private boolean stateMachine(Endpoint ep, Endpoint peer, int seq, int ackNum, int len, int deltaLast,
                                 boolean isOrig, int flags) {
        boolean syn = (flags & TH_SYN) != 0;
        boolean fin = (flags & TH_FIN) != 0;
        boolean rst = (flags & TH_RST) != 0;
        boolean ackf = (flags & TH_ACK) != 0;
        boolean doClose = false;
        switch (ep.state) {
            case Endpoint.INACTIVE:
                if (syn) {
                    if (isOrig) {
                        ep.setState(ackf ? Endpoint.SYN_ACK_SENT : Endpoint.SYN_SENT);
                    } else {
                        if (!ackf && peer.state == Endpoint.SYN_ACK_SENT && seq == ep.start32) {
                            flipRoles();
                            peer.setState(Endpoint.ESTABLISHED);
                        }
                        if (peer.state == Endpoint.SYN_SENT) {
                            peer.setState(Endpoint.ESTABLISHED);
                        }
                        ep.setState(Endpoint.ESTABLISHED);
                    }
                }
                if (fin) {
                    ep.setState(Endpoint.CLOSED);
                    doClose = true;
                }
                if (rst) {
                    ep.setState(Endpoint.RESET);
                    doClose = true;
                }
                if (ep.state == Endpoint.INACTIVE) {
                    if (!isOrig && len == 0 && orig.state == Endpoint.SYN_SENT) {
                        // eccentric TCPs ack the SYN before replying
                    } else if (ackf && peer.state == Endpoint.ESTABLISHED) {
                        ep.setState(Endpoint.ESTABLISHED);
                    } else {
                        ep.setState(Endpoint.PARTIAL);
                    }
                }
                break;
            case Endpoint.SYN_SENT:
            case Endpoint.SYN_ACK_SENT:
                if (fin) {
                    ep.setState(Endpoint.CLOSED);
                    doClose = true;
                }
                if (rst) {
                    ep.setState(Endpoint.RESET);
                    doClose = true;
                }
                break;
            case Endpoint.ESTABLISHED:
            case Endpoint.PARTIAL:
                if (syn && ep.state == Endpoint.PARTIAL && peer.state == Endpoint.INACTIVE && !ackf) {
                    ep.setState(Endpoint.SYN_SENT);
                }
                if (fin && !rst) {
                    ep.setState(Endpoint.CLOSED);
                    if (peer.state == Endpoint.RESET && peer.prevState == Endpoint.CLOSED) {
                        peer.setState(Endpoint.CLOSED);
                    }
                    doClose = true;
                }
                if (rst) {
                    ep.setState(Endpoint.RESET);
                    doClose = true;
                }
                break;
            case Endpoint.CLOSED:
                if (rst && peer.state != Endpoint.CLOSED) {
                    ep.setState(Endpoint.RESET);
                    if (!ep.didClose) {
                        doClose = true;
                    }
                }
                break;
            default:
                break;
        }
        return doClose;
    }

    /**
     * Zeek's conn_state function.
     *
     * @return the state
     */
    ConnState connState() {
        if (proto == 6) {
            int os = orig.state;
            int rs = resp.state;
            boolean oInactive = os == Endpoint.INACTIVE || os == Endpoint.PARTIAL;
            boolean rInactive = rs == Endpoint.INACTIVE || rs == Endpoint.PARTIAL;
            if (rs == Endpoint.RESET) {
                if (os == Endpoint.SYN_SENT || os == Endpoint.SYN_ACK_SENT
                        || (os == Endpoint.RESET && orig.size() == 0 && resp.size() == 0)) {
                    return ConnState.REJ;
                }
                return oInactive ? ConnState.RSTRH : ConnState.RSTR;
            }
            if (os == Endpoint.RESET) {
                if (rInactive) {
                    return history.toString().matches("\\^?S[^HAFGIQ]*R.*") ? ConnState.RSTOS0 : ConnState.OTH;
                }
                return ConnState.RSTO;
            }
            if (rs == Endpoint.CLOSED && os == Endpoint.CLOSED) {
                return ConnState.SF;
            }
            if (os == Endpoint.CLOSED) {
                return rInactive ? ConnState.SH : ConnState.S2;
            }
            if (rs == Endpoint.CLOSED) {
                return oInactive ? ConnState.SHR : ConnState.S3;
            }
            if (os == Endpoint.SYN_SENT && rs == Endpoint.INACTIVE) {
                return ConnState.S0;
            }
            if (os == Endpoint.ESTABLISHED && rs == Endpoint.ESTABLISHED) {
                return ConnState.S1;
            }
            return ConnState.OTH;
        }
        if (proto == 17) {
            boolean o = orig.packets > 0;
            boolean r = resp.packets > 0;
            if (o) {
                return r ? ConnState.SF : ConnState.S0;
            }
            return r ? ConnState.SHR : ConnState.OTH;
        }
        return ConnState.OTH;
    }

    void addDns(boolean fromA, DnsMessage m) {
        if (dns == null) {
            dns = new ArrayList<>();
        }
        if (dns.size() < 1024) {
            dns.add(new Object[] {fromA, m});
        }
    }

    void addHttp(boolean fromA, HttpStartLine line) {
        if (http == null) {
            http = new ArrayList<>();
        }
        if (http.size() < 16) {
            http.add(new Object[] {fromA, line});
        }
    }

    private Side side(boolean fromA) {
        return fromA == endA.isOrig ? Side.ORIGINATOR : Side.RESPONDER;
    }

    /**
     * The public view.
     *
     * @return the flow
     */
    Flow toFlow() {
        long[] o = key.address(orig.isA);
        long[] r = key.address(resp.isA);
        FlowKey fk = new FlowKey(protocolName(proto), Addresses.format(o[0], o[1]), key.port(orig.isA),
                Addresses.format(r[0], r[1]), key.port(resp.isA));
        ConnState cs = connState();
        long ob = proto == 6 ? orig.size() : orig.udpPayload;
        long rb = proto == 6 ? resp.size() : resp.udpPayload;
        Optional<Duration> rtt = orig.firstSynNanos >= 0 && resp.firstSynAckNanos >= orig.firstSynNanos
                ? Optional.of(Duration.ofNanos(resp.firstSynAckNanos - orig.firstSynNanos)) : Optional.empty();
        List<DnsMessage> dnsOut = new ArrayList<>();
        if (dns != null) {
            for (Object[] e : dns) {
                DnsMessage m = (DnsMessage) e[1];
                dnsOut.add(new DnsMessage(side((Boolean) e[0]), m.transport(), m.timestampNanos(), m.id(), m.response(),
                        m.opcode(), m.rcode(), m.truncated(), m.questions(), m.answers()));
            }
        }
        List<HttpStartLine> httpOut = new ArrayList<>();
        if (http != null) {
            for (Object[] e : http) {
                HttpStartLine h = (HttpStartLine) e[1];
                httpOut.add(new HttpStartLine(side((Boolean) e[0]), h.request(), h.method(), h.target(), h.version(),
                        h.status(), h.reason()));
            }
        }
        return new Flow(fk, ipVersion, cs, history.toString(), first, last, orig.packets, resp.packets, ob, rb,
                orig.ipBytes, resp.ipBytes, orig.syns, orig.rxmtCnt, resp.rxmtCnt, rtt, icmpErrors,
                tls != null && tls.seen() ? Optional.of(tls.session(endA.isOrig)) : Optional.empty(),
                dnsOut, httpOut, fragments, outcome(cs));
    }

    private FlowOutcome outcome(ConnState cs) {
        boolean answered = resp.packets > 0 && !(proto == 6 && resp.firstSynAckNanos < 0 && resp.state == Endpoint.INACTIVE);
        if (!icmpErrors.isEmpty() && !answered) {
            for (IcmpError e : icmpErrors) {
                if (e.unreachable()) {
                    return FlowOutcome.REJECTED_ICMP;
                }
            }
        }
        if (proto != 6) {
            if (cs == ConnState.SF) {
                return FlowOutcome.COMPLETED;
            }
            return cs == ConnState.S0 ? FlowOutcome.NO_ANSWER : FlowOutcome.PARTIAL;
        }
        switch (cs) {
            case SF: return FlowOutcome.COMPLETED;
            case S1: case S2: case S3: return FlowOutcome.ESTABLISHED;
            case S0: case RSTOS0: return FlowOutcome.NO_ANSWER;
            case SH: return orig.syns > 0 ? FlowOutcome.NO_ANSWER : FlowOutcome.PARTIAL;
            case REJ: return FlowOutcome.REJECTED_RST;
            case RSTO: return FlowOutcome.RESET_BY_ORIGINATOR;
            case RSTR: return FlowOutcome.RESET_BY_RESPONDER;
            default: return FlowOutcome.PARTIAL;
        }
    }

    static String protocolName(int proto) {
        switch (proto) {
            case 6: return "tcp";
            case 17: return "udp";
            case 1: return "icmp";
            case 58: return "ipv6-icmp";
            default: return Integer.toString(proto);
        }
    }
}
