package io.phoenixdiag.net.iptables;

import io.phoenixdiag.net.iptables.internal.Engine;
import java.util.List;
import java.util.Objects;

/**
 * Evaluates packets against loaded iptables rules as the kernel does (iptables(8), iptables-extensions(8),
 * the netfilter hook priorities): at each hook the built-in chains of raw, mangle, nat, filter and security
 * run in priority order ({@link Hook#tables()}); within a table the walk follows jumps ({@code -j CHAIN}),
 * gotos ({@code -g}: a later RETURN goes back past the goto), RETURN and the end of user chains, and ends at
 * a verdict or the built-in chain's policy. Non-terminating targets act on the packet (MARK, CONNMARK,
 * NOTRACK / CT --notrack, DNAT and REDIRECT change what later tables see); the nat table sees only packets
 * in state NEW; the raw table runs before connection tracking, so its state matches see INVALID (or
 * UNTRACKED after NOTRACK).
 *
 * <p>Matching is three-valued. A match that cannot be decided from the packet and the
 * {@link EvaluationOptions} (an ipset whose contents are not given, {@code recent}, a source MAC that is
 * not given, an unknown module...) is explored both ways: when both give the same outcome that is the
 * verdict, otherwise the verdict is {@link Outcome#UNKNOWN} and its reason names the match and both
 * alternatives. Nothing is guessed.
 *
 * <p>Several rulesets (an {@code iptables-legacy-save} and an {@code iptables-nft-save} dump, or one file
 * holding both) all apply: a packet passes only if each accepts it. Rulesets of the other address family
 * are ignored.
 *
 * <p>Compile once and evaluate from any number of threads: instances are immutable and thread-safe.
 * {@link #decide} is the fast path (no trace or reason is built); {@link #evaluate} gives the full trace.
 */
public final class NetfilterEvaluator {
    private final Engine engine;

    private NetfilterEvaluator(Engine engine) {
        this.engine = engine;
    }

    /**
     * Compiles one dump with default options (nothing known beyond the packet).
     *
     * @param dump the parsed dump
     * @return the evaluator
     */
    public static NetfilterEvaluator of(IptablesSave dump) {
        return of(List.of(dump), EvaluationOptions.defaults());
    }

    /**
     * Compiles dumps that are all loaded at once (legacy and nft).
     *
     * @param dumps   the parsed dumps
     * @param options what the evaluator may know beyond the packet
     * @return the evaluator
     */
    public static NetfilterEvaluator of(List<IptablesSave> dumps, EvaluationOptions options) {
        Objects.requireNonNull(options, "options");
        return new NetfilterEvaluator(Engine.compile(List.copyOf(dumps), options));
    }

    /**
     * Evaluates a packet at one hook, with trace.
     *
     * @param hook   the hook
     * @param packet the packet
     * @return the verdict with reason and trace
     */
    public Verdict evaluate(Hook hook, Packet packet) {
        return engine.evaluate(List.of(hook), packet);
    }

    /**
     * Evaluates a packet along hooks in order (e.g. {@link Hook#inbound(boolean)}), carrying what targets
     * changed (mark, NOTRACK, DNAT) from one hook to the next; it stops at the first hook that does not accept.
     *
     * @param path   the hooks, in order; not empty
     * @param packet the packet
     * @return the verdict with reason and trace
     * @throws IllegalArgumentException if {@code path} is empty
     */
    public Verdict evaluate(List<Hook> path, Packet packet) {
        if (path.isEmpty()) {
            throw new IllegalArgumentException("path must name at least one hook");
        }
        return engine.evaluate(path, packet);
    }

    /**
     * The outcome only, at one hook: the fast path for many packets.
     *
     * @param hook   the hook
     * @param packet the packet
     * @return the outcome; equal to {@code evaluate(hook, packet).outcome()}
     */
    public Outcome decide(Hook hook, Packet packet) {
        return engine.decide(List.of(hook), packet);
    }

    /**
     * The outcome only, along hooks in order.
     *
     * @param path   the hooks, in order; not empty
     * @param packet the packet
     * @return the outcome; equal to {@code evaluate(path, packet).outcome()}
     * @throws IllegalArgumentException if {@code path} is empty
     */
    public Outcome decide(List<Hook> path, Packet packet) {
        if (path.isEmpty()) {
            throw new IllegalArgumentException("path must name at least one hook");
        }
        return engine.decide(path, packet);
    }
}
