package io.phoenixdiag.core.diag;

/**
 * How urgently a {@link Finding} needs attention, in increasing order.
 *
 * <p>The names are part of the report contract (JSON field {@code severity}). A run of
 * {@code phoenix-doctor} exits with 1 when any finding is {@link #ERROR} or {@link #CRITICAL}.
 */
public enum Severity {
    /** A fact worth knowing; nothing is wrong (for example, a file the deployment directory lacks). */
    INFO,
    /** Something drifts from good practice or from its schema and may break later. */
    WARNING,
    /** Something is broken: an intended flow is blocked, a certificate does not chain. */
    ERROR,
    /** Something is broken and exposes the deployment (a readable private key, an expired CA). */
    CRITICAL;

    /**
     * Whether this severity means the diagnosis found a problem (exit code 1 for the programs).
     *
     * @return {@code true} for {@link #ERROR} and {@link #CRITICAL}
     */
    public boolean isProblem() {
        return this == ERROR || this == CRITICAL;
    }
}
