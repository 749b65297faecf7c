package io.phoenixdiag.net.iptables;

import java.util.Objects;

/**
 * One step of an evaluation, like a line of {@code iptables -j TRACE} output ("rule", "return", "policy").
 *
 * <p>Immutable and thread-safe.
 *
 * @param kind       what happened
 * @param table      the table
 * @param chain      the chain
 * @param ruleNumber the 1-based rule number for {@link Kind#RULE} and {@link Kind#UNDECIDED}; 0 otherwise
 * @param line       the dump line of the rule or of the chain declaration; 0 when unknown
 * @param text       the rule as written, or the policy ({@code policy DROP}), or {@code ""}
 * @param note       extra detail: why a match was undecidable, what a target changed; or {@code ""}
 */
public record TraceStep(Kind kind, String table, String chain, int ruleNumber, int line, String text, String note) {
    /** What a step records. */
    public enum Kind {
        /** A rule matched (its target ran: a verdict, a jump, a goto, or a non-terminating target such as LOG). */
        RULE,
        /** The end of a user chain (or RETURN) took the walk back to the calling chain. */
        RETURN,
        /** The walk reached the end of a built-in chain and its policy applied. */
        POLICY,
        /** A rule's match could not be decided; the walk explored both ways. */
        UNDECIDED,
        /** A table was skipped at this hook (nat sees only the first packet of a connection). */
        SKIP
    }

    /**
     * Validates the components.
     *
     * @param kind       the kind
     * @param table      the table
     * @param chain      the chain
     * @param ruleNumber the rule number
     * @param line       the line
     * @param text       the text
     * @param note       the note
     * @throws NullPointerException if a component is null
     */
    public TraceStep {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(chain, "chain");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(note, "note");
    }

    /**
     * Renders like TRACE output.
     *
     * @return e.g. {@code filter:INPUT:rule:3 (line 42) -A INPUT -p tcp --dport 22 -j ACCEPT}
     */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(table).append(':').append(chain).append(':')
                .append(kind.name().toLowerCase(java.util.Locale.ROOT));
        if (ruleNumber > 0) {
            sb.append(':').append(ruleNumber);
        }
        if (line > 0) {
            sb.append(" (line ").append(line).append(')');
        }
        if (!text.isEmpty()) {
            sb.append(' ').append(text);
        }
        if (!note.isEmpty()) {
            sb.append(" -- ").append(note);
        }
        return sb.toString();
    }
}
