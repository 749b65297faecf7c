package io.phoenixdiag.net.iptables;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A match of a rule: the built-in matches (module {@code ""}: {@code -s -d -p -i -o -f}) or one
 * {@code -m module} with its options (iptables-extensions(8)).
 *
 * <p>A module loaded implicitly by {@code -p tcp --dport 22} (no {@code -m tcp}) has
 * {@link #implicit()} true. Immutable and thread-safe.
 *
 * @param module   the module name ({@code tcp}, {@code conntrack}, ...) or {@code ""} for built-ins
 * @param implicit whether the module was loaded by {@code -p} rather than {@code -m}
 * @param options  its options in order
 * @param column   1-based column of {@code -m} (or of the first built-in option), 0 when unknown
 */
public record Match(String module, boolean implicit, List<Option> options, int column) {
    /** Name of the pseudo-module holding the built-in options. */
    public static final String BUILTIN = "";

    /**
     * Validates and copies the components.
     *
     * @param module   the module name
     * @param implicit whether it was loaded implicitly
     * @param options  its options
     * @param column   its column
     * @throws NullPointerException if a component is null
     */
    public Match {
        Objects.requireNonNull(module, "module");
        options = List.copyOf(options);
    }

    /**
     * The first option with the given normalised name.
     *
     * @param name e.g. {@code --dport}
     * @return the option, or empty
     */
    public Optional<Option> option(String name) {
        for (Option o : options) {
            if (o.name().equals(name)) {
                return Optional.of(o);
            }
        }
        return Optional.empty();
    }

    /**
     * Renders as iptables-save would.
     *
     * @return e.g. {@code -m tcp --dport 22}
     */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        if (!module.isEmpty() && !implicit) {
            sb.append("-m ").append(module);
        }
        for (Option o : options) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(o);
        }
        return sb.toString();
    }
}
