package io.phoenixdiag.net.probe.internal;

import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.EventLoopGroup;
import io.phoenixdiag.net.probe.TcpOutcome;
import io.phoenixdiag.net.probe.TcpProbeResult;

import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;

/**
 * The TCP connect probe. Thread-safe (stateless).
 */
public final class TcpEngine {

    private TcpEngine() {
    }

    /**
     * Connects once and closes at once (with SO_LINGER 0, so no TIME_WAIT is left).
     *
     * @param group     the event loop group
     * @param target    the resolved target
     * @param timeoutMs the connect timeout in ms
     * @return a future completed on an event-loop thread; cancelling it aborts the connect
     */
    public static CompletableFuture<TcpProbeResult> probe(EventLoopGroup group, InetSocketAddress target,
                                                          long timeoutMs) {
        CompletableFuture<TcpProbeResult> result = new CompletableFuture<>();
        String text = Connects.target(target);
        long start = System.nanoTime();
        ChannelFuture cf = Connects.bootstrap(group, timeoutMs, true).connect(target);
        Connects.closeOnCancel(result, cf);
        cf.addListener((ChannelFutureListener) f -> {
            long ms = Connects.elapsedMs(start);
            if (f.isCancelled()) {
                return;
            }
            TcpOutcome outcome = f.isSuccess() ? TcpOutcome.OPEN : Connects.classify(f.cause());
            if (f.isSuccess()) {
                f.channel().close();
            }
            result.complete(new TcpProbeResult(text, outcome, ms, Connects.describe(outcome, f.cause(), timeoutMs),
                    TcpProbeResult.remediationFor(outcome, text)));
        });
        return result;
    }
}
