package io.phoenixdiag.examples.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.phoenixdiag.examples.doctor.PhoenixDoctor;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaptureCommandTest {
    private static Path captures() {
        Path dir = Path.of(System.getProperty("phoenix.shared", "../../shared")).resolve("conformance/captures");
        if ("true".equals(System.getenv("CI"))) {
            org.junit.jupiter.api.Assertions.assertTrue(Files.isDirectory(dir), "CI needs " + dir);
        }
        Assumptions.assumeTrue(Files.isDirectory(dir), "no sample captures");
        return dir;
    }

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = PhoenixDoctor.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void tlsAlertIsAProblem() {
        Run r = run("capture", "--read", captures().resolve("generated/gen-tls12-unknown-ca.pcap").toString());
        assertEquals(1, r.code());
        assertEquals("11 packets, 1 flows\n  error   127.0.0.1 -> 127.0.0.1 tcp/8441: TLS handshake failed, client sent"
                + " fatal unknown_ca (48) (SF): the client does not trust the server's certificate authority\n", r.out());
    }

    @Test
    void healthyHandshakeExitsZero() {
        Run r = run("capture", "--read", captures().resolve("generated/gen-tls12-ok.pcap").toString());
        assertEquals(0, r.code());
        assertEquals("14 packets, 1 flows\n  ok      127.0.0.1 -> 127.0.0.1 tcp/8444: connected and closed, TLS 1.2"
                + " handshake completed (SF): ok\n", r.out());
    }

    @Test
    void twoFilesInSequence() {
        Run r = run("capture", "--read", captures().resolve("public/zeek__tcp_syn.pcap").toString(),
                "--read", captures().resolve("generated/gen-tcp-syn-rst-closed-port.pcap").toString());
        assertEquals(0, r.code(), "unintended flows are warnings: " + r.out());
        assertEquals("3 packets, 2 flows\n"
                + "  warning 141.142.228.5 -> 192.150.187.43 tcp/80: 1 SYN, no answer (S0): silently dropped\n"
                + "  warning 127.0.0.1 -> 127.0.0.1 tcp/9: 1 SYN, answered by RST (REJ): port closed or REJECT with"
                + " tcp-reset\n", r.out());
    }

    @Test
    void unusableInputExitsTwo(@TempDir Path tmp) throws Exception {
        Run missing = run("capture", "--read", tmp.resolve("none.pcap").toString());
        assertEquals(2, missing.code());
        assertEquals("capture: " + tmp.resolve("none.pcap") + ": no such file\n", missing.err());
        Path text = tmp.resolve("notes.txt");
        Files.writeString(text, "not a capture");
        Run bad = run("capture", "--read", text.toString());
        assertEquals(2, bad.code());
        assertEquals("capture: " + text + ": not a pcap or pcapng file: first four bytes are 6e6f7420, expected a1b2c3d4"
                + " or a1b23c4d (pcap, either byte order) or 0a0d0d0a (pcapng)\n", bad.err());
        Run none = run("capture");
        assertEquals(2, none.code());
        assertEquals("capture: give either --read FILE or --interface IF\n", none.err());
        Run guests = run("capture", "--read", text.toString(), "--guest", "102");
        assertEquals(2, guests.code());
        assertEquals("capture: --guest and --flows need --config DIR (the deployment)\n", guests.err());
    }
}
