package io.phoenixdiag.core.config;

import io.phoenixdiag.core.diag.Location;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A ZFS pool ({@code zfs.pools[]}).
 *
 * <p>Immutable and thread-safe; never holds null.
 *
 * @param name        pool name
 * @param raidLevel   {@code raid_level}
 * @param disks       disk device paths
 * @param extraFields fields of this JSON object that the model does not type, by name, as raw compact JSON text with secret values replaced by {@code "<masked>"}; kept so drift is never lost
 * @param location    where this pool was read (file, JSON pointer, line, column)
 */
public record ZfsPool(String name, String raidLevel, List<String> disks, Map<String, String> extraFields, Location location) {

    /**
     * Validates and copies the components.
     *
     * @param name the name
     * @param raidLevel the raid level
     * @param disks the disks
     * @param extraFields the extra fields
     * @param location the location
     * @throws NullPointerException if a component is null
     */
    public ZfsPool {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(raidLevel, "raidLevel");
        disks = List.copyOf(disks);
        extraFields = io.phoenixdiag.core.internal.OrderedMaps.copy(extraFields);
        Objects.requireNonNull(location, "location");
    }
}
