package io.phoenixdiag.examples.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.phoenixdiag.core.diag.Finding;
import io.phoenixdiag.core.diag.Report;
import io.phoenixdiag.core.diag.ReportJson;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code doctor --pcap}: a capture joins the report as evidence. */
class DoctorPcapTest {

    @Test
    void unansweredSynBecomesACaptureFinding() throws Exception {
        Path pcap = PhoenixDoctorTest.shared().resolve("conformance/captures/public/zeek__tcp_syn.pcap");
        PhoenixDoctorTest.Run r = PhoenixDoctorTest.run("--format", "json", "--pcap", pcap.toString());
        assertEquals(1, r.code(), r.err());
        Report report = ReportJson.read(r.out());
        Finding f = report.findings().stream().filter(x -> x.checkId().equals("capture.no-answer")).findFirst()
                .orElseThrow(() -> new AssertionError(r.out()));
        assertTrue(f.evidence().get(0).text().contains("141.142.228.5:59856 -> 192.150.187.43:80 S0"),
                f.evidence().toString());
    }

    @Test
    void aFileThatIsNoCaptureIsAUsageError(@TempDir Path tmp) throws Exception {
        Path bogus = tmp.resolve("x.pcap");
        Files.writeString(bogus, "abc");
        PhoenixDoctorTest.Run r = PhoenixDoctorTest.run("--pcap", bogus.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("phoenix-doctor: --pcap: " + bogus + ": 3 bytes is too short"), r.err());
    }
}
