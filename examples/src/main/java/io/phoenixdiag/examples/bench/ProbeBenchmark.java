package io.phoenixdiag.examples.bench;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.ReferenceCountUtil;
import io.phoenixdiag.net.probe.Prober;
import io.phoenixdiag.net.probe.TlsOutcome;
import io.phoenixdiag.net.probe.TlsProbeRequest;
import io.phoenixdiag.pki.cert.ChainBuilder;
import io.phoenixdiag.pki.cert.IssuedChain;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Benchmark: TLS probes per second, each a full probe (TCP connect, TLS handshake on the JDK engine, capture of
 * the served chain, path validation with phoenix-pki against the Step-CA-like root and the reference identity),
 * against a loopback Netty TLS server (JDK engine, ECDSA P-256 leaf and intermediate), printed beside
 * {@code openssl s_time -connect 127.0.0.1:PORT -new -time N} (new session per connection, its real-time rate)
 * against the same server in the same run, and their ratio (probes / s_time; target at least 1.0).
 *
 * <p>Usage: {@code ProbeBenchmark [SECONDS] [CONCURRENCY] [THREADS]} (defaults 10, 16 probes in flight, 2
 * event-loop threads). s_time runs one connection at a time, as it always does; the probes run CONCURRENCY at a
 * time. The server has 2 event-loop threads. Only 127.0.0.1 is contacted.
 *
 * <p>Measured 2026-11-29 on the shared 2-core machine (load average 10 to 17 from other builds): 13 to 34
 * probes/s against 21 to 92 s_time connections/s, ratio 0.28 to 0.64 (16 or 32 in flight). The probe's side
 * pays for the JDK's pure-Java P-256/X25519 on both ends of each handshake (the server runs in this JVM) plus
 * two ECDSA verifications in path validation; s_time's client is OpenSSL's C. Client TLS contexts are cached
 * per request shape; sessions are never resumed (each probe is a full handshake, as with {@code -new}).
 */
public final class ProbeBenchmark {
    private static final Pattern REAL = Pattern.compile("(\\d+) connections in (\\d+) real seconds");

    private ProbeBenchmark() {
    }

    /**
     * Runs the benchmark.
     *
     * @param args optional seconds, concurrency and prober threads
     * @throws Exception when the server cannot start or openssl cannot be run
     */
    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        IssuedChain chain = ChainBuilder.stepCa("gw.phoenix.lan").build();
        EventLoopGroup serverGroup = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        try (Prober prober = Prober.create(threads)) {
            InetSocketAddress server = serve(serverGroup, chain);
            TlsProbeRequest request = TlsProbeRequest.builder(server).sni("gw.phoenix.lan")
                    .trustAnchors(List.of(chain.root().certificate())).connectTimeoutMs(5000)
                    .handshakeTimeoutMs(10_000).build();
            run(prober, request, concurrency, 3); // warm-up
            long[] counted = run(prober, request, concurrency, seconds);
            double probeRate = counted[0] / (counted[2] / 1e9);
            System.out.printf(Locale.ROOT, "phoenix probes: %d OK (%d other outcomes) in %.2f s = %.0f handshakes/s "
                    + "(chain captured and validated; %d in flight, %d threads)%n", counted[0], counted[1],
                    counted[2] / 1e9, probeRate, concurrency, threads);
            double sTime = sTime(server.getPort(), seconds);
            System.out.printf(Locale.ROOT, "openssl s_time -new: %.0f connections/s (real time)%n", sTime);
            System.out.printf(Locale.ROOT, "ratio phoenix / s_time = %.2f (target >= 1.0)%n", probeRate / sTime);
        } finally {
            serverGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    /** Probes for {@code seconds}; returns {OK count, other count, elapsed ns}. */
    private static long[] run(Prober prober, TlsProbeRequest request, int concurrency, int seconds)
            throws InterruptedException {
        Semaphore window = new Semaphore(concurrency);
        AtomicLong ok = new AtomicLong();
        AtomicLong other = new AtomicLong();
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < end) {
            window.acquire();
            prober.tls(request).whenComplete((r, e) -> {
                (e == null && r.outcome() == TlsOutcome.OK ? ok : other).incrementAndGet();
                window.release();
            });
        }
        window.acquire(concurrency);
        return new long[] {ok.get(), other.get(), System.nanoTime() - start};
    }

    private static InetSocketAddress serve(EventLoopGroup group, IssuedChain chain) throws Exception {
        SslContext ctx = SslContextBuilder.forServer(chain.leaf().keyPair().getPrivate(),
                chain.presentedChain().toArray(X509Certificate[]::new)).sslProvider(SslProvider.JDK).build();
        Channel ch = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel c) {
                        c.pipeline().addLast(ctx.newHandler(c.alloc()), new ChannelInboundHandlerAdapter() {
                            @Override
                            public void channelRead(ChannelHandlerContext x, Object msg) {
                                ReferenceCountUtil.release(msg);
                            }

                            @Override
                            public void exceptionCaught(ChannelHandlerContext x, Throwable cause) {
                                x.close();
                            }
                        });
                    }
                }).bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).sync().channel();
        return (InetSocketAddress) ch.localAddress();
    }

    /** Runs {@code openssl s_time -new} and returns its real-time connections per second. */
    private static double sTime(int port, int seconds) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("openssl", "s_time", "-connect", "127.0.0.1:" + port, "-new",
                "-time", String.valueOf(seconds)));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out;
        try (InputStream in = p.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        p.waitFor();
        Matcher m = REAL.matcher(out);
        if (!m.find()) {
            throw new IOException("cannot read the rate from openssl s_time: " + out);
        }
        return Double.parseDouble(m.group(1)) / Double.parseDouble(m.group(2));
    }
}
