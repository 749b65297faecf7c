package io.phoenixdiag.pki.pem;

import java.security.PrivateKey;
import java.security.cert.CRLException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;

/**
 * Writes certificates, CRLs and private keys as PEM text (RFC 7468: 64-character base64 lines, {@code \n}
 * line ends, a final newline). Stateless and thread-safe.
 */
public final class PemEncoder {
    private static final Base64.Encoder B64 = Base64.getMimeEncoder(64, new byte[] {'\n'});

    private PemEncoder() {
    }

    /**
     * Encodes DER bytes under a PEM label.
     *
     * @param label the label, such as {@code CERTIFICATE}
     * @param der   the bytes
     * @return the PEM block with a final newline
     */
    public static String block(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + B64.encodeToString(der) + "\n-----END " + label + "-----\n";
    }

    /**
     * Encodes certificates as consecutive {@code CERTIFICATE} blocks.
     *
     * @param certificates the certificates, in the order wanted in the output
     * @return the PEM text ({@code ""} for an empty list)
     * @throws IllegalArgumentException if a certificate cannot be encoded
     */
    public static String certificates(List<X509Certificate> certificates) {
        StringBuilder sb = new StringBuilder();
        for (X509Certificate c : certificates) {
            sb.append(certificate(c));
        }
        return sb.toString();
    }

    /**
     * Encodes one certificate.
     *
     * @param certificate the certificate
     * @return a {@code CERTIFICATE} block
     * @throws IllegalArgumentException if the certificate cannot be encoded
     */
    public static String certificate(X509Certificate certificate) {
        try {
            return block("CERTIFICATE", certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("certificate cannot be encoded", e);
        }
    }

    /**
     * Encodes a CRL.
     *
     * @param crl the CRL
     * @return an {@code X509 CRL} block
     * @throws IllegalArgumentException if the CRL cannot be encoded
     */
    public static String crl(X509CRL crl) {
        try {
            return block("X509 CRL", crl.getEncoded());
        } catch (CRLException e) {
            throw new IllegalArgumentException("CRL cannot be encoded", e);
        }
    }

    /**
     * Encodes a private key as unencrypted PKCS#8 ({@code PRIVATE KEY}). The result is secret: never log it.
     *
     * @param key the key; its {@link PrivateKey#getEncoded()} must be PKCS#8
     * @return a {@code PRIVATE KEY} block
     * @throws IllegalArgumentException if the key has no PKCS#8 encoding
     */
    public static String privateKey(PrivateKey key) {
        byte[] der = key.getEncoded();
        if (der == null || !"PKCS#8".equals(key.getFormat())) {
            throw new IllegalArgumentException("private key has no PKCS#8 encoding");
        }
        return block("PRIVATE KEY", der);
    }
}
