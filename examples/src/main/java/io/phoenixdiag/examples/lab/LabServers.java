package io.phoenixdiag.examples.lab;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.dns.DatagramDnsQuery;
import io.netty.handler.codec.dns.DatagramDnsQueryDecoder;
import io.netty.handler.codec.dns.DatagramDnsResponse;
import io.netty.handler.codec.dns.DatagramDnsResponseEncoder;
import io.netty.handler.codec.dns.DefaultDnsRawRecord;
import io.netty.handler.codec.dns.DnsQuestion;
import io.netty.handler.codec.dns.DnsRecordType;
import io.netty.handler.codec.dns.DnsResponseCode;
import io.netty.handler.codec.dns.DnsSection;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.phoenixdiag.pki.cert.IssuedCertificate;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The lab's servers on one Netty event-loop group; every socket binds a loopback address. Not thread-safe. */
final class LabServers implements AutoCloseable {
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1,
            new DefaultThreadFactory("phoenix-lab", true), NioIoHandler.newFactory());
    private final List<Channel> channels = new ArrayList<>();
    private final List<AutoCloseable> others = new ArrayList<>();

    static InetAddress loopback(String address) throws IOException {
        InetAddress a = InetAddress.getByName(address);
        if (!a.isLoopbackAddress()) {
            throw new IllegalArgumentException("the demo lab binds loopback addresses only: " + address);
        }
        return a;
    }

    /** An HTTPS server presenting {@code leaf} followed by {@code intermediates}, answering 200 "OK". */
    InetSocketAddress https(String address, IssuedCertificate leaf, List<X509Certificate> intermediates)
            throws IOException, InterruptedException {
        List<X509Certificate> chain = new ArrayList<>();
        chain.add(leaf.certificate());
        chain.addAll(intermediates);
        SslContext ssl = SslContextBuilder.forServer(leaf.keyPair().getPrivate(), chain.toArray(X509Certificate[]::new))
                .build();
        return http(address, ssl);
    }

    /** A plain HTTP server answering 200 "OK", and 400 to anything that is not HTTP (as nginx does to a ClientHello). */
    InetSocketAddress http(String address) throws IOException, InterruptedException {
        return http(address, null);
    }

    private InetSocketAddress http(String address, SslContext ssl) throws IOException, InterruptedException {
        InetAddress bind = loopback(address);
        Channel ch = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel c) {
                        if (ssl != null) {
                            c.pipeline().addLast(ssl.newHandler(c.alloc()));
                        }
                        c.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(65536), new Ok());
                    }
                }).bind(new InetSocketAddress(bind, 0)).sync().channel();
        channels.add(ch);
        return (InetSocketAddress) ch.localAddress();
    }

    /** Answers every request with 200 "OK" (400 when the request could not be decoded), then closes. */
    private static final class Ok extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
            boolean bad = req.decoderResult().isFailure();
            FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                    bad ? HttpResponseStatus.BAD_REQUEST : HttpResponseStatus.OK,
                    Unpooled.copiedBuffer(bad ? "Bad Request\n" : "OK\n", StandardCharsets.US_ASCII));
            r.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain").set(HttpHeaderNames.CONNECTION, "close")
                    .setInt(HttpHeaderNames.CONTENT_LENGTH, r.content().readableBytes());
            ctx.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    /**
     * A DNS server on UDP answering A queries from {@code answers} (lower-case name without the trailing dot to an
     * IPv4 literal), other names under {@code wildcardDomain} with {@code wildcardIp} (as dnsmasq's
     * {@code address=/domain/IP} does; none when {@code wildcardDomain} is empty), NXDOMAIN for the rest, NOERROR
     * without answers for other types of known names.
     */
    InetSocketAddress dns(String address, Map<String, String> answers, String wildcardDomain, String wildcardIp)
            throws IOException, InterruptedException {
        InetAddress bind = loopback(address);
        Channel ch = new Bootstrap().group(group).channel(NioDatagramChannel.class)
                .handler(new ChannelInitializer<DatagramChannel>() {
                    @Override
                    protected void initChannel(DatagramChannel c) {
                        c.pipeline().addLast(new DatagramDnsQueryDecoder(), new DatagramDnsResponseEncoder(),
                                new Dns(answers, wildcardDomain, wildcardIp));
                    }
                }).bind(new InetSocketAddress(bind, 0)).sync().channel();
        channels.add(ch);
        return (InetSocketAddress) ch.localAddress();
    }

    private static final class Dns extends SimpleChannelInboundHandler<DatagramDnsQuery> {
        private final Map<String, String> answers;
        private final String wildcardDomain;
        private final String wildcardIp;

        Dns(Map<String, String> answers, String wildcardDomain, String wildcardIp) {
            this.answers = Map.copyOf(answers);
            this.wildcardDomain = wildcardDomain;
            this.wildcardIp = wildcardIp;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramDnsQuery q) throws Exception {
            DatagramDnsResponse resp = new DatagramDnsResponse(q.recipient(), q.sender(), q.id());
            resp.setRecursionDesired(q.isRecursionDesired()).setRecursionAvailable(true).setAuthoritativeAnswer(true);
            if (q.count(DnsSection.QUESTION) == 0) {
                resp.setCode(DnsResponseCode.FORMERR);
                ctx.writeAndFlush(resp);
                return;
            }
            DnsQuestion question = q.recordAt(DnsSection.QUESTION);
            resp.addRecord(DnsSection.QUESTION, question);
            String name = question.name().toLowerCase(Locale.ROOT);
            name = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
            String ip = answers.get(name);
            if (ip == null && !wildcardDomain.isEmpty() && name.endsWith("." + wildcardDomain)) {
                ip = wildcardIp;
            }
            if (ip == null) {
                resp.setCode(DnsResponseCode.NXDOMAIN);
            } else if (question.type() == DnsRecordType.A) {
                resp.addRecord(DnsSection.ANSWER, new DefaultDnsRawRecord(question.name(), DnsRecordType.A, 60,
                        Unpooled.wrappedBuffer(InetAddress.getByName(ip).getAddress())));
            }
            ctx.writeAndFlush(resp);
        }
    }

    /**
     * A port that never answers: a listener with backlog 1 that never accepts, its accept queue filled by
     * connections of our own, so Linux drops further SYNs (what a firewall's silent DROP looks like).
     */
    InetSocketAddress neverAnswers(String address) throws IOException {
        ServerSocket s = new ServerSocket(0, 1, loopback(address));
        others.add(s);
        InetSocketAddress at = new InetSocketAddress(s.getInetAddress(), s.getLocalPort());
        for (int i = 0; i < 16; i++) {
            Socket c = new Socket();
            others.add(c);
            try {
                c.connect(at, 200);
            } catch (SocketTimeoutException full) {
                return at;
            }
        }
        throw new IOException("the accept queue of " + at + " never filled");
    }

    /** A port nothing listens on (bound once to pick it, then closed): connections are refused. */
    InetSocketAddress refusing(String address) throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, loopback(address))) {
            return new InetSocketAddress(s.getInetAddress(), s.getLocalPort());
        }
    }

    @Override
    public void close() {
        for (Channel c : channels) {
            c.close().awaitUninterruptibly();
        }
        for (AutoCloseable c : others) {
            try {
                c.close();
            } catch (Exception e) {
                // closing a test socket cannot fail in a way that matters
            }
        }
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).awaitUninterruptibly();
    }
}
