package io.phoenixdiag.core.gateway;

import io.phoenixdiag.core.diag.Location;
import java.util.Objects;

/**
 * A middleware of Traefik's dynamic configuration ({@code http.middlewares.<name>.<type>}; Traefik docs,
 * "Middlewares"); only its name and type are modelled. Immutable and thread-safe.
 *
 * @param name     the middleware name
 * @param type     its type key, such as {@code redirectScheme} or {@code basicAuth}, or {@code ""} when none is set
 * @param location where it is written
 */
public record TraefikMiddleware(String name, String type, Location location) {

    /**
     * Validates the components.
     *
     * @param name the name
     * @param type the type
     * @param location the location
     * @throws NullPointerException if a component is null
     */
    public TraefikMiddleware {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(location, "location");
    }
}
