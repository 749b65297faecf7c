package io.phoenixdiag.net.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import io.netty.util.internal.PlatformDependent;
import io.phoenixdiag.pki.cert.ChainBuilder;
import io.phoenixdiag.pki.cert.IssuedChain;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Probes leave nothing behind and end within their timeouts against hostile peers. Outcomes are asserted, never
 * durations; the JUnit timeouts only stop a hung run.
 */
class ReliabilityTest {
    private static LoopbackServers servers;
    private static IssuedChain chain;

    @BeforeAll
    static void start() {
        servers = new LoopbackServers();
        chain = ChainBuilder.stepCa("gw.phoenix.lan").build();
    }

    @AfterAll
    static void stop() throws Exception {
        servers.close();
    }

    static TlsProbeRequest.Builder tls(InetSocketAddress a) {
        return TlsProbeRequest.builder(a).sni("gw.phoenix.lan").trustAnchors(List.of(chain.root().certificate()))
                .connectTimeoutMs(5000).handshakeTimeoutMs(15_000);
    }

    static int openFds() {
        String[] fds = new File("/proc/self/fd").list();
        return fds == null ? -1 : fds.length;
    }

    static long directMemory() {
        long pd = PlatformDependent.usedDirectMemory();
        ByteBufAllocator alloc = ByteBufAllocator.DEFAULT;
        long pooled = alloc instanceof ByteBufAllocatorMetricProvider m ? m.metric().usedDirectMemory() : 0;
        return Math.max(pd, 0) + pooled;
    }

    /** Waits (bounded) for in-flight closes to settle, then reads the counters. */
    static long[] settle(long[] before) throws InterruptedException {
        long[] now = null;
        for (int i = 0; i < 100; i++) {
            System.gc();
            now = new long[] {openFds(), ManagementFactory.getThreadMXBean().getThreadCount(), directMemory()};
            if (now[0] <= before[0] + 8 && now[1] <= before[1] + 2 && now[2] <= before[2] + (16 << 20)) {
                return now;
            }
            Thread.sleep(100);
        }
        return now;
    }

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void tenThousandProbesLeaveNoDescriptorsThreadsOrDirectMemory() throws Exception {
        InetSocketAddress open = servers.silent();
        InetSocketAddress refused = LoopbackServers.closedPort();
        InetSocketAddress tlsServer = servers.tls(chain.leaf().keyPair().getPrivate(), chain.presentedChain());
        try (Prober prober = Prober.create(2)) {
            run(prober, 300, open, refused, tlsServer); // warm-up: pools, threads, classes
            long[] before = settle(new long[] {Long.MAX_VALUE / 2, Long.MAX_VALUE / 2, Long.MAX_VALUE / 2});
            Map<String, Integer> counts = run(prober, 10_000, open, refused, tlsServer);
            assertEquals(Map.of("OPEN", 4000, "REFUSED", 4000, "OK", 2000), counts);
            // the in-flight count drops in a completion stage of its own, which may run just after the caller's
            for (int i = 0; i < 50 && prober.inFlight() > 0; i++) {
                Thread.sleep(100);
            }
            assertEquals(0, prober.inFlight());
            long[] after = settle(before);
            System.out.printf("ReliabilityTest: fds %d -> %d, threads %d -> %d, direct memory %d -> %d bytes%n",
                    before[0], after[0], before[1], after[1], before[2], after[2]);
            assertTrue(after[0] <= before[0] + 8, "file descriptors: " + before[0] + " before, " + after[0] + " after");
            assertTrue(after[1] <= before[1] + 2, "threads: " + before[1] + " before, " + after[1] + " after");
            assertTrue(after[2] <= before[2] + (16 << 20), "direct memory: " + before[2] + " before, " + after[2]
                    + " after");
        }
    }

