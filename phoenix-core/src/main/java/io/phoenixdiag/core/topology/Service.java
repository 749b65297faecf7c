package io.phoenixdiag.core.topology;

import io.phoenixdiag.core.diag.Location;
import java.util.Objects;

/**
 * A service a guest offers, as the deployment declares it ({@code traefik_service}, stack labels).
 * Immutable and thread-safe.
 *
 * @param name     the service name, e.g. {@code portainer} (router rule {@code Host(`portainer.<domain>`)})
 * @param port     the TCP port it listens on, 1-65535
 * @param scheme   the URL scheme the deployment's Traefik generator uses to reach it: {@code https}
 *                 for VMs, {@code http} for LXC containers
 * @param declared where it is declared
 */
public record Service(String name, int port, String scheme, Location declared) {
    /**
     * Validates the components.
     *
     * @param name     the service name
     * @param port     the port, 1-65535
     * @param scheme   {@code http} or {@code https}
     * @param declared where it is declared
     * @throws IllegalArgumentException if the port is out of range
     */
    public Service {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(declared, "declared");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }
}
