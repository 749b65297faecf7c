package io.phoenixdiag.net.pvecompile;

import io.phoenixdiag.core.diag.FlowState;
import io.phoenixdiag.core.diag.Location;
import io.phoenixdiag.core.firewall.Stage;
import io.phoenixdiag.net.iptables.Outcome;
import io.phoenixdiag.net.iptables.TraceStep;
import io.phoenixdiag.net.iptables.Verdict;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The netfilter verdict on a packet across all its passes on a Proxmox node.
 *
 * <p>Immutable and thread-safe.
 *
 * @param outcome   ACCEPT when every pass accepts; else the outcome of the first pass that does not
 * @param stage     the stage of that pass; empty when accepted
 * @param decidedBy one line: the deciding rule or policy of that pass (table, chain, rule number, dump line),
 *                  or for ACCEPT what accepted in the last pass
 * @param location  the dump file and line of the deciding rule or policy, when known
 * @param passes    every pass evaluated, in order, each with its verdict and trace
 */
public record NodeVerdict(Outcome outcome, Optional<Stage> stage, String decidedBy, Optional<Location> location,
                          List<PassVerdict> passes) {
    /**
     * One pass and its verdict.
     *
     * @param pass    the pass
     * @param verdict the netfilter evaluator's verdict with trace
     */
    public record PassVerdict(NodePass pass, Verdict verdict) {
        /**
         * Validates the components.
         *
         * @param pass    the pass
         * @param verdict the verdict
         * @throws NullPointerException if a component is null
         */
        public PassVerdict {
            Objects.requireNonNull(pass, "pass");
            Objects.requireNonNull(verdict, "verdict");
        }
    }

    /**
     * Validates and copies the components.
     *
     * @param outcome   the outcome
     * @param stage     the stage
     * @param decidedBy the deciding sentence
     * @param location  the location
     * @param passes    the passes
     * @throws NullPointerException if a component is null
     */
    public NodeVerdict {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(decidedBy, "decidedBy");
        Objects.requireNonNull(location, "location");
        passes = List.copyOf(passes);
    }

    /**
     * Whether every pass accepts.
     *
     * @return true for ACCEPT
     */
    public boolean allowed() {
        return outcome == Outcome.ACCEPT;
    }

    /**
     * The report state: ALLOWED, the {@code BLOCKED_*} state of the blocking stage, or UNKNOWN (also for
     * QUEUE, which a user-space program decides).
     *
     * @return the flow state
     */
    public FlowState flowState() {
        if (outcome == Outcome.ACCEPT) {
            return FlowState.ALLOWED;
        }
        if (outcome == Outcome.UNKNOWN || outcome == Outcome.QUEUE || stage.isEmpty()) {
            return FlowState.UNKNOWN;
        }
        return switch (stage.get()) {
            case SOURCE_EGRESS -> FlowState.BLOCKED_SOURCE_EGRESS;
            case HOST_FORWARD -> FlowState.BLOCKED_HOST_FORWARD;
            case DESTINATION_INGRESS -> FlowState.BLOCKED_DESTINATION_INGRESS;
        };
    }

    /**
     * The full trace as text lines: for each pass its description, then its steps (as
     * {@link TraceStep#toString()}), then its verdict.
     *
     * @return the lines, in order
     */
    public List<String> traceLines() {
        java.util.ArrayList<String> out = new java.util.ArrayList<>();
        int i = 1;
        for (PassVerdict pv : passes) {
            out.add("pass " + i++ + ": " + pv.pass().description() + " [" + pv.pass().stage() + "]");
            for (TraceStep s : pv.verdict().trace()) {
                out.add("  " + s);
            }
            out.add("  => " + pv.verdict().outcome() + ": " + pv.verdict().reason());
        }
        return out;
    }
}
