package io.phoenixdiag.core.config;

import io.phoenixdiag.core.diag.Location;
import java.util.Objects;

/**
 * A docker-style published port of a guest ({@code ports[]}: {@code [ip:]host:container[/proto]}); not a firewall port.
 *
 * <p>Immutable and thread-safe; never holds null.
 *
 * @param text          the entry as written
 * @param hostIp        bound host address, or {@code ""} for all
 * @param hostPort      published port on the guest
 * @param containerPort port inside the application container
 * @param protocol      {@code tcp} (default) or {@code udp}
 * @param location      where this port mapping was read (file, JSON pointer, line, column)
 */
public record PortMapping(String text, String hostIp, int hostPort, int containerPort, String protocol, Location location) {

    /**
     * Validates and copies the components.
     *
     * @param text the text
     * @param hostIp the host ip
     * @param hostPort the host port
     * @param containerPort the container port
     * @param protocol the protocol
     * @param location the location
     * @throws NullPointerException if a component is null
     */
    public PortMapping {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(hostIp, "hostIp");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(location, "location");
    }
}
