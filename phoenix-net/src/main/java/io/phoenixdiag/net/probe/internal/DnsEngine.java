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
import io.netty.handler.codec.dns.DefaultDnsQuery;
import io.netty.handler.codec.dns.DefaultDnsQuestion;
import io.netty.handler.codec.dns.DefaultDnsRecordDecoder;
import io.netty.handler.codec.dns.DnsOpCode;
import io.netty.handler.codec.dns.DnsPtrRecord;
import io.netty.handler.codec.dns.DnsRawRecord;
import io.netty.handler.codec.dns.DnsRecord;
import io.netty.handler.codec.dns.DnsRecordType;
import io.netty.handler.codec.dns.DnsResponse;
import io.netty.handler.codec.dns.DnsResponseCode;
import io.netty.handler.codec.dns.DnsSection;
import io.netty.handler.codec.dns.TcpDnsQueryEncoder;
import io.netty.handler.codec.dns.TcpDnsResponseDecoder;
import io.netty.util.concurrent.ScheduledFuture;
import io.phoenixdiag.net.probe.DnsOutcome;
import io.phoenixdiag.net.probe.DnsProbeRequest;
import io.phoenixdiag.net.probe.DnsProbeResult;
import io.phoenixdiag.net.probe.DnsQueryType;
import io.phoenixdiag.net.probe.DnsWildcardResult;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The DNS probe: one recursive query to one nameserver over UDP (Netty's DNS codec), retried over TCP when the
 * answer is truncated; no cache, no hosts file, no search domains. Thread-safe (stateless).
 */
public final class DnsEngine {

    private DnsEngine() {
    }

    /**
     * Sends one query and classifies the answer.
     *
     * @param group   the event loop group
     * @param request the request
     * @return a future completed on an event-loop thread; cancelling it closes the sockets
     */
    public static CompletableFuture<DnsProbeResult> probe(EventLoopGroup group, DnsProbeRequest request) {
        CompletableFuture<DnsProbeResult> result = new CompletableFuture<>();
        InetSocketAddress nameserver = request.nameserver();
        String tcp = Connects.target(nameserver);
        String ns = tcp.substring(0, tcp.length() - "/tcp".length()) + "/udp";
        int id = ThreadLocalRandom.current().nextInt(0x10000);
        Outcomes out = new Outcomes(result, group, request, ns, id, System.nanoTime());
        ChannelFuture bind = new Bootstrap().group(group).channel(NioDatagramChannel.class)
                .handler(new ChannelInitializer<DatagramChannel>() {
                    @Override
                    protected void initChannel(DatagramChannel ch) {
                        ch.pipeline().addLast(new DatagramDnsQueryEncoder(), new FromNameserver(nameserver, out),
                                new DatagramDnsResponseDecoder(), new Answer(id, nameserver, out),
                                new Connects.ExceptionSink());
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
            ScheduledFuture<?> timer = ch.eventLoop().schedule(() -> {
                if (!out.malformed.isEmpty()) {
                    out.malformed(out.malformed);
                    return;
                }
                out.complete(DnsOutcome.TIMEOUT, List.of(), "",
                        "No answer from " + (out.overTcp ? tcp : out.ns) + " within " + request.timeoutMs() + " ms.",
                        "Check that the nameserver runs and that the firewall lets " + (out.overTcp ? "TCP" : "UDP")
                                + " port " + nameserver.getPort() + " through from this host.");
            }, request.timeoutMs(), TimeUnit.MILLISECONDS);
            result.whenComplete((r, e) -> timer.cancel(false));
            DatagramDnsQuery q = new DatagramDnsQuery(null, nameserver, id).setRecursionDesired(true);
            q.addRecord(DnsSection.QUESTION, new DefaultDnsQuestion(request.name(), recordType(request.type())));
            ch.writeAndFlush(q).addListener((ChannelFutureListener) w -> {
                if (!w.isSuccess()) {
                    out.complete(DnsOutcome.ERROR, List.of(), "", "Could not send the query to " + out.ns + ": "
                            + w.cause().getMessage() + ".", "Check routing to the nameserver.");
                }
            });
        });
        return result;
    }

    /**
     * Asks for a random label under a domain to reveal a wildcard.
     *
     * @param group      the event loop group
     * @param nameserver the nameserver
     * @param domain     the domain, such as {@code phoenix.lan}
     * @param timeoutMs  the timeout in ms
     * @return a future completed on an event-loop thread
     */
    public static CompletableFuture<DnsWildcardResult> wildcard(EventLoopGroup group, InetSocketAddress nameserver,
                                                                String domain, long timeoutMs) {
        String d = domain.endsWith(".") ? domain.substring(0, domain.length() - 1) : domain;
        String label = "phx-nx-" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
        DnsProbeRequest req = DnsProbeRequest.builder(nameserver, label + "." + d, DnsQueryType.A).timeoutMs(timeoutMs)
                .build();
        return probe(group, req).thenApply(q -> switch (q.outcome()) {
            case MATCH, WRONG_ADDRESS -> new DnsWildcardResult(d, true, true, q, "The undeclared name " + q.name()
                    + " resolves to " + String.join(", ", q.got()) + ": the nameserver answers every name under " + d
                    + ".", "Remove the wildcard for " + d + " (a '*." + d + "' record or dnsmasq address=/" + d
                    + "/...) so that a wrong or missing host name fails with NXDOMAIN instead of reaching "
                    + String.join(", ", q.got()) + ".");
            case NXDOMAIN, NODATA -> new DnsWildcardResult(d, false, true, q, "The undeclared name " + q.name()
                    + " is " + q.outcome() + ": no wildcard under " + d + ".", "");
            default -> new DnsWildcardResult(d, false, false, q, "Could not tell whether " + d
                    + " has a wildcard: the random name got " + q.outcome() + ".", q.remediation());
        });
    }

    static DnsRecordType recordType(DnsQueryType type) {
        return switch (type) {
            case A -> DnsRecordType.A;
            case AAAA -> DnsRecordType.AAAA;
            case CNAME -> DnsRecordType.CNAME;
            case PTR -> DnsRecordType.PTR;
        };
    }

    /** Completes the future once with a result; retries over TCP. Confined to the event loop after the send. */
    private static final class Outcomes {
        final CompletableFuture<DnsProbeResult> result;
        final EventLoopGroup group;
        final DnsProbeRequest request;
        final String ns;
        final int id;
        final long start;
        boolean overTcp;
        /** What was wrong with the last undecodable datagram from the nameserver, "" when none came. */
        String malformed = "";
        /** The ID (first two bytes) of the last datagram from the nameserver, -1 when shorter. */
        int lastId = -1;
        int lastLength;

        Outcomes(CompletableFuture<DnsProbeResult> result, EventLoopGroup group, DnsProbeRequest request, String ns,
                 int id, long start) {
            this.result = result;
            this.group = group;
            this.request = request;
            this.ns = ns;
            this.id = id;
            this.start = start;
        }

        void complete(DnsOutcome outcome, List<String> got, String rcode, String detail, String remediation) {
            result.complete(new DnsProbeResult(ns, request.name(), request.type(), outcome, got, request.expected(),
                    rcode, Connects.elapsedMs(start), detail, remediation, overTcp));
        }

        void malformed(String why) {
            complete(DnsOutcome.MALFORMED, List.of(), "", (overTcp ? Connects.target(request.nameserver()) : ns)
                    + " answered with " + (overTcp ? "a TCP message" : lastLength + " bytes") + " that "
                    + (overTcp ? "is" : "are") + " not a DNS message: " + why + ".",
                    "Check that " + (overTcp ? Connects.target(request.nameserver()) : ns) + " runs a DNS server"
                            + " (not another service on that port) and that no middlebox rewrites its answers.");
        }

        static String why(Throwable cause) {
            Throwable c = cause instanceof io.netty.handler.codec.DecoderException && cause.getCause() != null
                    ? cause.getCause() : cause;
            String m = c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
            return m.replaceAll("[\\p{Cntrl}]+", " ").replaceAll("[.\\s]+$", "");
        }

        /** RFC 7766 section 5: a truncated UDP answer is asked again over TCP, with the same question. */
        void retryOverTcp() {
            overTcp = true;
            long left = Math.max(1, request.timeoutMs() - Connects.elapsedMs(start));
            ChannelFuture cf = Connects.bootstrap(group, left, true).handler(new ChannelInitializer<Channel>() {
                @Override
                protected void initChannel(Channel ch) {
                    ch.pipeline().addLast(new TcpDnsQueryEncoder(), new TcpDnsResponseDecoder(),
                            new TcpAnswer(Outcomes.this), new Connects.ExceptionSink());
                }
            }).connect(request.nameserver());
            result.whenComplete((r, e) -> cf.channel().close());
            cf.addListener((ChannelFutureListener) f -> {
                if (!f.isSuccess()) {
                    String tcp = Connects.target(request.nameserver());
                    complete(DnsOutcome.ERROR, List.of(), "", "The UDP answer was truncated and the TCP retry to "
                            + tcp + " failed: " + f.cause().getMessage() + ".", "Let TCP port "
                            + request.nameserver().getPort() + " through to the nameserver (RFC 7766 requires DNS over "
                            + "TCP).");
                    return;
                }
                io.netty.handler.codec.dns.DnsQuery q = new DefaultDnsQuery(id, DnsOpCode.QUERY).setRecursionDesired(true);
                q.addRecord(DnsSection.QUESTION, new DefaultDnsQuestion(request.name(), recordType(request.type())));
                f.channel().writeAndFlush(q);
            });
        }

        void classify(DnsResponse r) {
            DnsRecordType want = recordType(request.type());
            List<String> got = new ArrayList<>();
            for (int i = 0; i < r.count(DnsSection.ANSWER); i++) {
                DnsRecord rec = r.recordAt(DnsSection.ANSWER, i);
                if (rec.type().equals(want)) {
                    got.add(text(rec));
                }
            }
            DnsResponseCode code = r.code();
            // RFC 6895 section 2.3 mnemonics: NOERROR, NXDOMAIN, SERVFAIL, REFUSED...
            String rcode = code.toString().replaceAll("\\(.*", "").toUpperCase(Locale.ROOT);
            String name = request.name();
            DnsQueryType type = request.type();
            String q = name + " " + type + " at " + ns;
            List<String> expected = request.expected();
            String what = type.isAddress() ? "record" : "name";
            if (code.equals(DnsResponseCode.NXDOMAIN)) {
                complete(DnsOutcome.NXDOMAIN, got, rcode, "The nameserver says " + name + " does not exist.",
                        "Add a record for " + name + " to the zone (or the dnsmasq hosts file) served by " + ns + ".");
            } else if (code.equals(DnsResponseCode.SERVFAIL)) {
                complete(DnsOutcome.SERVFAIL, got, rcode, "The nameserver failed to answer " + q + ".",
                        "Read the nameserver's log: its upstream or zone for " + name + " is broken.");
            } else if (!code.equals(DnsResponseCode.NOERROR)) {
                complete(DnsOutcome.ERROR, got, rcode, "The nameserver answered " + q + " with " + rcode + ".",
                        "Check that the nameserver serves this client and this zone.");
            } else if (got.isEmpty()) {
                complete(DnsOutcome.NODATA, got, rcode, name + " exists but has no " + type + " record.",
                        "Add the " + type + " record for " + name + (type.isAddress()
                                ? ", or ask for the other address family." : "."));
            } else if (expected.isEmpty() || new LinkedHashSet<>(got).equals(new LinkedHashSet<>(expected))) {
                complete(DnsOutcome.MATCH, got, rcode, name + " resolves to " + String.join(", ", got) + ".", "");
            } else {
                complete(DnsOutcome.WRONG_ADDRESS, got, rcode, name + " resolves to " + String.join(", ", got)
                                + ", expected " + String.join(", ", expected) + ".",
                        "Correct the " + type + " " + what + " of " + name + " at " + ns + " to "
                                + String.join(", ", expected) + ".");
            }
        }
    }

    /** An answer record's data as text: an address for A/AAAA, a lower-case name without the final dot otherwise. */
    static String text(DnsRecord rec) {
        if (rec instanceof DnsPtrRecord ptr) {
            return Connects.canonicalName(ptr.hostname());
        }
        if (rec instanceof DnsRawRecord raw) {
            ByteBuf c = raw.content();
            if (rec.type().equals(DnsRecordType.A) || rec.type().equals(DnsRecordType.AAAA)) {
                try {
                    return Connects.address(InetAddress.getByAddress(
                            ByteBufUtil.getBytes(c, c.readerIndex(), c.readableBytes())));
                } catch (java.net.UnknownHostException badLength) {
                    return "malformed(" + c.readableBytes() + " bytes)";
                }
            }
            try {
                // CNAME data arrives decompressed from Netty's record decoder (RFC 1035 section 4.1.4)
                return Connects.canonicalName(DefaultDnsRecordDecoder.decodeName(c.duplicate()));
            } catch (RuntimeException malformed) {
                return "malformed(" + c.readableBytes() + " bytes)";
            }
        }
        return rec.toString();
    }

    /**
     * Drops datagrams from anyone but the nameserver (RFC 5452 section 9.1) and notes the ID and length of the
     * others, for the report of one that does not decode.
     */
    private static final class FromNameserver extends io.netty.channel.ChannelInboundHandlerAdapter {
        private final InetSocketAddress nameserver;
        private final Outcomes out;

        FromNameserver(InetSocketAddress nameserver, Outcomes out) {
            this.nameserver = nameserver;
            this.out = out;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof io.netty.channel.socket.DatagramPacket p) {
                if (!nameserver.equals(p.sender())) {
                    p.release();
                    return;
                }
                ByteBuf c = p.content();
                out.lastLength = c.readableBytes();
                out.lastId = c.readableBytes() >= 2 ? c.getUnsignedShort(c.readerIndex()) : -1;
            }
            ctx.fireChannelRead(msg);
        }
    }

    /** Matches the UDP response to the query and classifies it, or retries over TCP when it is truncated. */
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
            if (r.id() != id || !nameserver.equals(r.sender()) || out.overTcp) {
                return; // not ours (RFC 5452 section 9.1), or already retrying: keep waiting
            }
            if (r.isTruncated() && out.request.tcpFallback()) {
                ctx.close();
                out.retryOverTcp();
                return;
            }
            out.classify(r);
        }

        /** A datagram from the nameserver that does not decode: MALFORMED now if it carries our ID, else later. */
        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (out.overTcp || out.result.isDone()) {
                return;
            }
            if (out.lastId == id) {
                out.malformed(Outcomes.why(cause));
            } else {
                out.malformed = Outcomes.why(cause);
            }
        }
    }

    /** Reads the TCP response. */
    private static final class TcpAnswer extends SimpleChannelInboundHandler<DnsResponse> {
        private final Outcomes out;

        TcpAnswer(Outcomes out) {
            this.out = out;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DnsResponse r) {
            if (r.id() == out.id) {
                out.classify(r);
            }
            ctx.close();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (cause instanceof io.netty.handler.codec.DecoderException) {
                out.malformed(Outcomes.why(cause));
            }
            ctx.close();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            out.complete(DnsOutcome.ERROR, List.of(), "", "The nameserver closed the TCP connection without an "
                    + "answer.", "Check that the nameserver answers DNS over TCP (RFC 7766).");
        }
    }
}
