package io.phoenixdiag.core.firewall;

import io.phoenixdiag.core.diag.Location;
import java.util.Objects;
import java.util.Optional;

/**
 * One step of a verdict's trace: a rule, implicit rule or policy checked in a stage. Immutable and thread-safe.
 *
 * @param stage    the stage
 * @param chain    the rule list, such as {@code lxc:103 IN} or {@code host IN}
 * @param step     what was checked, such as {@code rule 2 "Allow Traefik" (ACCEPT tcp/9000 from 10.0.0.12)},
 *                 {@code implicit: conntrack ESTABLISHED,RELATED accepted} or {@code policy_in DROP}
 * @param result   the match result
 * @param detail   why (for UNKNOWN and SKIPPED), or the resulting action on MATCH; else {@code ""}
 * @param location where the rule was written, when known
 */
public record TraceEntry(Stage stage, String chain, String step, MatchResult result, String detail,
                         Optional<Location> location) {

    /**
     * Validates the components.
     *
     * @param stage the stage
     * @param chain the chain
     * @param step the step
     * @param result the result
     * @param detail the detail
     * @param location the location
     * @throws NullPointerException if a component is null
     */
    public TraceEntry {
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(chain, "chain");
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(location, "location");
    }

    /**
     * One line, like an iptables TRACE line.
     *
     * @return such as {@code DESTINATION_INGRESS lxc:103 IN: rule 1 (...) -> MATCH (ACCEPT)}
     */
    @Override
    public String toString() {
        return stage + " " + chain + ": " + step + " -> " + result + (detail.isEmpty() ? "" : " (" + detail + ")");
    }
}
