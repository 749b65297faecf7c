package io.phoenixdiag.capture.dissect;

/**
 * Names of TLS protocol versions as they appear on the wire (RFC 8446 section 4.2.1 and earlier RFCs;
 * {@code 0x7fNN} is TLS 1.3 draft NN, {@code 0xfbNN} Facebook's experimental TLS 1.3 drafts).
 */
public final class TlsVersion {
    private TlsVersion() {
    }

    /**
     * The name of a version number.
     *
     * @param version the 16-bit version, e.g. {@code 0x0303}
     * @return e.g. {@code TLS 1.2}, {@code TLS 1.3 draft 16}, {@code GREASE}, or {@code 0x1234}
     */
    public static String name(int version) {
        switch (version) {
            case 0x0300: return "SSL 3.0";
            case 0x0301: return "TLS 1.0";
            case 0x0302: return "TLS 1.1";
            case 0x0303: return "TLS 1.2";
            case 0x0304: return "TLS 1.3";
            default:
                break;
        }
        if ((version & 0x0f0f) == 0x0a0a && (version >> 8) == (version & 0xff)) {
            return "GREASE";
        }
        if ((version >> 8) == 0x7f) {
            return "TLS 1.3 draft " + (version & 0xff);
        }
        if ((version >> 8) == 0xfb) {
            return "TLS 1.3 draft " + (version & 0xff) + " (Facebook)";
        }
        return String.format("0x%04x", version);
    }
}
