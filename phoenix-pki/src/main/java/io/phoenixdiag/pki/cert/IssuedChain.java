package io.phoenixdiag.pki.cert;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.phoenixdiag.pki.pem.PemEncoder;

/**
 * A root, its intermediates and a leaf, as made by {@link ChainBuilder}. Immutable and thread-safe;
 * {@link #toString()} shows no key material.
 *
 * @param root          the self-signed root CA (the trust anchor)
 * @param intermediates the intermediates, the one issuing the leaf first (the order a server sends them)
 * @param leaf          the end-entity certificate
 */
public record IssuedChain(IssuedCertificate root, List<IssuedCertificate> intermediates, IssuedCertificate leaf) {

    /**
     * Validates and copies the components.
     *
     * @param root the root
     * @param intermediates the intermediates, leaf's issuer first
     * @param leaf the leaf
     * @throws NullPointerException if a component is null
     */
    public IssuedChain {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(leaf, "leaf");
        intermediates = List.copyOf(intermediates);
    }

    /**
     * The intermediate certificates, leaf's issuer first.
     *
     * @return the certificates
     */
    public List<X509Certificate> intermediateCertificates() {
        return intermediates.stream().map(IssuedCertificate::certificate).toList();
    }

    /**
     * What a TLS server presents: the leaf followed by the intermediates.
     *
     * @return leaf first, then intermediates
     */
    public List<X509Certificate> presentedChain() {
        List<X509Certificate> out = new ArrayList<>();
        out.add(leaf.certificate());
        out.addAll(intermediateCertificates());
        return out;
    }

    /**
     * The presented chain as PEM (a typical {@code fullchain.pem}).
     *
     * @return leaf block then intermediate blocks
     */
    public String presentedChainPem() {
        return PemEncoder.certificates(presentedChain());
    }

    /**
     * The root as PEM (a typical {@code root_ca.crt}).
     *
     * @return one block
     */
    public String rootPem() {
        return root.certificatePem();
    }
}
