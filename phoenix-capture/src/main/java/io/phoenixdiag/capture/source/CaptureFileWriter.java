package io.phoenixdiag.capture.source;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * Writes packets to a classic pcap file (microsecond or nanosecond magic, little-endian) or a pcapng file
 * (one section; one interface description block per link type, nanosecond {@code if_tsresol}; enhanced
 * packet blocks). Used for write-through evidence of a live capture, by tests and by the benchmark.
 *
 * <p>A pcap file holds one link type: writing another throws {@link IllegalArgumentException}. Captured bytes
 * beyond the snap length are cut. Not thread-safe.
 */
public final class CaptureFileWriter implements PacketHandler, AutoCloseable {
    private final OutputStream out;
    private final CaptureFormat format;
    private final boolean nanos;
    private final int snapLength;
    private final LinkType pcapLink;
    private final Map<LinkType, Integer> interfaceIds = new EnumMap<>(LinkType.class);
    private final ByteBuffer header = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
    private long packets;

    private CaptureFileWriter(OutputStream out, CaptureFormat format, LinkType link, int snapLength, boolean nanos)
            throws IOException {
        this.out = out;
        this.format = format;
        this.nanos = nanos;
        this.snapLength = snapLength;
        this.pcapLink = link;
        if (format == CaptureFormat.PCAP) {
            header.clear();
            header.putInt(nanos ? 0xa1b23c4d : 0xa1b2c3d4).putShort((short) 2).putShort((short) 4)
                    .putInt(0).putInt(0).putInt(snapLength).putInt(link.number());
            out.write(header.array(), 0, header.position());
        } else {
            header.clear();
            header.putInt(0x0A0D0D0A).putInt(28).putInt(0x1A2B3C4D).putShort((short) 1).putShort((short) 0)
                    .putLong(-1L).putInt(28);
            out.write(header.array(), 0, header.position());
        }
    }

    /**
     * Creates (or truncates) a classic pcap file.
     *
     * @param file       the file
     * @param link       its one link type
     * @param snapLength the snap length written in the header, in bytes (1-262144 typical)
     * @param nanos      true for nanosecond timestamps (magic {@code a1b23c4d}), false for microseconds
     * @return the writer; close it
     * @throws IOException if the file cannot be created
     * @throws IllegalArgumentException if the snap length is not positive
     */
    public static CaptureFileWriter pcap(Path file, LinkType link, int snapLength, boolean nanos) throws IOException {
        return create(file, CaptureFormat.PCAP, link, snapLength, nanos);
    }

    /**
     * Creates (or truncates) a pcapng file with nanosecond timestamps.
     *
     * @param file       the file
     * @param snapLength the snap length of its interfaces, in bytes
     * @return the writer; close it
     * @throws IOException if the file cannot be created
     * @throws IllegalArgumentException if the snap length is not positive
     */
    public static CaptureFileWriter pcapng(Path file, int snapLength) throws IOException {
        return create(file, CaptureFormat.PCAPNG, null, snapLength, true);
    }

    private static CaptureFileWriter create(Path file, CaptureFormat format, LinkType link, int snapLength, boolean nanos)
            throws IOException {
        Objects.requireNonNull(file, "file");
        if (format == CaptureFormat.PCAP) {
            Objects.requireNonNull(link, "link");
        }
        if (snapLength <= 0) {
            throw new IllegalArgumentException("snap length must be positive: " + snapLength);
        }
        OutputStream os = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        try {
            return new CaptureFileWriter(os, format, link, snapLength, nanos);
        } catch (IOException e) {
            os.close();
            throw e;
        }
    }

    /**
     * Writes one packet.
     *
     * @param timestampNanos capture time, nanoseconds since the epoch
     * @param linkType       its link type
     * @param data           the buffer
     * @param offset         where the packet starts
     * @param capturedLength captured bytes (cut to the snap length)
     * @param originalLength length on the wire
     * @throws java.io.UncheckedIOException if writing fails
     * @throws IllegalArgumentException if a pcap file gets a second link type
     */
    @Override
    public void packet(long timestampNanos, LinkType linkType, byte[] data, int offset, int capturedLength,
                       int originalLength) {
        try {
            write(timestampNanos, linkType, data, offset, capturedLength, originalLength);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Writes one packet.
     *
     * @param timestampNanos capture time, nanoseconds since the epoch
     * @param linkType       its link type
     * @param data           the buffer
     * @param offset         where the packet starts
     * @param capturedLength captured bytes (cut to the snap length)
     * @param originalLength length on the wire
     * @throws IOException if writing fails
     * @throws IllegalArgumentException if a pcap file gets a second link type
     */
    public void write(long timestampNanos, LinkType linkType, byte[] data, int offset, int capturedLength,
                      int originalLength) throws IOException {
        int caplen = Math.min(capturedLength, snapLength);
        header.clear();
        if (format == CaptureFormat.PCAP) {
            if (linkType != pcapLink) {
                throw new IllegalArgumentException("this pcap file holds " + pcapLink + " packets, not " + linkType);
            }
            long sec = Math.floorDiv(timestampNanos, 1_000_000_000L);
            long frac = Math.floorMod(timestampNanos, 1_000_000_000L);
            header.putInt((int) sec).putInt((int) (nanos ? frac : frac / 1000)).putInt(caplen).putInt(originalLength);
            out.write(header.array(), 0, 16);
            out.write(data, offset, caplen);
        } else {
            Integer id = interfaceIds.get(linkType);
            if (id == null) {
                id = interfaceIds.size();
                interfaceIds.put(linkType, id);
                header.putInt(1).putInt(32).putShort((short) linkType.number()).putShort((short) 0).putInt(snapLength)
                        .putShort((short) 9).putShort((short) 1).put((byte) 9).put((byte) 0).putShort((short) 0)
                        .putInt(0).putInt(32);
                out.write(header.array(), 0, 32);
                header.clear();
            }
            int pad = (4 - (caplen & 3)) & 3;
            int total = 32 + caplen + pad;
            header.putInt(6).putInt(total).putInt(id).putInt((int) (timestampNanos >>> 32)).putInt((int) timestampNanos)
                    .putInt(caplen).putInt(originalLength);
            out.write(header.array(), 0, 28);
            out.write(data, offset, caplen);
            header.clear();
            for (int i = 0; i < pad; i++) {
                header.put((byte) 0);
            }
            header.putInt(total);
            out.write(header.array(), 0, header.position());
        }
        packets++;
    }

    /**
     * The packets written so far.
     *
     * @return a count
     */
    public long packets() {
        return packets;
    }

    /**
     * Flushes buffered packets to the file.
     *
     * @throws IOException if writing fails
     */
    public void flush() throws IOException {
        out.flush();
    }

    /**
     * Flushes and closes the file.
     *
     * @throws IOException if writing fails
     */
    @Override
    public void close() throws IOException {
        out.close();
    }
}
