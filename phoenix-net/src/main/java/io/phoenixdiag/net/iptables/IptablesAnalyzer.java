package io.phoenixdiag.net.iptables;

import io.phoenixdiag.core.diag.Finding;
import io.phoenixdiag.net.iptables.internal.Analysis;
import java.util.List;

/**
 * Per-chain analysis of loaded rules, as findings (ids {@code iptables.*}):
 * <ul>
 *   <li>{@code iptables.unmatchable-rule} (WARNING): a rule that matches no packet on its own (a port match of
 *       another protocol than {@code -p}, {@code --state NEW} in the raw table, which runs before connection
 *       tracking, an {@code -o} in a chain only reached from PREROUTING/INPUT, {@code ! -p all}, a mark value
 *       outside its mask, an iprange disjoint from the rule's prefix);</li>
 *   <li>{@code iptables.shadowed-rule} (WARNING, the covering rule's action differs) and
 *       {@code iptables.redundant-rule} (INFO, same action): an earlier terminating rule (ACCEPT, DROP, REJECT,
 *       RETURN, goto, QUEUE, NAT) matches every packet the rule matches; the covering rule is named;</li>
 *   <li>{@code iptables.duplicate-rule} (INFO): the same rule text appears earlier in the chain;</li>
 *   <li>{@code iptables.unreachable-chain} (WARNING): no jump or goto path from a built-in chain reaches a user
 *       chain;</li>
 *   <li>{@code iptables.jump-to-missing-chain} (ERROR): a target that is neither a chain of the table nor a
 *       known target extension;</li>
 *   <li>{@code iptables.drop-without-log} (INFO, one per chain): DROP/REJECT rules and DROP policies that no
 *       earlier LOG/NFLOG rule (or jump to a chain that logs everything) covers.</li>
 * </ul>
 * Coverage is decided soundly: a rule is reported as covered only when that is certain; rate limits,
 * {@code recent} checks and unknown modules never cover. Stateless and thread-safe.
 */
public final class IptablesAnalyzer {
    private IptablesAnalyzer() {
    }

    /**
     * Analyses every ruleset of a dump.
     *
     * @param dump the parsed dump
     * @return the findings, by ruleset, table and chain in dump order; locations name the dump's lines
     */
    public static List<Finding> analyze(IptablesSave dump) {
        return List.copyOf(Analysis.analyze(dump));
    }
}
