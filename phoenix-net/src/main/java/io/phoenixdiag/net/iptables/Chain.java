package io.phoenixdiag.net.iptables;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A chain of a table: a built-in chain with a policy ({@code :INPUT DROP [0:0]}) or a user-defined chain
 * ({@code :NAME - [0:0]}), with its rules in order.
 *
 * <p>Immutable and thread-safe.
 *
 * @param name     the chain name
 * @param line     1-based line of its {@code :} declaration, 0 when the chain was never declared
 * @param policy   the policy of a built-in chain ({@code ACCEPT} or {@code DROP}); empty for user chains
 * @param counters the policy counters, when present
 * @param rules    its rules in order
 */
public record Chain(String name, int line, Optional<String> policy, Optional<Counters> counters, List<Rule> rules) {
    /**
     * Validates and copies the components.
     *
     * @param name     the name
     * @param line     the line
     * @param policy   the policy
     * @param counters the counters
     * @param rules    the rules
     * @throws NullPointerException if a component is null
     */
    public Chain {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(counters, "counters");
        rules = List.copyOf(rules);
    }

    /**
     * Whether this is a built-in chain (it has a policy).
     *
     * @return true for PREROUTING, INPUT, FORWARD, OUTPUT, POSTROUTING
     */
    public boolean builtin() {
        return policy.isPresent();
    }
}
