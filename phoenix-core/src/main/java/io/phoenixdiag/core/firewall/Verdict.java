package io.phoenixdiag.core.firewall;

import io.phoenixdiag.core.diag.Location;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The evaluator's answer for one packet: the state, the action of the deciding step, a sentence naming
 * the deciding rule or policy, its location, and the full trace. Immutable and thread-safe.
 *
 * @param state     the outcome (report contract {@code state})
 * @param action    ACCEPT for ALLOWED, DROP or REJECT for a block (what the sender sees: REJECT answers,
 *                  DROP is silent); empty for UNKNOWN
 * @param decidedBy a sentence naming what decided (report contract {@code decidedBy}), such as
 *                  {@code lxc:103 IN rule 2 "Allow Traefik" (ACCEPT tcp/9000 from 10.0.0.12)} or
 *                  {@code lxc:103 policy_in DROP}; for UNKNOWN the undecidable rule
 * @param location  where the deciding rule was written, when known
 * @param reason    for UNKNOWN why the match could not be decided; else {@code ""}
 * @param trace     every step checked, in order
 */
public record Verdict(VerdictState state, Optional<Action> action, String decidedBy, Optional<Location> location,
                      String reason, List<TraceEntry> trace) {

    /**
     * Validates and copies the components.
     *
     * @param state the state
     * @param action the action
     * @param decidedBy the deciding sentence
     * @param location the location
     * @param reason the reason
     * @param trace the trace
     * @throws NullPointerException if a component is null
     */
    public Verdict {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(decidedBy, "decidedBy");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(reason, "reason");
        trace = List.copyOf(trace);
    }

    /**
     * Whether the packet passes.
     *
     * @return true for ALLOWED
     */
    public boolean allowed() {
        return state == VerdictState.ALLOWED;
    }
}
