package io.phoenixdiag.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.phoenixdiag.capture.source.CaptureFileReader;
import io.phoenixdiag.capture.source.CaptureFileWriter;
import io.phoenixdiag.capture.source.CaptureFormatException;
import io.phoenixdiag.capture.source.LinkType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Random damage never throws anything but the documented format exception; splitting a capture changes nothing. */
class CapturePropertiesTest {
    private static final List<String> SAMPLES = List.of("public/ndpi__tls_alert.pcap", "public/zeek__tls_tls1.2.pcap",
            "public/zeek__tls_openjdk-25.0.2-zeek.org.pcap", "public/zeek__dns_long-connection.pcap",
            "public/zeek__tls_certificate-request-failed.pcap", "generated/gen-dns-a-nxdomain-udp-tcp.pcap",
            "generated/gen-tls12-mtls-client-unknown-ca.pcap", "public/zeek__icmp_icmp-destunreach-udp.pcap",
            "public/zeek__tls_tls13draft16-ff52.a01.pcap");

    @Provide
    Arbitrary<String> sample() {
        return Arbitraries.of(SAMPLES);
    }

    @Property(tries = 300)
    void mutationsOnlyEverWarn(@ForAll("sample") String name,
                               @ForAll @Size(min = 1, max = 12) List<@IntRange(min = 0, max = 1_000_000) Integer> positions,
                               @ForAll @Size(min = 12, max = 12) List<@IntRange(min = 0, max = 255) Integer> values,
                               @ForAll @IntRange(min = 0, max = 100) int keepPercent) throws IOException {
        byte[] bytes = Files.readAllBytes(SharedData.captures().resolve(name));
        for (int i = 0; i < positions.size(); i++) {
            bytes[positions.get(i) % bytes.length] = (byte) (int) values.get(i);
        }
        if (keepPercent < 50) {
            bytes = Arrays.copyOf(bytes, bytes.length * (50 + keepPercent) / 100);
        }
        Path f = Files.createTempFile("mut", ".pcap");
        try {
            Files.write(f, bytes);
            try {
                CaptureAnalysis a = CaptureAnalysis.read(List.of(f));
                a.flows().forEach(Object::toString);
            } catch (CaptureFormatException expected) {
                // the documented error for a file that is no capture at all
            }
        } finally {
            Files.deleteIfExists(f);
        }
    }

    private record Pkt(long ts, LinkType link, byte[] bytes, int len) {
    }

    @Property(tries = 60)
    void splittingIntoTwoFilesChangesNoFlow(@ForAll("sample") String name, @ForAll @IntRange(min = 0, max = 100) int cutPercent)
            throws IOException {
        Path whole = SharedData.captures().resolve(name);
        List<Pkt> packets = new ArrayList<>();
        try (CaptureFileReader r = CaptureFileReader.open(whole)) {
            r.readAll((ts, link, d, o, c, l) -> packets.add(new Pkt(ts, link, Arrays.copyOfRange(d, o, o + c), l)));
        }
        int cut = packets.size() * cutPercent / 100;
        Path a = Files.createTempFile("part1", ".pcapng");
        Path b = Files.createTempFile("part2", ".pcapng");
        try {
            write(a, packets.subList(0, cut));
            write(b, packets.subList(cut, packets.size()));
            CaptureAnalysis one = CaptureAnalysis.read(List.of(whole));
            CaptureAnalysis two = CaptureAnalysis.read(List.of(a, b));
            assertEquals(one.flows(), two.flows());
            assertEquals(one.stats(), two.stats());
        } finally {
            Files.deleteIfExists(a);
            Files.deleteIfExists(b);
        }
    }

    private static void write(Path f, List<Pkt> packets) throws IOException {
        try (CaptureFileWriter w = CaptureFileWriter.pcapng(f, 262144)) {
            for (Pkt p : packets) {
                w.write(p.ts(), p.link(), p.bytes(), 0, p.bytes().length, p.len());
            }
        }
    }
}
