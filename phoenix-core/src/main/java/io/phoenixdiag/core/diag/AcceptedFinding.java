package io.phoenixdiag.core.diag;

import java.util.Objects;
import java.util.Optional;

/**
 * A finding the user accepted in a baseline, with the written reason.
 *
 * <p>Part of the report contract (JSON {@code accepted[]}: {@code findingId}, {@code fingerprint},
 * {@code justification}, optional {@code acceptedAt}, {@code finding}). An accepted finding is shown as
 * {@code ACCEPTED} in every format and does not count towards {@link Report#hasProblems()} (the exit
 * code). Immutable and thread-safe; see {@link Baseline} for how findings get accepted.
 *
 * @param finding       the accepted finding, unchanged
 * @param justification why it is accepted, as the user wrote it; never blank
 * @param acceptedAt    where the acceptance is written (the baseline file and the entry's JSON pointer),
 *                      when it came from a file
 */
public record AcceptedFinding(Finding finding, String justification, Optional<Location> acceptedAt) {

    /**
     * Validates the components.
     *
     * @param finding the accepted finding
     * @param justification why it is accepted
     * @param acceptedAt where the acceptance is written, when known
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code justification} is blank
     */
    public AcceptedFinding {
        Objects.requireNonNull(finding, "finding");
        Objects.requireNonNull(justification, "justification");
        Objects.requireNonNull(acceptedAt, "acceptedAt");
        if (justification.isBlank()) {
            throw new IllegalArgumentException("an accepted finding needs a justification (" + finding.findingId() + ")");
        }
    }

    /**
     * Accepts a finding.
     *
     * @param finding       the finding
     * @param justification why, not blank
     * @return the accepted finding, without a location
     */
    public static AcceptedFinding of(Finding finding, String justification) {
        return new AcceptedFinding(finding, justification, Optional.empty());
    }
}
