package io.phoenixdiag.net.probe;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** Test servers on 127.0.0.1 only, on ephemeral ports; close to stop them all. */
final class LoopbackServers implements AutoCloseable {
    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final List<Channel> servers = new ArrayList<>();
    private final List<AutoCloseable> others = new ArrayList<>();

    /** A TLS server presenting {@code served} (leaf first), optionally with ALPN protocols it insists on. */
    InetSocketAddress tls(PrivateKey key, List<X509Certificate> served, String... alpn) throws Exception {
        SslContextBuilder b = SslContextBuilder.forServer(key, served.toArray(X509Certificate[]::new))
                .sslProvider(SslProvider.JDK);
        if (alpn.length > 0) {
            b.applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                    ApplicationProtocolConfig.SelectorFailureBehavior.FATAL_ALERT,
                    ApplicationProtocolConfig.SelectedListenerFailureBehavior.FATAL_ALERT, alpn));
        }
        SslContext ctx = b.build();
        return serve(() -> new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                ch.pipeline().addLast(ctx.newHandler(ch.alloc()), new Discard());
            }
        });
    }

    /**
     * A TLS server on the JDK engine that requires a client certificate issued under {@code clientCa}, speaking
     * only the given protocol (such as {@code TLSv1.3}); after the handshake it answers each read with "ok".
     */
    InetSocketAddress tlsClientAuth(PrivateKey key, List<X509Certificate> served, X509Certificate clientCa,
                                    String protocol) throws Exception {
        SslContext ctx = SslContextBuilder.forServer(key, served.toArray(X509Certificate[]::new))
                .sslProvider(SslProvider.JDK).trustManager(clientCa).clientAuth(io.netty.handler.ssl.ClientAuth.REQUIRE)
                .protocols(protocol).build();
        return serve(() -> new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                ch.pipeline().addLast(ctx.newHandler(ch.alloc()), new Discard());
            }
        });
    }

    /**
     * A Step-CA-like HTTP server, over TLS when a key is given: {@code /health} answers 200
     * {@code {"status":"ok"}}, {@code /ping} 204, {@code /slow} never answers, {@code /close} closes, anything
     * else 404.
     */
    InetSocketAddress http(PrivateKey key, List<X509Certificate> served) throws Exception {
        return httpServer(key, served, Routes::new);
    }

    /** An HTTP/1.1 server, over TLS (JDK engine) when a key is given, with a fresh {@code routes} handler per connection. */
    private InetSocketAddress httpServer(PrivateKey key, List<X509Certificate> served, Supplier<ChannelHandler> routes)
            throws Exception {
        SslContext ctx = key == null ? null : SslContextBuilder.forServer(key, served.toArray(X509Certificate[]::new))
                .sslProvider(SslProvider.JDK).build();
        return serve(() -> new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                if (ctx != null) {
                    ch.pipeline().addLast(ctx.newHandler(ch.alloc()));
                }
                ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(4096), routes.get());
            }
        });
    }

    /** A canned response. */
    record Canned(int status, String body) {
    }

    /** An HTTP(S) server answering each path from a map (404 otherwise); over TLS when a key is given. */
    InetSocketAddress canned(PrivateKey key, List<X509Certificate> served, java.util.Map<String, Canned> routes)
            throws Exception {
        return httpServer(key, served, () -> new SimpleChannelInboundHandler<FullHttpRequest>() {
            @Override
            protected void channelRead0(ChannelHandlerContext c, FullHttpRequest req) {
                Canned a = routes.getOrDefault(req.uri(), new Canned(404, "404 page not found\n"));
                FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                        HttpResponseStatus.valueOf(a.status()), Unpooled.copiedBuffer(a.body(), StandardCharsets.UTF_8));
                r.headers().set(HttpHeaderNames.CONTENT_LENGTH, r.content().readableBytes());
                c.writeAndFlush(r);
            }

            @Override
            public void exceptionCaught(ChannelHandlerContext c, Throwable cause) {
                c.close();
            }
        });
    }

    /** The routes of {@link #http}. */
    static final class Routes extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
            String path = req.uri();
            if (path.equals("/slow")) {
                return;
            }
            if (path.equals("/close")) {
                ctx.close();
                return;
            }
            HttpResponseStatus status = switch (path) {
                case "/health" -> HttpResponseStatus.OK;
                case "/ping" -> HttpResponseStatus.NO_CONTENT;
                default -> HttpResponseStatus.NOT_FOUND;
            };
            String body = path.equals("/health") ? "{\"status\":\"ok\"}" : path.equals("/ping") ? "" : "404 page not found";
            FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                    Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
            r.headers().set(HttpHeaderNames.CONTENT_LENGTH, r.content().readableBytes());
            ctx.writeAndFlush(r);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    /** A plain HTTP responder: answers anything with a 400, as nginx does to a ClientHello. */
    InetSocketAddress plaintextHttp() throws Exception {
        return serve(() -> new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                ReferenceCountUtil.release(msg);
                ctx.writeAndFlush(Unpooled.copiedBuffer(
                        "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n", StandardCharsets.US_ASCII));
            }

            @Override
            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                ctx.close();
            }
        });
    }

    /** On the first read, answers with {@code bytes} (written in 16 KiB writes) and keeps the connection open. */
    InetSocketAddress answerOnRead(byte[] bytes) throws Exception {
        return serve(() -> new ChannelInboundHandlerAdapter() {
            private boolean answered;

            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                ReferenceCountUtil.release(msg);
                if (!answered) {
                    answered = true;
                    for (int off = 0; off < bytes.length; off += 16384) {
                        ctx.write(Unpooled.wrappedBuffer(bytes, off, Math.min(16384, bytes.length - off)));
                    }
                    ctx.flush();
                }
            }

            @Override
            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                ctx.close();
            }
        });
    }

    /** After the first read, sends {@code bytes} one byte every {@code periodMs}, then stays silent. */
    InetSocketAddress trickle(byte[] bytes, long periodMs) throws Exception {
        return serve(() -> new ChannelInboundHandlerAdapter() {
            private io.netty.util.concurrent.ScheduledFuture<?> task;
            private int next;

            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                ReferenceCountUtil.release(msg);
                if (task == null) {
                    task = ctx.executor().scheduleAtFixedRate(() -> {
                        if (next < bytes.length && ctx.channel().isActive()) {
                            ctx.writeAndFlush(Unpooled.wrappedBuffer(bytes, next++, 1));
                        }
                    }, 0, periodMs, java.util.concurrent.TimeUnit.MILLISECONDS);
                }
            }

            @Override
            public void channelInactive(ChannelHandlerContext ctx) {
                if (task != null) {
                    task.cancel(false);
                }
            }

            @Override
            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                ctx.close();
            }
        });
    }

    /** Reads the first bytes, then closes without a word. */
    InetSocketAddress closesOnRead() throws Exception {
        return serve(() -> new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                ReferenceCountUtil.release(msg);
                ctx.close();
            }

            @Override
            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                ctx.close();
            }
        });
    }

    /** Accepts and reads, never answers. */
    InetSocketAddress silent() throws Exception {
        return serve(Discard::new);
    }

    /** Sockets that hold ports bound but not listening, for the JVM's life. */
    private static final List<Socket> RESERVED = java.util.Collections.synchronizedList(new ArrayList<>());

    /**
     * A port nothing listens on: held by a bound socket that never listens (so no later bind in the run can take
     * it), and a SYN to it gets a RST.
     */
    static InetSocketAddress closedPort() throws IOException {
        Socket s = new Socket();
        s.bind(new InetSocketAddress(LOOPBACK, 0));
        RESERVED.add(s);
        return new InetSocketAddress(LOOPBACK, s.getLocalPort());
    }

    /**
     * A listener whose accept queue is full (backlog 1, never accepts): Linux drops further SYNs, which looks
     * like a firewall's silent drop.
     */
    InetSocketAddress fullAcceptQueue() throws IOException {
        ServerSocket s = new ServerSocket(0, 1, LOOPBACK);
        others.add(s);
        InetSocketAddress addr = new InetSocketAddress(LOOPBACK, s.getLocalPort());
        for (int i = 0; i < 16; i++) {
            Socket c = new Socket();
            others.add(c);
            try {
                c.connect(addr, 200);
            } catch (SocketTimeoutException full) {
                return addr;
            }
        }
        throw new IllegalStateException("accept queue never filled");
    }

    private InetSocketAddress serve(Supplier<ChannelHandler> perChild) throws InterruptedException {
        Channel ch = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel c) {
                        c.pipeline().addLast(perChild.get());
                    }
                })
                .bind(new InetSocketAddress(LOOPBACK, 0)).sync().channel();
        servers.add(ch);
        return (InetSocketAddress) ch.localAddress();
    }

    @Override
    public void close() throws Exception {
        for (Channel c : servers) {
            c.close().sync();
        }
        for (AutoCloseable c : others) {
            c.close();
        }
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).sync();
    }

    /** Drops whatever it reads and swallows errors. */
    static final class Discard extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ReferenceCountUtil.release(msg);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
