package io.phoenixdiag.core.config;


/**
 * An inclusive range of TCP/UDP port numbers; a single port has {@code first == last}.
 *
 * <p>Immutable and thread-safe; never holds null.
 *
 * @param first first port, 0..65535
 * @param last  last port, {@code first..65535}
 */
public record PortRange(int first, int last) {

    /**
     * Validates and copies the components.
     *
     * @param first the first
     * @param last the last
     */
    public PortRange {
    }

    /**
     * Whether the range holds a port.
     *
     * @param port a port number
     * @return {@code true} when {@code first <= port <= last}
     */
    public boolean contains(int port) {
        return port >= first && port <= last;
    }

    /**
     * Renders the range in Proxmox syntax.
     *
     * @return {@code 80} or {@code 8000:8010}
     */
    @Override
    public String toString() {
        return first == last ? Integer.toString(first) : first + ":" + last;
    }
}
