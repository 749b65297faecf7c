package io.phoenixdiag.net.iptables.internal;

import java.util.List;
import java.util.Locale;

/**
 * One compiled match of a rule, three-valued. Implementations are immutable and thread-safe.
 * The nested classes follow the kernel's xt_* match functions (net/netfilter/xt_*.c).
 */
abstract class Matcher {
    static final int F = 0;
    static final int T = 1;
    static final int U = 2;

    /** The match as written, e.g. {@code -m tcp --dport 22}. */
    final String text;

    Matcher(String text) {
        this.text = text;
    }

    /** Tests the packet: {@link #T}, {@link #F} or {@link #U}. */
    abstract int test(Ctx c);

    /** Why {@link #test} gave {@link #U} for this packet. */
    String why(Ctx c) {
        return "`" + text + "` cannot be decided";
    }

    /**
     * The key under which an undecidable answer of this match is remembered for the rest of a walk, or null
     * when the match may answer differently each time (rate limits, recent lists, unknown modules).
     */
    String key(Ctx c) {
        return null;
    }

    static int of(boolean b) {
        return b ? T : F;
    }

    static boolean ifaceMatches(String name, String pattern, boolean wildcard) {
        return wildcard ? name.startsWith(pattern) : name.equals(pattern);
    }

    /** Always UNKNOWN: an unknown module, option or unreadable value. */
    static final class Unknown extends Matcher {
        final String reason;

        Unknown(String text, String reason) {
            super(text);
            this.reason = reason;
        }

        @Override
        int test(Ctx c) {
            return U;
        }

        @Override
        String why(Ctx c) {
            return "`" + text + "`: " + reason;
        }
    }

    /** Source/destination ports (tcp, udp, sctp, dccp, multiport). {@code which}: 0 sport, 1 dport, 2 either. */
    static final class Ports extends Matcher {
        final int which;
        final int[] ranges;
        final boolean neg;
        final int[] protos;

        Ports(String text, int which, int[] ranges, boolean neg, int[] protos) {
            super(text);
            this.which = which;
            this.ranges = ranges;
            this.neg = neg;
            this.protos = protos;
        }

        @Override
        int test(Ctx c) {
            boolean protoOk = false;
            for (int p : protos) {
                protoOk |= c.proto == p;
            }
            if (!protoOk || c.frag) {
                return F; // the kernel never matches ports of another protocol or of a non-first fragment
            }
            if (which != 0 && c.dportUnknown) {
                return U;
            }
            boolean in;
            if (which == 2) {
                in = inRanges(c.sport) || inRanges(c.dport);
            } else {
                in = inRanges(which == 0 ? c.sport : c.dport);
            }
            return of(in != neg);
        }

        @Override
        String why(Ctx c) {
            return "`" + text + "`: the destination port after NAT is not known";
        }

        boolean inRanges(int p) {
            for (int i = 0; i < ranges.length; i += 2) {
                if (p >= ranges[i] && p <= ranges[i + 1]) {
                    return true;
                }
            }
            return false;
        }
    }

    /** {@code --tcp-flags mask comp} / {@code --syn}. */
    static final class TcpFlags extends Matcher {
        final int mask;
        final int comp;
        final boolean neg;

        TcpFlags(String text, int mask, int comp, boolean neg) {
            super(text);
            this.mask = mask;
            this.comp = comp;
            this.neg = neg;
        }

        @Override
        int test(Ctx c) {
            if (c.proto != 6 || c.frag) {
                return F;
            }
            if (c.tcpFlags < 0) {
                return U;
            }
            return of(((c.tcpFlags & mask) == comp) != neg);
        }

        @Override
        String why(Ctx c) {
            return "`" + text + "` needs the packet's TCP flags";
        }
    }

    /** ICMP / ICMPv6 type and code ({@code any} is type 255). */
    static final class Icmp extends Matcher {
        final int proto;
        final int type;
        final int codeLo;
        final int codeHi;
        final boolean neg;

        Icmp(String text, int proto, int[] tc, boolean neg) {
            super(text);
            this.proto = proto;
            this.type = tc[0];
            this.codeLo = tc[1];
            this.codeHi = tc[2];
            this.neg = neg;
        }

        @Override
        int test(Ctx c) {
            if (c.proto != proto || c.frag) {
                return F;
            }
            boolean in = type == 255 || (c.icmpType == type && c.icmpCode >= codeLo && c.icmpCode <= codeHi);
            return of(in != neg);
        }
    }

    /** {@code state --state} / {@code conntrack --ctstate}. */
    static final class State extends Matcher {
        final int mask;
        final boolean neg;

        State(String text, int mask, boolean neg) {
            super(text);
            this.mask = mask;
            this.neg = neg;
        }

