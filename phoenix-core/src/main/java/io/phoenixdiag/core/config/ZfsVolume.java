package io.phoenixdiag.core.config;

import io.phoenixdiag.core.diag.Location;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * A dedicated ZFS volume for an LXC container ({@code zfs_volumes[]}, formerly {@code volumes[]}).
 *
 * <p>Immutable and thread-safe; never holds null.
 *
 * @param name        volume name
 * @param pool        Proxmox storage / pool
 * @param sizeGb      size in GiB
 * @param mountPoint  mount point in the container
 * @param extraFields fields of this JSON object that the model does not type, by name, as raw compact JSON text with secret values replaced by {@code "<masked>"}; kept so drift is never lost
 * @param location    where this volume was read (file, JSON pointer, line, column)
 */
public record ZfsVolume(String name, String pool, OptionalInt sizeGb, String mountPoint, Map<String, String> extraFields, Location location) {

    /**
     * Validates and copies the components.
     *
     * @param name the name
     * @param pool the pool
     * @param sizeGb the size gb
     * @param mountPoint the mount point
     * @param extraFields the extra fields
     * @param location the location
     * @throws NullPointerException if a component is null
     */
    public ZfsVolume {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(pool, "pool");
        Objects.requireNonNull(sizeGb, "sizeGb");
        Objects.requireNonNull(mountPoint, "mountPoint");
        extraFields = io.phoenixdiag.core.internal.OrderedMaps.copy(extraFields);
        Objects.requireNonNull(location, "location");
    }
}
