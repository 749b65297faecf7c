package io.phoenixdiag.pki.manifest;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

import io.phoenixdiag.core.diag.Finding;

/**
 * The compliance of one manifest entry. Immutable and thread-safe.
 *
 * @param entry             the entry
 * @param certificate       the end-entity certificate read from {@code cert_path}, when it could be read
 * @param remainingFraction the fraction of the certificate's own lifetime still ahead at the policy's clock
 *                          (1.0 just issued, 0.0 or below expired), when the certificate was read
 * @param findings          the problems found, empty when the entry complies
 */
public record EntryReport(ManifestEntry entry, Optional<X509Certificate> certificate, OptionalDouble remainingFraction,
                          List<Finding> findings) {

    /**
     * Validates and copies the components.
     *
     * @param entry the entry
     * @param certificate the certificate or empty
     * @param remainingFraction the fraction or empty
     * @param findings the findings
     * @throws NullPointerException if a component is null
     */
    public EntryReport {
        Objects.requireNonNull(entry, "entry");
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(remainingFraction, "remainingFraction");
        findings = List.copyOf(findings);
    }

    /**
     * Whether the entry complies.
     *
     * @return {@code true} when there is no finding
     */
    public boolean compliant() {
        return findings.isEmpty();
    }
}