        @Override
        int test(Ctx c) {
            int bit = c.stateBit();
            if ((mask & bit) != 0) {
                return of(!neg);
            }
            if ((mask & (Ctx.SNAT | Ctx.DNAT)) != 0 && bit != Ctx.INVALID && bit != Ctx.UNTRACKED) {
                return U; // the virtual SNAT/DNAT states depend on the connection's NAT bindings
            }
            return of(neg);
        }

        @Override
        String why(Ctx c) {
            return "`" + text + "`: whether the connection is NATed is not known";
        }
    }

    /** {@code mark --mark} / {@code connmark --mark}. */
    static final class Mark extends Matcher {
        final long value;
        final long mask;
        final boolean neg;
        final boolean ct;

        Mark(String text, long[] vm, boolean neg, boolean ct) {
            super(text);
            this.value = vm[0];
            this.mask = vm[1];
            this.neg = neg;
            this.ct = ct;
        }

        @Override
        int test(Ctx c) {
            if (ct && (c.inRaw || c.notracked)) {
                return F; // no connection: xt_connmark never matches, inverted or not
            }
            long m = ct ? c.ctmark : c.mark;
            return of(((m & mask) == value) != neg);
        }
    }

    /** {@code iprange --src-range/--dst-range a-b}. */
    static final class Range extends Matcher {
        final boolean dst;
        final long loHi;
        final long loLo;
        final long hiHi;
        final long hiLo;
        final boolean neg;

        Range(String text, boolean dst, long[] lo, long[] hi, boolean neg) {
            super(text);
            this.dst = dst;
            this.loHi = lo[0];
            this.loLo = lo[1];
            this.hiHi = hi[0];
            this.hiLo = hi[1];
            this.neg = neg;
        }

        @Override
        int test(Ctx c) {
            if (dst && c.dstUnknown) {
                return U;
            }
            long h = dst ? c.dHi : c.sHi;
            long l = dst ? c.dLo : c.sLo;
            boolean in = cmp(h, l, loHi, loLo) >= 0 && cmp(h, l, hiHi, hiLo) <= 0;
            return of(in != neg);
        }

        @Override
        String why(Ctx c) {
            return "`" + text + "`: the destination after NAT is not known";
        }

        static int cmp(long aHi, long aLo, long bHi, long bLo) {
            int x = Long.compareUnsigned(aHi, bHi);
            return x != 0 ? x : Long.compareUnsigned(aLo, bLo);
        }
    }

    /** {@code addrtype --src-type/--dst-type} (route types of the address). */
    static final class AddrType extends Matcher {
        static final List<String> TYPES = List.of("UNSPEC", "UNICAST", "LOCAL", "BROADCAST", "ANYCAST", "MULTICAST",
                "BLACKHOLE", "UNREACHABLE", "PROHIBIT", "THROW", "NAT", "XRESOLVE");
        final boolean dst;
        final int mask;
        final boolean neg;
        final boolean limitIface;
        final long[][] local;
        final long[][] broadcast;

        AddrType(String text, boolean dst, int mask, boolean neg, boolean limitIface, long[][] local,
                 long[][] broadcast) {
            super(text);
            this.dst = dst;
            this.mask = mask;
            this.neg = neg;
            this.limitIface = limitIface;
            this.local = local;
            this.broadcast = broadcast;
        }

        @Override
        int test(Ctx c) {
            if (limitIface || (dst && c.dstUnknown)) {
                return U;
            }
            long h = dst ? c.dHi : c.sHi;
            long l = dst ? c.dLo : c.sLo;
            int type;
            boolean multicast = c.v6 ? (h >>> 56) == 0xff : (l >>> 28) == 0xe;
            if (multicast) {
                type = 5;
            } else if (!c.v6 && l == 0xffffffffL || contains(broadcast, h, l)) {
                type = 3;
            } else if (local == null) {
                return U;
            } else if (contains(local, h, l)) {
                type = 2;
            } else {
                type = 1;
            }
            return of(((mask >> type) & 1) == 1 != neg);
        }

        private static boolean contains(long[][] set, long h, long l) {
            if (set == null) {
                return false;
            }
            for (long[] a : set) {
                if (a[0] == h && a[1] == l) {
                    return true;
                }
            }
            return false;
        }

        @Override
        String key(Ctx c) {
            return limitIface ? null : text + "|" + c.dHi + ":" + c.dLo + ":" + c.dstUnknown;
        }

        @Override
        String why(Ctx c) {
            return limitIface ? "`" + text + "`: --limit-iface needs the addresses per interface"
                    : "`" + text + "`: the host's local addresses are not given";
        }
    }

    /** {@code physdev}, after xt_physdev.c's physdev_mt. */
    static final class Physdev extends Matcher {
        final String in;
        final boolean inWild;
        final boolean inNeg;
        final String out;
        final boolean outWild;
        final boolean outNeg;
        final int isIn;
        final int isOut;
        final int isBridged;

