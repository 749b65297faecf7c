package io.phoenixdiag.net.probe.internal;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.concurrent.ScheduledFuture;
import io.phoenixdiag.net.probe.HttpOutcome;
import io.phoenixdiag.net.probe.HttpProbeRequest;
import io.phoenixdiag.net.probe.HttpProbeResult;
import io.phoenixdiag.net.probe.TcpOutcome;
import io.phoenixdiag.net.probe.TcpProbeResult;
import io.phoenixdiag.net.probe.TlsOutcome;
import io.phoenixdiag.net.probe.TlsProbeResult;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP/1.1 probe, over TCP or over the TLS probe's connection. Thread-safe (stateless).
 */
public final class HttpEngine {
    private static final int EXCERPT = 256;

    private HttpEngine() {
    }

    /**
     * Runs one probe.
     *
     * @param group   the event loop group
     * @param request the request
     * @return a future completed on an event-loop thread; cancelling it closes the connection
     */
    public static CompletableFuture<HttpProbeResult> probe(EventLoopGroup group, HttpProbeRequest request) {
        Exchange x = new Exchange(request);
        long start = System.nanoTime();
        if (request.tls().isPresent()) {
            CompletableFuture<Optional<Channel>> open = new CompletableFuture<>();
            CompletableFuture<TlsProbeResult> tls = TlsEngine.run(group, request.tls().get(), open);
            x.result.whenComplete((r, e) -> {
                if (x.result.isCancelled()) {
                    tls.cancel(false);
                    open.thenAccept(ch -> ch.ifPresent(Channel::close));
                }
            });
            tls.thenAccept(t -> {
                x.tls = List.of(t);
                x.connectMs = t.connectMs() + t.tlsMs();
                Optional<Channel> ch = open.getNow(Optional.empty());
                if (ch.isEmpty()) {
                    HttpOutcome o = switch (t.outcome()) {
                        case REFUSED -> HttpOutcome.REFUSED;
                        case TIMEOUT -> HttpOutcome.TIMEOUT;
                        case UNREACHABLE -> HttpOutcome.UNREACHABLE;
                        default -> HttpOutcome.TLS_FAILED;
                    };
                    x.complete(o, 0, "", "TLS " + t.outcome() + ": " + t.detail(), t.remediation());
                } else if (x.result.isDone()) {
                    ch.get().close();
                } else {
                    x.send(ch.get());
                }
            });
            return x.result;
        }
        ChannelFuture cf = Connects.bootstrap(group, request.connectTimeoutMs(), false).connect(request.target());
        Connects.closeOnCancel(x.result, cf);
        cf.addListener((ChannelFutureListener) f -> {
            x.connectMs = Connects.elapsedMs(start);
            if (f.isCancelled()) {
                return;
            }
            if (!f.isSuccess()) {
                TcpOutcome tcp = Connects.classify(f.cause());
                x.complete(HttpOutcome.valueOf(tcp.name()), 0, "",
                        Connects.describe(tcp, f.cause(), request.connectTimeoutMs()),
                        TcpProbeResult.remediationFor(tcp, x.target));
                return;
            }
            x.send(f.channel());
        });
        return x.result;
    }

    /**
     * nginx's answers when {@code ssl_verify_client} rejects after the handshake (ngx_http_request.c: status 400
     * with these reasons; 495 and 496 are logged, 400 is sent).
     */
    private static final List<String> NGINX_CLIENT_CERT_REJECTIONS = List.of("No required SSL certificate was sent",
            "The SSL certificate error");

    static String clientCertificateRejection(int status, String body) {
        if (status != 400 && status != 495 && status != 496) {
            return "";
        }
        return NGINX_CLIENT_CERT_REJECTIONS.stream().filter(body::contains).findFirst().orElse("");
    }

    /** The state of one exchange. */
    private static final class Exchange {
        final HttpProbeRequest request;
        final CompletableFuture<HttpProbeResult> result = new CompletableFuture<>();
        final String target;
        final String url;
        List<TlsProbeResult> tls = List.of();
        List<io.phoenixdiag.net.probe.ApiEntry> entries = List.of();
        long connectMs;
        long sent;

        Exchange(HttpProbeRequest request) {
            this.request = request;
            this.target = Connects.target(request.target());
            this.url = (request.tls().isPresent() ? "https://" : "http://") + request.host() + request.path();
        }

