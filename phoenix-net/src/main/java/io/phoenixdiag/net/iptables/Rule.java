package io.phoenixdiag.net.iptables;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One {@code -A CHAIN ...} line of an {@code iptables-save} dump, as written.
 *
 * <p>Immutable and thread-safe.
 *
 * @param table    the table name ({@code filter}, {@code nat}, ...)
 * @param chain    the chain name
 * @param number   1-based position in its chain (what {@code iptables -L --line-numbers} shows)
 * @param line     1-based line in the dump
 * @param text     the line as written, without a leading {@code [packets:bytes]} counter
 * @param counters the rule's counters ({@code [p:b] -A ...} or {@code -c p b}), when present
 * @param matches  the matches in order; the built-in options form one {@link Match} with module {@code ""}
 * @param target   the target, or empty for a rule without {@code -j}/{@code -g} (it only counts)
 */
public record Rule(String table, String chain, int number, int line, String text, Optional<Counters> counters,
                   List<Match> matches, Optional<Target> target) {
    /**
     * Validates and copies the components.
     *
     * @param table    the table
     * @param chain    the chain
     * @param number   the rule number
     * @param line     the line
     * @param text     the text
     * @param counters the counters
     * @param matches  the matches
     * @param target   the target
     * @throws NullPointerException if a component is null
     */
    public Rule {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(chain, "chain");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(counters, "counters");
        Objects.requireNonNull(target, "target");
        matches = List.copyOf(matches);
    }

    /**
     * The match of the given module ({@code ""} for the built-ins).
     *
     * @param module the module name
     * @return the first such match, or empty
     */
    public Optional<Match> match(String module) {
        for (Match m : matches) {
            if (m.module().equals(module)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    /**
     * The rule in canonical iptables-save form (without counters): {@code -A CHAIN matches target}.
     *
     * @return the canonical text; parsing it again yields an equal rule apart from line and columns
     */
    public String canonical() {
        StringBuilder sb = new StringBuilder("-A ").append(chain);
        for (Match m : matches) {
            String s = m.toString();
            if (!s.isEmpty()) {
                sb.append(' ').append(s);
            }
        }
        target.ifPresent(t -> sb.append(' ').append(t));
        return sb.toString();
    }

    /**
     * A short label for traces and findings.
     *
     * @return e.g. {@code filter/INPUT#3}
     */
    public String label() {
        return table + "/" + chain + "#" + number;
    }
}