        /** The is-flags: 0 absent, 1 present, 2 present and negated. */
        Physdev(String text, String in, boolean inNeg, String out, boolean outNeg, int isIn, int isOut, int isBridged) {
            super(text);
            this.inWild = in != null && in.endsWith("+");
            this.in = in == null ? null : inWild ? in.substring(0, in.length() - 1) : in;
            this.inNeg = inNeg;
            this.outWild = out != null && out.endsWith("+");
            this.out = out == null ? null : outWild ? out.substring(0, out.length() - 1) : out;
            this.outNeg = outNeg;
            this.isIn = isIn;
            this.isOut = isOut;
            this.isBridged = isBridged;
        }

        @Override
        int test(Ctx c) {
            boolean hasIn = !c.physIn.isEmpty();
            boolean hasOut = !c.physOut.isEmpty();
            if (!hasIn && !hasOut) {
                // not a bridged packet: only inverted options match
                return of(isBridged != 1 && isIn != 1 && isOut != 1 && (in == null || inNeg) && (out == null || outNeg));
            }
            if (isBridged != 0 && (hasOut != (isBridged == 1))) {
                return F;
            }
            if (isIn != 0 && (hasIn != (isIn == 1))) {
                return F;
            }
            if (isOut != 0 && (hasOut != (isOut == 1))) {
                return F;
            }
            if (in != null && hasIn && ifaceMatches(c.physIn, in, inWild) == inNeg) {
                return F;
            }
            if (out == null || !hasOut) {
                return T;
            }
            return of(ifaceMatches(c.physOut, out, outWild) != outNeg);
        }
    }

    /** {@code mac --mac-source}. */
    static final class Mac extends Matcher {
        final String mac;
        final boolean neg;

        Mac(String text, String mac, boolean neg) {
            super(text);
            this.mac = mac.toLowerCase(Locale.ROOT);
            this.neg = neg;
        }

        @Override
        int test(Ctx c) {
            if (c.mac.isEmpty()) {
                return U;
            }
            return of(c.mac.equals(mac) != neg);
        }

        @Override
        String why(Ctx c) {
            return "`" + text + "`: the packet's source MAC address is not given";
        }

        @Override
        String key(Ctx c) {
            return text;
        }
    }

    /** {@code limit} / {@code hashlimit}: a single packet within the burst matches, unless asked strictly. */
    static final class Limit extends Matcher {
        final boolean strict;
        final boolean above;

        Limit(String text, boolean strict, boolean above) {
            super(text);
            this.strict = strict;
            this.above = above;
        }

        @Override
        int test(Ctx c) {
            return strict ? U : of(!above);
        }

        @Override
        String why(Ctx c) {
            return "`" + text + "`: rate limits depend on the traffic before this packet (strict limits asked)";
        }
    }

    /** {@code recent}, after xt_recent.c's recent_mt. */
    static final class Recent extends Matcher {
        final boolean set;
        final boolean neg;
        final boolean emptyLists;

        Recent(String text, boolean set, boolean neg, boolean emptyLists) {
            super(text);
            this.set = set;
            this.neg = neg;
            this.emptyLists = emptyLists;
        }

        @Override
        int test(Ctx c) {
            if (set) {
                return of(!neg); // --set always matches (it records the address)
            }
            return emptyLists ? of(neg) : U;
        }

        @Override
        String why(Ctx c) {
            return "`" + text + "`: the recent lists' contents are not known";
        }
    }

    /** {@code set --match-set NAME src|dst} with known contents. */
    static final class IpSet extends Matcher {
        final String name;
        final boolean dst;
        final boolean neg;
        final long[][] entries; // [loHi, loLo, hiHi, hiLo]
        final String unknownReason;

        IpSet(String text, String name, boolean dst, boolean neg, long[][] entries, String unknownReason) {
            super(text);
            this.name = name;
            this.dst = dst;
            this.neg = neg;
            this.entries = entries;
            this.unknownReason = unknownReason;
        }

        @Override
        int test(Ctx c) {
            if (entries == null || (dst && c.dstUnknown)) {
                return U;
            }
            long h = dst ? c.dHi : c.sHi;
            long l = dst ? c.dLo : c.sLo;
            boolean in = false;
            for (long[] e : entries) {
                if (Range.cmp(h, l, e[0], e[1]) >= 0 && Range.cmp(h, l, e[2], e[3]) <= 0) {
                    in = true;
                    break;
                }
            }
            return of(in != neg);
        }

        @Override
        String why(Ctx c) {
            return "`" + text + "`: " + unknownReason;
        }

        @Override
        String key(Ctx c) {
            return text + (dst ? "|" + c.dHi + ":" + c.dLo + ":" + c.dstUnknown : "");
        }
    }

    /** {@code -f}: non-first fragments. */
    static final class Fragment extends Matcher {
        final boolean neg;

        Fragment(String text, boolean neg) {
            super(text);
            this.neg = neg;
        }

        @Override
        int test(Ctx c) {
            return of(c.frag != neg);
        }
    }
}
