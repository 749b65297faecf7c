package io.phoenixdiag.pki.internal;

import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.HexFormat;

import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The one BouncyCastle provider object of this module, used directly (never registered with
 * {@link java.security.Security}), and small shared helpers. Thread-safe.
 */
public final class Bc {
    /** The provider instance passed explicitly to JCA look-ups. */
    public static final Provider PROVIDER = new BouncyCastleProvider();

    private static final ThreadLocal<CertificateFactory> JDK_FACTORY = ThreadLocal.withInitial(() -> {
        try {
            return CertificateFactory.getInstance("X.509");
        } catch (CertificateException e) {
            throw new IllegalStateException("the JDK has no X.509 certificate factory", e);
        }
    });

    /** Most public keys kept in {@link #publicKey}'s cache. */
    private static final int KEY_CACHE_SIZE = 4096;
    private static final java.util.Map<java.nio.ByteBuffer, java.security.PublicKey> KEYS =
            new java.util.concurrent.ConcurrentHashMap<>();

    private Bc() {
    }

    /**
     * The BouncyCastle key object for a SubjectPublicKeyInfo, cached by its DER: issuer keys recur (the same
     * intermediate signs many leaves) and BouncyCastle keeps its per-point precomputation on the key object,
     * which makes repeated ECDSA verifications several times faster. The cache is bounded (cleared when full).
     *
     * @param spki the key info
     * @return the key, or null when BouncyCastle cannot decode it
     * @throws java.io.IOException if the key info cannot be encoded
     */
    public static java.security.PublicKey publicKey(org.bouncycastle.asn1.x509.SubjectPublicKeyInfo spki)
            throws java.io.IOException {
        java.nio.ByteBuffer k = java.nio.ByteBuffer.wrap(spki.getEncoded());
        java.security.PublicKey key = KEYS.get(k);
        if (key == null) {
            key = org.bouncycastle.jce.provider.BouncyCastleProvider.getPublicKey(spki);
            if (key != null) {
                if (KEYS.size() >= KEY_CACHE_SIZE) {
                    KEYS.clear();
                }
                KEYS.put(k, key);
            }
        }
        return key;
    }

    /**
     * The calling thread's JDK X.509 certificate factory.
     *
     * @return the factory
     */
    public static CertificateFactory x509Factory() {
        return JDK_FACTORY.get();
    }

    /**
     * Parses one DER certificate with the JDK factory.
     *
     * @param der the DER bytes
     * @return the certificate
     * @throws CertificateException if the bytes are not a certificate
     */
    public static X509Certificate certificate(byte[] der) throws CertificateException {
        return (X509Certificate) x509Factory().generateCertificate(new ByteArrayInputStream(der));
    }

    /**
     * The BouncyCastle {@link org.bouncycastle.asn1.x509.KeyUsage} mask of a key usage bit.
     *
     * @param bit the bit
     * @return the mask for {@code new KeyUsage(int)} and {@code hasUsages(int)}
     */
    public static int keyUsageMask(io.phoenixdiag.pki.cert.KeyUsageBit bit) {
        return switch (bit) {
            case DIGITAL_SIGNATURE -> org.bouncycastle.asn1.x509.KeyUsage.digitalSignature;
            case NON_REPUDIATION -> org.bouncycastle.asn1.x509.KeyUsage.nonRepudiation;
            case KEY_ENCIPHERMENT -> org.bouncycastle.asn1.x509.KeyUsage.keyEncipherment;
            case DATA_ENCIPHERMENT -> org.bouncycastle.asn1.x509.KeyUsage.dataEncipherment;
            case KEY_AGREEMENT -> org.bouncycastle.asn1.x509.KeyUsage.keyAgreement;
            case KEY_CERT_SIGN -> org.bouncycastle.asn1.x509.KeyUsage.keyCertSign;
            case CRL_SIGN -> org.bouncycastle.asn1.x509.KeyUsage.cRLSign;
            case ENCIPHER_ONLY -> org.bouncycastle.asn1.x509.KeyUsage.encipherOnly;
            case DECIPHER_ONLY -> org.bouncycastle.asn1.x509.KeyUsage.decipherOnly;
        };
    }

    /**
     * Lower-case hex SHA-256 of some bytes.
     *
     * @param data the bytes
     * @return 64 hex digits
     */
    public static String sha256Hex(byte[] data) {
        return HexFormat.of().formatHex(sha256(data));
    }

    /**
     * SHA-256 of some bytes.
     *
     * @param data the bytes
     * @return 32 bytes
     */
    public static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }

    /**
     * Lower-case hex SHA-256 of a certificate's DER encoding, as {@code step certificate fingerprint} prints it.
     *
     * @param certificate the certificate
     * @return 64 hex digits
     */
    public static String fingerprint(X509Certificate certificate) {
        try {
            return sha256Hex(certificate.getEncoded());
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException("certificate cannot be re-encoded", e);
        }
    }
}
