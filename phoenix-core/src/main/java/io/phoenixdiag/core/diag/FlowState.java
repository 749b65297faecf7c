package io.phoenixdiag.core.diag;

/**
 * What one layer of evidence says about an intended flow, and the {@link FlowEntry#summary() summary}
 * a reader should act on.
 *
 * <p>Part of the report contract (JSON {@code flows[].verdicts[].state} and {@code flows[].summary}).
 * The {@code BLOCKED_*} names say where a packet of the flow's first direction is dropped, in the order
 * a packet meets them: the source's egress (its guest firewall {@code OUT} rules and {@code policy_out}),
 * the host's forwarding path (a bridge or host firewall rule between guests), the destination's ingress
 * (its guest firewall {@code IN} rules and {@code policy_in}, or the host's input when the destination
 * is the host). New states may be added without bumping the schema version (an additive change); readers
 * should treat an unknown {@code BLOCKED_*} name as blocked and any other unknown name as unknown.
 */
public enum FlowState {
    /** The layer lets the flow through. */
    ALLOWED,
    /** Dropped or rejected when leaving the source (guest {@code OUT} rules or {@code policy_out}). */
    BLOCKED_SOURCE_EGRESS,
    /** Dropped or rejected on the host between source and destination (bridge, forwarding rules). */
    BLOCKED_HOST_FORWARD,
    /** Dropped or rejected when entering the destination (guest {@code IN} rules, {@code policy_in}). */
    BLOCKED_DESTINATION_INGRESS,
    /** Blocked at a point this layer cannot name (a live probe that timed out, a capture with no answer). */
    BLOCKED,
    /** This layer cannot decide (missing evidence, a match it cannot evaluate); the verdict says why. */
    UNKNOWN;

    /**
     * Whether the flow does not get through according to this state.
     *
     * @return {@code true} for {@link #BLOCKED} and every {@code BLOCKED_*} state
     */
    public boolean isBlocked() {
        return this != ALLOWED && this != UNKNOWN;
    }
}
