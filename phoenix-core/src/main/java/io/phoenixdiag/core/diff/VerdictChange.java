package io.phoenixdiag.core.diff;

import java.util.Objects;
import java.util.Optional;

import io.phoenixdiag.core.firewall.VerdictState;

/**
 * A flow whose firewall verdict changed state (a change of the deciding rule alone is not a verdict
 * change). A flow that only one deployment has counts when it has a verdict there.
 *
 * @param flowId       the flow key, e.g. {@code lxc:102->lxc:103/tcp/9000}
 * @param before       its verdict in the older deployment, empty when the flow did not exist there
 * @param after        its verdict in the newer deployment, empty when the flow no longer exists
 * @param decidedBefore what decided the older verdict ({@link io.phoenixdiag.core.firewall.Verdict#decidedBy()}), or {@code ""}
 * @param decidedAfter what decides the newer verdict, or {@code ""}
 */
public record VerdictChange(String flowId, Optional<VerdictState> before, Optional<VerdictState> after,
                            String decidedBefore, String decidedAfter) {
    /**
     * Validates the components.
     *
     * @param flowId        the flow key
     * @param before        the older state
     * @param after         the newer state
     * @param decidedBefore the older deciding sentence
     * @param decidedAfter  the newer deciding sentence
     * @throws NullPointerException     if a component is null
     * @throws IllegalArgumentException if the two states are equal
     */
    public VerdictChange {
        Objects.requireNonNull(flowId, "flowId");
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
        Objects.requireNonNull(decidedBefore, "decidedBefore");
        Objects.requireNonNull(decidedAfter, "decidedAfter");
        if (before.equals(after)) {
            throw new IllegalArgumentException("the verdict of " + flowId + " did not change: " + before);
        }
    }

    /**
     * Whether the change broke the flow: it is blocked now and was not blocked before (allowed,
     * undecidable or absent).
     *
     * @return true when the newer verdict is a {@code BLOCKED_*} state and the older one is not
     */
    public boolean broke() {
        return isBlocked(after) && !isBlocked(before);
    }

    /**
     * Whether the change repaired the flow: the mirror of {@link #broke()}.
     *
     * @return true when the older verdict is a {@code BLOCKED_*} state and the newer one is not
     */
    public boolean fixed() {
        return isBlocked(before) && !isBlocked(after);
    }

    /**
     * The same change seen from the other side.
     *
     * @return the change with both sides swapped
     */
    public VerdictChange inverse() {
        return new VerdictChange(flowId, after, before, decidedAfter, decidedBefore);
    }

    private static boolean isBlocked(Optional<VerdictState> s) {
        return s.map(v -> v != VerdictState.ALLOWED && v != VerdictState.UNKNOWN).orElse(false);
    }
}
