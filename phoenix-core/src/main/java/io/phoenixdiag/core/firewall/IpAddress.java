package io.phoenixdiag.core.firewall;

import java.util.Optional;

/**
 * An IPv4 or IPv6 address held as a 128-bit unsigned number ({@code high}:{@code low}); IPv4 uses
 * only {@code low} (0..2^32-1) and {@code high == 0}.
 *
 * <p>Parsed without DNS (RFC 4291 section 2.2 text forms, including {@code ::} and an embedded
 * dotted IPv4 tail; RFC 791 dotted quad). Immutable and thread-safe. Ordering: IPv4 before IPv6,
 * then numeric.
 *
 * @param version 4 or 6
 * @param high    the upper 64 bits (IPv6 only; 0 for IPv4)
 * @param low     the lower 64 bits (for IPv4 the 32-bit address)
 */
public record IpAddress(int version, long high, long low) implements Comparable<IpAddress> {

    /**
     * Validates the components.
     *
     * @param version 4 or 6
     * @param high upper 64 bits
     * @param low lower 64 bits
     * @throws IllegalArgumentException if the version is not 4 or 6, or an IPv4 value exceeds 32 bits
     */
    public IpAddress {
        if (version != 4 && version != 6) {
            throw new IllegalArgumentException("IP version must be 4 or 6: " + version);
        }
        if (version == 4 && (high != 0 || (low >>> 32) != 0)) {
            throw new IllegalArgumentException("IPv4 address out of range");
        }
    }

    /**
     * An IPv4 address from its 32-bit value.
     *
     * @param value 0..4294967295
     * @return the address
     * @throws IllegalArgumentException if out of range
     */
    public static IpAddress ofV4(long value) {
        return new IpAddress(4, 0, value);
    }

    /**
     * Parses a literal IPv4 or IPv6 address (no prefix, no zone id, no DNS).
     *
     * @param text such as {@code 10.0.0.12} or {@code fd00::1}
     * @return the address, or empty when the text is not an address
     */
    public static Optional<IpAddress> tryParse(String text) {
        if (text == null || text.isEmpty()) {
            return Optional.empty();
        }
        return text.indexOf(':') >= 0 ? parseV6(text) : parseV4(text).map(IpAddress::ofV4);
    }

    /**
     * Parses a literal IPv4 or IPv6 address.
     *
     * @param text such as {@code 10.0.0.12} or {@code fd00::1}
     * @return the address
     * @throws IllegalArgumentException if the text is not an address (the message names the text)
     */
    public static IpAddress parse(String text) {
        return tryParse(text).orElseThrow(
                () -> new IllegalArgumentException("not an IPv4 or IPv6 address: '" + text + "'"));
    }

    private static Optional<Long> parseV4(String s) {
        long value = 0;
        int parts = 0;
        int i = 0;
        int n = s.length();
        while (i <= n) {
            int start = i;
            int octet = 0;
            while (i < n && s.charAt(i) != '.') {
                char c = s.charAt(i);
                if (c < '0' || c > '9' || i - start >= 3) {
                    return Optional.empty();
                }
                octet = octet * 10 + (c - '0');
                i++;
            }
            if (i == start || octet > 255) {
                return Optional.empty();
            }
            value = (value << 8) | octet;
            parts++;
            i++;
        }
        return parts == 4 ? Optional.of(value) : Optional.empty();
    }

    private static Optional<IpAddress> parseV6(String s) {
        int dbl = s.indexOf("::");
        if (dbl >= 0 && s.indexOf("::", dbl + 1) >= 0) {
            return Optional.empty();
        }
        int[] head = new int[8];
        int[] tail = new int[8];
        int headCount;
        int tailCount = 0;
        if (dbl >= 0) {
            int[] h = groups(s.substring(0, dbl), head, 0, false);
            int[] t = groups(s.substring(dbl + 2), tail, 0, true);
            if (h == null || t == null) {
                return Optional.empty();
            }
            headCount = h[0];
            tailCount = t[0];
            if (headCount + tailCount > 7) {
                return Optional.empty();
            }
        } else {
            int[] h = groups(s, head, 0, true);
            if (h == null || h[0] != 8) {
                return Optional.empty();
            }
            headCount = 8;
        }
        int[] all = new int[8];
        System.arraycopy(head, 0, all, 0, headCount);
        System.arraycopy(tail, 0, all, 8 - tailCount, tailCount);
        long hi = 0;
        long lo = 0;
        for (int k = 0; k < 4; k++) {
            hi = (hi << 16) | all[k];
            lo = (lo << 16) | all[k + 4];
        }
        return Optional.of(new IpAddress(6, hi, lo));
    }

