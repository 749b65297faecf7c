package io.phoenixdiag.core.gateway;

import io.phoenixdiag.core.diag.Location;
import java.util.Objects;

/**
 * One {@code listen} directive of a server (nginx {@code ngx_http_core_module}, "listen").
 * Immutable and thread-safe.
 *
 * @param address       the address part as written: {@code ""} for a bare port or {@code *}, {@code [::]} for
 *                      the IPv6 wildcard, an IP address, a host name, or {@code unix:/path}
 * @param port          the TCP port (1..65535); 80 when only an address is written (nginx's default), 0 for a
 *                      UNIX-domain socket or an unreadable port
 * @param ssl           whether the {@code ssl} parameter is present (TLS on this socket)
 * @param http2         whether the {@code http2} parameter is present
 * @param defaultServer whether {@code default_server} (or its old spelling {@code default}) is present
 * @param location      where the directive is written
 */
public record NginxListen(String address, int port, boolean ssl, boolean http2, boolean defaultServer,
                          Location location) {

    /**
     * Validates the components.
     *
     * @param address the address
     * @param port the port
     * @param ssl the ssl flag
     * @param http2 the http2 flag
     * @param defaultServer the default_server flag
     * @param location the location
     * @throws NullPointerException if a component is null
     * @throws IllegalArgumentException if {@code port} is outside 0..65535
     */
    public NginxListen {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(location, "location");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }
}
