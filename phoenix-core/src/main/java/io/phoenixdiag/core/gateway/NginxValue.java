package io.phoenixdiag.core.gateway;

import io.phoenixdiag.core.diag.Location;
import java.util.Objects;

/**
 * A single configured value and the directive that set it, such as an {@code ssl_certificate} path.
 * Immutable and thread-safe.
 *
 * @param value    the value as written (unquoted; variables kept as text)
 * @param location where the setting directive is written
 */
public record NginxValue(String value, Location location) {

    /**
     * Validates the components.
     *
     * @param value the value
     * @param location the location
     * @throws NullPointerException if a component is null
     */
    public NginxValue {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(location, "location");
    }
}
