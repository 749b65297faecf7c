package io.phoenixdiag.net.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LiveExecutorTest {
    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    static final List<AutoCloseable> OPEN = new ArrayList<>();
    static ServerSocket listening;
    static int closedPort;
    static int silentPort;
    static InProcessProbeExecutor local;

    @BeforeAll
    static void start() throws IOException {
        listening = new ServerSocket(0, 50, LOOPBACK);
        OPEN.add(listening);
        try (ServerSocket s = new ServerSocket(0, 1, LOOPBACK)) {
            closedPort = s.getLocalPort();
        }
        silentPort = fullAcceptQueue();
        local = InProcessProbeExecutor.create();
    }

    static int fullAcceptQueue() throws IOException {
        ServerSocket s = new ServerSocket(0, 1, LOOPBACK);
        OPEN.add(s);
        InetSocketAddress addr = new InetSocketAddress(LOOPBACK, s.getLocalPort());
        for (int i = 0; i < 16; i++) {
            Socket c = new Socket();
            OPEN.add(c);
            try {
                c.connect(addr, 200);
            } catch (SocketTimeoutException full) {
                return s.getLocalPort();
            }
        }
        throw new IllegalStateException("accept queue never filled");
    }

    @AfterAll
    static void stop() throws Exception {
        local.close();
        for (AutoCloseable c : OPEN) {
            c.close();
        }
    }

    @Test
    void inProcessKeepsOrderAndClassifies() {
        List<LiveResult> progress = new CopyOnWriteArrayList<>();
        List<ProbeSpec> specs = List.of(
                ProbeSpec.tcp("a", "127.0.0.1", closedPort, 2000),
                ProbeSpec.tcp("b", "127.0.0.1", listening.getLocalPort(), 2000));
        List<LiveResult> r = local.run(specs, new ExecutionLimits(1, 30_000), new ProbeListener() {
            @Override
            public void probeFinished(LiveResult result, int done, int total) {
                progress.add(result);
            }
        }).join();
        assertEquals(List.of("a", "b"), r.stream().map(LiveResult::id).toList());
        assertEquals(List.of(Reachability.REFUSED, Reachability.OPEN),
                r.stream().map(LiveResult::reachability).toList());
        assertEquals(List.of("REFUSED", "OPEN"), r.stream().map(LiveResult::outcome).toList());
        assertEquals(List.of(false, true), r.stream().map(LiveResult::ok).toList());
        assertEquals("local", r.get(0).vantage());
        assertEquals("127.0.0.1:" + closedPort + "/tcp", r.get(0).target());
        assertEquals("probe.tcp", r.get(0).toFinding().orElseThrow().checkId());
        assertTrue(r.get(0).hasProblem());
        assertEquals(2, progress.size());
        assertEquals(r, LiveJson.readResults(LiveJson.writeResults(r)));
    }

    @Test
    void deadlineCancelsRunningAndSkipsTheRest() {
        List<ProbeSpec> specs = List.of(
                ProbeSpec.tcp("silent", "127.0.0.1", silentPort, 120_000),
                ProbeSpec.tcp("later", "127.0.0.1", listening.getLocalPort(), 2000));
        List<LiveResult> r = local.run(specs, new ExecutionLimits(1, 300), ProbeListener.NONE).join();
        assertEquals(Reachability.NOT_RUN, r.get(0).reachability());
        assertEquals("Cancelled when the global deadline of 300 ms passed.", r.get(0).detail());
        assertEquals(Reachability.NOT_RUN, r.get(1).reachability());
        assertEquals("Not started: the global deadline of 300 ms passed.", r.get(1).detail());
    }

    @Test
    void silentPortTimesOut() {
        LiveResult r = local.run(List.of(ProbeSpec.tcp("s", "127.0.0.1", silentPort, 300)), ExecutionLimits.DEFAULT,
                ProbeListener.NONE).join().get(0);
        assertEquals(Reachability.TIMEOUT, r.reachability());
        assertEquals("TIMEOUT", r.outcome());
    }

    @Test
    void badSpecComesBackNotRun() {
        ProbeSpec ipAsSni = ProbeSpec.tls("t", "127.0.0.1", listening.getLocalPort(), "10.0.0.1", List.of(), 1000);
        LiveResult r = local.run(List.of(ipAsSni), ExecutionLimits.DEFAULT, ProbeListener.NONE).join().get(0);
        assertEquals(Reachability.NOT_RUN, r.reachability());
        assertTrue(r.detail().startsWith("The probe could not start: SNI must be a DNS name"), r.detail());
    }

    @Test
    void manySpecsThatCannotStartNeitherRecurseNorHang() {
        List<ProbeSpec> bad = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            bad.add(ProbeSpec.tls("t" + i, "127.0.0.1", 1, "10.0.0.1", List.of(), 1000));
        }
        List<LiveResult> r = local.run(bad, new ExecutionLimits(1, 60_000), ProbeListener.NONE).join();
        assertEquals(10_000, r.size());
        assertTrue(r.stream().allMatch(x -> x.reachability() == Reachability.NOT_RUN));
        assertEquals("t9999", r.get(9999).id());
    }

    @Test
    void probeMainReadsArgumentsAndPrintsResults() {
        String spec = "{\"id\":\"x\",\"kind\":\"TCP\",\"address\":\"127.0.0.1\",\"port\":" + closedPort
                + ",\"timeoutMs\":2000}";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = ProbeMain.run(new String[] {spec}, new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(ProbeMain.PROBLEM, code);
        List<LiveResult> r = LiveJson.readResults(out.toString(StandardCharsets.UTF_8));
        assertEquals(1, r.size());
        assertEquals(Reachability.REFUSED, r.get(0).reachability());
        assertEquals("", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void probeMainRejectsBadRequestsWithPointer() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = ProbeMain.run(new String[0], new ByteArrayInputStream(
                        "[{\"kind\":\"TCP\",\"address\":\"gw.lan\",\"port\":1,\"timeoutMs\":1}]".getBytes(
                                StandardCharsets.UTF_8)), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(ProbeMain.USAGE, code);
        assertEquals("probe: <stdin>: probe request at /0: address must be an IPv4 or IPv6 literal (probes never"
                + " resolve names): gw.lan\n", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void childProcessRunsTheProbeProgram() {
        CommandProbeExecutor child = CommandProbeExecutor.of("child", List.of());
        List<LiveResult> r = child.run(List.of(ProbeSpec.tcp("c", "127.0.0.1", listening.getLocalPort(), 5000),
                ProbeSpec.tcp("d", "127.0.0.1", closedPort, 5000)), ExecutionLimits.DEFAULT, ProbeListener.NONE).join();
        assertEquals(List.of(Reachability.OPEN, Reachability.REFUSED), r.stream().map(LiveResult::reachability).toList());
        assertEquals(List.of("child", "child"), r.stream().map(LiveResult::vantage).toList());
    }

    @Test
    void childThatCannotStartGivesNotRun() {
        CommandProbeExecutor child = CommandProbeExecutor.of("nowhere", List.of(), "/nonexistent/java", "");
        List<LiveResult> r = child.run(List.of(ProbeSpec.tcp("c", "127.0.0.1", 1, 5000)), ExecutionLimits.DEFAULT,
                ProbeListener.NONE).join();
        assertEquals(Reachability.NOT_RUN, r.get(0).reachability());
        assertTrue(r.get(0).detail().startsWith("The probe program could not start at nowhere: "), r.get(0).detail());
    }
}
