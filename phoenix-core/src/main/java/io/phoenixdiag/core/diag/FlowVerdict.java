package io.phoenixdiag.core.diag;

import java.util.Objects;
import java.util.Optional;

/**
 * What one layer of evidence says about one flow, and why.
 *
 * <p>Part of the report contract (JSON {@code flows[].verdicts[]}: {@code layer}, {@code state},
 * {@code decidedBy}, optional {@code location}). Immutable and thread-safe. A verdict without a reason
 * is a bug: {@code decidedBy} is never blank.
 *
 * @param layer     the evidence layer
 * @param state     what that layer says
 * @param decidedBy the deciding rule or default, one line, e.g.
 *                  {@code lxc:103 IN rule 2: ACCEPT -p tcp --dport 9000 -source 10.0.0.12} or
 *                  {@code lxc:103 policy_in DROP (no rule matched)}
 * @param location  where the deciding rule is, when it is a rule in an input file
 */
public record FlowVerdict(FlowLayer layer, FlowState state, String decidedBy, Optional<Location> location) {

    /**
     * Validates the components.
     *
     * @param layer the evidence layer
     * @param state the state
     * @param decidedBy the deciding rule or default
     * @param location where the deciding rule is, when known
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code decidedBy} is blank
     */
    public FlowVerdict {
        Objects.requireNonNull(layer, "layer");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(decidedBy, "decidedBy");
        Objects.requireNonNull(location, "location");
        if (decidedBy.isBlank()) {
            throw new IllegalArgumentException("decidedBy must say what decided the " + layer.id() + " verdict");
        }
    }

    /**
     * A verdict decided by something that is not a located rule (a default policy, a probe result).
     *
     * @param layer     the evidence layer
     * @param state     what that layer says
     * @param decidedBy the deciding default or observation, not blank
     * @return the verdict
     */
    public static FlowVerdict of(FlowLayer layer, FlowState state, String decidedBy) {
        return new FlowVerdict(layer, state, decidedBy, Optional.empty());
    }

    /**
     * A verdict decided by a rule at a known location.
     *
     * @param layer     the evidence layer
     * @param state     what that layer says
     * @param decidedBy the deciding rule, not blank
     * @param location  where that rule is
     * @return the verdict
     */
    public static FlowVerdict of(FlowLayer layer, FlowState state, String decidedBy, Location location) {
        return new FlowVerdict(layer, state, decidedBy, Optional.of(location));
    }
}
