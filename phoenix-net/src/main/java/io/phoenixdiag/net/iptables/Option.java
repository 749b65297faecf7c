package io.phoenixdiag.net.iptables;

import java.util.List;
import java.util.Objects;

/**
 * One option of a match module or target as written, e.g. {@code --dport 22} or {@code ! -s 10.0.0.0/8}.
 *
 * <p>Long and short aliases are normalised (iptables(8), iptables-extensions(8)): built-in options use
 * their short form ({@code -s -d -p -i -o -f}), module options their canonical long form ({@code --sport}
 * for {@code --source-port}, {@code --dports} for {@code --destination-ports}). Both negation forms,
 * {@code ! --opt x} and the legacy {@code --opt ! x}, set {@link #negated()}. Immutable and thread-safe.
 *
 * @param name    the normalised option name, e.g. {@code --dport}
 * @param negated whether the option is inverted with {@code !}
 * @param values  the option's arguments in order (unquoted, escapes resolved); empty for flags
 * @param column  1-based column of the option in its line, 0 when unknown
 */
public record Option(String name, boolean negated, List<String> values, int column) {
    /**
     * Validates and copies the components.
     *
     * @param name    the option name
     * @param negated whether it is inverted
     * @param values  its arguments
     * @param column  its column
     * @throws NullPointerException if a component is null
     */
    public Option {
        Objects.requireNonNull(name, "name");
        values = List.copyOf(values);
    }

    /**
     * The first argument, or {@code ""} for a flag.
     *
     * @return the first value
     */
    public String value() {
        return values.isEmpty() ? "" : values.get(0);
    }

    /**
     * Renders the option as iptables-save would, quoting arguments with spaces or quotes.
     *
     * @return e.g. {@code ! --dport 22}
     */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        if (negated) {
            sb.append("! ");
        }
        sb.append(name);
        for (String v : values) {
            sb.append(' ').append(quote(v));
        }
        return sb.toString();
    }

    /**
     * Quotes a value as iptables-save does: double quotes around values that are empty or contain
     * white space, quotes or backslashes, that are {@code !} or start with {@code -}, with {@code "} and {@code \} escaped by a backslash.
     *
     * @param v the value
     * @return the value, quoted when needed
     */
    static String quote(String v) {
        boolean needs = v.isEmpty() || v.equals("!") || v.startsWith("-");
        for (int i = 0; i < v.length() && !needs; i++) {
            char c = v.charAt(i);
            needs = Character.isWhitespace(c) || c == '"' || c == '\\' || c == '\'';
        }
        if (!needs) {
            return v;
        }
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.append('"').toString();
    }
}
