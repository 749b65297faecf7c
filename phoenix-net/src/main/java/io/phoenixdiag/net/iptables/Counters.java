package io.phoenixdiag.net.iptables;

/**
 * Packet and byte counters as {@code iptables-save -c} prints them ({@code [packets:bytes]}).
 *
 * <p>Immutable and thread-safe.
 *
 * @param packets packets counted (&gt;= 0)
 * @param bytes   bytes counted (&gt;= 0)
 */
public record Counters(long packets, long bytes) {
    /**
     * Validates the counters.
     *
     * @param packets packets counted
     * @param bytes   bytes counted
     * @throws IllegalArgumentException if a value is negative
     */
    public Counters {
        if (packets < 0 || bytes < 0) {
            throw new IllegalArgumentException("counters must be >= 0: " + packets + ":" + bytes);
        }
    }

    /**
     * Renders as iptables-save does.
     *
     * @return e.g. {@code [12:900]}
     */
    @Override
    public String toString() {
        return "[" + packets + ":" + bytes + "]";
    }
}
