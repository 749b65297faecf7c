package io.phoenixdiag.core.gateway;

import io.phoenixdiag.core.diag.Location;
import java.util.Objects;

/**
 * One entry point of Traefik's static configuration ({@code entryPoints.<name>}; Traefik docs,
 * "EntryPoints"). Immutable and thread-safe.
 *
 * @param name           the entry point name, such as {@code web}
 * @param address        the {@code address} as written, such as {@code :80} or {@code 10.0.0.12:443/udp}
 * @param host           the host part of the address, {@code ""} for all interfaces (IPv6 without brackets)
 * @param port           the port (1..65535), or 0 when the address cannot be read
 * @param transport      {@code tcp} (the default) or {@code udp}
 * @param redirectTo     {@code http.redirections.entryPoint.to}, or {@code ""}
 * @param redirectScheme {@code http.redirections.entryPoint.scheme} ({@code https} by default when a redirection
 *                       is set), or {@code ""}
 * @param certResolver   {@code http.tls.certResolver}, or {@code ""}
 * @param tls            whether {@code http.tls} is present (routers on this entry point serve TLS)
 * @param location       file, JSON pointer and line of the entry point
 */
public record TraefikEntryPoint(String name, String address, String host, int port, String transport,
                                String redirectTo, String redirectScheme, String certResolver, boolean tls,
                                Location location) {

    /**
     * Validates the components.
     *
     * @param name the name
     * @param address the address
     * @param host the host
     * @param port the port
     * @param transport the transport
     * @param redirectTo the redirection target
     * @param redirectScheme the redirection scheme
     * @param certResolver the certificate resolver
     * @param tls the TLS flag
     * @param location the location
     * @throws NullPointerException if a component is null
     */
    public TraefikEntryPoint {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(redirectTo, "redirectTo");
        Objects.requireNonNull(redirectScheme, "redirectScheme");
        Objects.requireNonNull(certResolver, "certResolver");
        Objects.requireNonNull(location, "location");
    }
}
