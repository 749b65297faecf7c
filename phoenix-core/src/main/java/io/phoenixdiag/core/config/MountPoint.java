package io.phoenixdiag.core.config;

import io.phoenixdiag.core.diag.Location;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * A bind mount from the host into a guest ({@code mount_points[]}).
 *
 * <p>Immutable and thread-safe; never holds null.
 *
 * @param hostPath      path on the Proxmox host
 * @param containerPath path inside the guest
 * @param ownerUid      {@code owner_uid} when given
 * @param ownerGid      {@code owner_gid} when given
 * @param extraFields   fields of this JSON object that the model does not type, by name, as raw compact JSON text with secret values replaced by {@code "<masked>"}; kept so drift is never lost
 * @param location      where this mount point was read (file, JSON pointer, line, column)
 */
public record MountPoint(String hostPath, String containerPath, OptionalInt ownerUid, OptionalInt ownerGid, Map<String, String> extraFields, Location location) {

    /**
     * Validates and copies the components.
     *
     * @param hostPath the host path
     * @param containerPath the container path
     * @param ownerUid the owner uid
     * @param ownerGid the owner gid
     * @param extraFields the extra fields
     * @param location the location
     * @throws NullPointerException if a component is null
     */
    public MountPoint {
        Objects.requireNonNull(hostPath, "hostPath");
        Objects.requireNonNull(containerPath, "containerPath");
        Objects.requireNonNull(ownerUid, "ownerUid");
        Objects.requireNonNull(ownerGid, "ownerGid");
        extraFields = io.phoenixdiag.core.internal.OrderedMaps.copy(extraFields);
        Objects.requireNonNull(location, "location");
    }
}
