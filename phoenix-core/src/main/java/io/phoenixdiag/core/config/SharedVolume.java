package io.phoenixdiag.core.config;

import io.phoenixdiag.core.diag.Location;
import java.util.Map;
import java.util.Objects;

/**
 * A shared volume: one host directory bind-mounted into several guests ({@code shared_volumes.<name>}).
 *
 * <p>Immutable and thread-safe; never holds null.
 *
 * @param name        the volume's key
 * @param hostPath    {@code host_path}
 * @param mounts      guest id (CTID) to mount path inside it, in file order
 * @param extraFields fields of this JSON object that the model does not type, by name, as raw compact JSON text with secret values replaced by {@code "<masked>"}; kept so drift is never lost
 * @param location    where this volume was read (file, JSON pointer, line, column)
 */
public record SharedVolume(String name, String hostPath, Map<Integer, String> mounts, Map<String, String> extraFields, Location location) {

    /**
     * Validates and copies the components.
     *
     * @param name the name
     * @param hostPath the host path
     * @param mounts the mounts
     * @param extraFields the extra fields
     * @param location the location
     * @throws NullPointerException if a component is null
     */
    public SharedVolume {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(hostPath, "hostPath");
        mounts = io.phoenixdiag.core.internal.OrderedMaps.copy(mounts);
        extraFields = io.phoenixdiag.core.internal.OrderedMaps.copy(extraFields);
        Objects.requireNonNull(location, "location");
    }
}
