package io.phoenixdiag.net.probe.internal;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.handler.codec.dns.DatagramDnsQuery;
import io.netty.handler.codec.dns.DatagramDnsQueryEncoder;
import io.netty.handler.codec.dns.DatagramDnsResponse;
import io.netty.handler.codec.dns.DatagramDnsResponseDecoder;
import io.netty.handler.codec.dns.DefaultDnsQuestion;
import io.netty.handler.codec.dns.DnsRawRecord;
import io.netty.handler.codec.dns.DnsRecord;
import io.netty.handler.codec.dns.DnsRecordType;
import io.netty.handler.codec.dns.DnsResponseCode;
import io.netty.handler.codec.dns.DnsSection;
import io.netty.util.concurrent.ScheduledFuture;
import io.phoenixdiag.net.probe.DnsOutcome;
import io.phoenixdiag.net.probe.DnsProbeResult;
import io.phoenixdiag.net.probe.DnsQueryType;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The DNS probe: one recursive query over UDP to one nameserver, no cache, no hosts file, no search
 * domains. Thread-safe (stateless).
 */
public final class DnsEngine {

    private DnsEngine() {
    }

    /**
     * Sends one query and classifies the answer.
     *
     * @param group      the event loop group
     * @param nameserver the resolved nameserver address
     * @param name       the name to ask for
     * @param type       the record type
     * @param expected   the expected addresses; empty to accept any
     * @param timeoutMs  the timeout in ms
     * @return a future completed on an event-loop thread; cancelling it closes the socket
     */
    public static CompletableFuture<DnsProbeResult> probe(EventLoopGroup group, InetSocketAddress nameserver,
                                                          String name, DnsQueryType type, List<InetAddress> expected,
                                                          long timeoutMs) {
        CompletableFuture<DnsProbeResult> result = new CompletableFuture<>();
        String tcp = Connects.target(nameserver);
        String ns = tcp.substring(0, tcp.length() - "/tcp".length()) + "/udp";
        List<String> want = expected.stream().map(Connects::address).toList();
        int id = ThreadLocalRandom.current().nextInt(0x10000);
        long start = System.nanoTime();
        Outcomes out = new Outcomes(result, ns, name, type, want, start);
        ChannelFuture bind = new Bootstrap().group(group).channel(NioDatagramChannel.class)
                .handler(new ChannelInitializer<DatagramChannel>() {
                    @Override
                    protected void initChannel(DatagramChannel ch) {
                        ch.pipeline().addLast(new DatagramDnsQueryEncoder(), new DatagramDnsResponseDecoder(),
                                new Answer(id, nameserver, out), new Connects.ExceptionSink());
                    }
                }).bind(0);
        result.whenComplete((r, e) -> bind.channel().close());
        bind.addListener((ChannelFutureListener) f -> {
            if (!f.isSuccess()) {
                out.complete(DnsOutcome.ERROR, List.of(), "", "Could not open a UDP socket: " + f.cause().getMessage()
                        + ".", "Check the local network configuration.");
                return;
            }
            Channel ch = f.channel();
            ScheduledFuture<?> timer = ch.eventLoop().schedule(() -> out.complete(DnsOutcome.TIMEOUT, List.of(), "",
                    "No answer from " + out.ns + " within " + timeoutMs + " ms.",
                    "Check that the nameserver runs and that the firewall lets UDP port " + nameserver.getPort()
                            + " through from this host."), timeoutMs, TimeUnit.MILLISECONDS);
            result.whenComplete((r, e) -> timer.cancel(false));
            DatagramDnsQuery q = new DatagramDnsQuery(null, nameserver, id).setRecursionDesired(true);
            q.addRecord(DnsSection.QUESTION, new DefaultDnsQuestion(name,
                    type == DnsQueryType.A ? DnsRecordType.A : DnsRecordType.AAAA));
            ch.writeAndFlush(q).addListener((ChannelFutureListener) w -> {
                if (!w.isSuccess()) {
                    out.complete(DnsOutcome.ERROR, List.of(), "", "Could not send the query to " + out.ns + ": "
                            + w.cause().getMessage() + ".", "Check routing to the nameserver.");
                }
            });
        });
        return result;
    }

