package io.phoenixdiag.pki.stepca;

import java.util.Objects;

/**
 * The answer of step-ca's {@code GET /version}: {@code {"version":"0.28.1","requireClientAuthentication":false}}
 * (api.VersionResponse; the boolean is omitted when false). Immutable and thread-safe.
 *
 * @param version                     the step-ca version string
 * @param requireClientAuthentication whether the CA requires TLS client certificates
 */
public record CaVersion(String version, boolean requireClientAuthentication) {
    /**
     * Validates the components.
     *
     * @param version the version
     * @param requireClientAuthentication the flag
     * @throws NullPointerException if {@code version} is null
     */
    public CaVersion {
        Objects.requireNonNull(version, "version");
    }
}
