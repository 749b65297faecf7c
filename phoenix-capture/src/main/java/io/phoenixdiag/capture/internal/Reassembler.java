package io.phoenixdiag.capture.internal;

import java.util.Map;
import java.util.TreeMap;

/**
 * In-order reassembly of one direction of a TCP stream into a bounded buffer, for a consumer that parses
 * records from its start. Out-of-order segments wait (up to 64 segments within 1 MiB ahead); a hole that
 * cannot be filled marks the stream broken. Stops accepting once the consumer says it is done or the byte
 * budget is spent.
 */
public final class Reassembler {
    /** Consumes bytes from the start of the buffer. */
    public interface Consumer {
        /**
         * Parses what it can.
         *
         * @param b   the buffer
         * @param len bytes available from 0
         * @param ts  time of the segment that completed them
         * @return bytes consumed (0 when it needs more), or -1 when it wants no more data
         */
        int consume(byte[] b, int len, long ts);
    }

    private static final int MAX_PENDING = 64;
    private static final int MAX_AHEAD = 1 << 20;

    private final Consumer consumer;
    private final long budget;
    private byte[] buf = new byte[2048];
    private int len;
    private int next;
    private boolean started;
    private boolean finished;
    private boolean gap;
    private long taken;
    private final TreeMap<Integer, byte[]> pending = new TreeMap<>(Integer::compareUnsigned);

    /**
     * Creates a reassembler.
     *
     * @param consumer the parser
     * @param budget   stop after this many stream bytes
     */
    public Reassembler(Consumer consumer, long budget) {
        this.consumer = consumer;
        this.budget = budget;
    }

    /**
     * Sets the sequence number of the first payload byte (the SYN's sequence number + 1).
     *
     * @param seq the sequence number
     */
    public void start(int seq) {
        if (!started) {
            next = seq;
            started = true;
        }
    }

    /**
     * Whether the stream had a hole it could not fill.
     *
     * @return true after a gap
     */
    public boolean hadGap() {
        return gap;
    }

    /**
     * Whether the reassembler accepts no more data (consumer done, gap, or budget spent).
     *
     * @return true when finished
     */
    public boolean finished() {
        return finished;
    }

    /**
     * Adds a segment's payload.
     *
     * @param seq the segment's sequence number
     * @param b   bytes
     * @param off start of the payload
     * @param n   captured payload length
     * @param ts  time
     */
    public void add(int seq, byte[] b, int off, int n, long ts) {
        if (finished || n <= 0) {
            return;
        }
        if (!started) {
            start(seq);
        }
        int delta = seq - next;
        if (delta > 0) {
            if (delta > MAX_AHEAD || pending.size() >= MAX_PENDING) {
                gap = true;
                finished = true;
                return;
            }
            byte[] copy = new byte[n];
            System.arraycopy(b, off, copy, 0, n);
            pending.merge(seq, copy, (x, y) -> x.length >= y.length ? x : y);
            return;
        }
        // RFC 1982 serial arithmetic: delta is the signed distance modulo 2^32; a distance of exactly
        // -2^31 (Integer.MIN_VALUE, whose negation overflows) is old data, as is any overlap of the whole segment
        long skip = -(long) delta;
        if (skip >= n) {
            return;
        }
        append(b, off + (int) skip, n - (int) skip, ts);
        while (!finished && !pending.isEmpty()) {
            Map.Entry<Integer, byte[]> e = pending.firstEntry();
            int d = e.getKey() - next;
            if (d > 0) {
                break;
            }
            pending.pollFirstEntry();
            byte[] p = e.getValue();
            long overlap = -(long) d;
            if (overlap < p.length) {
                append(p, (int) overlap, p.length - (int) overlap, ts);
            }
        }
    }

    private void append(byte[] b, int off, int n, long ts) {
        next += n;
        taken += n;
        if (len + n > buf.length) {
            int size = buf.length;
            while (size < len + n) {
                size *= 2;
            }
            byte[] bigger = new byte[size];
            System.arraycopy(buf, 0, bigger, 0, len);
            buf = bigger;
        }
        System.arraycopy(b, off, buf, len, n);
        len += n;
        int used = consumer.consume(buf, len, ts);
        if (used < 0) {
            finish();
            return;
        }
        if (used > 0) {
            System.arraycopy(buf, used, buf, 0, len - used);
            len -= used;
        }
        if (taken >= budget || len > (1 << 18)) {
            finish();
        }
    }

    private void finish() {
        finished = true;
        buf = new byte[0];
        len = 0;
        pending.clear();
    }
}
