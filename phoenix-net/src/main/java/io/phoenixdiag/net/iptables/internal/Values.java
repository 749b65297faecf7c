package io.phoenixdiag.net.iptables.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Value syntax of iptables options: address literals and prefixes, port ranges, protocol names
 * (/etc/protocols), ICMP type names (iptables-extensions(8) "icmp", "icmp6"), marks and states.
 * Stateless and thread-safe.
 */
public final class Values {
    private static final java.util.regex.Pattern IPV4 = java.util.regex.Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
    private static final java.util.regex.Pattern IPV6 = java.util.regex.Pattern.compile("[0-9A-Fa-f:.]+");
    private static final Map<String, Integer> PROTOCOLS = new HashMap<>();
    private static final Map<Integer, String> PROTOCOL_NAMES = new HashMap<>();
    private static final Map<String, int[]> ICMP = new HashMap<>();
    private static final Map<String, int[]> ICMP6 = new HashMap<>();

    static {
        String[] protos = {"ip:0", "all:0", "icmp:1", "igmp:2", "ipip:4", "tcp:6", "egp:8", "udp:17", "ipv6:41",
            "rsvp:46", "gre:47", "esp:50", "ah:51", "icmpv6:58", "ipv6-icmp:58", "ospf:89", "pim:103", "vrrp:112",
            "l2tp:115", "sctp:132", "udplite:136", "dccp:33", "mh:135", "ipcomp:108", "ipv6-route:43",
            "ipv6-frag:44", "ipv6-nonxt:59", "ipv6-opts:60", "mptcp:262"};
        for (String p : protos) {
            int c = p.indexOf(':');
            int n = Integer.parseInt(p.substring(c + 1));
            PROTOCOLS.put(p.substring(0, c), n);
            PROTOCOL_NAMES.putIfAbsent(n, p.substring(0, c));
        }
        PROTOCOL_NAMES.put(0, "all");
        PROTOCOL_NAMES.put(58, "ipv6-icmp");
        String[] icmp = {"any:255:0:255", "echo-reply:0", "pong:0", "destination-unreachable:3",
            "network-unreachable:3:0", "host-unreachable:3:1", "protocol-unreachable:3:2", "port-unreachable:3:3",
            "fragmentation-needed:3:4", "source-route-failed:3:5", "network-unknown:3:6", "host-unknown:3:7",
            "network-prohibited:3:9", "host-prohibited:3:10", "TOS-network-unreachable:3:11",
            "TOS-host-unreachable:3:12", "communication-prohibited:3:13", "host-precedence-violation:3:14",
            "precedence-cutoff:3:15", "source-quench:4", "redirect:5", "network-redirect:5:0", "host-redirect:5:1",
            "TOS-network-redirect:5:2", "TOS-host-redirect:5:3", "echo-request:8", "ping:8",
            "router-advertisement:9", "router-solicitation:10", "time-exceeded:11", "ttl-exceeded:11",
            "ttl-zero-during-transit:11:0", "ttl-zero-during-reassembly:11:1", "parameter-problem:12",
            "ip-header-bad:12:0", "required-option-missing:12:1", "timestamp-request:13", "timestamp-reply:14",
            "address-mask-request:17", "address-mask-reply:18"};
        fill(ICMP, icmp);
        String[] icmp6 = {"any:255:0:255", "destination-unreachable:1", "no-route:1:0", "communication-prohibited:1:1",
            "beyond-scope:1:2", "address-unreachable:1:3", "port-unreachable:1:4", "failed-policy:1:5",
            "reject-route:1:6", "packet-too-big:2", "time-exceeded:3", "ttl-exceeded:3",
            "ttl-zero-during-transit:3:0", "ttl-zero-during-reassembly:3:1", "parameter-problem:4",
            "bad-header:4:0", "unknown-header-type:4:1", "unknown-option:4:2", "echo-request:128", "ping:128",
            "echo-reply:129", "pong:129", "mld-listener-query:130", "mld-listener-report:131",
            "mld-listener-done:132", "mld-listener-reduction:132", "router-solicitation:133",
            "router-advertisement:134", "neighbour-solicitation:135", "neighbor-solicitation:135",
            "neighbour-advertisement:136", "neighbor-advertisement:136", "redirect:137"};
        fill(ICMP6, icmp6);
    }

    private Values() {
    }

