package io.phoenixdiag.core.config;

import io.phoenixdiag.core.diag.Location;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * A uid/gid mapping of an unprivileged container ({@code id_maps[]}).
 *
 * <p>Immutable and thread-safe; never holds null.
 *
 * @param type        {@code uid} or {@code gid}
 * @param hostId      first id on the host
 * @param containerId first id in the container
 * @param size        number of ids mapped
 * @param extraFields fields of this JSON object that the model does not type, by name, as raw compact JSON text with secret values replaced by {@code "<masked>"}; kept so drift is never lost
 * @param location    where this id map was read (file, JSON pointer, line, column)
 */
public record IdMap(String type, OptionalInt hostId, OptionalInt containerId, OptionalInt size, Map<String, String> extraFields, Location location) {

    /**
     * Validates and copies the components.
     *
     * @param type the type
     * @param hostId the host id
     * @param containerId the container id
     * @param size the size
     * @param extraFields the extra fields
     * @param location the location
     * @throws NullPointerException if a component is null
     */
    public IdMap {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(hostId, "hostId");
        Objects.requireNonNull(containerId, "containerId");
        Objects.requireNonNull(size, "size");
        extraFields = io.phoenixdiag.core.internal.OrderedMaps.copy(extraFields);
        Objects.requireNonNull(location, "location");
    }
}
