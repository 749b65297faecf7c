package io.phoenixdiag.capture.internal;

import io.phoenixdiag.capture.dissect.DnsMessage;
import io.phoenixdiag.capture.dissect.HttpStartLine;
import io.phoenixdiag.capture.dissect.IcmpError;
import io.phoenixdiag.capture.dissect.Side;
import io.phoenixdiag.capture.flow.Flow;
import io.phoenixdiag.capture.source.CaptureWarning;
import io.phoenixdiag.capture.source.LinkType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;

/**
 * The flow tracker's engine: decodes each frame, finds or creates its connection (with Zeek's role-flip
 * heuristic for connections that start without a SYN, and port reuse), runs the TCP state machine,
 * attaches ICMP errors to the flows they quote, and feeds payload to the TLS, DNS and HTTP dissectors.
 */
public final class Engine {
    private static final int MAX_WARNINGS = 100;
    private static final long TLS_BUDGET = 64 * 1024;
    private static final long DNS_TCP_BUDGET = 1 << 20;
    /** Zeek's likely_server_ports for TCP as registered by its base protocol scripts (a13de64f). */
    private static final boolean[] TCP_SERVER = ports(21, 22, 25, 53, 79, 80, 81, 88, 135, 139, 143, 443, 445, 465, 502,
            514, 563, 585, 587, 614, 631, 636, 989, 990, 992, 993, 995, 1080, 1434, 1883, 2811, 3128, 3306, 3389, 5222,
            5223, 5269, 6379, 6666, 6667, 6668, 6669, 8000, 8080, 8888, 20000);
    /** Zeek's likely_server_ports for UDP. */
    private static final boolean[] UDP_SERVER = ports(53, 67, 68, 88, 123, 137, 161, 162, 443, 514, 784, 853, 1812,
            3389, 4011, 5060, 5353, 5355, 20000);

    private final Decoder dec = new Decoder();
    private final ConnKey probe = new ConnKey();
    private final HashMap<ConnKey, Conn> conns = new HashMap<>();
    private final List<Conn> ended = new ArrayList<>();
    private final List<CaptureWarning> warnings = new ArrayList<>();
    private String source = "capture";
    private long sourcePacket;
    private long order;

    /** Packets seen. */
    public long packets;
    /** Bytes on the wire (original lengths). */
    public long bytes;
    /** IP packets. */
    public long ipPackets;
    /** Non-IP frames. */
    public long nonIp;
    /** Malformed frames. */
    public long malformed;
    /** IP fragments. */
    public long fragments;
    /** First packet time. */
    public long firstNanos = Long.MAX_VALUE;
    /** Last packet time. */
    public long lastNanos = Long.MIN_VALUE;

    private static boolean[] ports(int... ps) {
        boolean[] t = new boolean[65536];
        for (int p : ps) {
            t[p] = true;
        }
        return t;
    }

    /**
     * Names the source of the next packets (for warnings) and restarts packet numbering.
     *
     * @param name a file or interface name
     */
    public void source(String name) {
        source = name;
        sourcePacket = 0;
    }

    /**
     * The warnings (capped).
     *
     * @return a copy
     */
    public List<CaptureWarning> warnings() {
        return List.copyOf(warnings);
    }

    private void warn(String message) {
        if (warnings.size() < MAX_WARNINGS) {
            warnings.add(new CaptureWarning(source, -1, sourcePacket, message));
        } else if (warnings.size() == MAX_WARNINGS) {
            warnings.add(new CaptureWarning(source, -1, sourcePacket, "more packet warnings are not listed"));
        }
    }

    /**
     * All flows so far, in order of their first packet.
     *
     * @return the flows
     */
    public List<Flow> flows() {
        List<Conn> all = new ArrayList<>(ended);
        all.addAll(conns.values());
        all.sort(Comparator.comparingLong((Conn c) -> c.first).thenComparingLong(c -> c.order));
        List<Flow> out = new ArrayList<>(all.size());
        for (Conn c : all) {
            out.add(c.toFlow());
        }
        return out;
    }

    /**
     * One packet.
     *
     * @param ts     time, ns
     * @param link   link type
     * @param data   bytes
     * @param off    start
     * @param caplen captured length
     * @param origlen wire length
     */
    public void packet(long ts, LinkType link, byte[] data, int off, int caplen, int origlen) {
        packets++;
        sourcePacket++;
        bytes += origlen;
        if (ts < firstNanos) {
            firstNanos = ts;
        }
        if (ts > lastNanos) {
            lastNanos = ts;
        }
        int r = dec.decode(link, data, off, caplen);
        if (r == Decoder.NOT_IP) {
            nonIp++;
            return;
        }
        if (r == Decoder.MALFORMED) {
            malformed++;
            warn(dec.problem);
            return;
        }
        ipPackets++;
        if (dec.fragment) {
            fragments++;
        }
        if (dec.laterFragment) {
            return;
        }
        int proto = dec.proto;
        if (!dec.transportOk) {
            malformed++;
            warn(Conn.protocolName(proto) + " header truncated or invalid");
            return;
        }
        if ((proto == 1 || proto == 58) && dec.quoted) {
            icmpError(ts);
            return;
        }
        int sport = dec.srcPort;
        int dport = dec.dstPort;
        if (proto == 1 || proto == 58) {
            int type = dec.srcPort;
            sport = proto == 1 ? (type == 0 ? 8 : type) : (type == 129 ? 128 : type);
            dport = 0;
        } else if (proto != 6 && proto != 17) {
            sport = 0;
            dport = 0;
        }
        boolean srcIsA = probe.set(proto, dec.srcHi, dec.srcLo, sport, dec.dstHi, dec.dstLo, dport);
        Conn c = conns.get(probe);
        if (c != null && proto == 6 && c.isReuse(dec.flags, dec.seq)) {
            conns.remove(probe);
            ended.add(c);
            c = null;
        }
        if (c == null) {
            c = newConn(proto, srcIsA, sport, dport, ts);
        }
        Endpoint ep = c.end(srcIsA);
        ep.packets++;
        ep.ipBytes += dec.ipLength;
        c.last = ts;
        if (dec.fragment) {
            c.fragments++;
        }
        if (proto == 6) {
            c.tcp(ep, dec.flags, dec.seq, dec.ack, dec.window, dec.payloadLength, ts);
            if (dec.payloadCaptured > 0 && (dec.flags & (Conn.TH_RST | Conn.TH_SYN)) == 0) {
                tcpPayload(c, ep, data, ts);
            }
        } else if (proto == 17) {
            c.udp(ep, dec.payloadLength);
            if (dec.payloadCaptured >= 12 && (dnsPort(sport) || dnsPort(dport))) {
                try {
                    DnsMessage m = DnsParser.parse(data, dec.payloadOffset, dec.payloadCaptured, Side.ORIGINATOR, "udp", ts);
                    c.addDns(srcIsA, m);
                } catch (Malformed e) {
                    warn("malformed DNS message: " + e.getMessage());
                }
            }
        }
    }

