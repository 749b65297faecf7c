package io.phoenixdiag.core.firewall;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An immutable set of addresses of both IP versions as sorted disjoint intervals over 128-bit keys
 * (IPv4 in its own list). Package-private engine type; lookups are binary searches.
 */
final class AddrSet {

    private static final long[] NONE = new long[0];
    static final AddrSet EMPTY = new AddrSet(NONE, NONE, NONE, NONE, NONE, NONE);
    static final AddrSet ALL = EMPTY.union(of(IpRange.all(4))).union(of(IpRange.all(6)));

    // IPv4: [s,e] pairs (32-bit values in longs)
    private final long[] s4;
    private final long[] e4;
    // IPv6: start (hi,lo), end (hi,lo)
    private final long[] sh;
    private final long[] sl;
    private final long[] eh;
    private final long[] el;

    private AddrSet(long[] s4, long[] e4, long[] sh, long[] sl, long[] eh, long[] el) {
        this.s4 = s4;
        this.e4 = e4;
        this.sh = sh;
        this.sl = sl;
        this.eh = eh;
        this.el = el;
    }

    static AddrSet of(IpRange r) {
        if (r.version() == 4) { // one interval: no sorting or merging needed
            return new AddrSet(new long[] {r.first().low()}, new long[] {r.last().low()}, NONE, NONE, NONE, NONE);
        }
        return new AddrSet(NONE, NONE, new long[] {r.first().high()}, new long[] {r.first().low()},
                new long[] {r.last().high()}, new long[] {r.last().low()});
    }

    static AddrSet of(List<IpRange> ranges) {
        List<long[]> ivs = new ArrayList<>();
        for (IpRange r : ranges) {
            ivs.add(iv(r));
        }
        return fromIntervals(ivs);
    }

    /** The full space of one version. */
    static AddrSet all(int version) {
        return of(IpRange.all(version));
    }

    private static long[] iv(IpRange r) {
        return new long[] {r.version(), r.first().high(), r.first().low(), r.last().high(), r.last().low()};
    }

    private static int cmp(long ah, long al, long bh, long bl) {
        int c = Long.compareUnsigned(ah, bh);
        return c != 0 ? c : Long.compareUnsigned(al, bl);
    }

    /** Builds from {version, sh, sl, eh, el} intervals, sorting and merging touching ones. */
    private static AddrSet fromIntervals(List<long[]> ivs) {
        List<long[]> v4 = new ArrayList<>();
        List<long[]> v6 = new ArrayList<>();
        for (long[] iv : ivs) {
            (iv[0] == 4 ? v4 : v6).add(iv);
        }
        long[][] m4 = merge(v4);
        long[][] m6 = merge(v6);
        long[] s4 = new long[m4.length];
        long[] e4 = new long[m4.length];
        for (int i = 0; i < m4.length; i++) {
            s4[i] = m4[i][2];
            e4[i] = m4[i][4];
        }
        long[] sh = new long[m6.length];
        long[] sl = new long[m6.length];
        long[] eh = new long[m6.length];
        long[] el = new long[m6.length];
        for (int i = 0; i < m6.length; i++) {
            sh[i] = m6[i][1];
            sl[i] = m6[i][2];
            eh[i] = m6[i][3];
            el[i] = m6[i][4];
        }
        return new AddrSet(s4, e4, sh, sl, eh, el);
    }

    private static long[][] merge(List<long[]> ivs) {
        ivs.sort((a, b) -> cmp(a[1], a[2], b[1], b[2]));
        List<long[]> out = new ArrayList<>();
        for (long[] iv : ivs) {
            if (!out.isEmpty()) {
                long[] last = out.get(out.size() - 1);
                // touching or overlapping: start <= last.end + 1
                boolean lastIsMax = last[3] == -1L && last[4] == -1L;
                long nh = last[4] == -1L ? last[3] + 1 : last[3];
                long nl = last[4] + 1;
                if (lastIsMax || cmp(iv[1], iv[2], nh, nl) <= 0) {
                    if (cmp(iv[3], iv[4], last[3], last[4]) > 0) {
                        last[3] = iv[3];
                        last[4] = iv[4];
                    }
                    continue;
                }
            }
            out.add(iv.clone());
        }
        return out.toArray(new long[0][]);
    }

    private List<long[]> intervals() {
        List<long[]> out = new ArrayList<>();
        for (int i = 0; i < s4.length; i++) {
            out.add(new long[] {4, 0, s4[i], 0, e4[i]});
        }
        for (int i = 0; i < sh.length; i++) {
            out.add(new long[] {6, sh[i], sl[i], eh[i], el[i]});
        }
        return out;
    }

