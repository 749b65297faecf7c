package io.phoenixdiag.net.probe;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.phoenixdiag.net.probe.internal.DnsEngine;
import io.phoenixdiag.net.probe.internal.HttpEngine;
import io.phoenixdiag.net.probe.internal.TcpEngine;
import io.phoenixdiag.net.probe.internal.TlsEngine;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Runs live probes on one shared Netty event-loop group that it owns. Create one per application, share
 * it, close it when done:
 * <pre>{@code
 * try (Prober prober = Prober.create()) {
 *     TcpProbeResult r = prober.tcp(new InetSocketAddress("127.0.0.1", 8443), 2000).join();
 * }
 * }</pre>
 *
 * <p>Threading: thread-safe; probes may be started from any thread. Each probe returns a
 * {@link CompletableFuture} that is always completed normally with a result (failures are outcomes, not
 * exceptions, except that {@link #close()} ends probes still in flight with a {@link ProberClosedException}) on one
 * of the prober's event-loop threads ({@code phoenix-probe-N}, daemon threads), within
 * its timeouts. Dependent stages registered without an executor run on that thread: never block in them
 * (no {@code join()}, {@code get()} or blocking I/O; they would stall every other probe); use the
 * {@code *Async} variants with your own executor for anything slow. Cancelling a returned future aborts the
 * probe and closes its connection. Every probe opens at most one connection and closes it before its future
 * completes (the close itself may still be in flight).
 */
public final class Prober implements AutoCloseable {
    private final EventLoopGroup group;
    private final Set<CompletableFuture<?>> inFlight = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private Prober(int threads) {
        this.group = new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory("phoenix-probe", true),
                NioIoHandler.newFactory());
    }

    /**
     * A prober with two event-loop threads.
     *
     * @return a new prober; close it when done
     */
    public static Prober create() {
        return new Prober(2);
    }

    /**
     * A prober with the given number of event-loop threads.
     *
     * @param threads the thread count, 1 to 256
     * @return a new prober; close it when done
     * @throws IllegalArgumentException if {@code threads} is out of range
     */
    public static Prober create(int threads) {
        if (threads < 1 || threads > 256) {
            throw new IllegalArgumentException("threads must be 1..256: " + threads);
        }
        return new Prober(threads);
    }

    /**
     * Probes a TCP port: connects once (RFC 9293 three-way handshake) and closes at once.
     *
     * @param target    a resolved address and port; the probe never resolves names
     * @param timeoutMs the connect timeout in ms, 1 to {@link Integer#MAX_VALUE}
     * @return the result, completed on an event-loop thread within about {@code timeoutMs}
     * @throws IllegalArgumentException if the target is unresolved or the timeout out of range
     * @throws IllegalStateException if the prober is closed
     */
    public CompletableFuture<TcpProbeResult> tcp(InetSocketAddress target, long timeoutMs) {
        Objects.requireNonNull(target, "target");
        if (target.isUnresolved()) {
            throw new IllegalArgumentException("target must be a resolved address: " + target);
        }
        Args.timeoutMs(timeoutMs, "timeoutMs");
        checkOpen();
        return track(TcpEngine.probe(group, target, timeoutMs));
    }

    /**
     * Probes a TLS endpoint: connects, handshakes with the JDK TLS engine offering the request's SNI and
     * ALPN, records the served chain whatever it is (validation is never done by the TLS engine), closes,
     * then validates the chain with phoenix-pki against the request's trust anchors and reference identity.
     *
     * @param request what to probe and how
     * @return the result, completed on an event-loop thread within about the connect plus handshake timeouts
     * @throws IllegalStateException if the prober is closed
     */
    public CompletableFuture<TlsProbeResult> tls(TlsProbeRequest request) {
        Objects.requireNonNull(request, "request");
        checkOpen();
        return track(TlsEngine.probe(group, request));
    }

    /**
     * Probes an HTTP(S) endpoint: one HTTP/1.1 request with {@code Connection: close}, then checks the status
     * and the body. For HTTPS the TLS probe runs first and its result is embedded; the request is still sent
     * when the handshake completed but the chain is untrusted (the outcome is then TLS_FAILED, with the status
     * read).
     *
     * @param request what to send and expect
     * @return the result, completed on an event-loop thread within about the connect (and handshake) plus
     *         response timeouts
     * @throws IllegalStateException if the prober is closed
     */
    public CompletableFuture<HttpProbeResult> http(HttpProbeRequest request) {
        Objects.requireNonNull(request, "request");
        checkOpen();
        return track(HttpEngine.probe(group, request));
    }

    /**
     * Probes one nameserver directly for an address: one recursive query (RD set) over UDP, no cache, hosts file
     * or search domains, retried over TCP when truncated, then compares the answer's addresses with the expected
     * ones. Same as {@link #dns(DnsProbeRequest)} with {@link DnsProbeRequest.Builder#expectAddresses}.
     *
     * @param nameserver a resolved nameserver address and port (53 for a standard server)
     * @param name       the fully qualified name to ask for, such as {@code gw.phoenix.lan}
     * @param type       the record type, A or AAAA
     * @param expected   the addresses the deployment declares for the name; empty to accept any address
     * @param timeoutMs  how long to wait for the answer in ms, 1 to {@link Integer#MAX_VALUE}
     * @return the result, completed on an event-loop thread within about {@code timeoutMs}
     * @throws IllegalArgumentException if the nameserver is unresolved, the name empty, an expected address
     *                                  of the other family (or given for CNAME/PTR), or the timeout out of range
     * @throws IllegalStateException if the prober is closed
     */
    public CompletableFuture<DnsProbeResult> dns(InetSocketAddress nameserver, String name, DnsQueryType type,
                                                 List<InetAddress> expected, long timeoutMs) {
        return dns(DnsProbeRequest.builder(nameserver, name, type).expectAddresses(expected).timeoutMs(timeoutMs)
                .build());
    }

    /**
     * Probes one nameserver directly: one recursive query (RD set) over UDP with Netty's DNS codec, no cache,
     * hosts file or search domains; a truncated answer (TC bit) is asked again over TCP (RFC 7766 section 5)
     * unless disabled. Answers whose ID or source address differ from the query's are ignored (RFC 5452 section
     * 9.1). The answer's records of the asked type are compared, as a set, with the expected ones.
     *
     * @param request what to ask and expect
     * @return the result, completed on an event-loop thread within about the request's timeout
     * @throws IllegalStateException if the prober is closed
     */
    public CompletableFuture<DnsProbeResult> dns(DnsProbeRequest request) {
        Objects.requireNonNull(request, "request");
        checkOpen();
        return track(DnsEngine.probe(group, request));
    }

    /**
     * Asks a nameserver for a random, undeclared name under a domain (such as
     * {@code phx-nx-5f3a9c.phoenix.lan}) to reveal a wildcard record (RFC 4592) or dnsmasq
     * {@code address=/domain/...} that makes every mistyped name resolve.
     *
     * @param nameserver a resolved nameserver address and port
     * @param domain     the internal domain, such as {@code phoenix.lan}
     * @param timeoutMs  the timeout in ms, 1 to {@link Integer#MAX_VALUE}
     * @return the result, completed on an event-loop thread within about {@code timeoutMs}
     * @throws IllegalArgumentException if the nameserver is unresolved, the domain blank or the timeout out of range
     * @throws IllegalStateException if the prober is closed
     */
    public CompletableFuture<DnsWildcardResult> dnsWildcard(InetSocketAddress nameserver, String domain,
                                                            long timeoutMs) {
        Objects.requireNonNull(nameserver, "nameserver");
        if (nameserver.isUnresolved()) {
            throw new IllegalArgumentException("nameserver must be a resolved address: " + nameserver);
        }
        if (domain == null || domain.isBlank()) {
            throw new IllegalArgumentException("domain must not be empty");
        }
        Args.timeoutMs(timeoutMs, "timeoutMs");
        checkOpen();
        return track(DnsEngine.wildcard(group, nameserver, domain, timeoutMs));
    }

    /**
     * Whether {@link #close()} was called.
     *
     * @return {@code true} once closing started
     */
    public boolean isClosed() {
        return closed || group.isShuttingDown();
    }

    /**
     * How many probes have started and not completed yet. A probe leaves the count in a completion stage of its
     * own, which may run just after the stages the caller added to its future.
     *
     * @return the count, at least 0
     */
    public int inFlight() {
        return inFlight.size();
    }

    /**
     * Ends every probe still in flight, then shuts the event loops down, waiting up to 5 seconds for them to
     * end. The futures of probes still in flight complete exceptionally with a {@link ProberClosedException} (a
     * {@link java.util.concurrent.CancellationException}), their connections are closed. Must not be called
     * from an event-loop thread. Idempotent.
     */
    @Override
    public void close() {
        closed = true;
        for (CompletableFuture<?> f : inFlight) {
            f.completeExceptionally(new ProberClosedException());
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    private <T> CompletableFuture<T> track(CompletableFuture<T> probe) {
        inFlight.add(probe);
        probe.whenComplete((r, e) -> inFlight.remove(probe));
        if (closed) {
            probe.completeExceptionally(new ProberClosedException());
        }
        return probe;
    }

    private void checkOpen() {
        if (isClosed()) {
            throw new IllegalStateException("prober is closed");
        }
    }
}
