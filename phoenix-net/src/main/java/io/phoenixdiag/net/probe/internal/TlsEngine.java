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
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import io.netty.handler.ssl.SslProvider;
import io.phoenixdiag.net.probe.ChainFacts;
import io.phoenixdiag.net.probe.TcpOutcome;
import io.phoenixdiag.net.probe.TlsOutcome;
import io.phoenixdiag.net.probe.TlsProbeRequest;
import io.phoenixdiag.net.probe.TlsProbeResult;
import io.phoenixdiag.pki.path.FailureReason;
import io.phoenixdiag.pki.path.PathValidator;
import io.phoenixdiag.pki.path.ValidationFailure;
import io.phoenixdiag.pki.path.ValidationResult;

import java.nio.channels.ClosedChannelException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;

/**
 * The TLS probe on the JDK TLS engine. Thread-safe (stateless; per-probe state lives in the pipeline).
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
            context = clientContext(request, a.trust);
        } catch (SSLException | RuntimeException e) {
            a.fail(TlsOutcome.HANDSHAKE_FAILED, "", "The TLS client could not be set up: " + e.getMessage(), 0, 0);
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
                a.fail(TlsOutcome.valueOf(tcp.name()), "",
                        Connects.describe(tcp, f.cause(), request.connectTimeoutMs()), connectMs, 0);
                return;
            }
            handshake(f.channel(), context, a, connectMs);
        });
        return a.result;
    }

    private static void handshake(Channel ch, SslContext context, Attempt a, long connectMs) {
        TlsProbeRequest req = a.request;
        SslHandler ssl = req.sni().isEmpty() ? context.newHandler(ch.alloc())
                : context.newHandler(ch.alloc(), req.sni(), req.target().getPort());
        ssl.setHandshakeTimeoutMillis(req.handshakeTimeoutMs());
        FirstBytes first = new FirstBytes();
        long tlsStart = System.nanoTime();
        ssl.handshakeFuture().addListener(h -> {
            long tlsMs = Connects.elapsedMs(tlsStart);
            boolean open = ch.isActive();
            if (h.isSuccess() && a.keepOpen != null) {
                a.keepOpen.complete(Optional.of(ch));
            } else {
                ch.close();
                if (a.keepOpen != null) {
                    a.keepOpen.complete(Optional.empty());
                }
            }
            if (h.isSuccess()) {
                SSLSession s = ssl.engine().getSession();
                a.succeed(s.getProtocol(), s.getCipherSuite(), nullToEmpty(ssl.applicationProtocol()), connectMs, tlsMs);
            } else {
                classifyFailure(h.cause(), open, first, a, connectMs, tlsMs);
            }
        });
        ch.pipeline().addFirst(first);
        ch.pipeline().addAfter(ch.pipeline().context(first).name(), null, ssl);
    }

    private static void classifyFailure(Throwable cause, boolean wasOpen, FirstBytes first, Attempt a,
                                        long connectMs, long tlsMs) {
        if (cause instanceof SslHandshakeTimeoutException) {
            a.fail(TlsOutcome.HANDSHAKE_TIMEOUT, "", "The TLS handshake did not finish within "
                    + a.request.handshakeTimeoutMs() + " ms after the TCP connection was up.", connectMs, tlsMs);
            return;
        }
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof NotSslRecordException) {
                a.fail(TlsOutcome.PLAINTEXT_PEER, "", "The peer answered the ClientHello in plaintext: \""
                        + first.firstLine() + "\".", connectMs, tlsMs);
                return;
            }
            Matcher m = ALERT.matcher(String.valueOf(t.getMessage()));
            if (m.find()) {
                a.fail(TlsOutcome.ALERT, m.group(1), "The peer sent the fatal alert " + m.group(1) + ".",
                        connectMs, tlsMs);
                return;
            }
        }
        String msg = String.valueOf(cause.getMessage()).toLowerCase(Locale.ROOT);
        if (cause instanceof ClosedChannelException || !wasOpen || msg.contains("closed")
                || msg.contains("terminated")) {
            a.fail(TlsOutcome.CLOSED_DURING_HANDSHAKE, "",
                    "The peer closed the connection during the TLS handshake without an alert"
                            + (first.count == 0 ? " (it sent no bytes)." : "."), connectMs, tlsMs);
            return;
        }
        a.fail(TlsOutcome.HANDSHAKE_FAILED, "", "The TLS engine failed: " + cause.getMessage() + ".",
                connectMs, tlsMs);
    }

    private static SslContext clientContext(TlsProbeRequest req, RecordingTrustManager trust) throws SSLException {
        SslContextBuilder b = SslContextBuilder.forClient().sslProvider(SslProvider.JDK).trustManager(trust)
                .endpointIdentificationAlgorithm(null);
        if (!req.alpn().isEmpty()) {
            b.applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                    ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                    ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT, req.alpn()));
        }
        return b.build();
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    /** The state of one probe. */
    private static final class Attempt {
        final TlsProbeRequest request;
        final RecordingTrustManager trust = new RecordingTrustManager();
        final CompletableFuture<TlsProbeResult> result = new CompletableFuture<>();
        final String target;
        final CompletableFuture<Optional<Channel>> keepOpen;

        Attempt(TlsProbeRequest request, CompletableFuture<Optional<Channel>> keepOpen) {
            this.request = request;
            this.keepOpen = keepOpen;
            this.target = Connects.target(request.target());
        }

        void fail(TlsOutcome outcome, String alert, String detail, long connectMs, long tlsMs) {
            if (keepOpen != null) {
                keepOpen.complete(Optional.empty());
            }
            ChainFacts facts = ChainAnalysis.facts(trust.chain(), request.trustAnchors(), request.clock().instant(),
                    Optional.empty());
            result.complete(new TlsProbeResult(target, request.sni(), request.alpn(), outcome, alert, "", detail, "",
                    "", "", connectMs, tlsMs, facts, remediation(outcome, alert)));
        }

        void succeed(String protocol, String cipher, String alpn, long connectMs, long tlsMs) {
            List<X509Certificate> chain = trust.chain();
            Instant now = request.clock().instant();
            if (chain.isEmpty()) {
                result.complete(new TlsProbeResult(target, request.sni(), request.alpn(), TlsOutcome.UNTRUSTED, "",
                        "", "The server presented no certificate.", protocol, cipher, alpn, connectMs, tlsMs,
                        ChainFacts.NONE, "Configure a certificate on the server."));
                return;
            }
            ValidationResult v = PathValidator.builder().trustAnchors(request.trustAnchors()).clock(request.clock())
                    .build().validate(chain, Optional.of(request.referenceIdentity()));
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
            result.complete(new TlsProbeResult(target, request.sni(), request.alpn(), outcome, "", reason, detail,
                    protocol, cipher, alpn, connectMs, tlsMs, facts, remediation));
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
                case ALERT -> "Read the server's log for the handshake" + sni + ": the alert " + alert
                        + " names what it rejected (protocol version, cipher suite, ALPN, client certificate).";
                case CLOSED_DURING_HANDSHAKE -> "Check that " + target + " speaks TLS and has a certificate for this "
                        + "server name" + sni + "; its log says why it dropped the handshake.";
                case HANDSHAKE_FAILED -> "Align the TLS protocol versions and cipher suites of client and " + target + ".";
            };
        }
    }

    /** Records the first bytes the peer sent, to show what a plaintext peer said. */
    private static final class FirstBytes extends ChannelInboundHandlerAdapter {
        private final byte[] bytes = new byte[FIRST_BYTES];
        private int count;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof ByteBuf buf && count < FIRST_BYTES) {
                int n = Math.min(FIRST_BYTES - count, buf.readableBytes());
                buf.getBytes(buf.readerIndex(), bytes, count, n);
                count += n;
            }
            ctx.fireChannelRead(msg);
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
}
