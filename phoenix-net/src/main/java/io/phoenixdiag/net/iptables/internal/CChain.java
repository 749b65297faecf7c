package io.phoenixdiag.net.iptables.internal;

import io.phoenixdiag.net.iptables.Chain;

/** A compiled chain. */
final class CChain {
    final String table;
    final Chain chain;
    final int index;
    CRule[] rules;
    /** {@link CRule#ACCEPT}, {@link CRule#DROP}, or -1 for a user chain. */
    final int policy;

    CChain(String table, Chain chain, int index) {
        this.table = table;
        this.chain = chain;
        this.index = index;
        this.policy = chain.policy().map(p -> p.equals("DROP") ? CRule.DROP : CRule.ACCEPT).orElse(-1);
    }

    String label() {
        return table + "/" + chain.name();
    }
}