    private static void fill(Map<String, int[]> into, String[] defs) {
        for (String d : defs) {
            String[] p = d.split(":");
            int type = Integer.parseInt(p[1]);
            int lo = p.length == 2 ? 0 : Integer.parseInt(p[2]);
            int hi = p.length == 2 ? 255 : p.length == 4 ? Integer.parseInt(p[3]) : lo;
            into.put(p[0].toLowerCase(Locale.ROOT), new int[] {type, lo, hi});
        }
    }

    /**
     * Parses an IP address literal without any name resolution.
     *
     * @param s an IPv4 dotted quad or an IPv6 literal
     * @return the address
     * @throws IllegalArgumentException if it is not a literal
     */
    public static InetAddress literal(String s) {
        if (!IPV4.matcher(s).matches() && !(s.indexOf(':') >= 0 && IPV6.matcher(s).matches())) {
            throw new IllegalArgumentException("not an IP address literal: " + s);
        }
        try {
            return InetAddress.getByName(s); // a literal: no lookup happens
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address literal: " + s, e);
        }
    }

    /**
     * An address as two 64-bit words (IPv4 in the low word).
     *
     * @param a the address
     * @return {@code [high, low]}
     */
    public static long[] words(InetAddress a) {
        byte[] b = a.getAddress();
        long hi = 0;
        long lo = 0;
        if (b.length == 4) {
            lo = ((b[0] & 0xffL) << 24) | ((b[1] & 0xffL) << 16) | ((b[2] & 0xffL) << 8) | (b[3] & 0xffL);
        } else {
            for (int i = 0; i < 8; i++) {
                hi = (hi << 8) | (b[i] & 0xffL);
                lo = (lo << 8) | (b[i + 8] & 0xffL);
            }
        }
        return new long[] {hi, lo};
    }

    /**
     * Parses {@code addr}, {@code addr/len} or {@code addr/dotted-mask} into {@code [hi, lo, maskHi, maskLo, len]}.
     *
     * @param s  the text
     * @param v6 whether the rule set is IPv6
     * @return the masked address and mask (len is -1 for a non-contiguous mask)
     * @throws IllegalArgumentException if the text is not an address or prefix of that family
     */
    static long[] prefix(String s, boolean v6) {
        int slash = s.indexOf('/');
        String addr = slash < 0 ? s : s.substring(0, slash);
        if (!v6 && IPV4.matcher(addr).matches() && (slash < 0 || isSmallNumber(s, slash + 1))) {
            long w = 0;
            for (String o : addr.split("\\.")) {
                int n = Integer.parseInt(o);
                if (n > 255) {
                    throw new IllegalArgumentException("not an IP address literal: " + addr);
                }
                w = (w << 8) | n;
            }
            int len = slash < 0 ? 32 : Integer.parseInt(s.substring(slash + 1));
            if (len > 32) {
                throw new IllegalArgumentException("prefix length over 32: " + s);
            }
            long m = len == 0 ? 0 : (0xffffffffL << (32 - len)) & 0xffffffffL;
            return new long[] {0, w & m, 0, m, len};
        }
        InetAddress a = literal(addr);
        int bits = v6 ? 128 : 32;
        if ((a.getAddress().length == 16) != v6) {
            throw new IllegalArgumentException("address of the wrong family: " + s);
        }
        long[] w = words(a);
        long mhi;
        long mlo;
        int len;
        if (slash < 0) {
            len = bits;
        } else {
            String m = s.substring(slash + 1);
            if (m.matches("[0-9]{1,3}")) {
                len = Integer.parseInt(m);
                if (len > bits) {
                    throw new IllegalArgumentException("prefix length over " + bits + ": " + s);
                }
            } else {
                long[] mw = words(literal(m));
                if ((literal(m).getAddress().length == 16) != v6) {
                    throw new IllegalArgumentException("mask of the wrong family: " + s);
                }
                len = contiguous(mw, v6);
                if (len < 0) {
                    return new long[] {w[0] & mw[0], w[1] & mw[1], mw[0], mw[1], -1};
                }
            }
        }
        if (v6) {
            mhi = len >= 64 ? -1L : len == 0 ? 0 : -1L << (64 - len);
            mlo = len <= 64 ? 0 : len == 128 ? -1L : -1L << (128 - len);
        } else {
            mhi = 0;
            mlo = len == 0 ? 0 : (0xffffffffL << (32 - len)) & 0xffffffffL;
        }
        return new long[] {w[0] & mhi, w[1] & mlo, mhi, mlo, len};
    }

