package io.phoenixdiag.pki.truststore;

import java.util.List;
import java.util.Objects;

import io.phoenixdiag.core.diag.Finding;

/**
 * Where a CA is (and is not) trusted in one root filesystem, as found by {@link TrustStoreInspector}.
 * Immutable and thread-safe.
 *
 * @param label       the inspected tree's label, such as {@code lxc:102}
 * @param ca          the CA's SHA-256 fingerprint
 * @param caSubject   the CA's subject in RFC 2253 form, or {@code ""} when only the fingerprint was known and
 *                    no store held the certificate
 * @param places      every place checked, in the order bundle, hashed links, local CA files, Java keystores
 * @param findings    the problems found ({@code pki.ca-not-trusted}, ...), empty when the CA is fully trusted
 */
public record TrustStoreReport(String label, CertificateFingerprint ca, String caSubject,
                               List<TrustStorePlace> places, List<Finding> findings) {

    /**
     * Validates and copies the components.
     *
     * @param label the label
     * @param ca the fingerprint
     * @param caSubject the subject or {@code ""}
     * @param places the places
     * @param findings the findings
     * @throws NullPointerException if a component is null
     */
    public TrustStoreReport {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(ca, "ca");
        Objects.requireNonNull(caSubject, "caSubject");
        places = List.copyOf(places);
        findings = List.copyOf(findings);
    }

    /**
     * Whether the system bundle trusts the CA (what OpenSSL-, GnuTLS-, Go- and curl-based clients use).
     *
     * @return {@code true} when the {@link TrustStoreKind#CA_BUNDLE} place is {@link TrustState#TRUSTED}
     */
    public boolean trusted() {
        return places.stream().anyMatch(p -> p.kind() == TrustStoreKind.CA_BUNDLE && p.state() == TrustState.TRUSTED);
    }

    /**
     * The places of one kind.
     *
     * @param kind the kind
     * @return the places of that kind, possibly empty
     */
    public List<TrustStorePlace> places(TrustStoreKind kind) {
        return places.stream().filter(p -> p.kind() == kind).toList();
    }
}
