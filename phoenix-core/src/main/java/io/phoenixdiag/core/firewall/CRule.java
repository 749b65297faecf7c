package io.phoenixdiag.core.firewall;

import io.phoenixdiag.core.diag.Location;
import java.util.Optional;

/**
 * A compiled match: every field pre-parsed to numbers so that matching does no parsing.
 * Package-private engine type.
 */
final class CRule {
    static final int NO = AddrMatch.NO;
    static final int YES = AddrMatch.YES;
    static final int UNK = AddrMatch.UNK;

    /** Bit 1: IPv4, bit 2: IPv6. */
    int versions = 3;
    int proto = -1;
    /** [from, to] pairs; null for any. */
    int[] dport;
    int[] sport;
    int icmpType = -1;
    int icmpCode = -1;
    AddrMatch src;
    AddrMatch dst;
    /** Required host interface (host chains) or "" for any. */
    String iface = "";
    Action action;
    String label;
    Optional<Location> location = Optional.empty();

    static boolean inRanges(int[] ranges, int v) {
        for (int i = 0; i < ranges.length; i += 2) {
            if (v >= ranges[i] && v <= ranges[i + 1]) {
                return true;
            }
        }
        return false;
    }

    int match(Packet p, String hostIface) {
        if ((versions & (p.ipVersion() == 4 ? 1 : 2)) == 0) {
            return NO;
        }
        if (proto >= 0 && proto != p.protocol()) {
            return NO;
        }
        boolean unk = false;
        if (icmpType >= 0) {
            if (p.icmpType() < 0) {
                unk = true;
            } else if (p.icmpType() != icmpType) {
                return NO;
            } else if (icmpCode >= 0) {
                if (p.icmpCode() < 0) {
                    unk = true;
                } else if (p.icmpCode() != icmpCode) {
                    return NO;
                }
            }
        }
        if (dport != null) {
            if (p.destinationPort() < 0) {
                unk = true;
            } else if (!inRanges(dport, p.destinationPort())) {
                return NO;
            }
        }
        if (sport != null) {
            if (p.sourcePort() < 0) {
                unk = true;
            } else if (!inRanges(sport, p.sourcePort())) {
                return NO;
            }
        }
        if (src != null) {
            int r = src.test(p.sourceIp());
            if (r == NO) {
                return NO;
            }
            unk |= r == UNK;
        }
        if (dst != null) {
            int r = dst.test(p.destinationIp());
            if (r == NO) {
                return NO;
            }
            unk |= r == UNK;
        }
        if (!iface.isEmpty()) {
            if (hostIface.isEmpty()) {
                unk = true;
            } else if (!iface.equals(hostIface)) {
                return NO;
            }
        }
        return unk ? UNK : YES;
    }

    /** Why {@link #match} was UNKNOWN (called only then). */
    String unknownReason(Packet p, String hostIface) {
        StringBuilder sb = new StringBuilder();
        if (icmpType >= 0 && (p.icmpType() < 0 || (icmpCode >= 0 && p.icmpCode() < 0))) {
            append(sb, "the packet's ICMP type/code is not given");
        }
        if (dport != null && p.destinationPort() < 0) {
            append(sb, "the packet's destination port is not given");
        }
        if (sport != null && p.sourcePort() < 0) {
            append(sb, "the packet's source port is not given");
        }
        if (src != null && src.test(p.sourceIp()) == UNK) {
            append(sb, src.reason);
        }
        if (dst != null && dst.test(p.destinationIp()) == UNK) {
            append(sb, dst.reason);
        }
        if (!iface.isEmpty() && hostIface.isEmpty()) {
            append(sb, "the rule needs interface " + iface + " and the packet's host interface is not known");
        }
        return sb.toString();
    }

    private static void append(StringBuilder sb, String s) {
        if (sb.length() > 0) {
            sb.append("; ");
        }
        sb.append(s);
    }
}
