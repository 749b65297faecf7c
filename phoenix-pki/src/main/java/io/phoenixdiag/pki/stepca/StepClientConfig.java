package io.phoenixdiag.pki.stepca;

import java.util.Objects;

/**
 * A step CLI client configuration ({@code $STEPPATH/config/defaults.json}, written by {@code step ca bootstrap})
 * found in a root filesystem. Immutable and thread-safe.
 *
 * @param path        the file as seen inside the root, such as {@code /root/.step/config/defaults.json}
 * @param caUrl       {@code ca-url}, or {@code ""} when absent
 * @param fingerprint {@code fingerprint} as written, or {@code ""} when absent
 * @param root        {@code root}, the path of the root certificate file inside the root, or {@code ""}
 */
public record StepClientConfig(String path, String caUrl, String fingerprint, String root) {
    /**
     * Validates the components.
     *
     * @param path the path
     * @param caUrl the CA URL or {@code ""}
     * @param fingerprint the fingerprint or {@code ""}
     * @param root the root file path or {@code ""}
     * @throws NullPointerException if a component is null
     */
    public StepClientConfig {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(caUrl, "caUrl");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(root, "root");
    }
}
