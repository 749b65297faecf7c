package io.phoenixdiag.pki.internal;

import java.io.IOException;
import java.math.BigInteger;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.NameConstraints;

/**
 * A certificate with the parts path validation needs decoded once (BouncyCastle ASN.1). Not thread-safe
 * for the lazily computed fields; instances live within one validation, or are pre-computed for anchors.
 */
final class CertInfo {
    final X509Certificate cert;
    final byte[] der;
    final Certificate asn1;
    final X500Principal subject;
    final X500Principal issuer;
    final Extensions exts;
    /** Non-null when an extension this validator processes cannot be decoded. */
    String malformed;
    byte[] ski;
    boolean skiCritical;
    AuthorityKeyIdentifier aki;
    boolean akiCritical;
    BasicConstraints basic;
    boolean basicCritical;
    KeyUsage keyUsage;
    List<String> eku;
    boolean ekuCritical;
    GeneralNames san;
    boolean sanCritical;
    NameConstraints nameConstraints;
    final boolean selfIssued;
    private String fingerprint;
    private PublicKey key;
    private boolean keyTried;

    CertInfo(X509Certificate cert) throws CertificateEncodingException {
        this.cert = cert;
        this.der = cert.getEncoded();
        this.asn1 = Certificate.getInstance(der);
        this.subject = cert.getSubjectX500Principal();
        this.issuer = cert.getIssuerX500Principal();
        this.selfIssued = subject.equals(issuer);
        Extensions e = null;
        try {
            e = asn1.getTBSCertificate().getExtensions();
        } catch (RuntimeException ex) {
            malformed = "extensions cannot be decoded (" + ex.getMessage() + ")";
        }
        this.exts = e;
        if (e != null) {
            decode(e);
        }
    }

    private void decode(Extensions e) {
        String current = "";
        try {
            current = "subjectKeyIdentifier";
            Extension x = e.getExtension(Extension.subjectKeyIdentifier);
            if (x != null) {
                ski = ASN1OctetString.getInstance(x.getParsedValue()).getOctets();
                skiCritical = x.isCritical();
            }
            current = "authorityKeyIdentifier";
            x = e.getExtension(Extension.authorityKeyIdentifier);
            if (x != null) {
                aki = AuthorityKeyIdentifier.getInstance(x.getParsedValue());
                akiCritical = x.isCritical();
            }
            current = "basicConstraints";
            x = e.getExtension(Extension.basicConstraints);
            if (x != null) {
                basic = BasicConstraints.getInstance(x.getParsedValue());
                basicCritical = x.isCritical();
            }
            current = "keyUsage";
            x = e.getExtension(Extension.keyUsage);
            if (x != null) {
                keyUsage = KeyUsage.getInstance(x.getParsedValue());
            }
            current = "extKeyUsage";
            x = e.getExtension(Extension.extendedKeyUsage);
            if (x != null) {
                ASN1Sequence seq = ASN1Sequence.getInstance(x.getParsedValue());
                if (seq.size() == 0) {
                    throw new IllegalArgumentException("empty SEQUENCE (RFC 5280 requires SIZE (1..MAX))");
                }
                List<String> oids = new ArrayList<>();
                for (int i = 0; i < seq.size(); i++) {
                    oids.add(KeyPurposeId.getInstance(seq.getObjectAt(i)).getId());
                }
                eku = oids;
                ekuCritical = x.isCritical();
            }
            current = "subjectAltName";
            x = e.getExtension(Extension.subjectAlternativeName);
            if (x != null) {
                san = GeneralNames.getInstance(x.getParsedValue());
                sanCritical = x.isCritical();
                if (san.getNames().length == 0) {
                    throw new IllegalArgumentException("empty SEQUENCE");
                }
            }
            current = "nameConstraints";
            x = e.getExtension(Extension.nameConstraints);
            if (x != null) {
                nameConstraints = NameConstraints.getInstance(x.getParsedValue());
            }
            current = "authorityInfoAccess";
            x = e.getExtension(Extension.authorityInfoAccess);
            if (x != null) {
                org.bouncycastle.asn1.x509.AuthorityInformationAccess.getInstance(x.getParsedValue());
            }
        } catch (RuntimeException ex) {
            malformed = "malformed " + current + " extension (" + ex.getMessage() + ")";
        }
    }

    boolean isCritical(ASN1ObjectIdentifier oid) {
        Extension x = exts == null ? null : exts.getExtension(oid);
        return x != null && x.isCritical();
    }

    boolean has(ASN1ObjectIdentifier oid) {
        return exts != null && exts.getExtension(oid) != null;
    }

    boolean isCa() {
        return basic != null && basic.isCA();
    }

    BigInteger pathLen() {
        return basic == null ? null : basic.getPathLenConstraint();
    }

    byte[] akiKeyId() {
        return aki == null ? null : aki.getKeyIdentifierObject() == null ? null : aki.getKeyIdentifierObject().getOctets();
    }

    boolean sameKeyAs(CertInfo other) {
        return Arrays.equals(asn1.getSubjectPublicKeyInfo().getPublicKeyData().getBytes(),
                other.asn1.getSubjectPublicKeyInfo().getPublicKeyData().getBytes());
    }

    String fingerprint() {
        if (fingerprint == null) {
            fingerprint = Bc.sha256Hex(der);
        }
        return fingerprint;
    }

    /** The public key as a BouncyCastle key object (fast to verify with), or null when unsupported/malformed. */
    PublicKey bcKey() {
        if (!keyTried) {
            keyTried = true;
            try {
                key = Bc.publicKey(asn1.getSubjectPublicKeyInfo());
            } catch (IOException | RuntimeException e) {
                key = null;
            }
        }
        return key;
    }

    boolean sameCertificate(CertInfo other) {
        return Arrays.equals(der, other.der);
    }
}
