package io.phoenixdiag.net.probe;

import java.util.List;
import java.util.Objects;

/**
 * Facts about the certificate chain a TLS server served (RFC 8446 section 4.4.2: end-entity first, then the
 * certificates that certify it). Immutable and thread-safe.
 *
 * @param count                 how many certificates were served; 0 when none was received
 * @param subjects              their subject DNs (RFC 4514), in the order served
 * @param missingIntermediate   the server sent no certificate that issued its end-entity certificate, and that
 *                              certificate is neither self-signed nor issued by a chosen trust anchor (or phoenix-pki
 *                              reported MISSING_INTERMEDIATE): clients without the intermediate cached fail
 * @param rootSentNeedlessly    a self-signed certificate (a root) was served after the end-entity; RFC 8446
 *                              section 4.4.2 allows omitting it, clients must have it as a trust anchor anyway
 * @param traefikDefaultCert    the end-entity certificate is Traefik's self-signed fallback
 *                              ({@code CN=TRAEFIK DEFAULT CERT}): no router matched the SNI or its certificate failed to load
 * @param lifetimeLeftFraction  the end-entity certificate's remaining validity at the probe's instant as a fraction
 *                              of its whole lifetime, clamped to [0, 1] (0 when expired or when nothing was served)
 * @param leafNotAfterEpochSeconds the end-entity certificate's notAfter in seconds since the epoch; 0 when nothing was served
 */
public record ChainFacts(int count, List<String> subjects, boolean missingIntermediate, boolean rootSentNeedlessly,
                         boolean traefikDefaultCert, double lifetimeLeftFraction, long leafNotAfterEpochSeconds) {

    /** Facts for no chain at all. */
    public static final ChainFacts NONE = new ChainFacts(0, List.of(), false, false, false, 0.0, 0);

    /**
     * Validates and copies the components.
     *
     * @param count the count, at least 0
     * @param subjects the subjects
     * @param missingIntermediate whether an intermediate is missing
     * @param rootSentNeedlessly whether a root was sent
     * @param traefikDefaultCert whether the leaf is Traefik's default certificate
     * @param lifetimeLeftFraction the fraction of lifetime left, in [0, 1]
     * @param leafNotAfterEpochSeconds the leaf's notAfter
     * @throws NullPointerException if {@code subjects} is null
     * @throws IllegalArgumentException if {@code count} is negative or the fraction is outside [0, 1]
     */
    public ChainFacts {
        subjects = List.copyOf(subjects);
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0");
        }
        if (!(lifetimeLeftFraction >= 0.0 && lifetimeLeftFraction <= 1.0)) {
            throw new IllegalArgumentException("lifetimeLeftFraction must be in [0, 1]: " + lifetimeLeftFraction);
        }
        Objects.requireNonNull(subjects, "subjects");
    }
}
