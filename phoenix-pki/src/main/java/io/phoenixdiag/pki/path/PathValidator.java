package io.phoenixdiag.pki.path;

import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import io.phoenixdiag.pki.cert.KeyPurpose;
import io.phoenixdiag.pki.cert.KeyUsageBit;
import io.phoenixdiag.pki.internal.PathEngine;
import io.phoenixdiag.pki.name.ReferenceIdentity;

/**
 * Builds and validates certification paths (RFC 5280 section 6) from an end-entity certificate through an
 * unordered pool of presented intermediates to a set of trust anchors, applying the rules web PKI TLS
 * clients apply, and returns a {@link ValidationResult} with a precise {@link FailureReason}.
 *
 * <p>Path building: depth-first over certificates whose subject equals the current certificate's issuer
 * (trust anchors before presented ones; candidates whose subject key identifier contradicts the authority
 * key identifier are skipped), so irrelevant, duplicate or misordered intermediates are harmless and a
 * path that fails (say, through an expired cross-signed intermediate) gives way to another that validates.
 * Work is bounded (64 signature checks, 512 candidate issuers) against pathological inputs. When no path
 * validates, the reported failure comes from the path that got furthest: one that reached a trust anchor
 * first, then a root of the anchor's name (WRONG_ROOT), then the longest partial path.
 *
 * <p>Validation of a complete path, from the anchor down to the end-entity: profile rules
 * ({@link FailureReason#NONCONFORMING_CERTIFICATE}), algorithms ({@link FailureReason#WEAK_ALGORITHM}),
 * validity at the clock's instant with the configured skew, unknown critical extensions, for each CA
 * basicConstraints, keyCertSign, pathLenConstraint (self-issued intermediates not counted), an EKU restriction
 * and name constraints; revocation against the given CRLs; then the end-entity's CA flag, key usage, extended
 * key usage (no EKU extension means any purpose; anyExtendedKeyUsage alone does not satisfy serverAuth or
 * clientAuth) and the reference identity (RFC 9525, no common-name fallback). Trust anchors are checked like
 * the other certificates (validity, basicConstraints, keyUsage), except for their own signatures.
 * Signatures are verified with BouncyCastle (the provider object is passed explicitly, never registered).
 *
 * <p>Immutable and thread-safe; build once with {@link #builder()} and share. Options:
 * <table>
 *   <caption>Options</caption>
 *   <tr><th>option</th><th>default</th></tr>
 *   <tr><td>{@link Builder#trustAnchors}</td><td>none (every path fails)</td></tr>
 *   <tr><td>{@link Builder#knownIntermediates}</td><td>none; with them MISSING_INTERMEDIATE is told apart from UNKNOWN_ISSUER</td></tr>
 *   <tr><td>{@link Builder#clock}</td><td>{@link Clock#systemUTC()}</td></tr>
 *   <tr><td>{@link Builder#clockSkew}</td><td>0 seconds</td></tr>
 *   <tr><td>{@link Builder#purpose}</td><td>{@link KeyPurpose#SERVER_AUTH}; {@link KeyPurpose#ANY} disables EKU checks</td></tr>
 *   <tr><td>{@link Builder#requiredKeyUsage}</td><td>none</td></tr>
 *   <tr><td>{@link Builder#crls}</td><td>none (no revocation checking)</td></tr>
 *   <tr><td>{@link Builder#maxIntermediates}</td><td>8</td></tr>
 * </table>
 */
public final class PathValidator {
    private final PathEngine engine;
    private final Clock clock;

    private PathValidator(Builder b) {
        this.clock = b.clock;
        this.engine = new PathEngine(new PathEngine.Config(List.copyOf(b.anchors), List.copyOf(b.known), b.skew,
                b.purpose, Set.copyOf(b.requiredKeyUsage), List.copyOf(b.crls), b.maxIntermediates));
    }

    /**
     * Starts a validator configuration.
     *
     * @return a new builder; not thread-safe
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Validates an end-entity certificate without a reference identity.
     *
     * @param endEntity     the end-entity (leaf) certificate
     * @param intermediates presented intermediates, any order, duplicates and unrelated certificates allowed
     * @return the result; never null
     */
    public ValidationResult validate(X509Certificate endEntity, Collection<X509Certificate> intermediates) {
        return engine.validate(endEntity, intermediates, Optional.empty(), clock.instant());
    }

    /**
     * Validates an end-entity certificate for a reference identity.
     *
     * @param endEntity     the end-entity certificate
     * @param intermediates presented intermediates, any order
     * @param reference     the name or IP address the client expects
     * @return the result; never null
     */
    public ValidationResult validate(X509Certificate endEntity, Collection<X509Certificate> intermediates,
                                     ReferenceIdentity reference) {
        return engine.validate(endEntity, intermediates, Optional.of(reference), clock.instant());
    }