    /** {@code n} probes, 40% TCP open, 40% TCP refused, 20% TLS, at most 64 in flight; counts outcomes. */
    static Map<String, Integer> run(Prober prober, int n, InetSocketAddress open, InetSocketAddress refused,
                                    InetSocketAddress tlsServer) throws Exception {
        Semaphore window = new Semaphore(64);
        List<CompletableFuture<String>> all = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            window.acquire();
            CompletableFuture<String> f = switch (i % 5) {
                case 0, 1 -> prober.tcp(open, 2000).thenApply(r -> r.outcome().name());
                case 2, 3 -> prober.tcp(refused, 2000).thenApply(r -> r.outcome().name());
                default -> prober.tls(tls(tlsServer).build()).thenApply(r -> r.outcome().name());
            };
            f.whenComplete((r, e) -> window.release());
            all.add(f);
        }
        Map<String, Integer> counts = new java.util.TreeMap<>();
        for (CompletableFuture<String> f : all) {
            counts.merge(f.get(30, TimeUnit.SECONDS), 1, Integer::sum);
        }
        return counts;
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void hostilePeersEndWithinTheirTimeouts() throws Exception {
        byte[] garbage = new byte[4096];
        new Random(42).nextBytes(garbage);
        garbage[0] = 0x7f; // not a TLS content type
        // a TLS handshake record announcing a 1 MiB Certificate message (RFC 8446 section 4.4.2), then its bytes
        byte[] huge = new byte[5 + 4 + (1 << 20)];
        huge[0] = 22;
        huge[1] = 3;
        huge[2] = 3;
        huge[3] = 0x40;
        huge[4] = 0x00;
        huge[5] = 11;
        huge[6] = 0x10;
        try (Prober prober = Prober.create(1)) {
            assertEquals(TlsOutcome.HANDSHAKE_TIMEOUT, prober.tls(tls(servers.silent()).handshakeTimeoutMs(500).build())
                    .get().outcome());
            byte[] recordStart = {22, 3, 3, 0x40, 0, 2, 0, 0x40, 0, 3, 3};
            assertEquals(TlsOutcome.HANDSHAKE_TIMEOUT, prober.tls(tls(servers.trickle(recordStart, 100))
                    .handshakeTimeoutMs(500).build()).get().outcome());
            TlsProbeResult big = prober.tls(tls(servers.answerOnRead(huge)).build()).get();
            assertEquals(TlsOutcome.HANDSHAKE_FAILED, big.outcome(), big.detail());
            assertEquals(TlsOutcome.PLAINTEXT_PEER, prober.tls(tls(servers.answerOnRead(garbage)).build()).get()
                    .outcome());

            HttpProbeRequest.Builder silentHttp = HttpProbeRequest.http(servers.silent()).responseTimeoutMs(500);
            assertEquals(HttpOutcome.RESPONSE_TIMEOUT, prober.http(silentHttp.build()).get().outcome());
            byte[] slowHeader = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".getBytes(StandardCharsets.US_ASCII);
            assertEquals(HttpOutcome.RESPONSE_TIMEOUT, prober.http(HttpProbeRequest.http(servers.trickle(slowHeader,
                    100)).responseTimeoutMs(500).build()).get().outcome());
            assertEquals(HttpOutcome.BAD_RESPONSE, prober.http(HttpProbeRequest.http(servers.answerOnRead(garbage))
                    .responseTimeoutMs(2000).build()).get().outcome());
            byte[] bigBody = ("HTTP/1.1 200 OK\r\nContent-Length: 1048576\r\n\r\n" + "x".repeat(1 << 20))
                    .getBytes(StandardCharsets.US_ASCII);
            assertEquals(HttpOutcome.BAD_RESPONSE, prober.http(HttpProbeRequest.http(servers.answerOnRead(bigBody))
                    .responseTimeoutMs(2000).build()).get().outcome());
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void closingTheProberEndsProbesInFlight() throws Exception {
        Prober prober = Prober.create(1);
        CompletableFuture<TlsProbeResult> tls = prober.tls(tls(servers.silent()).handshakeTimeoutMs(60_000).build());
        CompletableFuture<HttpProbeResult> http = prober.http(HttpProbeRequest.http(servers.silent())
                .responseTimeoutMs(60_000).build());
        try (java.net.DatagramSocket quiet = new java.net.DatagramSocket(0, LoopbackServers.LOOPBACK)) {
            CompletableFuture<DnsProbeResult> dns = prober.dns(new InetSocketAddress(LoopbackServers.LOOPBACK,
                    quiet.getLocalPort()), "gw.phoenix.lan", DnsQueryType.A, List.of(), 60_000);
            Thread.sleep(200);
            assertEquals(3, prober.inFlight());
            prober.close();
            for (CompletableFuture<?> f : List.of(tls, http, dns)) {
                // a cancelled CompletableFuture's get() throws the CancellationException itself
                assertThrows(ProberClosedException.class, () -> f.get(5, TimeUnit.SECONDS));
                assertTrue(f.isCancelled());
            }
        }
        assertEquals(0, prober.inFlight());
        assertTrue(prober.isClosed());
        assertThrows(IllegalStateException.class, () -> prober.tcp(new InetSocketAddress(LoopbackServers.LOOPBACK, 1),
                100));
    }
}
