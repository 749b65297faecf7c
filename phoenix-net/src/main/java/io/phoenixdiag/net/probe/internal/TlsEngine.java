package io.phoenixdiag.net.probe.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import io.phoenixdiag.net.probe.ChainFacts;
import io.phoenixdiag.net.probe.TcpOutcome;
import io.phoenixdiag.net.probe.TlsOutcome;
import io.phoenixdiag.net.probe.TlsProbeRequest;
import io.phoenixdiag.net.probe.TlsProbeResult;
import io.phoenixdiag.net.probe.TlsProvider;
import io.phoenixdiag.pki.path.FailureReason;
import io.phoenixdiag.pki.path.PathValidator;
import io.phoenixdiag.pki.path.ValidationFailure;
import io.phoenixdiag.pki.path.ValidationResult;

import java.nio.channels.ClosedChannelException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;

/**
 * The TLS probe on the JDK TLS engine or BoringSSL (netty-tcnative). Thread-safe (per-probe state lives in the
 * pipeline; the client contexts and path validators shared by probes of the same shape are cached in small
 * synchronized LRU maps).
 */
public final class TlsEngine {
    private static final Pattern ALERT = Pattern.compile("Received fatal alert: ([a-z_0-9]+)");
    private static final int FIRST_BYTES = 64;

    private TlsEngine() {
    }

    /**
     * Runs one probe.
     *
     * @param group   the event loop group
     * @param request the request
     * @return a future completed on an event-loop thread; cancelling it closes the connection
     */
    public static CompletableFuture<TlsProbeResult> probe(EventLoopGroup group, TlsProbeRequest request) {
        return run(group, request, null);
    }

    /**
     * Runs one probe, optionally leaving the connection open after a completed handshake for a protocol on top.
     *
     * @param group    the event loop group
     * @param request  the request
     * @param keepOpen when not null, completed (before the result) with the open channel when the handshake
     *                 completed, else with empty; the caller then owns and must close the channel
     * @return a future completed on an event-loop thread; cancelling it closes the connection
     */
    public static CompletableFuture<TlsProbeResult> run(EventLoopGroup group, TlsProbeRequest request,
                                                        CompletableFuture<Optional<Channel>> keepOpen) {
        Attempt a = new Attempt(request, keepOpen);
        SslContext context;
        try {
            Client c = client(request);
            a.trust = c.trust();
            a.keys = c.keys();
            context = c.context();
        } catch (SSLException | RuntimeException e) {
            a.fail(TlsOutcome.HANDSHAKE_FAILED, "", "The TLS client could not be set up: " + e.getMessage());
            return a.result;
        }
        long start = System.nanoTime();
        ChannelFuture cf = Connects.bootstrap(group, request.connectTimeoutMs(), false).connect(request.target());
        Connects.closeOnCancel(a.result, cf);
        cf.addListener((ChannelFutureListener) f -> {
            long connectMs = Connects.elapsedMs(start);
            if (f.isCancelled()) {
                return;
            }
            if (!f.isSuccess()) {
                TcpOutcome tcp = Connects.classify(f.cause());
                a.connectMs = connectMs;
                a.fail(TlsOutcome.valueOf(tcp.name()), "",
                        Connects.describe(tcp, f.cause(), request.connectTimeoutMs()));
                return;
            }
            handshake(f.channel(), context, a, connectMs);
        });
        return a.result;
    }

