package io.phoenixdiag.examples.bench;

import io.phoenixdiag.net.probe.Prober;
import io.phoenixdiag.net.probe.TlsOutcome;
import io.phoenixdiag.net.probe.TlsProbeRequest;
import io.phoenixdiag.net.probe.TlsProbeResult;
import io.phoenixdiag.net.probe.TlsProvider;
import io.phoenixdiag.pki.cert.ChainBuilder;
import io.phoenixdiag.pki.cert.IssuedChain;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Benchmark: TLS probes per second against an external loopback nginx, beside {@code openssl s_time -new} against
 * the same nginx, alternating (s_time, probes, s_time, probes, ...) for several rounds, with each round's figures and
 * the median ratio probes / s_time (target at least 1.0).
 *
 * <p>The server is Debian's {@code /usr/sbin/nginx} run as a child process from a private prefix in a temporary
 * directory ({@code daemon off; master_process off; worker_processes 1}), listening with TLS on a free high port of
 * 127.0.0.1 and serving a leaf and intermediate made with phoenix-pki's {@link ChainBuilder} (ECDSA P-256, as Step-CA
 * issues). The server pins TLS 1.3, TLS_AES_128_GCM_SHA256 and the X25519 group, and turns off its session cache and
 * tickets, so both clients negotiate the same and every connection is a full handshake (RFC 8446 section 2). Both
 * clients therefore pay the same server: nginx's CPU is outside this JVM for both.
 *
 * <p>Each probe is what the production probe does: TCP connect, TLS handshake on the JDK engine, capture of the served
 * chain, path validation with phoenix-pki against the root and the reference identity {@code gw.phoenix.lan}; only
 * {@link TlsOutcome#OK} results count. {@code s_time -new -tls1_3 -ciphersuites TLS_AES_128_GCM_SHA256} opens one
 * connection at a time and does not verify the chain; its rate is its connection count over the wall time of the
 * process measured here (its own "real seconds" figure is whole seconds; it is printed too).
 *
 * <p>The probes run on each {@link TlsProvider} that is available: the JDK engine (the default) and, when the optional
 * {@code netty-tcnative-boringssl-static} is on the class path (it is in {@code examples/target/lib}), BoringSSL. A
 * round is s_time, then each provider in turn; each provider gets a warm-up of WARMUP seconds first (the JIT).
 *
 * <p>Usage: {@code ProbeBenchmark [SECONDS] [ROUNDS] [CONCURRENCY] [THREADS] [WARMUP] [jdk|openssl|both]}
 * (defaults 5 seconds per measurement, 5 rounds, 8 probes in flight, 2 prober event-loop threads, 8 seconds of
 * warm-up, both). Needs {@code /usr/sbin/nginx} and {@code openssl} on the PATH. Only 127.0.0.1 is contacted.
 *
 * <p>Measured 2026-11-29 on the shared 2-core machine, 8 in flight, 2 threads: at load average 4 to 5 (median of 3
 * rounds) s_time 467/s, BoringSSL 601/s (ratio 1.30), JDK 182/s (0.38); at load average 14 to 18 (median of 5 rounds)
 * s_time 343/s, BoringSSL 111/s (0.32), JDK 37/s (0.11). Profile (JFR) of the JDK engine: about 37 % of the
 * event-loop time verifies the server's CertificateVerify with the JDK's constant-time P-256, 20 % makes a P-256 key
 * share the X25519 server never uses (JDK 17 sends two key shares and has no per-engine way to send one), 10 % is
 * phoenix-pki validation; with BoringSSL, phoenix-pki's two ECDSA verifications (BouncyCastle) are about 60 %.
 */
public final class ProbeBenchmark {
    private static final Pattern COUNT = Pattern.compile("(\\d+) connections in (\\d+) real seconds");
    private static final String NGINX = "/usr/sbin/nginx";
    private static final String NAME = "gw.phoenix.lan";

    private ProbeBenchmark() {
    }

    /**
     * Runs the benchmark.
     *
     * @param args optional seconds per measurement, rounds, concurrency and prober threads
     * @throws Exception when nginx cannot start or openssl cannot be run
     */
    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int concurrency = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        int threads = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        int warmup = args.length > 4 ? Integer.parseInt(args[4]) : 8;
        String which = args.length > 5 ? args[5].toLowerCase(Locale.ROOT) : "both";
        List<TlsProvider> providers = new ArrayList<>();
        for (TlsProvider p : TlsProvider.values()) {
            if ((which.equals("both") || which.equals(p.name().toLowerCase(Locale.ROOT))) && p.isAvailable()) {
                providers.add(p);
            }
        }
        if (providers.isEmpty()) {
            throw new IllegalArgumentException("no available TLS provider matches " + which);
        }
        IssuedChain chain = ChainBuilder.stepCa(NAME).build();
        Path dir = Files.createTempDirectory("phoenix-probe-bench");
        String loadBefore = loadAverage();
        try (Nginx nginx = Nginx.start(dir, chain); Prober prober = Prober.create(threads)) {
            InetSocketAddress server = nginx.address();
            System.out.printf(Locale.ROOT, "server: %s pid %d on %s (TLS 1.3, TLS_AES_128_GCM_SHA256, X25519, no "
                    + "session cache or tickets); load average before: %s%n", NGINX, nginx.pid(), target(server),
                    loadBefore);
            List<TlsProbeRequest> requests = new ArrayList<>();
            for (TlsProvider p : providers) {
                TlsProbeRequest request = TlsProbeRequest.builder(server).sni(NAME)
                        .trustAnchors(List.of(chain.root().certificate())).connectTimeoutMs(5000)
                        .handshakeTimeoutMs(10_000).tlsProvider(p).build();
                TlsProbeResult first = prober.tls(request).get(30, TimeUnit.SECONDS);
                System.out.printf(Locale.ROOT, "probe on %s negotiated %s %s, outcome %s, chain of %d%n", p,
                        first.protocol(), first.cipherSuite(), first.outcome(), first.chain().count());
                run(prober, request, concurrency, warmup); // warm-up of the JIT
                requests.add(request);
            }
            double[] sRates = new double[rounds];
            double[][] pRates = new double[providers.size()][rounds];
            double[][] ratios = new double[providers.size()][rounds];
            for (int r = 0; r < rounds; r++) {
                double[] s = sTime(server.getPort(), seconds);
                sRates[r] = s[0];
                StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "round %d: s_time -new %.0f "
                        + "connections/s (%d in %.2f s; its own real-time figure %.0f/s)", r + 1, s[0], (long) s[1],
                        s[2], s[3]));
                for (int i = 0; i < providers.size(); i++) {
                    long[] counted = run(prober, requests.get(i), concurrency, seconds);
                    pRates[i][r] = counted[0] / (counted[2] / 1e9);
                    ratios[i][r] = pRates[i][r] / sRates[r];
                    line.append(String.format(Locale.ROOT, " | phoenix %s %.0f probes/s OK (%d OK, %d other in %.2f "
                            + "s) ratio %.2f", providers.get(i), pRates[i][r], counted[0], counted[1],
                            counted[2] / 1e9, ratios[i][r]));
                }
                System.out.println(line.append(" | load ").append(loadAverage()));
            }
            for (int i = 0; i < providers.size(); i++) {
                System.out.printf(Locale.ROOT, "median over %d rounds: s_time -new %.0f/s, phoenix on %s %.0f/s "
                        + "(%d in flight, %d threads), ratio phoenix / s_time = %.2f (target >= 1.0)%n", rounds,
                        median(sRates), providers.get(i), median(pRates[i]), concurrency, threads,
                        median(ratios[i]));
            }
            System.out.println("load average after: " + loadAverage());
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static String target(InetSocketAddress a) {
        return a.getAddress().getHostAddress() + ":" + a.getPort();
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "unknown";
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

    /**
     * Runs {@code openssl s_time -new} pinned to the server's TLS 1.3 suite; returns {connections per second of wall
     * time, connections, wall seconds, its own real-time rate}.
     */
    private static double[] sTime(int port, int seconds) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("openssl", "s_time", "-connect", "127.0.0.1:" + port, "-new",
                "-tls1_3", "-ciphersuites", "TLS_AES_128_GCM_SHA256", "-time", String.valueOf(seconds)));
        long start = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out;
        try (InputStream in = p.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        p.waitFor();
        double wall = (System.nanoTime() - start) / 1e9;
        Matcher m = COUNT.matcher(out);
        if (!m.find()) {
            throw new IOException("cannot read the count from openssl s_time: " + out);
        }
        double n = Double.parseDouble(m.group(1));
        return new double[] {n / wall, n, wall, n / Double.parseDouble(m.group(2))};
    }

    /** The nginx child process with its private prefix; {@link #close()} stops it. */
    private static final class Nginx implements AutoCloseable {
        private final Process process;
        private final InetSocketAddress address;

        private Nginx(Process process, InetSocketAddress address) {
            this.process = process;
            this.address = address;
        }

        static Nginx start(Path dir, IssuedChain chain) throws IOException, InterruptedException {
            Path cert = dir.resolve("fullchain.pem");
            Path key = dir.resolve("leaf.key");
            Files.writeString(cert, chain.presentedChainPem());
            Files.writeString(key, chain.leaf().privateKeyPem());
            Files.createDirectories(dir.resolve("tmp"));
            int port;
            try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = free.getLocalPort();
            }
            String d = dir.toAbsolutePath().toString();
            String conf = """
                    daemon off;
                    master_process off;
                    worker_processes 1;
                    pid %1$s/nginx.pid;
                    error_log %1$s/error.log warn;
                    events { worker_connections 1024; }
                    http {
                        access_log off;
                        client_body_temp_path %1$s/tmp;
                        proxy_temp_path %1$s/tmp;
                        fastcgi_temp_path %1$s/tmp;
                        uwsgi_temp_path %1$s/tmp;
                        scgi_temp_path %1$s/tmp;
                        server {
                            listen 127.0.0.1:%2$d ssl;
                            ssl_certificate %1$s/fullchain.pem;
                            ssl_certificate_key %1$s/leaf.key;
                            ssl_protocols TLSv1.3;
                            ssl_conf_command Ciphersuites TLS_AES_128_GCM_SHA256;
                            ssl_ecdh_curve X25519;
                            ssl_session_cache off;
                            ssl_session_tickets off;
                            return 200 "ok\\n";
                        }
                    }
                    """.formatted(d, port);
            Path confFile = dir.resolve("nginx.conf");
            Files.writeString(confFile, conf);
            Process p = new ProcessBuilder(NGINX, "-p", d, "-c", confFile.toString(), "-e", d + "/error.log")
                    .redirectErrorStream(true).redirectOutput(dir.resolve("stdout.log").toFile()).start();
            InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
            Nginx nginx = new Nginx(p, address);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (true) {
                try (Socket s = new Socket()) {
                    s.connect(address, 200);
                    return nginx;
                } catch (IOException notYet) {
                    if (!p.isAlive() || System.nanoTime() > deadline) {
                        nginx.close();
                        String log = Files.exists(dir.resolve("error.log"))
                                ? Files.readString(dir.resolve("error.log")) : "";
                        throw new IOException("nginx did not listen on " + target(address) + ": " + log, notYet);
                    }
                    Thread.sleep(50);
                }
            }
        }

        InetSocketAddress address() {
            return address;
        }

        long pid() {
            return process.pid();
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy(); // SIGTERM: nginx's fast shutdown
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }
}
