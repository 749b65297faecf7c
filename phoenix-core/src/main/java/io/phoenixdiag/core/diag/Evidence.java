package io.phoenixdiag.core.diag;

import java.util.Objects;
import java.util.Optional;

/**
 * One fact backing a {@link Finding}: a sentence, optionally tied to where it was read.
 *
 * <p>Part of the report contract (JSON {@code evidence[]}: {@code text}, optional {@code location}).
 * Immutable and thread-safe. The text must never contain a secret.
 *
 * @param text     the fact, one sentence, e.g. {@code rule 2 of lxc:103 accepts tcp/9000 only from 10.0.0.12}
 * @param location where the fact was read, when known
 */
public record Evidence(String text, Optional<Location> location) {

    /**
     * Validates the components.
     *
     * @param text the fact
     * @param location where it was read, when known
     * @throws NullPointerException if an argument is null
     */
    public Evidence {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(location, "location");
    }

    /**
     * Evidence without a location.
     *
     * @param text the fact
     * @return the evidence
     */
    public static Evidence of(String text) {
        return new Evidence(text, Optional.empty());
    }

    /**
     * Evidence read at a location.
     *
     * @param text     the fact
     * @param location where it was read
     * @return the evidence
     */
    public static Evidence of(String text, Location location) {
        return new Evidence(text, Optional.of(location));
    }
}
