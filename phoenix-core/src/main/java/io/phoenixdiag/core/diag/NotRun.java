package io.phoenixdiag.core.diag;

import java.util.Objects;

/**
 * Something the diagnosis did not do, and why: a check without its evidence, a check that failed, a
 * probe that was skipped.
 *
 * <p>Part of the report contract (JSON {@code notRun[]}: {@code what}, {@code why}). Immutable and
 * thread-safe. Neither text may contain a secret.
 *
 * @param what what did not run, e.g. a check id such as {@code firewall.flow-blocked}
 * @param why  why, one line, e.g. {@code needs IptablesRuleSet}
 */
public record NotRun(String what, String why) {

    /**
     * Validates the components.
     *
     * @param what what did not run
     * @param why why
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code what} is blank
     */
    public NotRun {
        Objects.requireNonNull(what, "what");
        Objects.requireNonNull(why, "why");
        if (what.isBlank()) {
            throw new IllegalArgumentException("notRun needs a 'what'");
        }
    }

    /**
     * Creates an entry.
     *
     * @param what what did not run, not blank
     * @param why  why
     * @return the entry
     */
    public static NotRun of(String what, String why) {
        return new NotRun(what, why);
    }
}
