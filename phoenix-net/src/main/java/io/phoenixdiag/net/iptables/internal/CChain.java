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

    /** Shortest run of rules with the same source prefix length worth a hash index. */
    static final int MIN_RUN = 8;
    /** Per rule index: the end (exclusive) of the indexed run starting there, or 0 when none starts there. */
    int[] runEnd;
    /** Per run start: masked IPv4 source -&gt; first rule index in the run with that source. */
    java.util.Map<Long, Integer>[] runFirst;
    long[] runMask;

    /**
     * Indexes runs of consecutive rules that all match a non-negated IPv4 source prefix of the same length
     * (such as per-host MAC checks): a packet whose source none of them names skips the run at once.
     */
    @SuppressWarnings("unchecked")
    void indexRuns() {
        runEnd = new int[rules.length];
        runFirst = new java.util.Map[rules.length];
        runMask = new long[rules.length];
        int i = 0;
        while (i < rules.length) {
            CRule r = rules[i];
            int j = i;
            while (j < rules.length && rules[j].hasSrc && !rules[j].srcNeg && rules[j].smHi == 0 && r.hasSrc && !r.srcNeg
                    && r.smHi == 0 && rules[j].smLo == r.smLo && rules[j].sHi == 0) {
                j++;
            }
            if (j - i >= MIN_RUN) {
                java.util.Map<Long, Integer> first = new java.util.HashMap<>();
                for (int k = i; k < j; k++) {
                    first.putIfAbsent(rules[k].sLo, k);
                }
                runEnd[i] = j;
                runFirst[i] = first;
                runMask[i] = r.smLo;
                i = j;
            } else {
                i = Math.max(j, i + 1);
            }
        }
    }

    String label() {
        return table + "/" + chain.name();
    }
}
