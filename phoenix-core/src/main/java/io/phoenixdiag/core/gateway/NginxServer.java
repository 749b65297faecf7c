package io.phoenixdiag.core.gateway;

import io.phoenixdiag.core.diag.Location;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@code server} block (nginx {@code ngx_http_core_module} and {@code ngx_http_ssl_module}), with
 * settings inherited from the {@code http} level where nginx inherits them. Immutable and thread-safe.
 *
 * @param listens             the {@code listen} directives in order; empty means nginx's default
 *                            ({@code *:80})
 * @param serverNames         the {@code server_name} values in order (wildcards such as
 *                            {@code *.example.org} and regular expressions kept as written)
 * @param sslCertificates     the {@code ssl_certificate} paths (PEM chain files), in order
 * @param sslCertificateKeys  the {@code ssl_certificate_key} paths, in order; the path is not a secret, the
 *                            key is never read
 * @param sslProtocols        the {@code ssl_protocols} values, such as {@code TLSv1.2}; empty when not set
 *                            (nginx's built-in default then applies: {@code TLSv1.2 TLSv1.3} since 1.23.4)
 * @param proxySsl            the {@code proxy_ssl_*} settings at server level (after inheritance)
 * @param resolver            the effective {@code resolver}, or empty
 * @param locations           the locations in document order (nested ones after their parent)
 * @param location            where the {@code server} directive is written
 */
public record NginxServer(List<NginxListen> listens, List<String> serverNames, List<NginxValue> sslCertificates,
                          List<NginxValue> sslCertificateKeys, List<String> sslProtocols, NginxProxySsl proxySsl,
                          Optional<NginxResolver> resolver, List<NginxLocation> locations, Location location) {

    /**
     * Validates and copies the components.
     *
     * @param listens the listens
     * @param serverNames the server names
     * @param sslCertificates the certificate paths
     * @param sslCertificateKeys the key paths
     * @param sslProtocols the protocols
     * @param proxySsl the proxy SSL settings
     * @param resolver the resolver
     * @param locations the locations
     * @param location the location
     * @throws NullPointerException if a component is null
     */
    public NginxServer {
        listens = List.copyOf(listens);
        serverNames = List.copyOf(serverNames);
        sslCertificates = List.copyOf(sslCertificates);
        sslCertificateKeys = List.copyOf(sslCertificateKeys);
        sslProtocols = List.copyOf(sslProtocols);
        Objects.requireNonNull(proxySsl, "proxySsl");
        Objects.requireNonNull(resolver, "resolver");
        locations = List.copyOf(locations);
        Objects.requireNonNull(location, "location");
    }
}
