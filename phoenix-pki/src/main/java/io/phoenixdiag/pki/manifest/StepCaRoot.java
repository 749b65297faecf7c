package io.phoenixdiag.pki.manifest;

import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.phoenixdiag.pki.pem.PkiLoader;
import io.phoenixdiag.pki.pem.PkiParseException;
import io.phoenixdiag.pki.truststore.CertificateFingerprint;

/**
 * The trust anchor manifest certificates must chain to: the Step-CA root, given as a certificate (read from a
 * file or fetched with {@code io.phoenixdiag.pki.stepca.StepCaClient}) or only by its SHA-256 fingerprint, plus
 * any intermediates known from the CA ({@code GET /intermediates}). Immutable and thread-safe.
 *
 * @param certificate   the root certificate, or empty when only the fingerprint is known (then the root must
 *                      appear in the certificate file itself for the chain to be checked)
 * @param fingerprint   the root's SHA-256 fingerprint
 * @param intermediates the CA's intermediates, possibly empty: with them a certificate file that lacks its
 *                      intermediate is reported as MISSING_INTERMEDIATE (the file is what the service presents,
 *                      so the intermediate must be in it) rather than UNKNOWN_ISSUER
 */
public record StepCaRoot(Optional<X509Certificate> certificate, CertificateFingerprint fingerprint,
                         List<X509Certificate> intermediates) {

    /**
     * Validates and copies the components.
     *
     * @param certificate the root or empty
     * @param fingerprint its fingerprint
     * @param intermediates the intermediates
     * @throws NullPointerException     if a component is null
     * @throws IllegalArgumentException if the certificate does not have the fingerprint
     */
    public StepCaRoot {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(fingerprint, "fingerprint");
        intermediates = List.copyOf(intermediates);
        if (certificate.isPresent() && !fingerprint.matches(certificate.get())) {
            throw new IllegalArgumentException("root certificate does not have fingerprint " + fingerprint);
        }
    }

    /**
     * A root given as a certificate.
     *
     * @param root the root certificate
     * @return the anchor without intermediates
     */
    public static StepCaRoot of(X509Certificate root) {
        return new StepCaRoot(Optional.of(root), CertificateFingerprint.of(root), List.of());
    }

    /**
     * A root known only by fingerprint ({@code step ca bootstrap --fingerprint}).
     *
     * @param fingerprint the fingerprint
     * @return the anchor without certificate or intermediates
     */
    public static StepCaRoot of(CertificateFingerprint fingerprint) {
        return new StepCaRoot(Optional.empty(), fingerprint, List.of());
    }

    /**
     * A root read from a PEM or DER file (the first certificate), such as step-ca's {@code root_ca.crt}.
     *
     * @param file the file
     * @return the anchor
     * @throws IOException       if the file cannot be read
     * @throws PkiParseException if it holds no readable certificate
     */
    public static StepCaRoot fromFile(Path file) throws IOException, PkiParseException {
        return of(PkiLoader.certificates(file).get(0));
    }

    /**
     * A copy with intermediates known from the CA.
     *
     * @param intermediates the intermediates
     * @return the new anchor
     */
    public StepCaRoot withIntermediates(List<X509Certificate> intermediates) {
        return new StepCaRoot(certificate, fingerprint, intermediates);
    }
}
