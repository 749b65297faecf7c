package io.phoenixdiag.core.config;

import io.phoenixdiag.core.diag.Location;
import java.util.Map;
import java.util.Objects;

/**
 * A VM volume ({@code volumes[]}), e.g. an NFS mount from the host.
 *
 * <p>Immutable and thread-safe; never holds null.
 *
 * @param type        {@code nfs} or another type as written
 * @param name        volume name
 * @param path        exported path on the server
 * @param mountPoint  mount point in the VM
 * @param server      NFS server address, or {@code ""}
 * @param extraFields fields of this JSON object that the model does not type, by name, as raw compact JSON text with secret values replaced by {@code "<masked>"}; kept so drift is never lost
 * @param location    where this volume was read (file, JSON pointer, line, column)
 */
public record VmVolume(String type, String name, String path, String mountPoint, String server, Map<String, String> extraFields, Location location) {

    /**
     * Validates and copies the components.
     *
     * @param type the type
     * @param name the name
     * @param path the path
     * @param mountPoint the mount point
     * @param server the server
     * @param extraFields the extra fields
     * @param location the location
     * @throws NullPointerException if a component is null
     */
    public VmVolume {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(mountPoint, "mountPoint");
        Objects.requireNonNull(server, "server");
        extraFields = io.phoenixdiag.core.internal.OrderedMaps.copy(extraFields);
        Objects.requireNonNull(location, "location");
    }
}
