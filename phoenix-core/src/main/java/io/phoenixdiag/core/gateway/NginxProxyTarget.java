package io.phoenixdiag.core.gateway;

import java.util.Objects;

/**
 * A concrete URL a {@code proxy_pass} sends requests to, split into its parts.
 * Immutable and thread-safe.
 *
 * @param url    the full URL, such as {@code https://traefik.internal.example:8443}
 * @param scheme {@code http} or {@code https} (lower case), or {@code ""} when the URL has no scheme
 * @param host   the host name, IP address (IPv6 without brackets) or upstream name
 * @param port   the port; the scheme's default (80 for http, 443 for https) when not written
 * @param path   the URI part after the authority, or {@code ""}
 */
public record NginxProxyTarget(String url, String scheme, String host, int port, String path) {

    /**
     * Validates the components.
     *
     * @param url the URL
     * @param scheme the scheme
     * @param host the host
     * @param port the port
     * @param path the path
     * @throws NullPointerException if a component is null
     */
    public NginxProxyTarget {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(path, "path");
    }
}
