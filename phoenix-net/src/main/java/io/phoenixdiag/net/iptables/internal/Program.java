package io.phoenixdiag.net.iptables.internal;

import io.phoenixdiag.net.iptables.Hook;
import io.phoenixdiag.net.iptables.Ruleset;

/** A compiled ruleset: all chains, and per hook the built-in chains in kernel table order. */
final class Program {
    final Ruleset ruleset;
    final boolean v6;
    final CChain[] chains;
    /** Per hook ordinal: indices of the built-in chains that run, in order. */
    final int[][] hooks;

    Program(Ruleset ruleset, CChain[] chains, int[][] hooks) {
        this.ruleset = ruleset;
        this.v6 = ruleset.family() == io.phoenixdiag.net.iptables.Family.IPV6;
        this.chains = chains;
        this.hooks = hooks;
    }

    int[] hook(Hook h) {
        return hooks[h.ordinal()];
    }
}
