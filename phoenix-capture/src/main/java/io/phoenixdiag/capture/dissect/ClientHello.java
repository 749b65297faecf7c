package io.phoenixdiag.capture.dissect;

import java.util.List;
import java.util.Objects;

/**
 * What a TLS ClientHello offered (RFC 8446 section 4.1.2).
 *
 * @param legacyVersion     the {@code legacy_version} field, e.g. {@code 0x0303}
 * @param serverName        the SNI host name (RFC 6066 server_name, type host_name), or {@code ""} when absent
 * @param alpn              the ALPN protocols offered (RFC 7301), e.g. {@code [h2, http/1.1]}
 * @param supportedVersions the versions in the supported_versions extension (RFC 8446 section 4.2.1), in
 *                          order; empty when the extension is absent (then only {@code legacyVersion} is offered)
 * @param cipherSuites      the cipher suites offered, as 16-bit numbers, in order
 */
public record ClientHello(int legacyVersion, String serverName, List<String> alpn, List<Integer> supportedVersions,
                          List<Integer> cipherSuites) {
    /**
     * Copies the lists.
     *
     * @param legacyVersion     the legacy version
     * @param serverName        the SNI name or ""
     * @param alpn              the ALPN protocols
     * @param supportedVersions the supported versions
     * @param cipherSuites      the cipher suites
     */
    public ClientHello {
        Objects.requireNonNull(serverName, "serverName");
        alpn = List.copyOf(alpn);
        supportedVersions = List.copyOf(supportedVersions);
        cipherSuites = List.copyOf(cipherSuites);
    }

    /**
     * The highest version offered, ignoring GREASE values.
     *
     * @return e.g. {@code 0x0304}
     */
    public int highestVersion() {
        int best = supportedVersions.isEmpty() ? legacyVersion : 0;
        for (int v : supportedVersions) {
            if (!"GREASE".equals(TlsVersion.name(v)) && rank(v) > rank(best)) {
                best = v;
            }
        }
        return best;
    }

    private static int rank(int v) {
        return (v >> 8) == 0x7f || (v >> 8) == 0xfb ? 0x0303 * 256 + (v & 0xff) : v * 256;
    }
}
