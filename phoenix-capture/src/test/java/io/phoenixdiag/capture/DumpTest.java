package io.phoenixdiag.capture;

import io.phoenixdiag.capture.flow.Flow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class DumpTest {
    @Test
    void dump() throws Exception {
        Path dir = Path.of(System.getProperty("phoenix.shared")).resolve("conformance/captures");
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(x -> x.toString().endsWith(".pcap")).sorted().toList()) {
                CaptureAnalysis a = CaptureAnalysis.read(List.of(p));
                System.out.println("== " + dir.relativize(p) + " " + a.stats() + " " + a.warnings());
                for (Flow f : a.flows()) {
                    System.out.println("  " + f + " pkts " + f.originatorPackets() + "/" + f.responderPackets() + " bytes " + f.originatorBytes() + "/" + f.responderBytes() + " rtt " + f.handshakeRtt().orElse(null) + " icmp " + f.icmpErrors());
                    f.tls().ifPresent(t -> System.out.println("    tls " + t.clientHello() + " " + t.serverHello() + " certs " + t.serverCertificates().stream().map(c -> c.getSubjectX500Principal().getName()).toList() + " ccerts " + t.clientCertificates().size() + " msgs " + t.handshakeMessages() + " alerts " + t.alerts() + " app " + t.clientApplicationData() + "/" + t.serverApplicationData() + " problems " + t.problems()));
                    f.dns().forEach(d -> System.out.println("    dns " + d.sender() + " " + d.transport() + " " + d));
                    f.http().forEach(d -> System.out.println("    http " + d));
                }
            }
        }
    }
}
