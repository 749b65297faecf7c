package io.phoenixdiag.core.config;

import io.phoenixdiag.core.diag.Location;
import java.util.Map;
import java.util.Objects;

/**
 * A ZFS dataset ({@code zfs.datasets[]}).
 *
 * <p>Immutable and thread-safe; never holds null.
 *
 * @param name               dataset name
 * @param pool               pool name
 * @param properties         ZFS properties (from {@code "k=v,k=v"} or an object), in order
 * @param proxmoxStorageType {@code proxmox_storage_type}
 * @param proxmoxContentType {@code proxmox_content_type}
 * @param storageClass       {@code storage_class}, or {@code ""}
 * @param extraFields        fields of this JSON object that the model does not type, by name, as raw compact JSON text with secret values replaced by {@code "<masked>"}; kept so drift is never lost
 * @param location           where this dataset was read (file, JSON pointer, line, column)
 */
public record ZfsDataset(String name, String pool, Map<String, String> properties, String proxmoxStorageType, String proxmoxContentType, String storageClass, Map<String, String> extraFields, Location location) {

    /**
     * Validates and copies the components.
     *
     * @param name the name
     * @param pool the pool
     * @param properties the properties
     * @param proxmoxStorageType the proxmox storage type
     * @param proxmoxContentType the proxmox content type
     * @param storageClass the storage class
     * @param extraFields the extra fields
     * @param location the location
     * @throws NullPointerException if a component is null
     */
    public ZfsDataset {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(pool, "pool");
        properties = io.phoenixdiag.core.internal.OrderedMaps.copy(properties);
        Objects.requireNonNull(proxmoxStorageType, "proxmoxStorageType");
        Objects.requireNonNull(proxmoxContentType, "proxmoxContentType");
        Objects.requireNonNull(storageClass, "storageClass");
        extraFields = io.phoenixdiag.core.internal.OrderedMaps.copy(extraFields);
        Objects.requireNonNull(location, "location");
    }
}
