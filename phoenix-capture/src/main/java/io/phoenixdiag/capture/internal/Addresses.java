package io.phoenixdiag.capture.internal;

/** Addresses held as two longs (IPv4 as an IPv4-mapped IPv6 address) and their canonical text. */
public final class Addresses {
    /** The high 64 bits of an IPv4-mapped address. */
    public static final long V4_HI = 0L;
    /** The marker bits of an IPv4-mapped address in the low 64 bits. */
    public static final long V4_MARK = 0xffff00000000L;

    private Addresses() {
    }

    /**
     * Whether the pair holds an IPv4 address.
     *
     * @param hi high bits
     * @param lo low bits
     * @return true for IPv4
     */
    public static boolean isV4(long hi, long lo) {
        return hi == 0 && (lo & 0xffffffff00000000L) == V4_MARK;
    }

    /**
     * Canonical text: dotted quad, or RFC 5952 for IPv6.
     *
     * @param hi high bits
     * @param lo low bits
     * @return the text
     */
    public static String format(long hi, long lo) {
        if (isV4(hi, lo)) {
            return ((lo >>> 24) & 0xff) + "." + ((lo >>> 16) & 0xff) + "." + ((lo >>> 8) & 0xff) + "." + (lo & 0xff);
        }
        int[] g = new int[8];
        for (int i = 0; i < 4; i++) {
            g[i] = (int) ((hi >>> (48 - 16 * i)) & 0xffff);
            g[i + 4] = (int) ((lo >>> (48 - 16 * i)) & 0xffff);
        }
        int bestStart = -1;
        int bestLen = 0;
        for (int i = 0; i < 8; ) {
            if (g[i] == 0) {
                int j = i;
                while (j < 8 && g[j] == 0) {
                    j++;
                }
                if (j - i > bestLen && j - i >= 2) {
                    bestStart = i;
                    bestLen = j - i;
                }
                i = j;
            } else {
                i++;
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString();
    }

    /**
     * Parses an IPv4 or IPv6 literal into the two-long form.
     *
     * @param text the literal
     * @return {hi, lo}
     * @throws IllegalArgumentException if it is not an IP literal
     */
    public static long[] parse(String text) {
        String t = text.strip();
        if (t.indexOf(':') < 0) {
            String[] parts = t.split("\\.", -1);
            if (parts.length != 4) {
                throw new IllegalArgumentException("not an IPv4 address: " + text);
            }
            long v = 0;
            for (String p : parts) {
                int b = Integer.parseInt(p);
                if (b < 0 || b > 255) {
                    throw new IllegalArgumentException("not an IPv4 address: " + text);
                }
                v = v << 8 | b;
            }
            return new long[] {V4_HI, V4_MARK | v};
        }
        byte[] b;
        try {
            if (!t.matches("[0-9A-Fa-f:.]+")) {
                throw new IllegalArgumentException("not an IPv6 address: " + text);
            }
            b = java.net.InetAddress.getByName(t).getAddress();
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: " + text, e);
        }
        if (b.length == 4) {
            return parse((b[0] & 0xff) + "." + (b[1] & 0xff) + "." + (b[2] & 0xff) + "." + (b[3] & 0xff));
        }
        long hi = 0;
        long lo = 0;
        for (int i = 0; i < 8; i++) {
            hi = hi << 8 | (b[i] & 0xff);
            lo = lo << 8 | (b[i + 8] & 0xff);
        }
        return new long[] {hi, lo};
    }
}
