package io.phoenixdiag.net.iptables;

import java.util.List;
import java.util.Objects;

/**
 * The result of evaluating a packet: the outcome, its reason and the path the packet took.
 *
 * <p>Immutable and thread-safe.
 *
 * @param outcome the outcome
 * @param reason  one or more sentences naming the deciding rule (table, chain, number, line, text) or policy;
 *                for UNKNOWN, the undecidable match and what each alternative would give
 * @param trace   the steps in order, like {@code iptables -j TRACE}; for several rulesets (legacy and nft),
 *                the steps of each in turn
 */
public record Verdict(Outcome outcome, String reason, List<TraceStep> trace) {
    /**
     * Validates and copies the components.
     *
     * @param outcome the outcome
     * @param reason  the reason
     * @param trace   the trace
     * @throws NullPointerException if a component is null
     */
    public Verdict {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(reason, "reason");
        trace = List.copyOf(trace);
    }
}