    private static boolean isSmallNumber(String s, int from) {
        int n = s.length() - from;
        if (n < 1 || n > 3) {
            return false;
        }
        for (int i = from; i < s.length(); i++) {
            if (!Character.isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static int contiguous(long[] mw, boolean v6) {
        int len = 0;
        int bits = v6 ? 128 : 32;
        boolean seenZero = false;
        for (int i = 0; i < bits; i++) {
            long word = v6 ? (i < 64 ? mw[0] : mw[1]) : mw[1];
            int bit = v6 ? 63 - (i % 64) : 31 - i;
            boolean one = ((word >>> bit) & 1) == 1;
            if (one && seenZero) {
                return -1;
            }
            if (one) {
                len++;
            } else {
                seenZero = true;
            }
        }
        return len;
    }

    /**
     * Parses a protocol name or number.
     *
     * @param s e.g. {@code tcp}, {@code 6}, {@code all}
     * @return the number, 0 for all
     * @throws IllegalArgumentException if unknown
     */
    static int protocol(String s) {
        Integer n = PROTOCOLS.get(s.toLowerCase(Locale.ROOT));
        if (n != null) {
            return n;
        }
        if (s.matches("[0-9]{1,3}") && Integer.parseInt(s) <= 255) {
            return Integer.parseInt(s);
        }
        throw new IllegalArgumentException("unknown protocol: " + s);
    }

    /**
     * The name of a protocol number.
     *
     * @param n the number
     * @return e.g. {@code tcp}, or the number as text
     */
    public static String protocolName(int n) {
        String s = PROTOCOL_NAMES.get(n);
        return s == null ? Integer.toString(n) : s;
    }

    /**
     * Parses a port or port range {@code a}, {@code a:b}, {@code :b}, {@code a:}.
     *
     * @param s the text (service names are not resolved)
     * @return {@code [lo, hi]}
     * @throws IllegalArgumentException if not a port range
     */
    static int[] portRange(String s) {
        int c = s.indexOf(':');
        if (c < 0) {
            c = s.indexOf('-'); // multiport also accepts a-b in some versions
        }
        if (c < 0) {
            int p = port(s);
            return new int[] {p, p};
        }
        int lo = c == 0 ? 0 : port(s.substring(0, c));
        int hi = c == s.length() - 1 ? 65535 : port(s.substring(c + 1));
        if (lo > hi) {
            return new int[] {hi, lo}; // iptables swaps an inverted range
        }
        return new int[] {lo, hi};
    }

    private static int port(String s) {
        if (!s.matches("[0-9]{1,5}") || Integer.parseInt(s) > 65535) {
            throw new IllegalArgumentException("not a port number: " + s);
        }
        return Integer.parseInt(s);
    }

    /**
     * Parses an ICMP or ICMPv6 type: a name, {@code type} or {@code type/code}.
     *
     * @param s  the text
     * @param v6 whether ICMPv6 names apply
     * @return {@code [type, codeLo, codeHi]}; type 255 with codes 0..255 is {@code any}
     * @throws IllegalArgumentException if unknown
     */
    static int[] icmpType(String s, boolean v6) {
        int[] named = (v6 ? ICMP6 : ICMP).get(s.toLowerCase(Locale.ROOT));
        if (named != null) {
            return named.clone();
        }
        String[] p = s.split("/");
        if (p.length > 2 || !p[0].matches("[0-9]{1,3}") || (p.length == 2 && !p[1].matches("[0-9]{1,3}"))) {
            throw new IllegalArgumentException("unknown ICMP type: " + s);
        }
        int type = Integer.parseInt(p[0]);
        if (p.length == 1) {
            return new int[] {type, 0, 255};
        }
        int code = Integer.parseInt(p[1]);
        return new int[] {type, code, code};
    }

    /**
     * Parses {@code value[/mask]} as the mark matches and MARK target write it (hex or decimal).
     *
     * @param s the text
     * @return {@code [value, mask]}, mask 0xffffffff when absent
     * @throws IllegalArgumentException if not a number
     */
    static long[] markMask(String s) {
        int slash = s.indexOf('/');
        long v = number(slash < 0 ? s : s.substring(0, slash));
        long m = slash < 0 ? 0xffffffffL : number(s.substring(slash + 1));
        return new long[] {v, m};
    }

    private static long number(String s) {
        try {
            long v = s.startsWith("0x") || s.startsWith("0X") ? Long.parseLong(s.substring(2), 16) : Long.parseLong(s);
            if (v < 0 || v > 0xffffffffL) {
                throw new IllegalArgumentException("not a 32-bit value: " + s);
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a number: " + s, e);
        }
    }
}
