package io.phoenixdiag.pki.truststore;

import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

import io.phoenixdiag.pki.internal.Bc;

/**
 * The SHA-256 fingerprint of a certificate's DER encoding, the identity step-ca uses for its root
 * ({@code step ca bootstrap --fingerprint}, {@code GET /root/{sha256}}).
 *
 * <p>{@link #toString()} prints it as {@code step certificate fingerprint} does: 64 lower-case hex digits
 * without separators. {@link #parse(String)} also accepts OpenSSL's form
 * ({@code sha256 Fingerprint=AB:CD:...}), upper case, and colons, spaces or dashes between bytes.
 * Immutable and thread-safe.
 *
 * @param hex 64 lower-case hex digits
 */
public record CertificateFingerprint(String hex) {

    /**
     * Validates the component.
     *
     * @param hex 64 lower-case hex digits
     * @throws NullPointerException     if {@code hex} is null
     * @throws IllegalArgumentException if it is not 64 lower-case hex digits
     */
    public CertificateFingerprint {
        Objects.requireNonNull(hex, "hex");
        if (!hex.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("a SHA-256 fingerprint is 64 lower-case hex digits, got '" + hex + "'");
        }
    }

    /**
     * The fingerprint of a certificate.
     *
     * @param certificate the certificate
     * @return SHA-256 of its DER encoding
     * @throws IllegalArgumentException if the certificate cannot be re-encoded
     */
    public static CertificateFingerprint of(X509Certificate certificate) {
        try {
            return new CertificateFingerprint(Bc.sha256Hex(certificate.getEncoded()));
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("certificate cannot be encoded", e);
        }
    }

    /**
     * Parses a fingerprint as people paste it.
     *
     * @param text 64 hex digits in any case, optionally separated by {@code :}, {@code -} or spaces, optionally
     *             prefixed by {@code sha256 Fingerprint=} (OpenSSL), {@code SHA256:} or {@code sha256:}
     * @return the fingerprint
     * @throws IllegalArgumentException if, once prefix and separators are removed, the text is not 64 hex
     *                                  digits; the message quotes the input and says what was expected
     */
    public static CertificateFingerprint parse(String text) {
        Objects.requireNonNull(text, "text");
        String t = text.strip();
        int eq = t.indexOf('=');
        if (eq >= 0 && t.substring(0, eq).toLowerCase(Locale.ROOT).contains("fingerprint")) {
            t = t.substring(eq + 1);
        } else if (t.regionMatches(true, 0, "sha256:", 0, 7)) {
            t = t.substring(7);
        }
        String hex = t.replaceAll("[:\\-\\s]", "").toLowerCase(Locale.ROOT);
        if (!hex.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("not a SHA-256 fingerprint: '" + text
                    + "' (expected 64 hex digits, optionally separated by ':')");
        }
        return new CertificateFingerprint(hex);
    }

    /**
     * Whether a certificate has this fingerprint.
     *
     * @param certificate the certificate
     * @return {@code true} when SHA-256 of its DER equals this fingerprint
     */
    public boolean matches(X509Certificate certificate) {
        return equals(of(certificate));
    }

    /**
     * OpenSSL's form, as {@code openssl x509 -fingerprint -sha256} prints it after {@code =}.
     *
     * @return 32 upper-case hex byte pairs joined by {@code :}
     */
    public String colonSeparated() {
        byte[] bytes = HexFormat.of().parseHex(hex);
        return HexFormat.ofDelimiter(":").withUpperCase().formatHex(bytes);
    }

    /**
     * The form {@code step certificate fingerprint} prints.
     *
     * @return 64 lower-case hex digits
     */
    @Override
    public String toString() {
        return hex;
    }
}