        void send(Channel ch) {
            result.whenComplete((r, e) -> ch.close());
            ch.pipeline().remove(Connects.ExceptionSink.class);
            ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(request.maxBodyBytes()),
                    new Response());
            ScheduledFuture<?> timer = ch.eventLoop().schedule(() -> complete(HttpOutcome.RESPONSE_TIMEOUT, 0, "",
                    "No complete response within " + request.responseTimeoutMs() + " ms.",
                    "Check that the service behind " + target + " is healthy and not stalled."),
                    request.responseTimeoutMs(), TimeUnit.MILLISECONDS);
            result.whenComplete((r, e) -> timer.cancel(false));
            FullHttpRequest req = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.valueOf(request.method()),
                    request.path());
            req.headers().set(HttpHeaderNames.HOST, request.host())
                    .set(HttpHeaderNames.USER_AGENT, "phoenix-probe")
                    .set(HttpHeaderNames.ACCEPT, "*/*")
                    .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE)
                    .set(HttpHeaderNames.CONTENT_LENGTH, 0);
            sent = System.nanoTime();
            ch.writeAndFlush(req);
        }

        void complete(HttpOutcome outcome, int status, String body, String detail, String remediation) {
            long responseMs = sent == 0 ? 0 : Connects.elapsedMs(sent);
            HttpOutcome o = outcome;
            String d = detail;
            String rem = remediation;
            if (!tls.isEmpty() && tls.get(0).outcome() != TlsOutcome.OK && status != 0) {
                TlsProbeResult t = tls.get(0);
                o = HttpOutcome.TLS_FAILED;
                d = "TLS " + t.outcome() + ": " + t.detail() + " (HTTP: " + detail + ")";
                rem = t.remediation();
            }
            String excerpt = body.length() > EXCERPT ? body.substring(0, EXCERPT) : body;
            result.complete(new HttpProbeResult(target, url, request.method(), o, status, request.expectedStatus(),
                    request.bodyCheck(), excerpt, d, connectMs, responseMs, tls,
                    o == HttpOutcome.OK || o == HttpOutcome.TLS_FAILED ? rem : Presets.remediation(request, o, rem),
                    request.preset(), entries));
        }

        /** Reads the one response. */
        private final class Response extends SimpleChannelInboundHandler<FullHttpResponse> {
            @Override
            protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse r) {
                int status = r.status().code();
                String body = r.content().toString(StandardCharsets.UTF_8);
                if (r.decoderResult().isFailure()) {
                    complete(HttpOutcome.BAD_RESPONSE, 0, "", "The response is not valid HTTP: "
                            + String.valueOf(r.decoderResult().cause().getMessage()).replaceAll("\\.+$", "") + ".", "Check that " + target + " speaks HTTP"
                            + (request.tls().isPresent() ? "S." : " (not TLS)."));
                } else if (status != request.expectedStatus()) {
                    String rejected = clientCertificateRejection(status, body);
                    complete(HttpOutcome.WRONG_STATUS, status, body, "Got status " + status + " for "
                            + request.method() + " " + url + ", expected " + request.expectedStatus()
                            + (rejected.isEmpty() ? "." : ": the server rejected the client certificate (\""
                            + rejected + "\")."), rejected.isEmpty()
                            ? "Check the route and the health of the service behind " + url + "."
                            : "Configure the client certificate (key and chain) issued by the CA in the server's "
                            + "ssl_client_certificate, with clientAuth EKU, valid now.");
                } else if (!request.bodyPredicate().test(body)) {
                    complete(HttpOutcome.BODY_MISMATCH, status, body, "The body fails the check: "
                            + request.bodyCheck() + ".", "Check that " + url + " is served by the expected service.");
                } else if (Presets.isTraefikApi(request)) {
                    Presets.Listing l = Presets.traefik(body);
                    entries = l.entries();
                    if (!l.error().isEmpty()) {
                        complete(HttpOutcome.BAD_RESPONSE, status, body, "The Traefik API answer is not a JSON array "
                                + "of objects: " + l.error() + ".", "Check that " + url + " is Traefik's API.");
                    } else if (l.unhealthy().isEmpty()) {
                        complete(HttpOutcome.OK, status, body, "Got status " + status + " for " + request.method() + " "
                                + url + "; " + entries.size() + " listed, all enabled without errors.", "");
                    } else {
                        complete(HttpOutcome.BODY_MISMATCH, status, body, l.unhealthy().size() + " of "
                                + entries.size() + " listed at " + url + " are not healthy: "
                                + String.join("; ", l.unhealthy()) + ".", "");
                    }
                } else {
                    complete(HttpOutcome.OK, status, body, "Got status " + status + " for " + request.method() + " "
                            + url + (request.bodyCheck().isEmpty() ? "" : "; " + request.bodyCheck()) + ".", "");
                }
            }

            @Override
            public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
                if (evt instanceof io.netty.handler.ssl.SslCloseCompletionEvent) {
                    // The peer's close_notify (RFC 8446 section 6.1) ends a body delimited by the connection's
                    // close (RFC 9112 section 6.3): close our side, so the HTTP decoder ends the body on
                    // channelInactive. Servers such as openssl s_server -WWW wait for our close before theirs.
                    ctx.close();
                }
                super.userEventTriggered(ctx, evt);
            }

            @Override
            public void channelInactive(ChannelHandlerContext ctx) {
                complete(HttpOutcome.CLOSED, 0, "", "The peer closed the connection before a complete response.",
                        "Read the log of the service behind " + target + ": it dropped the request.");
            }

            @Override
            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                complete(HttpOutcome.BAD_RESPONSE, 0, "", "The response could not be read: " + cause.getMessage()
                        + ".", "Check that " + target + " speaks HTTP/1.1 and keeps bodies under "
                        + request.maxBodyBytes() + " bytes.");
                ctx.close();
            }
        }
    }
}
