package io.phoenixdiag.capture.dissect;

/**
 * What a TLS ServerHello chose (RFC 8446 section 4.1.3).
 *
 * @param legacyVersion   the {@code legacy_version} field
 * @param selectedVersion the negotiated version: the supported_versions extension's value when present
 *                        (TLS 1.3), else {@code legacyVersion}
 * @param cipherSuite     the chosen cipher suite number, e.g. {@code 0x1301} for TLS_AES_128_GCM_SHA256
 * @param helloRetryRequest whether this is a HelloRetryRequest (RFC 8446 section 4.1.4: the special random value)
 */
public record ServerHello(int legacyVersion, int selectedVersion, int cipherSuite, boolean helloRetryRequest) {
    /**
     * The negotiated version's name.
     *
     * @return e.g. {@code TLS 1.3}
     */
    public String versionName() {
        return TlsVersion.name(selectedVersion);
    }

    /**
     * The cipher suite as IANA hex.
     *
     * @return e.g. {@code 0x1301}
     */
    public String cipherSuiteHex() {
        return String.format("0x%04x", cipherSuite);
    }
}
