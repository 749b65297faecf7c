package io.phoenixdiag.examples.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.bootstrap.ServerBootstrap;
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
import io.phoenixdiag.net.probe.ChainFacts;
import io.phoenixdiag.net.probe.Prober;
import io.phoenixdiag.net.probe.TlsOutcome;
import io.phoenixdiag.net.probe.TlsProbeRequest;
import io.phoenixdiag.net.probe.TlsProbeResult;
import io.phoenixdiag.net.probe.TlsProvider;
import io.phoenixdiag.pki.cert.ChainBuilder;
import io.phoenixdiag.pki.cert.IssuedChain;
import io.phoenixdiag.pki.name.ReferenceIdentity;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The optional BoringSSL provider (netty-tcnative, on this module's runtime class path) gives the same results as the
 * JDK engine against a loopback JDK server: the chain is captured and validated by phoenix-pki either way.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TlsProviderTest {
    static final Instant MADE = Instant.parse("2026-01-01T00:00:00Z");
    /** 6 h into the leaf's 24 h life, which starts 1 min before MADE. */
    static final Clock PROBE_CLOCK = Clock.fixed(MADE.plus(Duration.ofHours(6)).minus(Duration.ofMinutes(1)),
            ZoneOffset.UTC);
    static final String NAME = "gw.phoenix.lan";

    static EventLoopGroup group;
    static Prober prober;
    static IssuedChain good;

    @BeforeAll
    static void start() {
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        prober = Prober.create(1);
        good = ChainBuilder.stepCa(NAME).clock(Clock.fixed(MADE, ZoneOffset.UTC)).build();
    }

    @AfterAll
    static void stop() {
        prober.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    static InetSocketAddress serve(IssuedChain chain) throws Exception {
        SslContext ctx = SslContextBuilder.forServer(chain.leaf().keyPair().getPrivate(),
                chain.presentedChain().toArray(X509Certificate[]::new)).sslProvider(SslProvider.JDK).build();
        return (InetSocketAddress) new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
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
                }).bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).sync().channel().localAddress();
    }

    static TlsProbeResult probe(TlsProbeRequest.Builder b, TlsProvider provider) throws Exception {
        TlsProbeResult r = prober.tls(b.tlsProvider(provider).build()).get();
        // the timings differ from run to run; everything else must not
        return new TlsProbeResult(r.target(), r.sni(), r.alpnOffered(), r.outcome(), r.alert(), r.untrustedReason(),
                r.detail(), r.protocol(), r.cipherSuite(), r.alpn(), 0, 0, r.chain(), r.remediation(),
                r.clientCertificateRequested(), r.clientCertificate(), r.postHandshakeMs());
    }

    static TlsProbeRequest.Builder request(InetSocketAddress a) {
        return TlsProbeRequest.builder(a).sni(NAME).trustAnchors(List.of(good.root().certificate()))
                .clock(PROBE_CLOCK).connectTimeoutMs(5000).handshakeTimeoutMs(5000);
    }

    @Test
    void openSslIsAvailableOnLinuxX8664() {
        if ("Linux".equals(System.getProperty("os.name")) && "amd64".equals(System.getProperty("os.arch"))) {
            assertTrue(TlsProvider.OPENSSL.isAvailable(), "netty-tcnative-boringssl-static linux-x86_64 is on the "
                    + "class path of examples");
        }
        assertTrue(TlsProvider.JDK.isAvailable());
        assertEquals(TlsProvider.JDK, TlsProbeRequest.builder(new InetSocketAddress(InetAddress.getLoopbackAddress(),
                1)).build().tlsProvider());
    }

    @Test
    void validChainIsOkOnBothProviders() throws Exception {
        InetSocketAddress a = serve(good);
        TlsProbeResult jdk = probe(request(a), TlsProvider.JDK);
        TlsProbeResult openssl = probe(request(a), TlsProvider.OPENSSL);
        assertEquals(TlsOutcome.OK, openssl.outcome(), openssl.detail());
        assertEquals("TLSv1.3", openssl.protocol());
        assertEquals(new ChainFacts(2, List.of("CN=gw.phoenix.lan", "CN=Phoenix Intermediate CA"), false, false,
                false, 0.75, Instant.parse("2026-01-01T23:59:00Z").getEpochSecond()), openssl.chain());
        assertEquals(jdk, openssl);
    }

    @Test
    void unknownIssuerAndWrongNameAreTheSameOnBothProviders() throws Exception {
        IssuedChain other = ChainBuilder.stepCa(NAME).caName("Other").clock(Clock.fixed(MADE, ZoneOffset.UTC))
                .build();
        InetSocketAddress a = serve(other);
        TlsProbeResult openssl = probe(request(a), TlsProvider.OPENSSL);
        assertEquals(TlsOutcome.UNTRUSTED, openssl.outcome());
        assertEquals("UNKNOWN_ISSUER", openssl.untrustedReason());
        assertEquals(probe(request(a), TlsProvider.JDK), openssl);

        InetSocketAddress g = serve(good);
        TlsProbeRequest.Builder wrong = request(g).referenceIdentity(ReferenceIdentity.dns("ca.phoenix.lan"));
        TlsProbeResult mismatch = probe(wrong, TlsProvider.OPENSSL);
        assertEquals(TlsOutcome.NAME_MISMATCH, mismatch.outcome());
        assertEquals(probe(request(g).referenceIdentity(ReferenceIdentity.dns("ca.phoenix.lan")), TlsProvider.JDK),
                mismatch);
    }
}