    boolean contains(IpAddress a) {
        if (a.version() == 4) {
            int i = Arrays.binarySearch(s4, a.low());
            if (i >= 0) {
                return true;
            }
            int k = -i - 2;
            return k >= 0 && a.low() <= e4[k];
        }
        int lo = 0;
        int hi = sh.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (cmp(sh[mid], sl[mid], a.high(), a.low()) > 0) {
                hi = mid - 1;
            } else if (cmp(eh[mid], el[mid], a.high(), a.low()) < 0) {
                lo = mid + 1;
            } else {
                return true;
            }
        }
        return false;
    }

    boolean isEmpty() {
        return s4.length == 0 && sh.length == 0;
    }

    boolean hasVersion(int v) {
        return v == 4 ? s4.length > 0 : sh.length > 0;
    }

    AddrSet union(AddrSet o) {
        if (o.isEmpty()) {
            return this;
        }
        if (isEmpty()) {
            return o;
        }
        List<long[]> all = intervals();
        all.addAll(o.intervals());
        return fromIntervals(all);
    }

    AddrSet minus(AddrSet o) {
        if (o.isEmpty() || isEmpty()) {
            return this;
        }
        List<long[]> cur = intervals();
        for (long[] cut : o.intervals()) {
            List<long[]> next = new ArrayList<>();
            for (long[] iv : cur) {
                if (iv[0] != cut[0] || cmp(cut[3], cut[4], iv[1], iv[2]) < 0 || cmp(cut[1], cut[2], iv[3], iv[4]) > 0) {
                    next.add(iv);
                    continue;
                }
                if (cmp(cut[1], cut[2], iv[1], iv[2]) > 0) { // left remainder [iv.s, cut.s - 1]
                    long h = cut[2] == 0 ? cut[1] - 1 : cut[1];
                    next.add(new long[] {iv[0], iv[1], iv[2], h, cut[2] - 1});
                }
                if (cmp(cut[3], cut[4], iv[3], iv[4]) < 0) { // right remainder [cut.e + 1, iv.e]
                    long h = cut[4] == -1L ? cut[3] + 1 : cut[3];
                    next.add(new long[] {iv[0], h, cut[4] + 1, iv[3], iv[4]});
                }
            }
            cur = next;
        }
        return fromIntervals(cur);
    }

    AddrSet intersect(AddrSet o) {
        return this.minus(this.minus(o));
    }

    /**
     * Whether every address of {@code o} is in this set. Both sets are merged (disjoint, non-touching,
     * sorted), so each interval of {@code o} must lie inside a single interval of this set; checked by
     * binary search without allocating.
     */
    boolean containsAll(AddrSet o) {
        for (int i = 0; i < o.s4.length; i++) {
            int k = Arrays.binarySearch(s4, o.s4[i]);
            k = k >= 0 ? k : -k - 2;
            if (k < 0 || o.e4[i] > e4[k]) {
                return false;
            }
        }
        for (int i = 0; i < o.sh.length; i++) {
            int k = floor6(o.sh[i], o.sl[i]);
            if (k < 0 || cmp(o.eh[i], o.el[i], eh[k], el[k]) > 0) {
                return false;
            }
        }
        return true;
    }

    /** The index of the last IPv6 interval starting at or before (h,l), or -1. */
    private int floor6(long h, long l) {
        int lo = 0;
        int hi = sh.length - 1;
        int best = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (cmp(sh[mid], sl[mid], h, l) <= 0) {
                best = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return best;
    }

    AddrSet restrictToVersions(int mask) {
        AddrSet r = this;
        if ((mask & 1) == 0) {
            r = r.minus(all(4));
        }
        if ((mask & 2) == 0) {
            r = r.minus(all(6));
        }
        return r;
    }

    /** Some address of the set (the lowest IPv4, else the lowest IPv6), for tests and examples. */
    IpAddress sample() {
        if (s4.length > 0) {
            return IpAddress.ofV4(s4[0]);
        }
        return new IpAddress(6, sh[0], sl[0]);
    }

    /** The intervals as ranges. */
    List<IpRange> ranges() {
        List<IpRange> out = new ArrayList<>();
        for (long[] iv : intervals()) {
            int v = (int) iv[0];
            out.add(new IpRange(new IpAddress(v, iv[1], iv[2]), new IpAddress(v, iv[3], iv[4])));
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AddrSet a && Arrays.equals(s4, a.s4) && Arrays.equals(e4, a.e4) && Arrays.equals(sh, a.sh)
                && Arrays.equals(sl, a.sl) && Arrays.equals(eh, a.eh) && Arrays.equals(el, a.el);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(s4) * 31 + Arrays.hashCode(sh);
    }

    @Override
    public String toString() {
        return ranges().toString();
    }
}
