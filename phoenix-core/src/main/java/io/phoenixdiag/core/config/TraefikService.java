package io.phoenixdiag.core.config;

import io.phoenixdiag.core.diag.Location;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * A guest's {@code traefik_service}: the name and port Traefik routes to (the Phoenix Traefik generator uses https for VMs and http for LXC containers).
 *
 * <p>Immutable and thread-safe; never holds null.
 *
 * @param name        service name (also the host name label), or {@code ""}
 * @param port        backend TCP port (given as number or string)
 * @param extraFields fields of this JSON object that the model does not type, by name, as raw compact JSON text with secret values replaced by {@code "<masked>"}; kept so drift is never lost
 * @param location    where this service was read (file, JSON pointer, line, column)
 */
public record TraefikService(String name, OptionalInt port, Map<String, String> extraFields, Location location) {

    /**
     * Validates and copies the components.
     *
     * @param name the name
     * @param port the port
     * @param extraFields the extra fields
     * @param location the location
     * @throws NullPointerException if a component is null
     */
    public TraefikService {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(port, "port");
        extraFields = io.phoenixdiag.core.internal.OrderedMaps.copy(extraFields);
        Objects.requireNonNull(location, "location");
    }
}
