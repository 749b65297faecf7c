package io.phoenixdiag.net.live;

import io.phoenixdiag.pki.name.ReferenceIdentity;

import java.util.Objects;

/**
 * Where to probe a flow's destination from the vantage point: the address and port to connect to, and the name
 * to send as SNI and check the certificate against. Immutable and thread-safe.
 *
 * @param address    an IPv4 or IPv6 literal
 * @param port       the port, 1-65535
 * @param serverName the TLS server name (RFC 6066 SNI, RFC 9525 reference identity), or {@code ""} to check the
 *                   certificate against the address
 */
public record LiveTarget(String address, int port, String serverName) {
    /**
     * Validates the components.
     *
     * @param address    the address literal
     * @param port       the port
     * @param serverName the server name or {@code ""}
     * @throws IllegalArgumentException if the address is not an IP literal or the port out of range
     */
    public LiveTarget {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(serverName, "serverName");
        if (ReferenceIdentity.parseIp(address).isEmpty()) {
            throw new IllegalArgumentException("address must be an IP literal: " + address);
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1..65535: " + port);
        }
    }
}
