package io.phoenixdiag.net.probe.internal;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.phoenixdiag.net.probe.TcpOutcome;

import java.net.ConnectException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Connect plumbing shared by the probe engines: bootstrap, classification of connect failures, target text.
 * Thread-safe (stateless).
 */
public final class Connects {

    private Connects() {
    }

    /**
     * A client bootstrap on the group with the connect timeout set and a handler that swallows exceptions
     * (the engines report them through their futures).
     *
     * @param group            the event loop group
     * @param connectTimeoutMs the connect timeout in ms, at most {@link Integer#MAX_VALUE}
     * @param abortiveClose    whether closing sends a RST (SO_LINGER 0: no TIME_WAIT left behind, as a port
     *                         scanner does) instead of a FIN
     * @return a new bootstrap
     */
    public static Bootstrap bootstrap(EventLoopGroup group, long connectTimeoutMs, boolean abortiveClose) {
        Bootstrap b = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) connectTimeoutMs)
                .handler(new ExceptionSink());
        return abortiveClose ? b.option(ChannelOption.SO_LINGER, 0) : b;
    }

    /**
     * Makes cancelling a probe's future abort its connect and close its channel.
     *
     * @param result the probe's future
     * @param connect the connect future
     */
    public static void closeOnCancel(CompletableFuture<?> result, ChannelFuture connect) {
        result.whenComplete((r, e) -> {
            if (result.isCancelled()) {
                connect.cancel(false);
                connect.channel().close();
            }
        });
    }

    /**
     * Classifies a failed connect.
     *
     * @param cause the connect future's cause
     * @return TIMEOUT for the connect timeout, REFUSED for a RST, UNREACHABLE otherwise
     */
    public static TcpOutcome classify(Throwable cause) {
        if (cause instanceof ConnectTimeoutException) {
            return TcpOutcome.TIMEOUT;
        }
        if (cause instanceof NoRouteToHostException || cause instanceof PortUnreachableException) {
            return TcpOutcome.UNREACHABLE;
        }
        String msg = String.valueOf(cause.getMessage()).toLowerCase(Locale.ROOT);
        if (cause instanceof ConnectException && msg.contains("refused")) {
            return TcpOutcome.REFUSED;
        }
        return TcpOutcome.UNREACHABLE;
    }

    /**
     * A deterministic description of a connect outcome.
     *
     * @param outcome   the outcome
     * @param cause     the cause, or null for OPEN
     * @param timeoutMs the connect timeout in ms
     * @return one sentence
     */
    public static String describe(TcpOutcome outcome, Throwable cause, long timeoutMs) {
        return switch (outcome) {
            case OPEN -> "The TCP handshake completed.";
            case REFUSED -> "The peer answered the SYN with a RST (connection refused).";
            case TIMEOUT -> "No answer to the SYN within " + timeoutMs + " ms.";
            case UNREACHABLE -> "The connect failed: " + cause.getMessage() + ".";
        };
    }

    /**
     * The target as text.
     *
     * @param target the address
     * @return {@code a.b.c.d:port/tcp} or {@code [v6]:port/tcp}
     */
    public static String target(InetSocketAddress target) {
        String host = address(target.getAddress());
        return (target.getAddress() instanceof Inet6Address ? "[" + host + "]" : host) + ":" + target.getPort()
                + "/tcp";
    }

    /**
     * An address as text: dotted quad for IPv4, the RFC 5952 canonical form for IPv6 (lower case, leading
     * zeros dropped, the longest run of two or more zero groups, the first when tied, as {@code ::}), without
     * a zone.
     *
     * @param address the address
     * @return its text
     */
    public static String address(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return address.getHostAddress();
        }
        byte[] b = address.getAddress();
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString();
    }

    /**
     * A DNS name in the form probes compare and report: lower case, without the final dot.
     *
     * @param name a DNS name
     * @return the canonical text
     */
    public static String canonicalName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
    }

    /**
     * Milliseconds since a {@link System#nanoTime()} reading.
     *
     * @param startNanos the reading
     * @return whole milliseconds, at least 0
     */
    public static long elapsedMs(long startNanos) {
        return Math.max(0, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
    }

    /** Last handler of every probe pipeline: drops exceptions the engines already report. */
    static final class ExceptionSink extends ChannelInboundHandlerAdapter {
        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
