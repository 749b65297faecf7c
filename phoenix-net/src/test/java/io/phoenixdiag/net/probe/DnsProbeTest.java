package io.phoenixdiag.net.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.handler.codec.dns.DatagramDnsQuery;
import io.netty.handler.codec.dns.DatagramDnsQueryDecoder;
import io.netty.handler.codec.dns.DatagramDnsResponse;
import io.netty.handler.codec.dns.DatagramDnsResponseEncoder;
import io.netty.handler.codec.dns.DefaultDnsQuestion;
import io.netty.handler.codec.dns.DefaultDnsRawRecord;
import io.netty.handler.codec.dns.DnsQuestion;
import io.netty.handler.codec.dns.DnsRecordType;
import io.netty.handler.codec.dns.DnsResponseCode;
import io.netty.handler.codec.dns.DnsSection;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** DNS probes against a small authoritative test server on 127.0.0.1 (answers are data, never dialled). */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class DnsProbeTest {
    private static final Map<String, List<String>> ZONE_A = Map.of(
            "gw.phoenix.lan.", List.of("10.0.0.12"),
            "agent.phoenix.lan.", List.of("10.0.0.1"),
            "rr.phoenix.lan.", List.of("10.0.0.20", "10.0.0.21"));
    private static final Map<String, List<String>> ZONE_AAAA = Map.of("gw.phoenix.lan.", List.of("fd00::12"));

    private static Prober prober;
    private static EventLoopGroup serverGroup;
    private static Channel server;
    private static InetSocketAddress ns;
    private static DatagramSocket silent;
    private static String nsText;

    @BeforeAll
    static void start() throws Exception {
        prober = Prober.create(1);
        serverGroup = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        server = new Bootstrap().group(serverGroup).channel(NioDatagramChannel.class)
                .handler(new ChannelInitializer<DatagramChannel>() {
                    @Override
                    protected void initChannel(DatagramChannel ch) {
                        ch.pipeline().addLast(new DatagramDnsQueryDecoder(), new DatagramDnsResponseEncoder(),
                                new Authority());
                    }
                }).bind(new InetSocketAddress(LoopbackServers.LOOPBACK, 0)).sync().channel();
        ns = (InetSocketAddress) server.localAddress();
        nsText = "127.0.0.1:" + ns.getPort() + "/udp";
        silent = new DatagramSocket(new InetSocketAddress(LoopbackServers.LOOPBACK, 0));
    }

    @AfterAll
    static void stop() throws Exception {
        prober.close();
        server.close().sync();
        serverGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        silent.close();
    }

    /** Answers A/AAAA from the maps; {@code broken.*} gets SERVFAIL; other names NXDOMAIN. */
    static final class Authority extends SimpleChannelInboundHandler<DatagramDnsQuery> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramDnsQuery q) throws Exception {
            DnsQuestion question = q.recordAt(DnsSection.QUESTION);
            DatagramDnsResponse r = new DatagramDnsResponse(q.recipient(), q.sender(), q.id());
            r.addRecord(DnsSection.QUESTION, new DefaultDnsQuestion(question.name(), question.type()));
            String name = question.name();
            boolean known = ZONE_A.containsKey(name) || ZONE_AAAA.containsKey(name);
            if (name.startsWith("broken.")) {
                r.setCode(DnsResponseCode.SERVFAIL);
            } else if (!known) {
                r.setCode(DnsResponseCode.NXDOMAIN);
            } else {
                Map<String, List<String>> zone = question.type().equals(DnsRecordType.A) ? ZONE_A : ZONE_AAAA;
                for (String a : zone.getOrDefault(name, List.of())) {
                    r.addRecord(DnsSection.ANSWER, new DefaultDnsRawRecord(name, question.type(), 60,
                            Unpooled.wrappedBuffer(InetAddress.getByName(a).getAddress())));
                }
            }
            ctx.writeAndFlush(r);
        }
    }

    static List<InetAddress> addrs(String... a) throws Exception {
        List<InetAddress> out = new java.util.ArrayList<>();
        for (String s : a) {
            out.add(InetAddress.getByName(s));
        }
        return out;
    }

    static DnsProbeResult expect(DnsProbeResult r, String name, DnsQueryType type, DnsOutcome outcome,
                                 List<String> got, List<String> expected, String rcode, String detail,
                                 String remediation) {
        return new DnsProbeResult(nsText, name, type, outcome, got, expected, rcode, r.responseMs(), detail,
                remediation);
    }

    @Test
    void match() throws Exception {
        DnsProbeResult r = prober.dns(ns, "gw.phoenix.lan", DnsQueryType.A, addrs("10.0.0.12"), 2000).get();
        assertEquals(expect(r, "gw.phoenix.lan", DnsQueryType.A, DnsOutcome.MATCH, List.of("10.0.0.12"),
                List.of("10.0.0.12"), "NOERROR", "gw.phoenix.lan resolves to 10.0.0.12.", ""), r);
    }

    @Test
    void aaaaMatchWithoutExpectation() throws Exception {
        DnsProbeResult r = prober.dns(ns, "gw.phoenix.lan", DnsQueryType.AAAA, List.of(), 2000).get();
        assertEquals(expect(r, "gw.phoenix.lan", DnsQueryType.AAAA, DnsOutcome.MATCH, List.of("fd00::12"),
                List.of(), "NOERROR", "gw.phoenix.lan resolves to fd00::12.", ""), r);
    }

    @Test
    void roundRobinMatchesAsASet() throws Exception {
        DnsProbeResult r = prober.dns(ns, "rr.phoenix.lan", DnsQueryType.A, addrs("10.0.0.21", "10.0.0.20"), 2000)
                .get();
        assertEquals(DnsOutcome.MATCH, r.outcome());
        assertEquals(List.of("10.0.0.20", "10.0.0.21"), r.got());
    }

    @Test
    void agentResolvingToTheGatewayIsWrongAddress() throws Exception {
        DnsProbeResult r = prober.dns(ns, "agent.phoenix.lan", DnsQueryType.A, addrs("10.0.0.102"), 2000).get();
        assertEquals(expect(r, "agent.phoenix.lan", DnsQueryType.A, DnsOutcome.WRONG_ADDRESS, List.of("10.0.0.1"),
                List.of("10.0.0.102"), "NOERROR", "agent.phoenix.lan resolves to 10.0.0.1, expected 10.0.0.102.",
                "Correct the A record of agent.phoenix.lan at " + nsText + " to 10.0.0.102."), r);
    }

    @Test
    void unknownNameIsNxdomain() throws Exception {
        DnsProbeResult r = prober.dns(ns, "nope.phoenix.lan", DnsQueryType.A, List.of(), 2000).get();
        assertEquals(expect(r, "nope.phoenix.lan", DnsQueryType.A, DnsOutcome.NXDOMAIN, List.of(), List.of(),
                "NXDOMAIN", "The nameserver says nope.phoenix.lan does not exist.",
                "Add a record for nope.phoenix.lan to the zone (or the dnsmasq hosts file) served by " + nsText
                        + "."), r);
    }

    @Test
    void missingFamilyIsNodata() throws Exception {
        DnsProbeResult r = prober.dns(ns, "agent.phoenix.lan", DnsQueryType.AAAA, List.of(), 2000).get();
        assertEquals(expect(r, "agent.phoenix.lan", DnsQueryType.AAAA, DnsOutcome.NODATA, List.of(), List.of(),
                "NOERROR", "agent.phoenix.lan exists but has no AAAA record.",
                "Add the AAAA record for agent.phoenix.lan, or ask for the other address family."), r);
    }

    @Test
    void servfail() throws Exception {
        DnsProbeResult r = prober.dns(ns, "broken.phoenix.lan", DnsQueryType.A, List.of(), 2000).get();
        assertEquals(expect(r, "broken.phoenix.lan", DnsQueryType.A, DnsOutcome.SERVFAIL, List.of(), List.of(),
                "SERVFAIL", "The nameserver failed to answer broken.phoenix.lan A at " + nsText + ".",
                "Read the nameserver's log: its upstream or zone for broken.phoenix.lan is broken."), r);
    }

    @Test
    void silentNameserverTimesOut() throws Exception {
        InetSocketAddress quiet = (InetSocketAddress) silent.getLocalSocketAddress();
        DnsProbeResult r = prober.dns(quiet, "gw.phoenix.lan", DnsQueryType.A, List.of(), 300).get();
        String q = "127.0.0.1:" + quiet.getPort() + "/udp";
        assertEquals(new DnsProbeResult(q, "gw.phoenix.lan", DnsQueryType.A, DnsOutcome.TIMEOUT, List.of(), List.of(),
                "", r.responseMs(), "No answer from " + q + " within 300 ms.",
                "Check that the nameserver runs and that the firewall lets UDP port " + quiet.getPort()
                        + " through from this host."), r);
    }

    @Test
    void jsonRoundTrip() throws Exception {
        DnsProbeResult r = prober.dns(ns, "agent.phoenix.lan", DnsQueryType.A, addrs("10.0.0.102"), 2000).get();
        assertEquals(r, ProbeJson.dnsFromJson(ProbeJson.toJson(r)));
        assertTrue(ProbeJson.toJson(r).startsWith("{\"nameserver\":\"" + nsText + "\",\"name\":\"agent.phoenix.lan\","
                + "\"type\":\"A\",\"outcome\":\"WRONG_ADDRESS\",\"got\":[\"10.0.0.1\"],\"expected\":[\"10.0.0.102\"],"
                + "\"rcode\":\"NOERROR\",\"responseMs\":"), ProbeJson.toJson(r));
    }

    @Test
    void rejectsImpossibleArguments() throws Exception {
        assertThrows(IllegalArgumentException.class,
                () -> prober.dns(ns, "gw.phoenix.lan", DnsQueryType.AAAA, addrs("10.0.0.12"), 100));
        assertThrows(IllegalArgumentException.class, () -> prober.dns(ns, " ", DnsQueryType.A, List.of(), 100));
        assertThrows(IllegalArgumentException.class,
                () -> prober.dns(ns, "gw.phoenix.lan", DnsQueryType.A, List.of(), 0));
    }
}
