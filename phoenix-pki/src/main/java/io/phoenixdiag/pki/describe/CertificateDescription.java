package io.phoenixdiag.pki.describe;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.phoenixdiag.pki.cert.KeyPurpose;
import io.phoenixdiag.pki.cert.KeyUsageBit;
import io.phoenixdiag.pki.internal.Bc;
import io.phoenixdiag.pki.name.ReferenceIdentity;

/**
 * A readable summary of one certificate, like {@code step certificate inspect}: names, serial, validity with the
 * time left, SANs, key, usages, key identifiers and fingerprints. Immutable and thread-safe; never null
 * components (absent values are {@code ""}, {@code -1} or empty lists). Serialises to JSON with the
 * component names as keys ({@link #toJson()}).
 *
 * @param subject                 subject DN (RFC 2253), {@code ""} when empty
 * @param issuer                  issuer DN (RFC 2253)
 * @param serial                  serial number, lower-case hex without separators
 * @param version                 X.509 version (1 to 3)
 * @param notBefore               start of validity, ISO-8601 instant
 * @param notAfter                end of validity, ISO-8601 instant
 * @param secondsLeft             seconds from the description instant to notAfter (negative when expired)
 * @param lifetimeSeconds         notAfter minus notBefore, in seconds
 * @param subjectAlternativeNames SAN entries as {@code DNS:name}, {@code IP:addr}, {@code email:x}, {@code URI:x}
 * @param keyAlgorithm            {@code EC}, {@code RSA}, {@code Ed25519}... as the JDK names it
 * @param keyBits                 key size in bits (modulus for RSA, field size for EC), or -1 when unknown
 * @param curve                   {@code P-256}, {@code P-384}, {@code P-521} for EC keys, else {@code ""}
 * @param signatureAlgorithm      the JCA signature algorithm name, such as {@code SHA256withECDSA}
 * @param ca                      whether basicConstraints says CA:TRUE
 * @param pathLength              the pathLenConstraint, or -1 when absent or not a CA
 * @param keyUsage                key usage bits (RFC 5280 names)
 * @param extendedKeyUsage        EKU purposes (RFC 5280 names, or OIDs when unknown)
 * @param subjectKeyId            subject key identifier, lower-case hex, or {@code ""}
 * @param authorityKeyId          authority key identifier (keyIdentifier), lower-case hex, or {@code ""}
 * @param sha256Fingerprint       SHA-256 of the DER certificate, lower-case hex (as {@code step certificate fingerprint})
 * @param spkiSha256              SHA-256 of the SubjectPublicKeyInfo DER (a key pin), lower-case hex
 * @param selfSigned              whether subject equals issuer and the certificate verifies with its own key
 */
