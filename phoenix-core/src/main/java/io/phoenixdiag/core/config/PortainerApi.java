package io.phoenixdiag.core.config;

import io.phoenixdiag.core.diag.Location;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Portainer API credentials of the host ({@code portainer_api}).
 *
 * <p>Immutable and thread-safe; never holds null.
 *
 * @param adminUser         admin user, or {@code ""}
 * @param adminPassword     {@code admin_password}
 * @param portainerHostname {@code portainer_hostname}, or {@code ""}
 * @param extraFields       fields of this JSON object that the model does not type, by name, as raw compact JSON text with secret values replaced by {@code "<masked>"}; kept so drift is never lost
 * @param location          where this section was read (file, JSON pointer, line, column)
 */
public record PortainerApi(String adminUser, Optional<Secret> adminPassword, String portainerHostname, Map<String, String> extraFields, Location location) {

    /**
     * Validates and copies the components.
     *
     * @param adminUser the admin user
     * @param adminPassword the admin password
     * @param portainerHostname the portainer hostname
     * @param extraFields the extra fields
     * @param location the location
     * @throws NullPointerException if a component is null
     */
    public PortainerApi {
        Objects.requireNonNull(adminUser, "adminUser");
        Objects.requireNonNull(adminPassword, "adminPassword");
        Objects.requireNonNull(portainerHostname, "portainerHostname");
        extraFields = io.phoenixdiag.core.internal.OrderedMaps.copy(extraFields);
        Objects.requireNonNull(location, "location");
    }
}
