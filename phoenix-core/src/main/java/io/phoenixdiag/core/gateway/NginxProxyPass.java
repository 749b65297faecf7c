package io.phoenixdiag.core.gateway;

import io.phoenixdiag.core.diag.Location;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@code proxy_pass} and where it really sends requests: variables set by a {@code map} are replaced by
 * the map's {@code default} value, and a host naming an {@code upstream} block is expanded to its servers.
 * Immutable and thread-safe.
 *
 * @param written      the argument exactly as written, such as {@code $upstream_service}
 * @param target       the resolved URL, or empty when a variable could not be resolved statically
 * @param alternatives targets reachable through the maps' non-default entries (for other request values),
 *                     in entry order; empty when there are none
 * @param upstream     the {@code upstream} block the target's host names, or empty
 * @param via          where the resolution came from: the maps' {@code default} lines, then the upstream
 *                     block; empty when the argument is a literal URL
 * @param location     where the {@code proxy_pass} is written
 */
public record NginxProxyPass(String written, Optional<NginxProxyTarget> target, List<NginxProxyTarget> alternatives,
                             Optional<NginxUpstream> upstream, List<Location> via, Location location) {

    /**
     * Validates and copies the components.
     *
     * @param written the written argument
     * @param target the resolved target
     * @param alternatives the alternatives
     * @param upstream the upstream
     * @param via the resolution sources
     * @param location the location
     * @throws NullPointerException if a component is null
     */
    public NginxProxyPass {
        Objects.requireNonNull(written, "written");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(upstream, "upstream");
        Objects.requireNonNull(location, "location");
        alternatives = List.copyOf(alternatives);
        via = List.copyOf(via);
    }
}
