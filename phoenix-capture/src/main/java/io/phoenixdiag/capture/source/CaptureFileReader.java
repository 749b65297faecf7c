package io.phoenixdiag.capture.source;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Streams the packets of a pcap or pcapng file without dissecting them, in constant memory (a read buffer
 * of 1 MiB that grows only for a single larger block, up to 64 MiB).
 *
 * <p>Formats: classic pcap (libpcap's {@code pcap-savefile(5)}: microsecond magic {@code a1b2c3d4} and
 * nanosecond magic {@code a1b23c4d}, either byte order) and pcapng (draft-ietf-opsawg-pcapng: several
 * sections of either byte order, interface description blocks with {@code if_tsresol} and
 * {@code if_tsoffset}, enhanced, simple and obsolete packet blocks; other blocks are skipped). Link types:
 * see {@link LinkType}; packets of other link types are skipped with one warning per interface.
 *
 * <p>Damage never throws: a record whose header is impossible (captured length above the limit
 * max(snap length, 262144 bytes), a pcapng block length that is not a multiple of 4 or does not match its
 * trailer) or a file that ends inside a record stops reading there, with a {@link CaptureWarning} naming
 * the byte offset and packet number; every packet before it has been delivered. Other warnings are
 * capped at 100 (then one saying more were dropped), so memory stays bounded. Only a file that is not
 * a capture at all ({@link CaptureFormatException}, from {@link #open}) and I/O errors throw.
 *
 * <pre>{@code
 * try (CaptureFileReader r = CaptureFileReader.open(Path.of("dump.pcapng"))) {
 *     long n = r.readAll((ts, link, data, off, caplen, len) -> ...);
 *     r.warnings().forEach(System.err::println);
 * }
 * }</pre>
 *
 * Not thread-safe: one thread reads a reader.
 */
public final class CaptureFileReader implements AutoCloseable {
    private static final int INITIAL_BUFFER = 1 << 20;
    private static final int MAX_BLOCK = 64 << 20;
    private static final int MIN_RECORD_LIMIT = 262144;
    private static final int MAX_WARNINGS = 100;
    private static final int PCAPNG_SHB = 0x0A0D0D0A;
    private static final int PCAPNG_BOM = 0x1A2B3C4D;

    private final String name;
    private final ReadableByteChannel channel;
    private final CaptureFormat format;
    private final List<CaptureWarning> warnings = new ArrayList<>();
    private byte[] buf = new byte[INITIAL_BUFFER];
    private int pos;
    private int limit;
    private long bufferFileOffset;
    private boolean eof;
    private boolean stopped;
    private long packets;

    // classic pcap
    private boolean bigEndian;
    private boolean nanos;
    private int pcapLinkNumber;
    private LinkType pcapLink;
    private int recordLimit = MIN_RECORD_LIMIT;
    private boolean warnedPcapLink;

    // pcapng: interfaces of the current section
    private final List<Interface> interfaces = new ArrayList<>();

    private static final class Interface {
        final int linkNumber;
        final LinkType link;
        final int snapLength;
        long unitsPerSecond = 1_000_000L;
        boolean powerOfTwo;
        int shift;
        long offsetSeconds;
        boolean warned;

        Interface(int linkNumber, int snapLength) {
            this.linkNumber = linkNumber;
            this.link = LinkType.of(linkNumber).orElse(null);
            this.snapLength = snapLength;
        }
    }

    private CaptureFileReader(String name, ReadableByteChannel channel) throws IOException {
        this.name = name;
        this.channel = channel;
        if (!ensure(4)) {
            throw new CaptureFormatException(name + ": " + limit + " bytes is too short for a capture file header"
                    + " (expected a pcap magic number a1b2c3d4/a1b23c4d or a pcapng section header block)");
        }
        int magicBe = intAt(pos, true);
        if (magicBe == PCAPNG_SHB) {
            format = CaptureFormat.PCAPNG;
            return;
        }
        format = CaptureFormat.PCAP;
        int magicLe = intAt(pos, false);
        if (magicBe == 0xa1b2c3d4 || magicBe == 0xa1b23c4d) {
            bigEndian = true;
            nanos = magicBe == 0xa1b23c4d;
        } else if (magicLe == 0xa1b2c3d4 || magicLe == 0xa1b23c4d) {
            bigEndian = false;
            nanos = magicLe == 0xa1b23c4d;
        } else {
            throw new CaptureFormatException(name + ": not a pcap or pcapng file: first four bytes are "
                    + String.format("%08x", magicBe) + ", expected a1b2c3d4 or a1b23c4d (pcap, either byte order)"
                    + " or 0a0d0d0a (pcapng)");
        }
        if (!ensure(24)) {
            throw new CaptureFormatException(name + ": pcap file header is truncated: " + (limit - pos)
                    + " of 24 bytes");
        }
        int snap = intAt(pos + 16, bigEndian);
        pcapLinkNumber = intAt(pos + 20, bigEndian) & 0x0fffffff;
        pcapLink = LinkType.of(pcapLinkNumber).orElse(null);
        if (snap > MIN_RECORD_LIMIT && snap <= MAX_BLOCK) {
            recordLimit = snap;
        }
        pos += 24;
    }

    /**
     * Opens a capture file and reads its file header.
     *
     * @param file the pcap or pcapng file
     * @return a reader positioned before the first packet; close it
     * @throws NoSuchFileException if the file does not exist
     * @throws CaptureFormatException if the file is not a pcap or pcapng file (bad magic, too short)
     * @throws IOException if it cannot be read
     */
    public static CaptureFileReader open(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
        try {
            return new CaptureFileReader(file.toString(), ch);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /**
     * Opens a capture from any channel (a pipe, a socket, an in-memory channel).
     *
     * @param name    the name used in warnings
     * @param channel the bytes of a pcap or pcapng file; closed by {@link #close()}
     * @return a reader positioned before the first packet
     * @throws CaptureFormatException if the bytes are not a pcap or pcapng file
     * @throws IOException if the channel cannot be read
     */
    public static CaptureFileReader open(String name, ReadableByteChannel channel) throws IOException {
        return new CaptureFileReader(Objects.requireNonNull(name, "name"), Objects.requireNonNull(channel, "channel"));
    }

    /**
     * The file's format.
     *
     * @return pcap or pcapng
     */
    public CaptureFormat format() {
        return format;
    }

    /**
     * Whether a classic pcap file has nanosecond timestamps (magic {@code a1b23c4d}); false for pcapng,
     * whose resolution is per interface.
     *
     * @return true for a nanosecond pcap
     */
    public boolean nanosecondPcap() {
        return nanos;
    }

    /**
     * The packets delivered so far.
     *
     * @return a count
     */
    public long packets() {
        return packets;
    }

    /**
     * The warnings so far: damage that stopped reading, skipped link types.
     *
     * @return an immutable copy, in the order found
     */
    public List<CaptureWarning> warnings() {
        return List.copyOf(warnings);
    }

    /**
     * Delivers every remaining packet to the handler.
     *
     * @param handler receives the packets
     * @return how many packets were delivered by this call
     * @throws IOException if reading fails (not for damaged content, which becomes a warning)
     */
    public long readAll(PacketHandler handler) throws IOException {
        long before = packets;
        while (next(handler)) {
            // next() delivers
        }
        return packets - before;
    }

    /**
     * Delivers the next packet (skipping blocks that hold none).
     *
     * @param handler receives it
     * @return false at the end of the file or where damage stopped reading
     * @throws IOException if reading fails
     */
    public boolean next(PacketHandler handler) throws IOException {
        Objects.requireNonNull(handler, "handler");
        while (!stopped) {
            int r = format == CaptureFormat.PCAP ? nextPcap(handler) : nextPcapng(handler);
            if (r == 1) {
                packets++;
                return true;
            }
            if (r < 0) {
                stopped = true;
            }
        }
        return false;
    }

    /** @return 1 delivered, 0 skipped, -1 end or stop */
    private int nextPcap(PacketHandler handler) throws IOException {
        if (!ensure(16)) {
            truncatedIfAny(16, "record header");
            return -1;
        }
        long sec = intAt(pos, bigEndian) & 0xffffffffL;
        long frac = intAt(pos + 4, bigEndian) & 0xffffffffL;
        int caplen = intAt(pos + 8, bigEndian);
        int origlen = intAt(pos + 12, bigEndian);
        if (caplen < 0 || caplen > recordLimit) {
            stop("record header claims " + Integer.toUnsignedString(caplen) + " captured bytes, more than the "
                    + recordLimit + "-byte limit; the file is corrupt from here, stopped reading");
            return -1;
        }
        if (!ensure(16 + caplen)) {
            truncatedIfAny(16 + caplen, "record of " + caplen + " captured bytes");
            return -1;
        }
        int dataAt = pos + 16;
        pos += 16 + caplen;
        if (pcapLink == null) {
            if (!warnedPcapLink) {
                warnedPcapLink = true;
                warn(-1, "link type " + pcapLinkNumber + " is not dissected; its packets are skipped");
            }
            return 0;
        }
        long ts = sec * 1_000_000_000L + (nanos ? frac : frac * 1000L);
        handler.packet(ts, pcapLink, buf, dataAt, caplen, origlen < 0 ? Integer.MAX_VALUE : origlen);
        return 1;
    }

    private int nextPcapng(PacketHandler handler) throws IOException {
        if (!ensure(12)) {
            truncatedIfAny(12, "block header");
            return -1;
        }
        int typeBe = intAt(pos, true);
        if (typeBe == PCAPNG_SHB) {
            int bom = intAt(pos + 8, true);
            if (bom == PCAPNG_BOM) {
                bigEndian = true;
            } else if (Integer.reverseBytes(bom) == PCAPNG_BOM) {
                bigEndian = false;
            } else {
                stop("section header block has byte-order magic " + String.format("%08x", bom)
                        + ", expected 1a2b3c4d; stopped reading");
                return -1;
            }
            interfaces.clear();
        }
        int type = intAt(pos, bigEndian);
        int length = intAt(pos + 4, bigEndian);
        if (length < 12 || (length & 3) != 0 || length > MAX_BLOCK) {
            stop("block of type " + Integer.toUnsignedString(type) + " has total length "
                    + Integer.toUnsignedString(length) + " (expected a multiple of 4 between 12 and " + MAX_BLOCK
                    + "); the file is corrupt from here, stopped reading");
            return -1;
        }
        if (!ensure(length)) {
            truncatedIfAny(length, "block of " + length + " bytes");
            return -1;
        }
        int start = pos;
        int trailer = intAt(start + length - 4, bigEndian);
        if (trailer != length) {
            stop("block of type " + Integer.toUnsignedString(type) + " has total length " + length
                    + " but its trailing length field says " + Integer.toUnsignedString(trailer)
                    + "; the file is corrupt from here, stopped reading");
            return -1;
        }
        pos += length;
        int body = start + 8;
        int bodyLen = length - 12;
        switch (type) {
            case 1:
                return interfaceBlock(start, body, bodyLen);
            case 6:
                return packetBlock(handler, start, body, bodyLen, true);
            case 3:
                return simplePacket(handler, start, body, bodyLen);
            case 2:
                return packetBlock(handler, start, body, bodyLen, false);
            default:
                return 0;
        }
    }

    private int interfaceBlock(int start, int body, int bodyLen) {
        if (bodyLen < 8) {
            warnAt(start, "interface description block body of " + bodyLen + " bytes is shorter than 8; ignored");
            interfaces.add(new Interface(-1, 0));
            return 0;
        }
        Interface itf = new Interface(shortAt(body, bigEndian), intAt(body + 4, bigEndian));
        int o = body + 8;
        int end = body + bodyLen;
        while (o + 4 <= end) {
            int code = shortAt(o, bigEndian);
            int len = shortAt(o + 2, bigEndian);
            if (code == 0 || o + 4 + len > end) {
                break;
            }
            if (code == 9 && len >= 1) {
                int v = buf[o + 4] & 0xff;
                if ((v & 0x80) != 0) {
                    itf.powerOfTwo = true;
                    itf.shift = Math.min(v & 0x7f, 62);
                } else if (v <= 18) {
                    long u = 1;
                    for (int i = 0; i < v; i++) {
                        u *= 10;
                    }
                    itf.unitsPerSecond = u;
                } else {
                    warnAt(start, "if_tsresol 10^-" + v + " is out of range; microseconds assumed");
                }
            } else if (code == 14 && len >= 8) {
                itf.offsetSeconds = longAt(o + 4, bigEndian);
            }
            o += 4 + ((len + 3) & ~3);
        }
        interfaces.add(itf);
        return 0;
    }

    private Interface iface(int id, int blockStart) {
        if (id < 0 || id >= interfaces.size()) {
            warnAt(blockStart, "packet block names interface " + Integer.toUnsignedString(id) + " but only "
                    + interfaces.size() + " interface(s) are described in this section; packet skipped");
            return null;
        }
        Interface itf = interfaces.get(id);
        if (itf.link == null) {
            if (!itf.warned) {
                itf.warned = true;
                warnAt(blockStart, "interface " + id + " has link type " + itf.linkNumber
                        + ", which is not dissected; its packets are skipped");
            }
            return null;
        }
        return itf;
    }

    /** Enhanced (type 6, 32-bit interface id) and obsolete (type 2, 16-bit id) packet blocks share a layout. */
    private int packetBlock(PacketHandler handler, int start, int body, int bodyLen, boolean enhanced) {
        if (bodyLen < 20) {
            warnAt(start, "packet block body of " + bodyLen + " bytes is shorter than 20; skipped");
            return 0;
        }
        int caplen = intAt(body + 12, bigEndian);
        if (caplen < 0 || caplen > bodyLen - 20) {
            warnAt(start, "packet block claims " + Integer.toUnsignedString(caplen) + " captured bytes but holds "
                    + (bodyLen - 20) + "; skipped");
            return 0;
        }
        Interface itf = iface(enhanced ? intAt(body, bigEndian) : shortAt(body, bigEndian), start);
        if (itf == null) {
            return 0;
        }
        long ts = ((intAt(body + 4, bigEndian) & 0xffffffffL) << 32) | (intAt(body + 8, bigEndian) & 0xffffffffL);
        int origlen = intAt(body + 16, bigEndian);
        handler.packet(toNanos(itf, ts), itf.link, buf, body + 20, caplen, origlen < 0 ? Integer.MAX_VALUE : origlen);
        return 1;
    }

    private int simplePacket(PacketHandler handler, int start, int body, int bodyLen) {
        if (bodyLen < 4) {
            return 0;
        }
        Interface itf = iface(0, start);
        if (itf == null) {
            return 0;
        }
        int origlen = intAt(body, bigEndian);
        int caplen = bodyLen - 4;
        if (origlen >= 0 && origlen < caplen) {
            caplen = origlen;
        }
        if (itf.snapLength > 0 && caplen > itf.snapLength) {
            caplen = itf.snapLength;
        }
        handler.packet(0L, itf.link, buf, body + 4, caplen, origlen < 0 ? Integer.MAX_VALUE : origlen);
        return 1;
    }

    private static long toNanos(Interface itf, long ts) {
        long seconds;
        long nanosPart;
        if (itf.powerOfTwo) {
            seconds = ts >>> itf.shift;
            long rem = ts & ((1L << itf.shift) - 1);
            nanosPart = itf.shift >= 34 ? (rem >>> (itf.shift - 30)) : (rem * 1_000_000_000L) >>> itf.shift;
        } else {
            long u = itf.unitsPerSecond;
            seconds = Long.divideUnsigned(ts, u);
            long rem = Long.remainderUnsigned(ts, u);
            nanosPart = u <= 1_000_000_000L ? rem * (1_000_000_000L / u) : rem / (u / 1_000_000_000L);
        }
        return (seconds + itf.offsetSeconds) * 1_000_000_000L + nanosPart;
    }

    private void truncatedIfAny(int wanted, String what) {
        int have = limit - pos;
        if (have > 0) {
            stop("file ends inside a " + what + ": " + have + " of " + wanted
                    + " bytes present (truncated capture); stopped reading");
        }
    }

    private void stop(String message) {
        warnings.add(new CaptureWarning(name, bufferFileOffset + pos, packets + 1, message));
    }

    private void warnAt(int bufferPosition, String message) {
        warn(bufferFileOffset + bufferPosition, message);
    }

    private void warn(long offset, String message) {
        if (warnings.size() < MAX_WARNINGS) {
            warnings.add(new CaptureWarning(name, offset, packets + 1, message));
        } else if (warnings.size() == MAX_WARNINGS) {
            warnings.add(new CaptureWarning(name, offset, packets + 1, "more warnings like these are not listed"));
        }
    }

    /** Makes at least n bytes available at pos; false if the file ends first. */
    private boolean ensure(int n) throws IOException {
        if (limit - pos >= n) {
            return true;
        }
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            limit -= pos;
            bufferFileOffset += pos;
            pos = 0;
        }
        if (n > buf.length) {
            byte[] bigger = new byte[Math.max(n, Math.min(buf.length * 2, MAX_BLOCK))];
            System.arraycopy(buf, 0, bigger, 0, limit);
            buf = bigger;
        } else if (buf.length > INITIAL_BUFFER && n <= INITIAL_BUFFER && limit <= INITIAL_BUFFER) {
            byte[] smaller = new byte[INITIAL_BUFFER];
            System.arraycopy(buf, 0, smaller, 0, limit);
            buf = smaller;
        }
        while (limit < n && !eof) {
            int r = channel.read(ByteBuffer.wrap(buf, limit, buf.length - limit));
            if (r < 0) {
                eof = true;
            } else {
                limit += r;
            }
        }
        return limit >= n;
    }

    private int intAt(int i, boolean be) {
        int v = (buf[i] & 0xff) << 24 | (buf[i + 1] & 0xff) << 16 | (buf[i + 2] & 0xff) << 8 | (buf[i + 3] & 0xff);
        return be ? v : Integer.reverseBytes(v);
    }

    private int shortAt(int i, boolean be) {
        return be ? (buf[i] & 0xff) << 8 | (buf[i + 1] & 0xff) : (buf[i + 1] & 0xff) << 8 | (buf[i] & 0xff);
    }

    private long longAt(int i, boolean be) {
        long hi = intAt(i, be) & 0xffffffffL;
        long lo = intAt(i + 4, be) & 0xffffffffL;
        return be ? hi << 32 | lo : lo << 32 | hi;
    }

    /**
     * Closes the file.
     *
     * @throws IOException if closing fails
     */
    @Override
    public void close() throws IOException {
        channel.close();
    }
}
