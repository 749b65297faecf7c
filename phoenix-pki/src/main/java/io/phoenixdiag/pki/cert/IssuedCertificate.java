package io.phoenixdiag.pki.cert;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.CRLException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Objects;

import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.OutputEncryptor;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.openssl.PKCS8Generator;

import io.phoenixdiag.pki.internal.Bc;
import io.phoenixdiag.pki.pem.PemEncoder;

/**
 * A certificate together with its key pair, as made by {@link CertificateBuilder}.
 *
 * <p>Immutable and thread-safe. {@link #toString()} names the certificate and never shows the private key;
 * the PEM methods for the key return secrets that must not be logged.
 *
 * @param certificate the certificate (a JDK {@link X509Certificate})
 * @param keyPair     its subject key pair
 */
public record IssuedCertificate(X509Certificate certificate, KeyPair keyPair) {

    /**
     * Validates the components.
     *
     * @param certificate the certificate
     * @param keyPair     the key pair
     * @throws NullPointerException if an argument is null
     */
    public IssuedCertificate {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(keyPair, "keyPair");
    }

    /**
     * The certificate as PEM.
     *
     * @return one {@code CERTIFICATE} block
     */
    public String certificatePem() {
        return PemEncoder.certificate(certificate);
    }

    /**
     * The private key as unencrypted PKCS#8 PEM ({@code PRIVATE KEY}). Secret.
     *
     * @return one {@code PRIVATE KEY} block
     */
    public String privateKeyPem() {
        return PemEncoder.privateKey(keyPair.getPrivate());
    }

    /**
     * The private key in its traditional OpenSSL form: PKCS#1 {@code RSA PRIVATE KEY} (RFC 8017) for RSA,
     * SEC1 {@code EC PRIVATE KEY} (RFC 5915) for EC. Secret.
     *
     * @return one PEM block
     * @throws IllegalStateException if the key cannot be re-encoded
     */
    public String traditionalPrivateKeyPem() {
        try {
            PrivateKeyInfo info = PrivateKeyInfo.getInstance(keyPair.getPrivate().getEncoded());
            ASN1Primitive inner = info.parsePrivateKey().toASN1Primitive();
            String label = "RSA".equals(keyPair.getPrivate().getAlgorithm()) ? "RSA PRIVATE KEY" : "EC PRIVATE KEY";
            if (label.startsWith("EC")) {
                org.bouncycastle.asn1.sec.ECPrivateKey ec = org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(inner);
                int bits = ec.getKey().bitLength();
                inner = new org.bouncycastle.asn1.sec.ECPrivateKey(Math.max(bits, 256), ec.getKey(),
                        ec.getPublicKey(), info.getPrivateKeyAlgorithm().getParameters()).toASN1Primitive();
            }
            return PemEncoder.block(label, inner.getEncoded());
        } catch (IOException e) {
            throw new IllegalStateException("private key cannot be re-encoded", e);
        }
    }

    /**
     * The private key as encrypted PKCS#8 PEM ({@code ENCRYPTED PRIVATE KEY}, PBES2 with AES-256-CBC).
     *
     * @param password the password; read, not kept
     * @return one {@code ENCRYPTED PRIVATE KEY} block
     * @throws IllegalStateException if encryption fails
     */
    public String encryptedPrivateKeyPem(char[] password) {
        try {
            OutputEncryptor enc = new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC)
                    .setProvider(Bc.PROVIDER).setPassword(password).build();
            byte[] der = new JcaPKCS8Generator(keyPair.getPrivate(), enc).generate().getContent();
            return PemEncoder.block("ENCRYPTED PRIVATE KEY", der);
        } catch (OperatorCreationException | org.bouncycastle.util.io.pem.PemGenerationException e) {
            throw new IllegalStateException("private key cannot be encrypted", e);
        }
    }

    /**
     * Writes the certificate and the unencrypted PKCS#8 key to two files (created or replaced).
     *
     * @param certificateFile where to write the certificate PEM
     * @param keyFile         where to write the key PEM
     * @throws IOException if a file cannot be written
     */
    public void writePem(Path certificateFile, Path keyFile) throws IOException {
        Files.writeString(certificateFile, certificatePem());
        Files.writeString(keyFile, privateKeyPem());
    }

    /**
     * The SHA-256 fingerprint of the certificate's DER, as {@code step certificate fingerprint} prints it.
     *
     * @return 64 lower-case hex digits
     */
    public String fingerprint() {
        return Bc.fingerprint(certificate);
    }

    /**
     * Issues a CRL signed by this certificate's key (RFC 5280 section 5), with a CRL number extension and
     * an authority key identifier.
     *
     * @param thisUpdate the issue time (second precision)
     * @param nextUpdate the next update time
     * @param revoked    the certificates to list as revoked (reason keyCompromise), revoked at {@code thisUpdate}
     * @return the CRL
     * @throws IllegalStateException if signing fails
     */
    public X509CRL issueCrl(Instant thisUpdate, Instant nextUpdate, List<X509Certificate> revoked) {
        try {
            X509v2CRLBuilder b = new X509v2CRLBuilder(new JcaX509CertificateHolder(certificate).getSubject(),
                    Date.from(thisUpdate));
            b.setNextUpdate(Date.from(nextUpdate));
            for (X509Certificate r : revoked) {
                b.addCRLEntry(r.getSerialNumber(), Date.from(thisUpdate), CRLReason.keyCompromise);
            }
            b.addExtension(Extension.cRLNumber, false, new org.bouncycastle.asn1.ASN1Integer(BigInteger.ONE));
            b.addExtension(Extension.authorityKeyIdentifier, false,
                    CertificateBuilder.authorityKeyId(this));
            X509CRLHolder h = b.build(new JcaContentSignerBuilder(CertificateBuilder.signatureAlgorithm(keyPair.getPrivate()))
                    .setProvider(Bc.PROVIDER).build(keyPair.getPrivate()));
            return (X509CRL) Bc.x509Factory().generateCRL(new java.io.ByteArrayInputStream(h.getEncoded()));
        } catch (CertificateEncodingException | CRLException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("CRL cannot be issued", e);
        }
    }

    /**
     * Names the certificate without any key material.
     *
     * @return {@code IssuedCertificate[subject=..., serial=..., sha256=...]}
     */
    @Override
    public String toString() {
        return "IssuedCertificate[subject=" + certificate.getSubjectX500Principal().getName()
                + ", serial=" + certificate.getSerialNumber().toString(16)
                + ", sha256=" + fingerprint() + ", privateKey=<masked>]";
    }
}
