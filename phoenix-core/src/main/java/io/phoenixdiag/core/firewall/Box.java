package io.phoenixdiag.core.firewall;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A product set of packets (one compiled match of a rule) for coverage analysis. Addresses are
 * {@link AddrSet}s restricted to the box's IP versions, or an opaque reference whose contents are
 * unknown. Package-private engine type.
 */
final class Box {
    static final int[] ALL_PORTS = {0, 65535};

    final int ruleNumber;
    final Action action;
    final int versions;
    final int proto;
    final int[] dport;
    final int[] sport;
    final int icmpType;
    final int icmpCode;
    final AddrSet src;
    final String srcOpaque;
    final AddrSet dst;
    final String dstOpaque;
    final String iface;

    Box(int ruleNumber, CRule c) {
        this.ruleNumber = ruleNumber;
        this.action = c.action;
        this.versions = c.versions;
        this.proto = c.proto;
        this.dport = c.dport == null ? ALL_PORTS : normalize(c.dport);
        this.sport = c.sport == null ? ALL_PORTS : normalize(c.sport);
        this.icmpType = c.icmpType;
        this.icmpCode = c.icmpType < 0 ? -1 : c.icmpCode;
        this.iface = c.iface;
        if (c.src == null) {
            src = AddrSet.ALL.restrictToVersions(versions);
            srcOpaque = "";
        } else if (!c.src.unknown.isEmpty()) {
            src = null;
            srcOpaque = c.src.reason;
        } else {
            src = c.src.yes.restrictToVersions(versions);
            srcOpaque = "";
        }
        if (c.dst == null) {
            dst = AddrSet.ALL.restrictToVersions(versions);
            dstOpaque = "";
        } else if (!c.dst.unknown.isEmpty()) {
            dst = null;
            dstOpaque = c.dst.reason;
        } else {
            dst = c.dst.yes.restrictToVersions(versions);
            dstOpaque = "";
        }
    }

    boolean isEmpty() {
        return versions == 0 || (src != null && src.isEmpty()) || (dst != null && dst.isEmpty());
    }

    static int[] normalize(int[] r) {
        List<int[]> l = new ArrayList<>();
        for (int i = 0; i < r.length; i += 2) {
            l.add(new int[] {r[i], r[i + 1]});
        }
        l.sort((a, b) -> Integer.compare(a[0], b[0]));
        List<int[]> out = new ArrayList<>();
        for (int[] iv : l) {
            if (!out.isEmpty() && iv[0] <= out.get(out.size() - 1)[1] + 1) {
                int[] last = out.get(out.size() - 1);
                last[1] = Math.max(last[1], iv[1]);
            } else {
                out.add(iv.clone());
            }
        }
        int[] res = new int[out.size() * 2];
        for (int i = 0; i < out.size(); i++) {
            res[2 * i] = out.get(i)[0];
            res[2 * i + 1] = out.get(i)[1];
        }
        return res;
    }

    static int[] union(int[] a, int[] b) {
        int[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return normalize(c);
    }

    /** Whether normalized {@code outer} contains every port of normalized {@code inner}. */
    static boolean portsContain(int[] outer, int[] inner) {
        for (int i = 0; i < inner.length; i += 2) {
            boolean ok = false;
            for (int j = 0; j < outer.length; j += 2) {
                if (outer[j] <= inner[i] && inner[i + 1] <= outer[j + 1]) {
                    ok = true;
                    break;
                }
            }
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    static boolean addrContains(AddrSet outer, String outerOpaque, AddrSet inner, String innerOpaque, int innerVersions) {
        if (outer == null) {
            return inner == null && outerOpaque.equals(innerOpaque);
        }
        if (inner == null) {
            return outer.containsAll(AddrSet.ALL.restrictToVersions(innerVersions));
        }
        return outer.containsAll(inner);
    }

    /** Dimensions for {@link #containsExcept}. */
    static final int NONE = -1;
    static final int DPORT = 0;
    static final int SPORT = 1;
    static final int SRC = 2;
    static final int DST = 3;

    /** Whether this box contains {@code b} in every dimension except {@code skip}. */
    boolean containsExcept(Box b, int skip) {
        if ((b.versions & ~versions) != 0) {
            return false;
        }
        if (proto >= 0 && proto != b.proto) {
            return false;
        }
        if (icmpType >= 0 && (b.icmpType != icmpType || (icmpCode >= 0 && b.icmpCode != icmpCode))) {
            return false;
        }
        if (!iface.isEmpty() && !iface.equals(b.iface)) {
            return false;
        }
        if (skip != DPORT && !portsContain(dport, b.dport)) {
            return false;
        }
        if (skip != SPORT && !portsContain(sport, b.sport)) {
            return false;
        }
        if (skip != SRC && !addrContains(src, srcOpaque, b.src, b.srcOpaque, b.versions)) {
            return false;
        }
        return skip == DST || addrContains(dst, dstOpaque, b.dst, b.dstOpaque, b.versions);
    }
}
