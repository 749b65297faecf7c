package io.phoenixdiag.net.iptables.internal;

import io.phoenixdiag.net.iptables.Rule;

/** A compiled rule: the common matches as primitive fields, the rest as {@link Matcher}s, and the target. */
final class CRule {
    static final int ACCEPT = 0;
    static final int DROP = 1;
    static final int REJECT = 2;
    static final int QUEUE = 3;
    static final int UNKNOWN = 4;
    static final int RETURN = 5;
    static final int JUMP = 6;
    static final int GOTO = 7;
    static final int CONTINUE = 8;
    static final int MARK = 9;
    static final int CONNMARK = 10;
    static final int NOTRACK = 11;
    static final int NAT = 12;

    final Rule rule;
    final int index;

    int proto = -1;
    boolean protoNeg;
    boolean hasSrc;
    boolean srcNeg;
    long sHi;
    long sLo;
    long smHi;
    long smLo;
    int sLen;
    boolean hasDst;
    boolean dstNeg;
    long dHi;
    long dLo;
    long dmHi;
    long dmLo;
    int dLen;
    String inIf;
    boolean inWild;
    boolean inNeg;
    String outIf;
    boolean outWild;
    boolean outNeg;
    Matcher[] matchers = new Matcher[0];

    int kind = CONTINUE;
    int jump = -1;
    String targetNote = "";
    /** MARK/CONNMARK operation: 0 xset (x = (x &amp; ~m) ^ v), 1 set-or (x = (x &amp; ~m) | v), 2 save, 3 restore. */
    int markOp;
    long markValue;
    long markMask;
    long nfmask = 0xffffffffL;
    long ctmask = 0xffffffffL;
    /** DNAT/REDIRECT: new destination words (or null when not a single address), new port (-1 = unchanged). */
    long[] natDst;
    int natPort = -1;
    boolean natDstUnknown;

    CRule(Rule rule, int index) {
        this.rule = rule;
        this.index = index;
    }

    int test(Ctx c) {
        if (proto >= 0 && ((c.proto == proto) == protoNeg)) {
            return Matcher.F;
        }
        int res = Matcher.T;
        if (hasSrc && ((((c.sHi & smHi) == sHi) && ((c.sLo & smLo) == sLo)) == srcNeg)) {
            return Matcher.F;
        }
        if (hasDst) {
            if (c.dstUnknown) {
                res = Matcher.U;
            } else if ((((c.dHi & dmHi) == dHi) && ((c.dLo & dmLo) == dLo)) == dstNeg) {
                return Matcher.F;
            }
        }
        if (inIf != null && Matcher.ifaceMatches(c.in, inIf, inWild) == inNeg) {
            return Matcher.F;
        }
        if (outIf != null && Matcher.ifaceMatches(c.out, outIf, outWild) == outNeg) {
            return Matcher.F;
        }
        for (Matcher m : matchers) {
            int x = m.test(c);
            if (x == Matcher.U && c.assumed != null) {
                String k = m.key(c);
                Boolean b = k == null ? null : c.assumed.get(k);
                if (b != null) {
                    x = Matcher.of(b);
                }
            }
            if (x == Matcher.F) {
                return Matcher.F;
            }
            if (x == Matcher.U) {
                res = Matcher.U;
            }
        }
        return res;
    }

    /**
     * Records what a decision about this (undecidable) rule implies: when it matched, every undecidable
     * match of it was true; when it did not and only one match was undecidable, that one was false.
     */
    void assume(Ctx c, boolean matched) {
        String only = null;
        int count = 0;
        for (Matcher m : matchers) {
            if (m.test(c) == Matcher.U) {
                count++;
                String k = m.key(c);
                if (matched && k != null) {
                    if (c.assumed == null) {
                        c.assumed = new java.util.HashMap<>();
                    }
                    c.assumed.put(k, true);
                }
                only = k;
            }
        }
        if (!matched && count == 1 && only != null && !(hasDst && c.dstUnknown)) {
            if (c.assumed == null) {
                c.assumed = new java.util.HashMap<>();
            }
            c.assumed.put(only, false);
        }
    }

    /** Why the rule's match is undecidable for this packet (the first undecidable match). */
    String why(Ctx c) {
        if (hasDst && c.dstUnknown) {
            return "the destination after NAT is not known";
        }
        for (Matcher m : matchers) {
            if (m.test(c) == Matcher.U) {
                return m.why(c);
            }
        }
        return "undecidable";
    }

    boolean terminal() {
        return kind == ACCEPT || kind == DROP || kind == REJECT || kind == QUEUE || kind == RETURN || kind == GOTO
                || kind == NAT;
    }
}
