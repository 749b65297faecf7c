package io.phoenixdiag.capture.internal;

/** Bounds-checked big-endian reads over a byte range; over-reads throw {@link Malformed}. */
public final class Cursor {
    private final byte[] b;
    private final int start;
    private final int end;
    private int p;

    /**
     * A cursor over {@code b[off, off+len)}.
     *
     * @param b   the bytes
     * @param off start
     * @param len length
     */
    public Cursor(byte[] b, int off, int len) {
        this.b = b;
        this.start = off;
        this.p = off;
        this.end = off + len;
    }

    /**
     * Bytes left.
     *
     * @return the count
     */
    public int remaining() {
        return end - p;
    }

    /**
     * Position relative to the start.
     *
     * @return the offset
     */
    public int position() {
        return p - start;
    }

    /**
     * Moves to an offset relative to the start.
     *
     * @param offset the offset
     * @throws Malformed if outside the range
     */
    public void seek(int offset) throws Malformed {
        if (offset < 0 || start + offset > end) {
            throw new Malformed("offset " + offset + " outside a " + (end - start) + "-byte message");
        }
        p = start + offset;
    }

    private void need(int n) throws Malformed {
        if (n < 0 || end - p < n) {
            throw new Malformed("needs " + n + " more bytes at offset " + (p - start) + ", " + (end - p) + " left");
        }
    }

    /**
     * One unsigned byte.
     *
     * @return 0-255
     * @throws Malformed at the end
     */
    public int u8() throws Malformed {
        need(1);
        return b[p++] & 0xff;
    }

    /**
     * One unsigned 16-bit value.
     *
     * @return 0-65535
     * @throws Malformed at the end
     */
    public int u16() throws Malformed {
        need(2);
        int v = (b[p] & 0xff) << 8 | (b[p + 1] & 0xff);
        p += 2;
        return v;
    }

    /**
     * One unsigned 24-bit value.
     *
     * @return the value
     * @throws Malformed at the end
     */
    public int u24() throws Malformed {
        need(3);
        int v = (b[p] & 0xff) << 16 | (b[p + 1] & 0xff) << 8 | (b[p + 2] & 0xff);
        p += 3;
        return v;
    }

    /**
     * One unsigned 32-bit value.
     *
     * @return the value
     * @throws Malformed at the end
     */
    public long u32() throws Malformed {
        need(4);
        long v = ((b[p] & 0xffL) << 24) | (b[p + 1] & 0xff) << 16 | (b[p + 2] & 0xff) << 8 | (b[p + 3] & 0xff);
        p += 4;
        return v;
    }

    /**
     * Skips bytes.
     *
     * @param n how many
     * @throws Malformed past the end
     */
    public void skip(int n) throws Malformed {
        need(n);
        p += n;
    }

    /**
     * Copies bytes.
     *
     * @param n how many
     * @return the copy
     * @throws Malformed past the end
     */
    public byte[] bytes(int n) throws Malformed {
        need(n);
        byte[] out = new byte[n];
        System.arraycopy(b, p, out, 0, n);
        p += n;
        return out;
    }

    /**
     * A sub-cursor over the next n bytes; this cursor moves past them.
     *
     * @param n the length
     * @return the sub-cursor
     * @throws Malformed past the end
     */
    public Cursor slice(int n) throws Malformed {
        need(n);
        Cursor c = new Cursor(b, p, n);
        p += n;
        return c;
    }

    /**
     * Bytes as ISO-8859-1 text (printable names; other bytes are escaped as {@code \xNN}).
     *
     * @param n how many
     * @return the text
     * @throws Malformed past the end
     */
    public String text(int n) throws Malformed {
        need(n);
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            int c = b[p + i] & 0xff;
            if (c >= 0x20 && c < 0x7f) {
                sb.append((char) c);
            } else {
                sb.append(String.format("\\x%02x", c));
            }
        }
        p += n;
        return sb.toString();
    }

    /**
     * The whole underlying array (for DNS name compression, which reads from the message start).
     *
     * @return the array
     */
    byte[] array() {
        return b;
    }

    /**
     * The absolute start.
     *
     * @return the start offset in the array
     */
    int start() {
        return start;
    }

    /**
     * The absolute end.
     *
     * @return the end offset in the array
     */
    int end() {
        return end;
    }
}
