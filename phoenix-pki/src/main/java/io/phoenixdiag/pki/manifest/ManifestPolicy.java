package io.phoenixdiag.pki.manifest;

import java.time.Clock;
import java.util.Objects;

/**
 * Thresholds of the manifest check. Immutable and thread-safe.
 *
 * <table>
 *   <caption>Options</caption>
 *   <tr><th>option</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code clock}</td><td>none (required)</td><td>gives "now" for lifetime checks</td></tr>
 *   <tr><td>{@code warnBelowFraction}</td><td>0.5</td><td>WARNING {@code pki.renewal-failing} when less than this
 *     fraction of the certificate's own lifetime (notAfter - notBefore) remains. step-ca leaves live 24 h; Phoenix's
 *     renewal manager renews when less than 12 h remain and {@code step ca renew --daemon} after two thirds of the
 *     lifetime, so a certificate with less than half left means renewal is failing</td></tr>
 * </table>
 * An expired certificate is always CRITICAL ({@code pki.cert-expired}).
 *
 * @param clock             the clock
 * @param warnBelowFraction the remaining-lifetime fraction below which renewal is considered failing, in [0, 1]
 */
public record ManifestPolicy(Clock clock, double warnBelowFraction) {
    /** The default warning threshold: half the lifetime. */
    public static final double DEFAULT_WARN_BELOW_FRACTION = 0.5;

    /**
     * Validates the components.
     *
     * @param clock the clock
     * @param warnBelowFraction the threshold
     * @throws NullPointerException     if {@code clock} is null
     * @throws IllegalArgumentException if the fraction is outside [0, 1]
     */
    public ManifestPolicy {
        Objects.requireNonNull(clock, "clock");
        if (!(warnBelowFraction >= 0 && warnBelowFraction <= 1)) {
            throw new IllegalArgumentException("warnBelowFraction must be in [0, 1]: " + warnBelowFraction);
        }
    }

    /**
     * The default policy.
     *
     * @param clock the clock giving "now"
     * @return the policy with a 0.5 warning threshold
     */
    public static ManifestPolicy defaults(Clock clock) {
        return new ManifestPolicy(clock, DEFAULT_WARN_BELOW_FRACTION);
    }
}
