package io.phoenixdiag.pki.path;

import java.util.Objects;

/**
 * The precise reason a path did not validate. Immutable and thread-safe.
 *
 * @param reason      the reason
 * @param certificate the certificate at fault
 * @param position    its position in the path: 0 for the end-entity certificate, counting up towards the trust
 *                    anchor
 * @param detail      what exactly was found, one or more sentences (names, instants, extension values)
 * @param remediation what to do, one sentence
 */
public record ValidationFailure(FailureReason reason, CertificateRef certificate, int position, String detail,
                                String remediation) {

    /**
     * Validates the components.
     *
     * @param reason the reason
     * @param certificate the certificate at fault
     * @param position its position, at least 0
     * @param detail the detail
     * @param remediation the remediation
     * @throws NullPointerException if a component is null
     * @throws IllegalArgumentException if {@code position} is negative
     */
    public ValidationFailure {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(remediation, "remediation");
        if (position < 0) {
            throw new IllegalArgumentException("position must be >= 0");
        }
    }

    /**
     * One line for humans.
     *
     * @return {@code REASON: detail}
     */
    @Override
    public String toString() {
        return reason + ": " + detail;
    }
}
