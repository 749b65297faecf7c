package io.phoenixdiag.capture.dissect;

import java.util.Optional;

/**
 * TLS alert descriptions with their RFC 8446 section 6 names and codes (including the values RFC 8446 marks
 * RESERVED because older TLS versions sent them), and what each usually means when a handshake fails.
 */
public enum TlsAlertDescription {
    /** 0: the sender will send no more messages (orderly close, RFC 8446 section 6.1). */
    CLOSE_NOTIFY(0, "close_notify", "orderly close"),
    /** 10. */
    UNEXPECTED_MESSAGE(10, "unexpected_message", "a message arrived out of order (a protocol or implementation error)"),
    /** 20. */
    BAD_RECORD_MAC(20, "bad_record_mac", "a record could not be deprotected (corruption or a key mismatch)"),
    /** 21 (RESERVED in TLS 1.3). */
    DECRYPTION_FAILED(21, "decryption_failed", "a record could not be decrypted (TLS 1.0 era)"),
    /** 22. */
    RECORD_OVERFLOW(22, "record_overflow", "a record was too long"),
    /** 30 (RESERVED in TLS 1.3). */
    DECOMPRESSION_FAILURE(30, "decompression_failure", "decompression failed (TLS 1.2 and before)"),
    /** 40. */
    HANDSHAKE_FAILURE(40, "handshake_failure",
            "no acceptable set of security parameters: no common cipher suite or group, or a required client certificate was missing"),
    /** 41 (RESERVED, SSL 3.0). */
    NO_CERTIFICATE(41, "no_certificate", "no certificate was available (SSL 3.0)"),
    /** 42. */
    BAD_CERTIFICATE(42, "bad_certificate",
            "the peer's certificate was rejected: corrupt, a bad signature, or (OpenSSL) not yet valid"),
    /** 43. */
    UNSUPPORTED_CERTIFICATE(43, "unsupported_certificate", "the peer's certificate is of an unsupported type or key usage"),
    /** 44. */
    CERTIFICATE_REVOKED(44, "certificate_revoked", "the peer's certificate was revoked by its issuer"),
    /** 45. */
    CERTIFICATE_EXPIRED(45, "certificate_expired", "the peer's certificate has expired or is not currently valid"),
    /** 46. */
    CERTIFICATE_UNKNOWN(46, "certificate_unknown", "the peer's certificate was not accepted for an unspecified reason"),
    /** 47. */
    ILLEGAL_PARAMETER(47, "illegal_parameter", "a handshake field was out of range or inconsistent"),
    /** 48. */
    UNKNOWN_CA(48, "unknown_ca",
            "the peer's certificate chain does not lead to a certificate authority the sender trusts"),
    /** 49. */
    ACCESS_DENIED(49, "access_denied", "the peer's identity was verified but access is denied by policy"),
    /** 50. */
    DECODE_ERROR(50, "decode_error", "a message could not be decoded"),
    /** 51. */
    DECRYPT_ERROR(51, "decrypt_error", "a handshake signature or Finished check failed"),
    /** 60 (RESERVED). */
    EXPORT_RESTRICTION(60, "export_restriction", "export restriction (obsolete)"),
    /** 70. */
    PROTOCOL_VERSION(70, "protocol_version", "no TLS version both sides support"),
    /** 71. */
    INSUFFICIENT_SECURITY(71, "insufficient_security", "the offered cipher suites are weaker than the server requires"),
    /** 80. */
    INTERNAL_ERROR(80, "internal_error", "an internal error of the sender (not the peer's fault)"),
    /** 86. */
    INAPPROPRIATE_FALLBACK(86, "inappropriate_fallback", "a version fallback was refused (RFC 7507)"),
    /** 90. */
    USER_CANCELED(90, "user_canceled", "the user canceled the handshake"),
    /** 100 (RESERVED). */
    NO_RENEGOTIATION(100, "no_renegotiation", "renegotiation refused"),
    /** 109. */
    MISSING_EXTENSION(109, "missing_extension", "a required extension was not sent"),
    /** 110. */
    UNSUPPORTED_EXTENSION(110, "unsupported_extension", "an extension was sent that the sender did not offer"),
    /** 111 (RESERVED). */
    CERTIFICATE_UNOBTAINABLE(111, "certificate_unobtainable", "a certificate could not be obtained"),
    /** 112. */
    UNRECOGNIZED_NAME(112, "unrecognized_name", "the server has no certificate for the requested SNI name"),
    /** 113. */
    BAD_CERTIFICATE_STATUS_RESPONSE(113, "bad_certificate_status_response", "an invalid OCSP response was received"),
    /** 114 (RESERVED). */
    BAD_CERTIFICATE_HASH_VALUE(114, "bad_certificate_hash_value", "a certificate hash did not match"),
    /** 115. */
    UNKNOWN_PSK_IDENTITY(115, "unknown_psk_identity", "no known pre-shared key matches the offered identity"),
    /** 116. */
    CERTIFICATE_REQUIRED(116, "certificate_required", "the server requires a client certificate and none was sent"),
    /** 120. */
    NO_APPLICATION_PROTOCOL(120, "no_application_protocol", "no ALPN protocol in common");

    private static final TlsAlertDescription[] BY_CODE = new TlsAlertDescription[256];

    static {
        for (TlsAlertDescription d : values()) {
            BY_CODE[d.code] = d;
        }
    }

    private final int code;
    private final String rfcName;
    private final String meaning;

    TlsAlertDescription(int code, String rfcName, String meaning) {
        this.code = code;
        this.rfcName = rfcName;
        this.meaning = meaning;
    }

    /**
     * The code on the wire.
     *
     * @return 0-255
     */
    public int code() {
        return code;
    }

    /**
     * The RFC 8446 name.
     *
     * @return e.g. {@code unknown_ca}
     */
    public String rfcName() {
        return rfcName;
    }

    /**
     * What the alert usually means.
     *
     * @return a phrase
     */
    public String meaning() {
        return meaning;
    }

    /**
     * Looks up a code.
     *
     * @param code the byte on the wire
     * @return the description, or empty for an unassigned code
     */
    public static Optional<TlsAlertDescription> of(int code) {
        return code < 0 || code > 255 ? Optional.empty() : Optional.ofNullable(BY_CODE[code]);
    }
}