    /** Completes the future once with a result. */
    private record Outcomes(CompletableFuture<DnsProbeResult> result, String ns, String name, DnsQueryType type,
                            List<String> expected, long start) {
        void complete(DnsOutcome outcome, List<String> got, String rcode, String detail, String remediation) {
            result.complete(new DnsProbeResult(ns, name, type, outcome, got, expected, rcode, Connects.elapsedMs(start),
                    detail, remediation));
        }
    }

    /** Matches the response to the query and classifies it. */
    private static final class Answer extends SimpleChannelInboundHandler<DatagramDnsResponse> {
        private final int id;
        private final InetSocketAddress nameserver;
        private final Outcomes out;

        Answer(int id, InetSocketAddress nameserver, Outcomes out) {
            this.id = id;
            this.nameserver = nameserver;
            this.out = out;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramDnsResponse r) {
            if (r.id() != id || !nameserver.equals(r.sender())) {
                return; // not ours (RFC 5452 section 9.1): keep waiting
            }
            DnsRecordType want = out.type == DnsQueryType.A ? DnsRecordType.A : DnsRecordType.AAAA;
            List<String> got = new ArrayList<>();
            for (int i = 0; i < r.count(DnsSection.ANSWER); i++) {
                DnsRecord rec = r.recordAt(DnsSection.ANSWER, i);
                if (rec.type().equals(want) && rec instanceof DnsRawRecord raw) {
                    ByteBuf c = raw.content();
                    try {
                        got.add(Connects.address(InetAddress.getByAddress(
                                ByteBufUtil.getBytes(c, c.readerIndex(), c.readableBytes()))));
                    } catch (java.net.UnknownHostException badLength) {
                        got.add("malformed(" + c.readableBytes() + " bytes)");
                    }
                }
            }
            DnsResponseCode code = r.code();
            // RFC 6895 section 2.3 mnemonics: NOERROR, NXDOMAIN, SERVFAIL, REFUSED...
            String rcode = code.toString().replaceAll("\\(.*", "").toUpperCase(java.util.Locale.ROOT);
            String q = out.name + " " + out.type + " at " + out.ns;
            if (code.equals(DnsResponseCode.NXDOMAIN)) {
                out.complete(DnsOutcome.NXDOMAIN, got, rcode, "The nameserver says " + out.name + " does not exist.",
                        "Add a record for " + out.name + " to the zone (or the dnsmasq hosts file) served by " + out.ns
                                + ".");
            } else if (code.equals(DnsResponseCode.SERVFAIL)) {
                out.complete(DnsOutcome.SERVFAIL, got, rcode, "The nameserver failed to answer " + q + ".",
                        "Read the nameserver's log: its upstream or zone for " + out.name + " is broken.");
            } else if (!code.equals(DnsResponseCode.NOERROR)) {
                out.complete(DnsOutcome.ERROR, got, rcode, "The nameserver answered " + q + " with " + rcode + ".",
                        "Check that the nameserver serves this client and this zone.");
            } else if (got.isEmpty()) {
                out.complete(DnsOutcome.NODATA, got, rcode, out.name + " exists but has no " + out.type + " record.",
                        "Add the " + out.type + " record for " + out.name + ", or ask for the other address family.");
            } else if (out.expected.isEmpty()
                    || new LinkedHashSet<>(got).equals(new LinkedHashSet<>(out.expected))) {
                out.complete(DnsOutcome.MATCH, got, rcode, out.name + " resolves to " + String.join(", ", got) + ".",
                        "");
            } else {
                out.complete(DnsOutcome.WRONG_ADDRESS, got, rcode, out.name + " resolves to " + String.join(", ", got)
                                + ", expected " + String.join(", ", out.expected) + ".",
                        "Correct the " + out.type + " record of " + out.name + " at " + out.ns + " to "
                                + String.join(", ", out.expected) + ".");
            }
        }
    }
}