public record CertificateDescription(String subject, String issuer, String serial, int version, String notBefore,
                                     String notAfter, long secondsLeft, long lifetimeSeconds,
                                     List<String> subjectAlternativeNames, String keyAlgorithm, int keyBits, String curve,
                                     String signatureAlgorithm, boolean ca, int pathLength, List<String> keyUsage,
                                     List<String> extendedKeyUsage, String subjectKeyId, String authorityKeyId,
                                     String sha256Fingerprint, String spkiSha256, boolean selfSigned) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * Validates and copies the components.
     *
     * @param subject the subject
     * @param issuer the issuer
     * @param serial the serial
     * @param version the version
     * @param notBefore validity start
     * @param notAfter validity end
     * @param secondsLeft seconds left
     * @param lifetimeSeconds lifetime
     * @param subjectAlternativeNames SANs
     * @param keyAlgorithm key algorithm
     * @param keyBits key size
     * @param curve curve name
     * @param signatureAlgorithm signature algorithm
     * @param ca CA flag
     * @param pathLength path length
     * @param keyUsage key usage
     * @param extendedKeyUsage extended key usage
     * @param subjectKeyId SKI
     * @param authorityKeyId AKI
     * @param sha256Fingerprint fingerprint
     * @param spkiSha256 key pin
     * @param selfSigned self-signed flag
     * @throws NullPointerException if a component is null
     */
    public CertificateDescription {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(serial, "serial");
        Objects.requireNonNull(notBefore, "notBefore");
        Objects.requireNonNull(notAfter, "notAfter");
        subjectAlternativeNames = List.copyOf(subjectAlternativeNames);
        Objects.requireNonNull(keyAlgorithm, "keyAlgorithm");
        Objects.requireNonNull(curve, "curve");
        Objects.requireNonNull(signatureAlgorithm, "signatureAlgorithm");
        keyUsage = List.copyOf(keyUsage);
        extendedKeyUsage = List.copyOf(extendedKeyUsage);
        Objects.requireNonNull(subjectKeyId, "subjectKeyId");
        Objects.requireNonNull(authorityKeyId, "authorityKeyId");
        Objects.requireNonNull(sha256Fingerprint, "sha256Fingerprint");
        Objects.requireNonNull(spkiSha256, "spkiSha256");
    }

    /**
     * Describes a certificate at the current instant of a clock.
     *
     * @param certificate the certificate
     * @param clock       gives the instant {@link #secondsLeft()} counts from
     * @return the description
     * @throws IllegalArgumentException if the certificate cannot be re-encoded
     */
    public static CertificateDescription of(X509Certificate certificate, Clock clock) {
        Instant now = clock.instant();
        Instant nb = certificate.getNotBefore().toInstant();
        Instant na = certificate.getNotAfter().toInstant();
        List<String> sans = new ArrayList<>();
        try {
            if (certificate.getSubjectAlternativeNames() != null) {
                for (List<?> san : certificate.getSubjectAlternativeNames()) {
                    int tag = (Integer) san.get(0);
                    String v = String.valueOf(san.get(1));
                    sans.add(switch (tag) {
                        case 1 -> "email:" + v;
                        case 2 -> "DNS:" + v;
                        case 4 -> "DirName:" + v;
                        case 6 -> "URI:" + v;
                        case 7 -> "IP:" + ReferenceIdentity.parseIp(v).map(ReferenceIdentity::format).orElse(v);
                        default -> "other(" + tag + ")";
                    });
                }
            }
        } catch (CertificateParsingException e) {
            sans.add("<malformed subjectAltName>");
        }
        String curve = "";
        int bits = -1;
        if (certificate.getPublicKey() instanceof ECPublicKey ec) {
            bits = ec.getParams().getCurve().getField().getFieldSize();
            curve = switch (bits) {
                case 256 -> "P-256";
                case 384 -> "P-384";
                case 521 -> "P-521";
                default -> "";
            };
        } else if (certificate.getPublicKey() instanceof RSAPublicKey rsa) {
            bits = rsa.getModulus().bitLength();
        }
        List<String> ku = new ArrayList<>();
        boolean[] kuBits = certificate.getKeyUsage();
        if (kuBits != null) {
            for (int i = 0; i < kuBits.length && i < KeyUsageBit.values().length; i++) {
                if (kuBits[i]) {
                    ku.add(KeyUsageBit.values()[i].rfcName());
                }
            }
        }
        List<String> eku = new ArrayList<>();
        try {
            if (certificate.getExtendedKeyUsage() != null) {
                certificate.getExtendedKeyUsage().forEach(o -> eku.add(KeyPurpose.nameOf(o)));
            }
        } catch (CertificateParsingException e) {
            eku.add("<malformed extKeyUsage>");
        }
        int bc = certificate.getBasicConstraints();
        boolean selfSigned = false;
        if (certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())) {
            try {
                certificate.verify(certificate.getPublicKey(), Bc.PROVIDER);
                selfSigned = true;
            } catch (java.security.GeneralSecurityException | RuntimeException e) {
                selfSigned = false;
            }
        }
        try {
            return new CertificateDescription(certificate.getSubjectX500Principal().getName(),
                    certificate.getIssuerX500Principal().getName(), certificate.getSerialNumber().toString(16),
                    certificate.getVersion(), nb.toString(), na.toString(), Duration.between(now, na).getSeconds(),
                    Duration.between(nb, na).getSeconds(), sans, certificate.getPublicKey().getAlgorithm(), bits, curve,
                    certificate.getSigAlgName(), bc >= 0, bc >= 0 && bc != Integer.MAX_VALUE ? bc : -1, ku, eku,
                    keyId(certificate.getExtensionValue("2.5.29.14"), false),
                    keyId(certificate.getExtensionValue("2.5.29.35"), true), Bc.fingerprint(certificate),
                    Bc.sha256Hex(certificate.getPublicKey().getEncoded()), selfSigned);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("certificate cannot be described: " + e.getMessage(), e);
        }
    }

    private static String keyId(byte[] extensionValue, boolean authority) {
        if (extensionValue == null) {
            return "";
        }
        try {
            byte[] inner = ASN1OctetString.getInstance(extensionValue).getOctets();
            if (!authority) {
                return HexFormat.of().formatHex(ASN1OctetString.getInstance(inner).getOctets());
            }
            byte[] id = AuthorityKeyIdentifier.getInstance(inner).getKeyIdentifierOctets();
            return id == null ? "" : HexFormat.of().formatHex(id);
        } catch (RuntimeException e) {
            return "<malformed>";
        }
    }

    /**
     * The description as indented text, one field per line, in the spirit of {@code step certificate inspect}.
     *
     * @return the text, ending with a newline
     */
    public String toText() {
        StringBuilder sb = new StringBuilder("Certificate:\n");
        line(sb, "Subject", subject.isEmpty() ? "<empty>" : subject);
        line(sb, "Issuer", issuer);
        line(sb, "Serial", "0x" + serial);
        line(sb, "Not Before", notBefore);
        line(sb, "Not After", notAfter + " (" + left() + ")");
        line(sb, "SANs", subjectAlternativeNames.isEmpty() ? "<none>" : String.join(", ", subjectAlternativeNames));
        line(sb, "Public Key", keyAlgorithm + (curve.isEmpty() ? "" : " " + curve) + (keyBits > 0 ? " (" + keyBits + " bits)" : ""));
        line(sb, "Signature", signatureAlgorithm);
        line(sb, "Basic Constraints", ca ? "CA:TRUE" + (pathLength >= 0 ? ", pathlen:" + pathLength : "") : "CA:FALSE");
        line(sb, "Key Usage", keyUsage.isEmpty() ? "<none>" : String.join(", ", keyUsage));
        line(sb, "Ext Key Usage", extendedKeyUsage.isEmpty() ? "<none>" : String.join(", ", extendedKeyUsage));
        line(sb, "Subject Key ID", subjectKeyId.isEmpty() ? "<none>" : subjectKeyId);
        line(sb, "Authority Key ID", authorityKeyId.isEmpty() ? "<none>" : authorityKeyId);
        line(sb, "SHA-256", sha256Fingerprint);
        line(sb, "SPKI SHA-256", spkiSha256);
        if (selfSigned) {
            line(sb, "Self-signed", "yes");
        }
        return sb.toString();
    }

    private String left() {
        long s = Math.abs(secondsLeft);
        String d = (s >= 86400 ? s / 86400 + "d" : "") + (s % 86400) / 3600 + "h" + (s % 3600) / 60 + "m";
        return secondsLeft >= 0 ? d + " left of " + lifetimeText() : "expired " + d + " ago";
    }

    private String lifetimeText() {
        long s = lifetimeSeconds;
        return (s >= 86400 ? s / 86400 + "d" : "") + (s % 86400) / 3600 + "h" + (s % 3600) / 60 + "m";
    }

    private static void line(StringBuilder sb, String label, String value) {
        sb.append("    ").append(label).append(':').append(" ".repeat(Math.max(1, 19 - label.length()))).append(value)
                .append('\n');
    }

    /**
     * The description as a JSON object whose keys are the component names.
     *
     * @return indented JSON
     * @throws IllegalStateException if Jackson fails (not expected for these value types)
     */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise description", e);
        }
    }

    /**
     * Same as {@link #toText()}.
     *
     * @return the text
     */
    @Override
    public String toString() {
        return toText();
    }
}
