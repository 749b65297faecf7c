package io.phoenixdiag.capture.source;

/**
 * Receives captured packets, one call per packet, in capture order. The bytes are only valid during the
 * call: a handler that keeps them must copy them (the readers reuse their buffers, which is what lets them
 * run without allocating per packet).
 */
@FunctionalInterface
public interface PacketHandler {
    /**
     * One packet.
     *
     * @param timestampNanos capture time in nanoseconds since the Unix epoch (UTC)
     * @param linkType       the link-layer header type of {@code data}
     * @param data           a buffer holding the packet's captured bytes
     * @param offset         where the packet starts in {@code data}
     * @param capturedLength how many bytes were captured (at most the snap length)
     * @param originalLength the packet's length on the wire, in bytes ({@code >= capturedLength} normally)
     */
    void packet(long timestampNanos, LinkType linkType, byte[] data, int offset, int capturedLength, int originalLength);
}
