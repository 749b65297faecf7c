package io.phoenixdiag.pki.path;

import java.security.cert.X509Certificate;
import java.util.Objects;

import io.phoenixdiag.pki.internal.Bc;

/**
 * Names one certificate in a report: subject, issuer, serial and SHA-256 fingerprint. Immutable and
 * thread-safe.
 *
 * @param subject     the subject DN in RFC 2253 form ({@code ""} when empty)
 * @param issuer      the issuer DN in RFC 2253 form
 * @param serial      the serial number in lower-case hex, as {@code step certificate inspect} shows it in hex
 * @param fingerprint the SHA-256 of the DER encoding, 64 lower-case hex digits
 */
public record CertificateRef(String subject, String issuer, String serial, String fingerprint) {

    /**
     * Validates the components.
     *
     * @param subject the subject
     * @param issuer the issuer
     * @param serial the serial in hex
     * @param fingerprint the fingerprint
     * @throws NullPointerException if a component is null
     */
    public CertificateRef {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(serial, "serial");
        Objects.requireNonNull(fingerprint, "fingerprint");
    }

    /**
     * Describes a certificate.
     *
     * @param certificate the certificate
     * @return its reference
     */
    public static CertificateRef of(X509Certificate certificate) {
        return new CertificateRef(certificate.getSubjectX500Principal().getName(),
                certificate.getIssuerX500Principal().getName(), certificate.getSerialNumber().toString(16),
                Bc.fingerprint(certificate));
    }

    /**
     * One line for humans.
     *
     * @return {@code subject (serial S, sha256 F)}
     */
    @Override
    public String toString() {
        return (subject.isEmpty() ? "<empty subject>" : subject) + " (serial " + serial + ", sha256 " + fingerprint + ")";
    }
}
