package io.phoenixdiag.capture.source;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.phoenixdiag.capture.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaptureFileReaderTest {
    @TempDir
    Path tmp;

    private record Pkt(long ts, LinkType link, byte[] bytes, int origlen) {
    }

    private static List<Pkt> readAll(CaptureFileReader r) throws IOException {
        List<Pkt> out = new ArrayList<>();
        r.readAll((ts, link, d, o, c, l) -> out.add(new Pkt(ts, link, Arrays.copyOfRange(d, o, o + c), l)));
        return out;
    }

    @Test
    void nanosecondPcapRoundTrip() throws IOException {
        Path f = tmp.resolve("ns.pcap");
        try (CaptureFileWriter w = CaptureFileWriter.pcap(f, LinkType.RAW, 65535, true)) {
            w.write(1_700_000_000_123_456_789L, LinkType.RAW, new byte[] {0x45, 1, 2}, 0, 3, 60);
            w.write(1_700_000_001_000_000_001L, LinkType.RAW, new byte[] {0x60, 9}, 0, 2, 2);
        }
        try (CaptureFileReader r = CaptureFileReader.open(f)) {
            assertEquals(CaptureFormat.PCAP, r.format());
            assertEquals(true, r.nanosecondPcap());
            List<Pkt> p = readAll(r);
            assertEquals(2, p.size());
            assertEquals(1_700_000_000_123_456_789L, p.get(0).ts());
            assertEquals(60, p.get(0).origlen());
            assertArrayEquals(new byte[] {0x45, 1, 2}, p.get(0).bytes());
            assertEquals(1_700_000_001_000_000_001L, p.get(1).ts());
            assertEquals(List.of(), r.warnings());
        }
    }

    @Test
    void microsecondPcapTruncatesToMicroseconds() throws IOException {
        Path f = tmp.resolve("us.pcap");
        try (CaptureFileWriter w = CaptureFileWriter.pcap(f, LinkType.ETHERNET, 65535, false)) {
            w.write(1_700_000_000_123_456_789L, LinkType.ETHERNET, new byte[14], 0, 14, 14);
        }
        try (CaptureFileReader r = CaptureFileReader.open(f)) {
            assertEquals(1_700_000_000_123_456_000L, readAll(r).get(0).ts());
        }
    }

    @Test
    void pcapngWithTwoLinkTypes() throws IOException {
        Path f = tmp.resolve("two.pcapng");
        try (CaptureFileWriter w = CaptureFileWriter.pcapng(f, 262144)) {
            w.write(5_000_000_007L, LinkType.LINUX_SLL2, new byte[20], 0, 20, 20);
            w.write(6_000_000_009L, LinkType.ETHERNET, new byte[15], 0, 15, 15);
        }
        try (CaptureFileReader r = CaptureFileReader.open(f)) {
            assertEquals(CaptureFormat.PCAPNG, r.format());
            List<Pkt> p = readAll(r);
            assertEquals(List.of(LinkType.LINUX_SLL2, LinkType.ETHERNET), p.stream().map(Pkt::link).toList());
            assertEquals(List.of(5_000_000_007L, 6_000_000_009L), p.stream().map(Pkt::ts).toList());
            assertEquals(15, p.get(1).bytes().length);
        }
    }

    @Test
    void truncatedFileKeepsWhatIsReadableAndSaysWhere() throws IOException {
        Path src = SharedData.captures().resolve("generated/gen-tls12-ok.pcap");
        byte[] all = Files.readAllBytes(src);
        Path cut = tmp.resolve("cut.pcap");
        Files.write(cut, Arrays.copyOf(all, all.length - 10));
        try (CaptureFileReader r = CaptureFileReader.open(cut)) {
            assertEquals(13, readAll(r).size());
            assertEquals(1, r.warnings().size());
            CaptureWarning w = r.warnings().get(0);
            assertEquals(14, w.packetNumber());
            assertEquals(cut.toString(), w.file());
            assertEquals("file ends inside a record of 66 captured bytes: 72 of 82 bytes present (truncated capture);"
                    + " stopped reading", w.message());
            assertEquals(all.length - 82, w.byteOffset());
        }
    }

    @Test
    void impossibleCapturedLengthStops() throws IOException {
        Path src = SharedData.captures().resolve("public/zeek__tcp_syn-then-rst.pcap");
        byte[] all = Files.readAllBytes(src);
        int second = 24 + 16 + 54;
        all[second + 8] = (byte) 0xff;
        all[second + 9] = (byte) 0xff;
        all[second + 10] = (byte) 0xff;
        all[second + 11] = (byte) 0x7f;
        Path bad = tmp.resolve("bad.pcap");
        Files.write(bad, all);
        try (CaptureFileReader r = CaptureFileReader.open(bad)) {
            assertEquals(1, readAll(r).size());
            assertEquals(second, r.warnings().get(0).byteOffset());
            assertEquals("record header claims 2147483647 captured bytes, more than the 262144-byte limit; the file"
                    + " is corrupt from here, stopped reading", r.warnings().get(0).message());
        }
    }

    @Test
    void notACapture() throws IOException {
        Path f = tmp.resolve("x.txt");
        Files.writeString(f, "hello world, not a pcap");
        CaptureFormatException e = assertThrows(CaptureFormatException.class, () -> CaptureFileReader.open(f));
        assertEquals(f + ": not a pcap or pcapng file: first four bytes are 68656c6c, expected a1b2c3d4 or a1b23c4d"
                + " (pcap, either byte order) or 0a0d0d0a (pcapng)", e.getMessage());
        Path empty = tmp.resolve("empty.pcap");
        Files.write(empty, new byte[2]);
        assertEquals(empty + ": 2 bytes is too short for a capture file header (expected a pcap magic number"
                + " a1b2c3d4/a1b23c4d or a pcapng section header block)",
                assertThrows(CaptureFormatException.class, () -> CaptureFileReader.open(empty)).getMessage());
    }
}