    /** Parses colon-separated hex groups (an IPv4 tail allowed when {@code last}); returns {count} or null. */
    private static int[] groups(String s, int[] out, int offset, boolean last) {
        if (s.isEmpty()) {
            return new int[] {0};
        }
        String[] parts = s.split(":", -1);
        int count = 0;
        for (int k = 0; k < parts.length; k++) {
            String p = parts[k];
            if (last && k == parts.length - 1 && p.indexOf('.') >= 0) {
                Optional<Long> v4 = parseV4(p);
                if (v4.isEmpty() || offset + count + 2 > 8) {
                    return null;
                }
                out[offset + count++] = (int) (v4.get() >>> 16);
                out[offset + count++] = (int) (v4.get() & 0xffff);
                continue;
            }
            if (p.isEmpty() || p.length() > 4 || offset + count >= 8) {
                return null;
            }
            int v = 0;
            for (int c = 0; c < p.length(); c++) {
                int d = Character.digit(p.charAt(c), 16);
                if (d < 0) {
                    return null;
                }
                v = (v << 4) | d;
            }
            out[offset + count++] = v;
        }
        return new int[] {count};
    }

    /**
     * The number of address bits: 32 or 128.
     *
     * @return 32 for IPv4, 128 for IPv6
     */
    public int bits() {
        return version == 4 ? 32 : 128;
    }

    /**
     * Whether this is a multicast address (IPv4 224.0.0.0/4, RFC 5771; IPv6 ff00::/8, RFC 4291).
     *
     * @return true for multicast
     */
    public boolean isMulticast() {
        return version == 4 ? (low >>> 28) == 0xE : (high >>> 56) == 0xFF;
    }

    /**
     * Whether this is the IPv4 limited broadcast address 255.255.255.255 (RFC 919).
     *
     * @return true for the limited broadcast address
     */
    public boolean isLimitedBroadcast() {
        return version == 4 && low == 0xFFFFFFFFL;
    }

    @Override
    public int compareTo(IpAddress o) {
        if (version != o.version) {
            return Integer.compare(version, o.version);
        }
        int c = Long.compareUnsigned(high, o.high);
        return c != 0 ? c : Long.compareUnsigned(low, o.low);
    }

    /**
     * Renders the address: dotted quad for IPv4, the RFC 5952 canonical form for IPv6.
     *
     * @return such as {@code 10.0.0.12} or {@code fd00::1}
     */
    @Override
    public String toString() {
        if (version == 4) {
            return (low >>> 24) + "." + ((low >>> 16) & 255) + "." + ((low >>> 8) & 255) + "." + (low & 255);
        }
        int[] g = new int[8];
        for (int k = 0; k < 4; k++) {
            g[k] = (int) ((high >>> (48 - 16 * k)) & 0xffff);
            g[k + 4] = (int) ((low >>> (48 - 16 * k)) & 0xffff);
        }
        int bestStart = -1;
        int bestLen = 1;
        for (int k = 0; k < 8; ) {
            if (g[k] == 0) {
                int j = k;
                while (j < 8 && g[j] == 0) {
                    j++;
                }
                if (j - k > bestLen) {
                    bestStart = k;
                    bestLen = j - k;
                }
                k = j;
            } else {
                k++;
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < 8; k++) {
            if (k == bestStart) {
                sb.append("::");
                k += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[k]));
        }
        return sb.toString();
    }
}
