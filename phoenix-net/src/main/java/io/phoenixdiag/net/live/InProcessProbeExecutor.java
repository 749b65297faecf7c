package io.phoenixdiag.net.live;

import io.phoenixdiag.net.probe.DnsProbeResult;
import io.phoenixdiag.net.probe.HttpOutcome;
import io.phoenixdiag.net.probe.HttpProbeRequest;
import io.phoenixdiag.net.probe.HttpProbeResult;
import io.phoenixdiag.net.probe.ProbeJson;
import io.phoenixdiag.net.probe.Prober;
import io.phoenixdiag.net.probe.TcpOutcome;
import io.phoenixdiag.net.probe.TcpProbeResult;
import io.phoenixdiag.net.probe.TlsOutcome;
import io.phoenixdiag.net.probe.TlsProbeRequest;
import io.phoenixdiag.net.probe.TlsProbeResult;
import io.phoenixdiag.pki.name.ReferenceIdentity;

import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs probes in this JVM on a {@link Prober}: the vantage point is this host (or the network namespace this
 * process was started in).
 *
 * <p>Threading: thread-safe; several runs may overlap. Probes run on the prober's event-loop threads; results,
 * listener calls and the returned future complete there (or on the deadline thread {@code phoenix-live-deadline}
 * when the global deadline passes). At most {@link ExecutionLimits#concurrency()} probes of one run are in flight;
 * at the deadline the ones not started come back NOT_RUN and the running ones are cancelled (which closes their
 * connections) and come back NOT_RUN.
 */
public final class InProcessProbeExecutor implements ProbeExecutor {
    private final Prober prober;
    private final boolean ownsProber;
    private final String vantage;
    private final ScheduledExecutorService deadlines;

    private InProcessProbeExecutor(Prober prober, boolean owns, String vantage) {
        if (vantage.isBlank()) {
            throw new IllegalArgumentException("vantage must not be empty");
        }
        this.prober = prober;
        this.ownsProber = owns;
        this.vantage = vantage;
        this.deadlines = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "phoenix-live-deadline");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * An executor with its own two-thread {@link Prober}, vantage {@code local}.
     *
     * @return the executor; close it when done
     */
    public static InProcessProbeExecutor create() {
        return create("local");
    }

    /**
     * An executor with its own two-thread {@link Prober} and a named vantage point (e.g. {@code netns:NAME} when
     * this process runs inside a namespace).
     *
     * @param vantage the vantage point's name
     * @return the executor; close it when done
     * @throws IllegalArgumentException if {@code vantage} is blank
     */
    public static InProcessProbeExecutor create(String vantage) {
        return new InProcessProbeExecutor(Prober.create(), true, Objects.requireNonNull(vantage, "vantage"));
    }

    /**
     * An executor on a shared prober, which it does not close.
     *
     * @param prober  the prober
     * @param vantage the vantage point's name, e.g. {@code local}
     * @return the executor; close it when done (the prober stays open)
     * @throws IllegalArgumentException if {@code vantage} is blank
     */
    public static InProcessProbeExecutor using(Prober prober, String vantage) {
        return new InProcessProbeExecutor(Objects.requireNonNull(prober, "prober"), false,
                Objects.requireNonNull(vantage, "vantage"));
    }

    @Override
    public String vantage() {
        return vantage;
    }

    @Override
    public CompletableFuture<List<LiveResult>> run(List<ProbeSpec> probes, ExecutionLimits limits,
                                                   ProbeListener listener) {
        Run run = new Run(List.copyOf(probes), Objects.requireNonNull(limits, "limits"),
                Objects.requireNonNull(listener, "listener"));
        run.start();
        return run.result;
    }

    /** Stops the deadline thread and, when this executor created its prober, closes the prober. */
    @Override
    public void close() {
        deadlines.shutdownNow();
        if (ownsProber) {
            prober.close();
        }
    }

    private final class Run {
        private final List<ProbeSpec> specs;
        private final ExecutionLimits limits;
        private final ProbeListener listener;
        private final LiveResult[] results;
        private final AtomicInteger next = new AtomicInteger();
        private final AtomicInteger done = new AtomicInteger();
        private final Map<Integer, CompletableFuture<?>> inFlight = new ConcurrentHashMap<>();
        private final CompletableFuture<List<LiveResult>> result = new CompletableFuture<>();
        private volatile boolean expired;
        private volatile ScheduledFuture<?> deadlineTask;

        Run(List<ProbeSpec> specs, ExecutionLimits limits, ProbeListener listener) {
            this.specs = specs;
            this.limits = limits;
            this.listener = listener;
            this.results = new LiveResult[specs.size()];
        }

        void start() {
            safely(() -> listener.runStarted(specs.size()));
            if (specs.isEmpty()) {
                result.complete(List.of());
                return;
            }
            deadlineTask = deadlines.schedule(() -> expire("the global deadline of " + limits.deadlineMs()
                    + " ms passed"), limits.deadlineMs(), TimeUnit.MILLISECONDS);
            result.whenComplete((r, e) -> {
                if (e != null) {
                    expire("the run was cancelled");
                }
            });
            for (int i = 0; i < Math.min(limits.concurrency(), specs.size()); i++) {
                launchNext();
            }
        }

        private void launchNext() {
            while (!expired) {
                int i = next.getAndIncrement();
                if (i >= specs.size()) {
                    return;
                }
                ProbeSpec spec = specs.get(i);
                Started s = startProbe(spec);
                if (s.mapped.isDone() && !s.mapped.isCompletedExceptionally()) {
                    // a spec that could not start: loop rather than recurse, whatever the number of such specs
                    finish(i, s.mapped.join());
                    continue;
                }
                inFlight.put(i, s.raw);
                s.mapped.whenComplete((r, e) -> {
                    inFlight.remove(i);
                    finish(i, e != null ? LiveResult.notRun(spec, vantage, expired
                            ? "Cancelled when the global deadline of " + limits.deadlineMs() + " ms passed."
                            : "The probe failed: " + e) : r);
                    launchNext();
                });
                return;
            }
        }

        private void finish(int i, LiveResult r) {
            synchronized (results) {
                if (results[i] != null) {
                    return;
                }
                results[i] = r;
            }
            int d = done.incrementAndGet();
            safely(() -> listener.probeFinished(r, d, specs.size()));
            if (d == specs.size()) {
                ScheduledFuture<?> t = deadlineTask;
                if (t != null) {
                    t.cancel(false);
                }
                result.complete(List.copyOf(Arrays.asList(results)));
            }
        }

        private void expire(String why) {
            expired = true;
            int i;
            while ((i = next.getAndIncrement()) < specs.size()) {
                finish(i, LiveResult.notRun(specs.get(i), vantage, "Not started: " + why + "."));
            }
            new ArrayList<>(inFlight.values()).forEach(f -> f.cancel(true));
        }
    }

    private static void safely(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            // listener exceptions are ignored, as documented
        }
    }

    private record Started(CompletableFuture<?> raw, CompletableFuture<LiveResult> mapped) {
    }

    /** The HTTP request of a spec: its preset when it names one, otherwise its path, status and body text. */
    private HttpProbeRequest.Builder httpRequest(ProbeSpec s, InetSocketAddress target)
            throws java.security.cert.CertificateException {
        HttpProbeRequest.Builder b = switch (s.preset()) {
            case HttpProbeRequest.PRESET_STEP_CA_HEALTH -> HttpProbeRequest.stepCaHealth(tlsRequest(s, target));
            case HttpProbeRequest.PRESET_STEP_CA_ROOTS -> HttpProbeRequest.stepCaRoots(tlsRequest(s, target));
            case HttpProbeRequest.PRESET_TRAEFIK_PING -> HttpProbeRequest.traefikPing(target);
            case HttpProbeRequest.PRESET_TRAEFIK_ROUTERS -> HttpProbeRequest.traefikRouters(target);
            case HttpProbeRequest.PRESET_TRAEFIK_SERVICES -> HttpProbeRequest.traefikServices(target);
            case HttpProbeRequest.PRESET_PORTAINER_STATUS -> HttpProbeRequest.portainerStatus(tlsRequest(s, target));
            case HttpProbeRequest.PRESET_PORTAINER_AGENT_PING -> HttpProbeRequest.portainerAgentPing(tlsRequest(s, target));
            default -> null; // "" (ProbeSpec admits only the names above)
        };
        if (b != null) {
            return b;
        }
        b = s.tls() ? HttpProbeRequest.https(tlsRequest(s, target)) : HttpProbeRequest.http(target);
        b.path(s.path()).expectStatus(s.expectedStatus());
        if (!s.bodyContains().isEmpty()) {
            b.expectBodyContains(s.bodyContains());
        }
        return b;
    }

    private Started startProbe(ProbeSpec s) {
        try {
            InetSocketAddress target = new InetSocketAddress(InetAddress.getByAddress(
                    ReferenceIdentity.parseIp(s.address()).orElseThrow()), s.port());
            switch (s.kind()) {
                case TCP -> {
                    CompletableFuture<TcpProbeResult> f = prober.tcp(target, s.timeoutMs());
                    return new Started(f, f.thenApply(r -> of(s, r)));
                }
                case TLS -> {
                    CompletableFuture<TlsProbeResult> f = prober.tls(tlsRequest(s, target));
                    return new Started(f, f.thenApply(r -> of(s, r)));
                }
                case HTTP -> {
                    HttpProbeRequest.Builder b = httpRequest(s, target);
                    b.connectTimeoutMs(s.timeoutMs()).responseTimeoutMs(s.timeoutMs());
                    CompletableFuture<HttpProbeResult> f = prober.http(b.build());
                    return new Started(f, f.thenApply(r -> of(s, r)));
                }
                case DNS -> {
                    List<InetAddress> expected = new ArrayList<>();
                    for (String a : s.expected()) {
                        expected.add(InetAddress.getByAddress(ReferenceIdentity.parseIp(a).orElseThrow(() ->
                                new IllegalArgumentException("expected address is not an IP literal: " + a))));
                    }
                    CompletableFuture<DnsProbeResult> f = prober.dns(target, s.dnsName(), s.dnsType(), expected,
                            s.timeoutMs());
                    return new Started(f, f.thenApply(r -> of(s, r)));
                }
                default -> throw new IllegalStateException("unknown kind " + s.kind());
            }
        } catch (IllegalArgumentException | IllegalStateException | UnknownHostException | CertificateException e) {
            CompletableFuture<LiveResult> done = CompletableFuture.completedFuture(new LiveResult(s.id(), s.kind(),
                    s.target(), vantage, "NOT_RUN", false, Reachability.NOT_RUN,
                    "The probe could not start: " + e.getMessage(), "Correct the probe request.", ""));
            return new Started(done, done);
        }
    }

    private static TlsProbeRequest tlsRequest(ProbeSpec s, InetSocketAddress target) throws CertificateException {
        TlsProbeRequest.Builder b = TlsProbeRequest.builder(target).connectTimeoutMs(s.timeoutMs())
                .handshakeTimeoutMs(s.timeoutMs()).trustAnchors(anchors(s.trustAnchorsPem()));
        if (!s.serverName().isEmpty()) {
            b.sni(s.serverName());
        }
        return b.build();
    }

    static List<X509Certificate> anchors(List<String> pems) throws CertificateException {
        CertificateFactory cf = CertificateFactory.getInstance("X.509");
        List<X509Certificate> out = new ArrayList<>();
        for (String pem : pems) {
            for (var c : cf.generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
                out.add((X509Certificate) c);
            }
        }
        return out;
    }

    private LiveResult of(ProbeSpec s, TcpProbeResult r) {
        return new LiveResult(s.id(), s.kind(), s.target(), vantage, r.outcome().name(), r.outcome() == TcpOutcome.OPEN,
                reach(r.outcome()), r.detail(), r.remediation(), ProbeJson.toJson(r));
    }

    private LiveResult of(ProbeSpec s, TlsProbeResult r) {
        return new LiveResult(s.id(), s.kind(), s.target(), vantage, tlsOutcome(r), r.outcome() == TlsOutcome.OK,
                reach(r.outcome()), r.detail(), r.remediation(), ProbeJson.toJson(r));
    }

    private LiveResult of(ProbeSpec s, HttpProbeResult r) {
        Reachability reach = switch (r.outcome()) {
            case REFUSED -> Reachability.REFUSED;
            case TIMEOUT -> Reachability.TIMEOUT;
            case UNREACHABLE -> Reachability.UNREACHABLE;
            case TLS_FAILED -> r.tls().isEmpty() ? Reachability.INCONCLUSIVE : reach(r.tls().get(0).outcome());
            default -> Reachability.OPEN;
        };
        String outcome = r.outcome() == HttpOutcome.TLS_FAILED && !r.tls().isEmpty()
                ? "TLS_FAILED(" + tlsOutcome(r.tls().get(0)) + ")" : r.outcome().name();
        return new LiveResult(s.id(), s.kind(), s.target(), vantage, outcome, r.outcome() == HttpOutcome.OK, reach,
                r.detail(), r.remediation(), ProbeJson.toJson(r));
    }

    private LiveResult of(ProbeSpec s, DnsProbeResult r) {
        Reachability reach = switch (r.outcome()) {
            case TIMEOUT -> Reachability.TIMEOUT;
            case ERROR -> Reachability.INCONCLUSIVE;
            default -> Reachability.OPEN;
        };
        return new LiveResult(s.id(), s.kind(), s.target(), vantage, r.outcome().name(),
                r.outcome() == io.phoenixdiag.net.probe.DnsOutcome.MATCH, reach, r.detail(), r.remediation(),
                ProbeJson.toJson(r));
    }

    private static String tlsOutcome(TlsProbeResult r) {
        return switch (r.outcome()) {
            case ALERT -> "ALERT(" + r.alert() + ")";
            case UNTRUSTED -> "UNTRUSTED(" + r.untrustedReason() + ")";
            default -> r.outcome().name();
        };
    }

    private static Reachability reach(TcpOutcome o) {
        return switch (o) {
            case OPEN -> Reachability.OPEN;
            case REFUSED -> Reachability.REFUSED;
            case TIMEOUT -> Reachability.TIMEOUT;
            case UNREACHABLE -> Reachability.UNREACHABLE;
        };
    }

    private static Reachability reach(TlsOutcome o) {
        return switch (o) {
            case REFUSED -> Reachability.REFUSED;
            case TIMEOUT -> Reachability.TIMEOUT;
            case UNREACHABLE -> Reachability.UNREACHABLE;
            default -> Reachability.OPEN;
        };
    }
}
