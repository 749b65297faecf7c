package io.phoenixdiag.net.iptables.internal;

import io.phoenixdiag.net.iptables.Packet;

/** The mutable packet state an evaluation walks with (addresses as 64-bit words). Not thread-safe. */
final class Ctx {
    static final int NEW = 1;
    static final int ESTABLISHED = 2;
    static final int RELATED = 4;
    static final int INVALID = 8;
    static final int UNTRACKED = 16;
    static final int SNAT = 32;
    static final int DNAT = 64;

    boolean v6;
    long sHi;
    long sLo;
    long dHi;
    long dLo;
    boolean dstUnknown;
    boolean dportUnknown;
    int proto;
    int sport;
    int dport;
    int icmpType;
    int icmpCode;
    int tcpFlags;
    int state;
    boolean notracked;
    boolean inRaw;
    long mark;
    long ctmark;
    String in;
    String out;
    String physIn;
    String physOut;
    String mac;
    boolean frag;
    /** Assumptions made for undecidable matches that must answer the same way for the rest of the walk. */
    java.util.Map<String, Boolean> assumed;

    static Ctx of(Packet p) {
        Ctx c = new Ctx();
        long[] s = Values.words(p.source());
        long[] d = Values.words(p.destination());
        c.v6 = p.source().getAddress().length == 16;
        c.sHi = s[0];
        c.sLo = s[1];
        c.dHi = d[0];
        c.dLo = d[1];
        c.proto = p.protocol();
        c.sport = p.sourcePort();
        c.dport = p.destinationPort();
        c.icmpType = p.icmpType();
        c.icmpCode = p.icmpCode();
        c.tcpFlags = p.tcpFlags();
        c.state = 1 << p.state().ordinal();
        c.mark = p.mark();
        c.ctmark = p.ctmark();
        c.in = p.inInterface();
        c.out = p.outInterface();
        c.physIn = p.physdevIn();
        c.physOut = p.physdevOut();
        c.mac = p.sourceMac();
        c.frag = p.fragment();
        return c;
    }

    /** The state bit the state/conntrack matches see now: before conntrack (raw) a packet has no entry. */
    int stateBit() {
        if (notracked) {
            return UNTRACKED;
        }
        return inRaw ? INVALID : state;
    }

    Ctx copy() {
        Ctx c = new Ctx();
        c.v6 = v6;
        c.sHi = sHi;
        c.sLo = sLo;
        c.dHi = dHi;
        c.dLo = dLo;
        c.dstUnknown = dstUnknown;
        c.dportUnknown = dportUnknown;
        c.proto = proto;
        c.sport = sport;
        c.dport = dport;
        c.icmpType = icmpType;
        c.icmpCode = icmpCode;
        c.tcpFlags = tcpFlags;
        c.state = state;
        c.notracked = notracked;
        c.inRaw = inRaw;
        c.mark = mark;
        c.ctmark = ctmark;
        c.in = in;
        c.out = out;
        c.physIn = physIn;
        c.physOut = physOut;
        c.mac = mac;
        c.frag = frag;
        c.assumed = assumed == null ? null : new java.util.HashMap<>(assumed);
        return c;
    }
}
