package io.phoenixdiag.core.gateway;

import io.phoenixdiag.core.diag.Location;
import java.util.List;
import java.util.Objects;

/**
 * An {@code upstream} block (nginx {@code ngx_http_upstream_module}): a named group of servers that
 * {@code proxy_pass} can name as its host. Immutable and thread-safe.
 *
 * @param name     the group name
 * @param servers  the {@code server} lines in order
 * @param location where the {@code upstream} directive is written
 */
public record NginxUpstream(String name, List<NginxUpstream.Server> servers, Location location) {

    /**
     * Validates and copies the components.
     *
     * @param name the name
     * @param servers the servers
     * @param location the location
     * @throws NullPointerException if a component is null
     */
    public NginxUpstream {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(location, "location");
        servers = List.copyOf(servers);
    }

    /**
     * One {@code server address [parameters];} line of an upstream.
     *
     * @param host       the host name or IP address (IPv6 without brackets), or {@code unix:/path}
     * @param port       the port; 80 when not written (nginx's default), 0 for a UNIX-domain socket
     * @param parameters the parameters such as {@code weight=5} or {@code backup}, as written
     * @param location   where the line is written
     */
    public record Server(String host, int port, List<String> parameters, Location location) {

        /**
         * Validates and copies the components.
         *
         * @param host the host
         * @param port the port
         * @param parameters the parameters
         * @param location the location
         * @throws NullPointerException if a component is null
         */
        public Server {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(location, "location");
            parameters = List.copyOf(parameters);
        }
    }
}
