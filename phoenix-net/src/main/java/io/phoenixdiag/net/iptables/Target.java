package io.phoenixdiag.net.iptables;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a rule does when it matches: {@code -j NAME [options]} or {@code -g CHAIN}.
 *
 * <p>{@code NAME} is a standard verdict ({@code ACCEPT DROP RETURN QUEUE}), a target extension
 * ({@code REJECT LOG MARK DNAT ...}, iptables-extensions(8)) or a user-defined chain. Immutable and
 * thread-safe.
 *
 * @param name    the target or chain name as written
 * @param isGoto  whether it was {@code -g} (goto: a later RETURN goes back to the chain that jumped
 *                to the current one, iptables(8))
 * @param options the target's options in order
 * @param column  1-based column of {@code -j}/{@code -g}, 0 when unknown
 */
public record Target(String name, boolean isGoto, List<Option> options, int column) {
    /**
     * Validates and copies the components.
     *
     * @param name    the target name
     * @param isGoto  whether it is a goto
     * @param options its options
     * @param column  its column
     * @throws NullPointerException if a component is null
     */
    public Target {
        Objects.requireNonNull(name, "name");
        options = List.copyOf(options);
    }

    /**
     * The first option with the given name.
     *
     * @param option e.g. {@code --reject-with}
     * @return the option, or empty
     */
    public Optional<Option> option(String option) {
        for (Option o : options) {
            if (o.name().equals(option)) {
                return Optional.of(o);
            }
        }
        return Optional.empty();
    }

    /**
     * Renders as iptables-save would.
     *
     * @return e.g. {@code -j REJECT --reject-with icmp-port-unreachable}
     */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(isGoto ? "-g " : "-j ").append(name);
        for (Option o : options) {
            sb.append(' ').append(o);
        }
        return sb.toString();
    }
}
