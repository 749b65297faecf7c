package io.phoenixdiag.pki.truststore;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.util.Locale;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;

/**
 * OpenSSL's subject name hash, the {@code xxxxxxxx} of the {@code xxxxxxxx.N} links that
 * {@code openssl rehash} (and {@code c_rehash}, run by Debian's {@code update-ca-certificates}) makes in a
 * CA directory such as {@code /etc/ssl/certs}, and that OpenSSL looks up when verifying with a CApath.
 *
 * <p>The rule is OpenSSL's {@code X509_NAME_hash_ex} (crypto/x509/x509_cmp.c) over the canonical encoding of
 * {@code x509_name_canon} (crypto/x509/x_name.c): every attribute value of a string type (UTF8String,
 * BMPString, UniversalString, PrintableString, T61String, IA5String, VisibleString) becomes a UTF8String with
 * leading and trailing white space removed, inner runs of white space folded into one space and ASCII
 * letters lower-cased; other values stay as they are; the RDN SETs are DER-encoded one after another
 * without the outer SEQUENCE. The hash is the first four bytes of SHA-1 of that, read little-endian, printed
 * as eight lower-case hex digits ({@code openssl x509 -hash}). Stateless and thread-safe.
 */
public final class OpenSslNameHash {

    private OpenSslNameHash() {
    }

    /**
     * The subject hash of a certificate, as {@code openssl x509 -hash -noout} prints it.
     *
     * @param certificate the certificate
     * @return eight lower-case hex digits
     * @throws IllegalArgumentException if the subject cannot be re-encoded
     */
    public static String subjectHash(X509Certificate certificate) {
        return hash(certificate.getSubjectX500Principal().getEncoded());
    }

    /**
     * The hash of a DER-encoded X.501 Name.
     *
     * @param derName the DER encoding of the Name
     * @return eight lower-case hex digits
     * @throws IllegalArgumentException if the bytes are not a Name
     */
    public static String hash(byte[] derName) {
        byte[] md;
        try {
            md = MessageDigest.getInstance("SHA-1").digest(canonical(derName));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 missing from the JDK", e);
        }
        long h = (md[0] & 0xffL) | (md[1] & 0xffL) << 8 | (md[2] & 0xffL) << 16 | (md[3] & 0xffL) << 24;
        return String.format(Locale.ROOT, "%08x", h);
    }

    /**
     * OpenSSL's canonical encoding of a Name ({@code x509_name_canon}).
     *
     * @param derName the DER encoding of the Name
     * @return the concatenated DER encodings of the canonical RDN SETs (empty for an empty Name)
     * @throws IllegalArgumentException if the bytes are not a Name
     */
    static byte[] canonical(byte[] derName) {
        X500Name name;
        try {
            name = X500Name.getInstance(ASN1Primitive.fromByteArray(derName));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not a DER X.501 Name", e);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            for (RDN rdn : name.getRDNs()) {
                ASN1EncodableVector set = new ASN1EncodableVector();
                for (AttributeTypeAndValue atv : rdn.getTypesAndValues()) {
                    set.add(new DERSequence(new ASN1Encodable[] {atv.getType(), canonicalValue(atv.getValue())}));
                }
                out.write(new DERSet(set).getEncoded(ASN1Encoding.DER));
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("Name cannot be re-encoded", e);
        }
        return out.toByteArray();
    }

    private static ASN1Encodable canonicalValue(ASN1Encodable value) {
        ASN1Primitive p = value.toASN1Primitive();
        if (!(p instanceof ASN1String s) || !isCanonType(p)) {
            return value;
        }
        String text = s.getString();
        StringBuilder sb = new StringBuilder(text.length());
        boolean pendingSpace = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isSpace(c)) {
                pendingSpace = sb.length() > 0;
                continue;
            }
            if (pendingSpace) {
                sb.append(' ');
                pendingSpace = false;
            }
            sb.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
        }
        return new DERUTF8String(sb.toString());
    }

    private static boolean isCanonType(ASN1Primitive p) {
        return p instanceof org.bouncycastle.asn1.ASN1UTF8String
                || p instanceof org.bouncycastle.asn1.ASN1BMPString
                || p instanceof org.bouncycastle.asn1.ASN1UniversalString
                || p instanceof org.bouncycastle.asn1.ASN1PrintableString
                || p instanceof org.bouncycastle.asn1.ASN1T61String
                || p instanceof org.bouncycastle.asn1.ASN1IA5String
                || p instanceof org.bouncycastle.asn1.ASN1VisibleString;
    }

    /** OpenSSL's {@code ossl_isspace}: space, tab, newline, vertical tab, form feed, carriage return. */
    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0b || c == '\f' || c == '\r';
    }
}
