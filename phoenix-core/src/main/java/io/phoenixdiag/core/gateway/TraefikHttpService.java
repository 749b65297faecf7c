package io.phoenixdiag.core.gateway;

import io.phoenixdiag.core.diag.Location;
import java.util.List;
import java.util.Objects;

/**
 * A load-balancer HTTP service of Traefik's dynamic configuration ({@code http.services.<name>.loadBalancer};
 * Traefik docs, "Services"). Immutable and thread-safe.
 *
 * @param name             the service name as written
 * @param servers          the servers, in order
 * @param serversTransport {@code serversTransport} as written (may carry {@code @provider}), or {@code ""}
 * @param passHostHeader   {@code passHostHeader} (Traefik's default {@code true})
 * @param location         where the service is written
 */
public record TraefikHttpService(String name, List<Server> servers, String serversTransport, boolean passHostHeader,
                                 Location location) {

    /**
     * Validates and copies the components.
     *
     * @param name the name
     * @param servers the servers
     * @param serversTransport the transport
     * @param passHostHeader the host header flag
     * @param location the location
     * @throws NullPointerException if a component or element is null
     */
    public TraefikHttpService {
        Objects.requireNonNull(name, "name");
        servers = List.copyOf(servers);
        Objects.requireNonNull(serversTransport, "serversTransport");
        Objects.requireNonNull(location, "location");
    }

    /**
     * One server of a load balancer: {@code servers[].url} in a file, or {@code loadbalancer.server.port} /
     * {@code .scheme} in Docker labels (the host is then the container's address, unknown here).
     *
     * @param url      the URL as written, or {@code ""} for a label-defined server
     * @param scheme   {@code http} or {@code https} (a label server's default is {@code http}), or {@code ""}
     *                 when the URL cannot be read
     * @param host     the URL's host (IPv6 without brackets), or {@code ""} when not known
     * @param port     the port (from the URL, 80/443 by scheme when the URL has none), or 0 when unknown
     * @param location where the server is written
     */
    public record Server(String url, String scheme, String host, int port, Location location) {

        /**
         * Validates the components.
         *
         * @param url the URL
         * @param scheme the scheme
         * @param host the host
         * @param port the port
         * @param location the location
         * @throws NullPointerException if a component is null
         * @throws IllegalArgumentException if {@code port} is outside 0..65535
         */
        public Server {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(scheme, "scheme");
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(location, "location");
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
        }
    }
}
