package io.phoenixdiag.core.gateway;

import io.phoenixdiag.core.diag.Location;
import java.util.Objects;

/**
 * One Docker label as written, {@code key=value}, such as
 * {@code traefik.http.routers.qdrant.rule=Host(`qdrant.example`)}, with where it is written. Immutable and
 * thread-safe.
 *
 * @param text     the label text
 * @param location where it is written (e.g. a JSON pointer into {@code phoenix_stacks_config.json})
 */
public record TraefikLabel(String text, Location location) {

    /**
     * Validates the components.
     *
     * @param text the text
     * @param location the location
     * @throws NullPointerException if a component is null
     */
    public TraefikLabel {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(location, "location");
    }
}