    /**
     * Validates an end-entity certificate, with a reference identity when one is given.
     *
     * @param endEntity     the end-entity certificate
     * @param intermediates presented intermediates, any order
     * @param reference     the reference identity, or empty to skip name checking
     * @return the result; never null
     */
    public ValidationResult validate(X509Certificate endEntity, Collection<X509Certificate> intermediates,
                                     Optional<ReferenceIdentity> reference) {
        return engine.validate(endEntity, intermediates, reference, clock.instant());
    }

    /**
     * Validates a presented chain as a TLS server sends it: the first certificate is the end-entity, the rest the pool.
     *
     * @param presented the certificates, end-entity first; not empty
     * @param reference the reference identity, or empty to skip name checking
     * @return the result; never null
     * @throws IllegalArgumentException if {@code presented} is empty
     */
    public ValidationResult validate(List<X509Certificate> presented, Optional<ReferenceIdentity> reference) {
        if (presented.isEmpty()) {
            throw new IllegalArgumentException("no certificate presented");
        }
        return engine.validate(presented.get(0), presented.subList(1, presented.size()), reference, clock.instant());
    }

    /**
     * Configuration for {@link PathValidator}. Not thread-safe; setters reject impossible values at once.
     */
    public static final class Builder {
        private final List<X509Certificate> anchors = new ArrayList<>();
        private final List<X509Certificate> known = new ArrayList<>();
        private final List<X509CRL> crls = new ArrayList<>();
        private Clock clock = Clock.systemUTC();
        private Duration skew = Duration.ZERO;
        private KeyPurpose purpose = KeyPurpose.SERVER_AUTH;
        private Set<KeyUsageBit> requiredKeyUsage = EnumSet.noneOf(KeyUsageBit.class);
        private int maxIntermediates = 8;

        private Builder() {
        }

        /**
         * Adds trust anchors (RFC 5280 section 6.1.1 (d)), normally self-signed roots.
         *
         * @param anchors the trusted certificates
         * @return this builder
         */
        public Builder trustAnchors(Collection<X509Certificate> anchors) {
            anchors.forEach(a -> this.anchors.add(Objects.requireNonNull(a, "anchor")));
            return this;
        }

        /**
         * Adds trust anchors.
         *
         * @param anchors the trusted certificates
         * @return this builder
         */
        public Builder trustAnchors(X509Certificate... anchors) {
            return trustAnchors(List.of(anchors));
        }

        /**
         * Adds certificates known to exist (such as the CA's {@code /intermediates}) but which a peer must
         * present itself: they are never used to build a valid path, only to report MISSING_INTERMEDIATE.
         *
         * @param certificates the known certificates
         * @return this builder
         */
        public Builder knownIntermediates(Collection<X509Certificate> certificates) {
            certificates.forEach(c -> this.known.add(Objects.requireNonNull(c, "certificate")));
            return this;
        }

        /**
         * Sets the clock giving the validation instant.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Sets the allowed clock skew: a certificate counts as valid from {@code notBefore - skew} to
         * {@code notAfter + skew}.
         *
         * @param skew a non-negative duration
         * @return this builder
         * @throws IllegalArgumentException if negative
         */
        public Builder clockSkew(Duration skew) {
            if (skew.isNegative()) {
                throw new IllegalArgumentException("clock skew must not be negative: " + skew);
            }
            this.skew = skew;
            return this;
        }

        /**
         * Sets the purpose the end-entity certificate must allow.
         *
         * @param purpose {@link KeyPurpose#SERVER_AUTH}, {@link KeyPurpose#CLIENT_AUTH}, or {@link KeyPurpose#ANY}
         *                for no EKU check
         * @return this builder
         */
        public Builder purpose(KeyPurpose purpose) {
            this.purpose = Objects.requireNonNull(purpose, "purpose");
            return this;
        }

        /**
         * Sets key usage bits the end-entity certificate must allow when it has a keyUsage extension.
         *
         * @param bits the bits
         * @return this builder
         */
        public Builder requiredKeyUsage(KeyUsageBit... bits) {
            this.requiredKeyUsage = bits.length == 0 ? EnumSet.noneOf(KeyUsageBit.class) : EnumSet.copyOf(List.of(bits));
            return this;
        }

        /**
         * Adds CRLs to check revocation against (RFC 5280 section 6.3); a certificate whose issuer has no CRL
         * here is not checked.
         *
         * @param crls the CRLs
         * @return this builder
         */
        public Builder crls(Collection<X509CRL> crls) {
            crls.forEach(c -> this.crls.add(Objects.requireNonNull(c, "crl")));
            return this;
        }

        /**
         * Sets the most intermediates a path may hold.
         *
         * @param max 0 to 32
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder maxIntermediates(int max) {
            if (max < 0 || max > 32) {
                throw new IllegalArgumentException("maxIntermediates must be 0..32: " + max);
            }
            this.maxIntermediates = max;
            return this;
        }

        /**
         * Builds the validator.
         *
         * @return the immutable validator
         * @throws IllegalArgumentException if a trust anchor cannot be decoded
         */
        public PathValidator build() {
            return new PathValidator(this);
        }
    }
}
