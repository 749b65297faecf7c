package io.phoenixdiag.capture.flow;

/**
 * Packet counts of a capture.
 *
 * @param packets          frames seen
 * @param bytes            bytes on the wire (original lengths summed)
 * @param ipPackets        IPv4/IPv6 packets
 * @param nonIpPackets     frames that were not IP (ARP, LLDP...)
 * @param malformedPackets frames whose headers were truncated or invalid (each also gave a warning, up to a cap)
 * @param fragments        IP fragments (first and later); later fragments are not assigned to flows
 * @param firstNanos       time of the first packet, ns since the epoch (0 when there was none)
 * @param lastNanos        time of the last packet (0 when there was none)
 */
public record CaptureStats(long packets, long bytes, long ipPackets, long nonIpPackets, long malformedPackets,
                           long fragments, long firstNanos, long lastNanos) {
}
