package io.phoenixdiag.pki.cert;

/**
 * The bits of the key usage extension (RFC 5280 section 4.2.1.3), in their ASN.1 bit order.
 */
public enum KeyUsageBit {
    /** Bit 0, digitalSignature: TLS handshake signatures (ECDHE key exchange). */
    DIGITAL_SIGNATURE,
    /** Bit 1, nonRepudiation (contentCommitment). */
    NON_REPUDIATION,
    /** Bit 2, keyEncipherment: RSA key transport. */
    KEY_ENCIPHERMENT,
    /** Bit 3, dataEncipherment. */
    DATA_ENCIPHERMENT,
    /** Bit 4, keyAgreement. */
    KEY_AGREEMENT,
    /** Bit 5, keyCertSign: the key signs certificates (CAs). */
    KEY_CERT_SIGN,
    /** Bit 6, cRLSign: the key signs CRLs. */
    CRL_SIGN,
    /** Bit 7, encipherOnly. */
    ENCIPHER_ONLY,
    /** Bit 8, decipherOnly. */
    DECIPHER_ONLY;

    /**
     * The RFC 5280 name of the bit.
     *
     * @return for example {@code digitalSignature}
     */
    public String rfcName() {
        return switch (this) {
            case DIGITAL_SIGNATURE -> "digitalSignature";
            case NON_REPUDIATION -> "nonRepudiation";
            case KEY_ENCIPHERMENT -> "keyEncipherment";
            case DATA_ENCIPHERMENT -> "dataEncipherment";
            case KEY_AGREEMENT -> "keyAgreement";
            case KEY_CERT_SIGN -> "keyCertSign";
            case CRL_SIGN -> "cRLSign";
            case ENCIPHER_ONLY -> "encipherOnly";
            case DECIPHER_ONLY -> "decipherOnly";
        };
    }
}