    private static boolean dnsPort(int p) {
        return p == 53 || p == 5353 || p == 5355;
    }

    private Conn newConn(int proto, boolean srcIsA, int sport, int dport, long ts) {
        boolean flip = false;
        if (proto == 6) {
            int f = dec.flags;
            if ((f & Conn.TH_SYN) == 0 || (f & Conn.TH_ACK) != 0) {
                if (TCP_SERVER[sport]) {
                    flip = TCP_SERVER[dport] ? (f & Conn.TH_SYN) == 0 && sport < dport : true;
                }
            }
        } else if (proto == 17) {
            flip = UDP_SERVER[sport] && !UDP_SERVER[dport];
        }
        Conn c = new Conn(probe.copy(), proto, dec.ipVersion, srcIsA, order++);
        c.first = ts;
        if (flip) {
            c.flipRoles();
        }
        conns.put(c.key, c);
        return c;
    }

    private void icmpError(long ts) {
        int qp = dec.qProto;
        boolean ports = qp == 6 || qp == 17;
        int sport = ports ? dec.qSrcPort : 0;
        int dport = ports ? dec.qDstPort : 0;
        if (qp == 1 || qp == 58) {
            int type = dec.qSrcPort;
            sport = qp == 1 ? (type == 0 ? 8 : type) : (type == 129 ? 128 : type);
        }
        boolean srcIsA = probe.set(qp, dec.qSrcHi, dec.qSrcLo, sport, dec.qDstHi, dec.qDstLo, dport);
        Conn c = conns.get(probe);
        if (c == null) {
            c = new Conn(probe.copy(), qp, dec.qVersion, srcIsA, order++);
            c.first = ts;
            c.last = ts;
            conns.put(c.key, c);
        }
        c.icmpErrors.add(new IcmpError(ts, dec.ipVersion, dec.srcPort, dec.dstPort, Addresses.format(dec.srcHi, dec.srcLo)));
    }

    private void tcpPayload(Conn c, Endpoint ep, byte[] data, long ts) {
        int off = dec.payloadOffset;
        int n = dec.payloadCaptured;
        boolean first = !ep.sawPayload;
        ep.sawPayload = true;
        if (ep.stream == null && first) {
            Optional<HttpStartLine> line = HttpLines.candidate(data, off, n)
                    ? HttpLines.parse(data, off, n, Side.ORIGINATOR) : Optional.empty();
            if (line.isPresent()) {
                c.addHttp(ep.isA, line.get());
                c.notTls = true;
                return;
            }
            int sport = c.key.port(ep.isA);
            int dport = c.key.port(!ep.isA);
            if (sport == 53 || dport == 53) {
                boolean fromA = ep.isA;
                ep.stream = new Reassembler((b, len, t) -> dnsTcp(c, fromA, b, len, t), DNS_TCP_BUDGET);
            } else if (!c.notTls && (c.tls != null || looksLikeTls(data, off, n))) {
                if (c.tls == null) {
                    c.tls = new TlsTracker();
                }
                ep.stream = new Reassembler(ep.isA ? c.tls.a : c.tls.b, TLS_BUDGET);
            } else {
                c.notTls = true;
                return;
            }
            if (ep.syns > 0 || ep.firstSynAckNanos >= 0) {
                ep.stream.start(ep.start32 + 1);
            }
        }
        if (ep.stream != null) {
            ep.stream.add(dec.seq, data, off, n, ts);
        } else if (c.tls == null && HttpLines.candidate(data, off, n)) {
            HttpLines.parse(data, off, n, Side.ORIGINATOR).ifPresent(l -> c.addHttp(ep.isA, l));
        }
    }

    private static boolean looksLikeTls(byte[] b, int off, int n) {
        if (n < 3) {
            return false;
        }
        int type = b[off] & 0xff;
        return type >= 20 && type <= 23 && b[off + 1] == 3 && (b[off + 2] & 0xff) <= 4;
    }

    private int dnsTcp(Conn c, boolean fromA, byte[] b, int len, long ts) {
        int off = 0;
        while (len - off >= 2) {
            int n = (b[off] & 0xff) << 8 | (b[off + 1] & 0xff);
            if (len - off - 2 < n) {
                break;
            }
            try {
                c.addDns(fromA, DnsParser.parse(b, off + 2, n, Side.ORIGINATOR, "tcp", ts));
            } catch (Malformed e) {
                warn("malformed DNS message over TCP: " + e.getMessage());
                return -1;
            }
            off += 2 + n;
        }
        return off;
    }
}
