package io.phoenixdiag.examples.bench;

import io.phoenixdiag.capture.flow.Flow;
import io.phoenixdiag.capture.flow.FlowTracker;
import io.phoenixdiag.capture.source.CaptureFileReader;
import io.phoenixdiag.capture.source.CaptureFileWriter;
import io.phoenixdiag.capture.source.LinkType;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Benchmark: writes a pcap of synthetic TCP traffic (default 2,000,000 packets: 20,000 connections of 100 packets
 * each, handshake, 47 request/response exchanges, FIN close), then measures packets per second of our streaming
 * reader plus {@link FlowTracker} (best of three runs in a warm JVM), of {@code tshark -r FILE -q -z conv,tcp} and of
 * {@code tcpdump -r FILE -w /dev/null} on the same file, and prints the ratios (targets: at least 5x tshark,
 * within 3x of tcpdump) and the peak heap used (target under 256 MB; run with {@code -Xmx256m} to prove it).
 *
 * <p>Usage: {@code CaptureBenchmark [PACKETS]}. The file goes to a fresh temporary directory, deleted at the end.
 * A tool that is not installed is reported and skipped.
 */
public final class CaptureBenchmark {
    private static final int PER_CONNECTION = 100;

    private CaptureBenchmark() {
    }

    /**
     * Runs the benchmark.
     *
     * @param args optional packet count
     * @throws Exception on I/O failure
     */
    public static void main(String[] args) throws Exception {
        long packets = args.length > 0 ? Long.parseLong(args[0]) : 2_000_000L;
        Path dir = Files.createTempDirectory("capture-bench");
        Path file = dir.resolve("synthetic.pcap");
        try {
            long written = generate(file, packets);
            System.out.printf("file: %s, %d packets, %d MB%n", file, written, Files.size(file) >> 20);
            double ours = 0;
            for (int run = 0; run < 3; run++) {
                long t0 = System.nanoTime();
                FlowTracker tracker = FlowTracker.create();
                try (CaptureFileReader r = CaptureFileReader.open(file)) {
                    r.readAll(tracker);
                }
                List<Flow> flows = tracker.flows();
                double s = (System.nanoTime() - t0) / 1e9;
                System.out.printf("ours    run %d: %.2f s, %,.0f packets/s, %d flows, first %s%n", run + 1, s, written / s,
                        flows.size(), flows.get(0));
                ours = Math.max(ours, written / s);
            }
            long peak = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP) {
                    peak += pool.getPeakUsage().getUsed();
                }
            }
            double tshark = tool(written, "tshark", "-r", file.toString(), "-q", "-z", "conv,tcp");
            double tcpdump = tool(written, "tcpdump", "-r", file.toString(), "-w", "/dev/null");
            System.out.printf("ours (reader + flow tracker): %,.0f packets/s%n", ours);
            if (tshark > 0) {
                System.out.printf("tshark -z conv,tcp:           %,.0f packets/s  -> ours/tshark = %.1fx (target >= 5)%n",
                        tshark, ours / tshark);
            }
            if (tcpdump > 0) {
                System.out.printf("tcpdump -r -w /dev/null:      %,.0f packets/s  -> tcpdump/ours = %.2fx (target <= 3)%n",
                        tcpdump, tcpdump / ours);
            }
            System.out.printf("peak heap used: %d MB (max heap %d MB; target < 256 MB)%n", peak >> 20,
                    Runtime.getRuntime().maxMemory() >> 20);
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir);
        }
    }

    private static double tool(long packets, String... command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        long t0 = System.nanoTime();
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            System.out.println(command[0] + ": not installed, skipped");
            return 0;
        }
        if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
            p.destroyForcibly();
            System.out.println(command[0] + ": failed, skipped");
            return 0;
        }
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf("%-7s      : %.2f s%n", command[0], s);
        return packets / s;
    }

    /** Writes connections of PER_CONNECTION packets until the count is reached. */
    private static long generate(Path file, long packets) throws IOException {
        byte[] frame = new byte[14 + 20 + 20 + 512];
        long ts = 1_700_000_000_000_000_000L;
        long n = 0;
        try (CaptureFileWriter w = CaptureFileWriter.pcap(file, LinkType.ETHERNET, 262144, false)) {
            for (int c = 0; n < packets; c++) {
                int client = 0x0a000000 | (1 + (c % 250)) << 8 | (1 + (c / 250) % 250);
                int server = 0x0a640001 + (c % 7);
                int cport = 30000 + (c % 30000);
                int sport = 443 + (c % 3);
                int cseq = c * 7919;
                int sseq = c * 104729;
                long[] st = {ts};
                int k = 0;
                n += emit(w, frame, st, client, cport, server, sport, cseq, 0, 0x02, 0);
                n += emit(w, frame, st, server, sport, client, cport, sseq, cseq + 1, 0x12, 0);
                cseq++;
                sseq++;
                n += emit(w, frame, st, client, cport, server, sport, cseq, sseq, 0x10, 0);
                k += 3;
                while (k < PER_CONNECTION - 3 && n < packets) {
                    n += emit(w, frame, st, client, cport, server, sport, cseq, sseq, 0x18, 100);
                    cseq += 100;
                    n += emit(w, frame, st, server, sport, client, cport, sseq, cseq, 0x18, 400);
                    sseq += 400;
                    k += 2;
                }
                n += emit(w, frame, st, client, cport, server, sport, cseq, sseq, 0x11, 0);
                n += emit(w, frame, st, server, sport, client, cport, sseq, cseq + 1, 0x11, 0);
                n += emit(w, frame, st, client, cport, server, sport, cseq + 1, sseq + 1, 0x10, 0);
                ts += 1_000_000L;
            }
        }
        return n;
    }

    private static int emit(CaptureFileWriter w, byte[] f, long[] ts, int src, int sport, int dst, int dport, int seq,
                            int ack, int flags, int payload) throws IOException {
        f[12] = 0x08;
        f[13] = 0x00;
        int ip = 14;
        int total = 40 + payload;
        f[ip] = 0x45;
        f[ip + 2] = (byte) (total >> 8);
        f[ip + 3] = (byte) total;
        f[ip + 8] = 64;
        f[ip + 9] = 6;
        putInt(f, ip + 12, src);
        putInt(f, ip + 16, dst);
        int t = ip + 20;
        f[t] = (byte) (sport >> 8);
        f[t + 1] = (byte) sport;
        f[t + 2] = (byte) (dport >> 8);
        f[t + 3] = (byte) dport;
        putInt(f, t + 4, seq);
        putInt(f, t + 8, ack);
        f[t + 12] = 0x50;
        f[t + 13] = (byte) flags;
        f[t + 14] = (byte) 0xff;
        f[t + 15] = (byte) 0xff;
        int len = 14 + total;
        ts[0] += 10_000L;
        w.write(ts[0], LinkType.ETHERNET, f, 0, len, len);
        return 1;
    }

    private static void putInt(byte[] b, int i, int v) {
        b[i] = (byte) (v >> 24);
        b[i + 1] = (byte) (v >> 16);
        b[i + 2] = (byte) (v >> 8);
        b[i + 3] = (byte) v;
    }
}
