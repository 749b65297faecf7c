package io.phoenixdiag.core.gateway;

import java.util.List;
import java.util.Objects;

/**
 * The effective {@code proxy_ssl_*} settings nginx uses towards an HTTPS upstream at one location, after
 * inheritance from the {@code http} and {@code server} levels (nginx {@code ngx_http_proxy_module}).
 * Immutable and thread-safe.
 *
 * @param verify             {@code proxy_ssl_verify}; {@code false} (nginx's default) means the upstream's
 *                           certificate is not verified at all
 * @param trustedCertificate {@code proxy_ssl_trusted_certificate} (a PEM file path), or {@code ""} when unset
 * @param serverName         {@code proxy_ssl_server_name}; whether SNI is sent (default {@code false})
 * @param name               {@code proxy_ssl_name}, the name verified and sent as SNI; {@code $proxy_host}
 *                           (nginx's default) when unset
 * @param verifyDepth        {@code proxy_ssl_verify_depth}; the maximum number of intermediates between the
 *                           leaf and a trusted certificate (nginx's default 1)
 * @param setBy              the directives that set these values, each as written (such as
 *                           {@code proxy_ssl_verify on}) with its location, in directive-name order;
 *                           empty when all values are nginx's defaults
 */
public record NginxProxySsl(boolean verify, String trustedCertificate, boolean serverName, String name,
                            int verifyDepth, List<NginxValue> setBy) {

    /** nginx's default {@code proxy_ssl_verify_depth}. */
    public static final int DEFAULT_VERIFY_DEPTH = 1;

    /** nginx's defaults: no verification, no trusted certificate, no SNI, name {@code $proxy_host}, depth 1. */
    public static final NginxProxySsl DEFAULTS = new NginxProxySsl(false, "", false, "$proxy_host",
            DEFAULT_VERIFY_DEPTH, List.of());

    /**
     * Validates and copies the components.
     *
     * @param verify the verify flag
     * @param trustedCertificate the trusted certificate path or ""
     * @param serverName the SNI flag
     * @param name the verified name
     * @param verifyDepth the verify depth
     * @param setBy the setting directives
     * @throws NullPointerException if a component is null
     * @throws IllegalArgumentException if {@code verifyDepth} is negative
     */
    public NginxProxySsl {
        Objects.requireNonNull(trustedCertificate, "trustedCertificate");
        Objects.requireNonNull(name, "name");
        if (verifyDepth < 0) {
            throw new IllegalArgumentException("verifyDepth must be >= 0: " + verifyDepth);
        }
        setBy = List.copyOf(setBy);
    }
}