    private static void handshake(Channel ch, SslContext context, Attempt a, long connectMs) {
        TlsProbeRequest req = a.request;
        // no peer host and port: the JDK then never resumes a cached session (each probe is a full handshake that
        // shows the served chain, like openssl s_time -new); the SNI goes in explicitly (RFC 6066 section 3)
        SslHandler ssl = context.newHandler(ch.alloc());
        if (!req.sni().isEmpty()) {
            SSLParameters p = ssl.engine().getSSLParameters();
            p.setServerNames(List.of(new SNIHostName(req.sni())));
            ssl.engine().setSSLParameters(p);
        }
        ssl.setHandshakeTimeoutMillis(req.handshakeTimeoutMs());
        a.engine = ssl.engine();
        a.connectMs = connectMs;
        RawTap tap = new RawTap(a);
        long tlsStart = System.nanoTime();
        ssl.handshakeFuture().addListener(h -> {
            a.tlsMs = Connects.elapsedMs(tlsStart);
            if (!h.isSuccess()) {
                boolean open = ch.isActive();
                ch.close();
                classifyFailure(h.cause(), open, tap, a);
                return;
            }
            SSLSession s = ssl.engine().getSession();
            if (a.chain().isEmpty()) {
                a.trust.recordFromSession(a.engine, s);
            }
            a.protocol = s.getProtocol();
            a.cipher = s.getCipherSuite();
            a.alpn = nullToEmpty(ssl.applicationProtocol());
            if ("TLSv1.3".equals(a.protocol) && a.requested() && req.postHandshakeReadMs() > 0
                    && ch.isActive()) {
                // RFC 8446 section 4.4.2: the server judges our certificate after our Finished; wait for its verdict
                a.waitStart = System.nanoTime();
                a.recordsAtHandshake = tap.records;
                a.waiting = true;
                a.timer = ch.eventLoop().schedule(() -> a.accept(ch, "no post-handshake record within "
                        + req.postHandshakeReadMs() + " ms"), req.postHandshakeReadMs(), TimeUnit.MILLISECONDS);
            } else {
                a.accept(ch, "");
            }
        });
        ch.pipeline().addFirst(tap);
        String tapName = ch.pipeline().context(tap).name();
        ch.pipeline().addAfter(tapName, null, ssl);
        ch.pipeline().addAfter(ch.pipeline().context(ssl).name(), null, new AfterHandshake(a, tap));
    }

