package io.phoenixdiag.pki.cert;

import java.util.Optional;

/**
 * Extended key usage purposes (RFC 5280 section 4.2.1.12) this SDK names.
 */
public enum KeyPurpose {
    /** id-kp-serverAuth, 1.3.6.1.5.5.7.3.1: TLS server. */
    SERVER_AUTH("1.3.6.1.5.5.7.3.1", "serverAuth"),
    /** id-kp-clientAuth, 1.3.6.1.5.5.7.3.2: TLS client. */
    CLIENT_AUTH("1.3.6.1.5.5.7.3.2", "clientAuth"),
    /** id-kp-codeSigning, 1.3.6.1.5.5.7.3.3. */
    CODE_SIGNING("1.3.6.1.5.5.7.3.3", "codeSigning"),
    /** id-kp-emailProtection, 1.3.6.1.5.5.7.3.4. */
    EMAIL_PROTECTION("1.3.6.1.5.5.7.3.4", "emailProtection"),
    /** id-kp-timeStamping, 1.3.6.1.5.5.7.3.8. */
    TIME_STAMPING("1.3.6.1.5.5.7.3.8", "timeStamping"),
    /** id-kp-OCSPSigning, 1.3.6.1.5.5.7.3.9. */
    OCSP_SIGNING("1.3.6.1.5.5.7.3.9", "OCSPSigning"),
    /** anyExtendedKeyUsage, 2.5.29.37.0. */
    ANY("2.5.29.37.0", "anyExtendedKeyUsage");

    private final String oid;
    private final String rfcName;

    KeyPurpose(String oid, String rfcName) {
        this.oid = oid;
        this.rfcName = rfcName;
    }

    /**
     * The object identifier.
     *
     * @return dotted OID
     */
    public String oid() {
        return oid;
    }

    /**
     * The RFC 5280 name.
     *
     * @return for example {@code serverAuth}
     */
    public String rfcName() {
        return rfcName;
    }

    /**
     * Looks a purpose up by OID.
     *
     * @param oid dotted OID
     * @return the purpose, or empty for an OID this enum does not name
     */
    public static Optional<KeyPurpose> ofOid(String oid) {
        for (KeyPurpose p : values()) {
            if (p.oid.equals(oid)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /**
     * A readable name for any EKU OID.
     *
     * @param oid dotted OID
     * @return the RFC name, or the OID itself when unknown
     */
    public static String nameOf(String oid) {
        return ofOid(oid).map(KeyPurpose::rfcName).orElse(oid);
    }
}
