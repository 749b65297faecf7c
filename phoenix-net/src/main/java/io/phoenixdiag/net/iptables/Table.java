package io.phoenixdiag.net.iptables;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A table of a dump ({@code *filter} ... {@code COMMIT}): {@code raw}, {@code mangle}, {@code nat},
 * {@code filter} or {@code security} (iptables(8) "TABLES").
 *
 * <p>Immutable and thread-safe.
 *
 * @param name   the table name
 * @param line   1-based line of its {@code *name} header
 * @param chains its chains in declaration order
 */
public record Table(String name, int line, List<Chain> chains) {
    /**
     * Validates and copies the components.
     *
     * @param name   the name
     * @param line   the line
     * @param chains the chains
     * @throws NullPointerException if a component is null
     */
    public Table {
        Objects.requireNonNull(name, "name");
        chains = List.copyOf(chains);
    }

    /**
     * The chain with the given name.
     *
     * @param chain the chain name
     * @return the chain, or empty
     */
    public Optional<Chain> chain(String chain) {
        for (Chain c : chains) {
            if (c.name().equals(chain)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /**
     * The number of rules in all chains.
     *
     * @return the rule count
     */
    public int ruleCount() {
        int n = 0;
        for (Chain c : chains) {
            n += c.rules().size();
        }
        return n;
    }
}