    private static void classifyFailure(Throwable cause, boolean wasOpen, RawTap first, Attempt a) {
        if (cause instanceof SslHandshakeTimeoutException) {
            a.fail(TlsOutcome.HANDSHAKE_TIMEOUT, "", "The TLS handshake did not finish within "
                    + a.request.handshakeTimeoutMs() + " ms after the TCP connection was up.");
            return;
        }
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof NotSslRecordException) {
                a.fail(TlsOutcome.PLAINTEXT_PEER, "", "The peer answered the ClientHello in plaintext: \""
                        + first.firstLine() + "\".");
                return;
            }
            Matcher m = ALERT.matcher(String.valueOf(t.getMessage()));
            if (m.find()) {
                a.fail(TlsOutcome.ALERT, m.group(1), "The peer sent the fatal alert " + m.group(1)
                        + (a.waiting ? " after the handshake, judging the client certificate "
                        + (a.sent().isEmpty() ? "(none was sent)" : a.sent()) : "") + ".");
                return;
            }
        }
        String msg = String.valueOf(cause.getMessage()).toLowerCase(Locale.ROOT);
        if (cause instanceof ClosedChannelException || !wasOpen || msg.contains("closed")
                || msg.contains("terminated")) {
            a.fail(TlsOutcome.CLOSED_DURING_HANDSHAKE, "",
                    "The peer closed the connection during the TLS handshake without an alert"
                            + (first.count == 0 ? " (it sent no bytes)." : "."));
            return;
        }
        a.fail(TlsOutcome.HANDSHAKE_FAILED, "", "The TLS engine failed: " + cause.getMessage() + ".");
    }

    /** A client context with its shared recording trust manager and key manager. */
    private record Client(SslContext context, RecordingTrustManager trust, ClientKeyManager keys) {
    }

    /** What makes two probes' client contexts interchangeable. */
    private record ClientKey(List<String> alpn, Optional<java.security.PrivateKey> key, List<X509Certificate> chain,
                             TlsProvider provider) {
    }

    /** What makes two probes' path validators interchangeable. */
    private record ValidatorKey(List<X509Certificate> anchors, List<X509Certificate> known, Clock clock) {
    }

    private static final int CONTEXTS = 32;
    /** Client contexts by shape (building one costs an SSLContext init). */
    private static final Map<ClientKey, Client> CLIENTS = lru(CONTEXTS);
    /** Path validators by shape (building one parses every trust anchor and known intermediate). */
    private static final Map<ValidatorKey, PathValidator> VALIDATORS = lru(CONTEXTS);

    /** A map dropping its least recently used entry beyond {@code max}; callers synchronize on it. */
    private static <K, V> Map<K, V> lru(int max) {
        return new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > max;
            }
        };
    }

    private static PathValidator validator(TlsProbeRequest req) {
        ValidatorKey k = new ValidatorKey(req.trustAnchors(), req.knownIntermediates(), req.clock());
        synchronized (VALIDATORS) {
            PathValidator v = VALIDATORS.get(k);
            if (v != null) {
                return v;
            }
        }
        PathValidator v = PathValidator.builder().trustAnchors(req.trustAnchors())
                .knownIntermediates(req.knownIntermediates()).clock(req.clock()).build();
        synchronized (VALIDATORS) {
            VALIDATORS.putIfAbsent(k, v);
            return VALIDATORS.get(k);
        }
    }

    private static Client client(TlsProbeRequest req) throws SSLException {
        ClientKey k = new ClientKey(req.alpn(), req.clientKey(), req.clientChain(), req.tlsProvider());
        synchronized (CLIENTS) {
            Client c = CLIENTS.get(k);
            if (c != null) {
                return c;
            }
        }
        if (!req.tlsProvider().isAvailable()) {
            throw new SSLException("the OPENSSL provider needs io.netty:netty-tcnative-boringssl-static on the class "
                    + "path (" + OpenSsl.unavailabilityCause() + ")");
        }
        RecordingTrustManager trust = new RecordingTrustManager();
        ClientKeyManager keys = new ClientKeyManager(req.clientKey(), req.clientChain());
        SslContextBuilder b = SslContextBuilder.forClient()
                .sslProvider(req.tlsProvider() == TlsProvider.OPENSSL ? SslProvider.OPENSSL : SslProvider.JDK)
                .trustManager(trust).keyManager(keys).endpointIdentificationAlgorithm(null);
        if (!req.alpn().isEmpty()) {
            b.applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                    ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                    ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT, req.alpn()));
        }
        Client c = new Client(b.build(), trust, keys);
        synchronized (CLIENTS) {
            CLIENTS.putIfAbsent(k, c);
            return CLIENTS.get(k);
        }
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    /** The state of one probe; confined to its channel's event loop once connecting started. */
    private static final class Attempt {
        final TlsProbeRequest request;
        RecordingTrustManager trust;
        ClientKeyManager keys;
        javax.net.ssl.SSLEngine engine;
        final CompletableFuture<TlsProbeResult> result = new CompletableFuture<>();
        final String target;
        final CompletableFuture<Optional<Channel>> keepOpen;
        long connectMs;
        long tlsMs;
        String protocol = "";
        String cipher = "";
        String alpn = "";
        boolean waiting;
        long waitStart;
        long recordsAtHandshake;
        ScheduledFuture<?> timer;

        Attempt(TlsProbeRequest request, CompletableFuture<Optional<Channel>> keepOpen) {
            this.request = request;
            this.keepOpen = keepOpen;
            this.target = Connects.target(request.target());
        }

        boolean requested() {
            return keys != null && keys.requested(engine);
        }

        String sent() {
            return keys == null ? "" : keys.sentSubject(engine);
        }

        List<X509Certificate> chain() {
            return trust == null ? List.of() : trust.chain(engine);
        }

        private long postHandshakeMs() {
            return waitStart == 0 ? 0 : Connects.elapsedMs(waitStart);
        }

        private boolean finish() {
            if (result.isDone()) {
                return false;
            }
            waiting = false;
            if (timer != null) {
                timer.cancel(false);
            }
            return true;
        }

        /** Snapshot of the per-engine records, then dropped from the shared managers. */
        private void release() {
            if (trust != null) {
                trust.forget(engine);
            }
            if (keys != null) {
                keys.forget(engine);
            }
        }

        void fail(TlsOutcome outcome, String alert, String detail) {
            if (!finish()) {
                release(); // cancelled or closed: drop what the shared managers recorded
                return;
            }
            if (keepOpen != null) {
                keepOpen.complete(Optional.empty());
            }
            ChainFacts facts = ChainAnalysis.facts(chain(), request.trustAnchors(), request.clock().instant(),
                    Optional.empty());
            boolean requested = requested();
            String sent = sent();
            release();
            result.complete(new TlsProbeResult(target, request.sni(), request.alpn(), outcome, alert, "", detail,
                    protocol, cipher, alpn, connectMs, tlsMs, facts, remediation(outcome, alert), requested,
                    sent, postHandshakeMs()));
        }

        /** The handshake completed and the server did not reject the client certificate (if it asked for one). */
        void accept(Channel ch, String waitNote) {
            if (!finish()) {
                release(); // cancelled or closed: drop what the shared managers recorded
                return;
            }
            if (keepOpen != null) {
                keepOpen.complete(Optional.of(ch));
            } else {
                ch.close();
            }
            long waited = postHandshakeMs();
            List<X509Certificate> chain = chain();
            boolean requested = requested();
            String sent = sent();
            release();
            Instant now = request.clock().instant();
            String client = !requested ? ""
                    : sent.isEmpty() ? " The server asked for a client certificate; none was sent."
                    : " The server accepted the client certificate " + sent
                    + (waitNote.isEmpty() ? "." : " (" + waitNote + ").");
            if (chain.isEmpty()) {
                result.complete(new TlsProbeResult(target, request.sni(), request.alpn(), TlsOutcome.UNTRUSTED, "",
                        "", "The server presented no certificate." + client, protocol, cipher, alpn, connectMs, tlsMs,
                        ChainFacts.NONE, "Configure a certificate on the server.", requested, sent, waited));
                return;
            }
            ValidationResult v = validator(request).validate(chain, Optional.of(request.referenceIdentity()));
            ChainFacts facts = ChainAnalysis.facts(chain, request.trustAnchors(), now, v.reason());
            TlsOutcome outcome = TlsOutcome.OK;
            String reason = "";
            String detail = "The handshake completed and the chain validates for " + request.referenceIdentity() + ".";
            String remediation = "";
            if (v.failure().isPresent()) {
                ValidationFailure f = v.failure().get();
                outcome = f.reason() == FailureReason.NAME_MISMATCH ? TlsOutcome.NAME_MISMATCH : TlsOutcome.UNTRUSTED;
                reason = outcome == TlsOutcome.UNTRUSTED ? f.reason().name() : "";
                detail = f.detail();
                remediation = f.remediation();
                if (facts.traefikDefaultCert()) {
                    remediation = "Traefik served its default certificate: make a router match this SNI ("
                            + request.sni() + ") and check its certificate resolver or TLS store loads. " + remediation;
                }
            }
            result.complete(new TlsProbeResult(target, request.sni(), request.alpn(), outcome, "", reason,
                    detail + client, protocol, cipher, alpn, connectMs, tlsMs, facts, remediation, requested, sent,
                    waited));
        }

        String remediation(TlsOutcome outcome, String alert) {
            String sni = request.sni().isEmpty() ? "" : " (SNI " + request.sni() + ")";
            return switch (outcome) {
                case OK, UNTRUSTED, NAME_MISMATCH -> "";
                case REFUSED, TIMEOUT, UNREACHABLE ->
                        io.phoenixdiag.net.probe.TcpProbeResult.remediationFor(TcpOutcome.valueOf(outcome.name()), target);
                case HANDSHAKE_TIMEOUT -> "Check that " + target + " speaks TLS and is not overloaded, and that no "
                        + "middlebox holds the ClientHello.";
                case PLAINTEXT_PEER -> "The service on " + target + " speaks plain HTTP: enable TLS on it, or probe "
                        + "it with HTTP, or point the client at the TLS port.";
                case ALERT -> alertRemediation(alert, sni);
                case CLOSED_DURING_HANDSHAKE -> "Check that " + target + " speaks TLS and has a certificate for this "
                        + "server name" + sni + "; its log says why it dropped the handshake.";
                case HANDSHAKE_FAILED -> "Align the TLS protocol versions and cipher suites of client and " + target + ".";
            };
        }

        private String alertRemediation(String alert, String sni) {
            return switch (alert) {
                case "certificate_required" -> "The server" + sni + " requires a client certificate: configure one "
                        + "issued by a CA the server trusts (nginx ssl_client_certificate / ssl_verify_client).";
                case "bad_certificate", "unknown_ca", "certificate_unknown", "certificate_expired",
                        "unsupported_certificate", "certificate_revoked", "access_denied" ->
                        "The server" + sni + " rejected the client certificate (" + alert + "): issue it from the CA "
                                + "the server trusts for clients, with clientAuth EKU, valid now, and send its "
                                + "intermediate.";
                default -> "Read the server's log for the handshake" + sni + ": the alert " + alert
                        + " names what it rejected (protocol version, cipher suite, ALPN, client certificate).";
            };
        }
    }

    /**
     * First in the pipeline, before the TLS handler: records the first bytes the peer sent (to show what a plaintext
     * peer said) and counts complete TLS records (RFC 8446 section 5.1: 5-byte header, 2-byte length last), so
     * that after the handshake a complete record that decrypts without an alert proves the server went on.
     */
    private static final class RawTap extends ChannelInboundHandlerAdapter {
        private final Attempt a;
        private final byte[] bytes = new byte[FIRST_BYTES];
        private final byte[] header = new byte[5];
        private int headerFill;
        private int remaining;
        int count;
        long records;

        RawTap(Attempt a) {
            this.a = a;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof ByteBuf buf) {
                if (count < FIRST_BYTES) {
                    int n = Math.min(FIRST_BYTES - count, buf.readableBytes());
                    buf.getBytes(buf.readerIndex(), bytes, count, n);
                    count += n;
                }
                countRecords(buf);
            }
            ctx.fireChannelRead(msg);
            if (a.waiting && records > a.recordsAtHandshake && ctx.channel().isActive()) {
                a.accept(ctx.channel(), "its first post-handshake record came after "
                        + Connects.elapsedMs(a.waitStart) + " ms");
            }
        }

        private void countRecords(ByteBuf b) {
            int i = b.readerIndex();
            int end = b.writerIndex();
            while (i < end) {
                if (remaining > 0) {
                    int n = Math.min(remaining, end - i);
                    remaining -= n;
                    i += n;
                    if (remaining == 0) {
                        records++;
                    }
                } else {
                    header[headerFill++] = b.getByte(i++);
                    if (headerFill == header.length) {
                        headerFill = 0;
                        remaining = ((header[3] & 0xff) << 8) | (header[4] & 0xff);
                        if (remaining == 0) {
                            records++;
                        }
                    }
                }
            }
        }

        String firstLine() {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < count; i++) {
                char c = (char) (bytes[i] & 0xff);
                if (c == '\r' || c == '\n') {
                    break;
                }
                sb.append(c >= 0x20 && c < 0x7f ? c : '.');
            }
            return sb.toString();
        }
    }

    /**
     * Right after the TLS handler: while the probe waits for the server's verdict on the client certificate,
     * turns an alert or a close into the probe's failure and drops application data; otherwise passes
     * everything on (to the HTTP probe's handlers).
     */
    private static final class AfterHandshake extends ChannelInboundHandlerAdapter {
        private final Attempt a;
        private final RawTap tap;

        AfterHandshake(Attempt a, RawTap tap) {
            this.a = a;
            this.tap = tap;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (a.waiting) {
                ReferenceCountUtil.release(msg);
                a.accept(ctx.channel(), "it sent application data after " + Connects.elapsedMs(a.waitStart) + " ms");
            } else {
                ctx.fireChannelRead(msg);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (a.waiting) {
                ctx.close();
                classifyFailure(cause, true, tap, a);
            } else {
                ctx.fireExceptionCaught(cause);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (a.waiting) {
                a.fail(TlsOutcome.CLOSED_DURING_HANDSHAKE, "", "The peer closed the connection right after the "
                        + "TLS 1.3 handshake, without an alert, having asked for a client certificate ("
                        + (a.sent().isEmpty() ? "none was sent" : "sent " + a.sent())
                        + "): it rejected the client certificate.");
            }
            ctx.fireChannelInactive();
        }
    }
}
