package io.phoenixdiag.pki.cert;

/**
 * Key algorithm and size of a certificate built by {@link CertificateBuilder}.
 */
public enum KeyType {
    /** ECDSA on NIST P-256 (secp256r1) signing with SHA-256: step-ca's default. */
    EC_P256("EC", 256, "SHA256withECDSA"),
    /** ECDSA on NIST P-384 (secp384r1) signing with SHA-384. */
    EC_P384("EC", 384, "SHA384withECDSA"),
    /** RSA, 2048-bit modulus, PKCS#1 v1.5 signatures with SHA-256. */
    RSA_2048("RSA", 2048, "SHA256withRSA"),
    /** RSA, 3072-bit modulus, PKCS#1 v1.5 signatures with SHA-256. */
    RSA_3072("RSA", 3072, "SHA256withRSA"),
    /** RSA, 4096-bit modulus, PKCS#1 v1.5 signatures with SHA-256. */
    RSA_4096("RSA", 4096, "SHA256withRSA");

    private final String algorithm;
    private final int bits;
    private final String signatureAlgorithm;

    KeyType(String algorithm, int bits, String signatureAlgorithm) {
        this.algorithm = algorithm;
        this.bits = bits;
        this.signatureAlgorithm = signatureAlgorithm;
    }

    /**
     * The JCA key algorithm name.
     *
     * @return {@code EC} or {@code RSA}
     */
    public String algorithm() {
        return algorithm;
    }

    /**
     * The key size.
     *
     * @return size in bits (curve order size for EC, modulus size for RSA)
     */
    public int bits() {
        return bits;
    }

    /**
     * The JCA name of the signature algorithm a key of this type signs certificates with.
     *
     * @return for example {@code SHA256withECDSA}
     */
    public String signatureAlgorithm() {
        return signatureAlgorithm;
    }
}
