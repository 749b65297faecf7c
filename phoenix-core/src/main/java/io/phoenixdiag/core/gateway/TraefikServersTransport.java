package io.phoenixdiag.core.gateway;

import io.phoenixdiag.core.diag.Location;
import java.util.List;
import java.util.Objects;

/**
 * A servers transport of Traefik's dynamic configuration ({@code http.serversTransports.<name>}; Traefik docs,
 * "ServersTransport"): how Traefik verifies HTTPS backends of the services that name it. Immutable and
 * thread-safe.
 *
 * @param name               the transport name as written
 * @param serverName         {@code serverName}, the SNI and the name the backend certificate is verified
 *                           against; {@code ""} means the host of the server URL (an IP address for IP URLs)
 * @param insecureSkipVerify whether backend certificates are not verified (default {@code false})
 * @param rootCAs            PEM files trusted for backends, in order
 * @param location           where the transport is written
 */
public record TraefikServersTransport(String name, String serverName, boolean insecureSkipVerify,
                                      List<String> rootCAs, Location location) {

    /**
     * Validates and copies the components.
     *
     * @param name the name
     * @param serverName the server name
     * @param insecureSkipVerify the skip-verify flag
     * @param rootCAs the root CA files
     * @param location the location
     * @throws NullPointerException if a component or element is null
     */
    public TraefikServersTransport {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(serverName, "serverName");
        rootCAs = List.copyOf(rootCAs);
        Objects.requireNonNull(location, "location");
    }
}
