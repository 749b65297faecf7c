package io.phoenixdiag.core.config;

import io.phoenixdiag.core.diag.Location;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * The hypervisor config's {@code zfs} section.
 *
 * <p>Immutable and thread-safe; never holds null.
 *
 * @param arcMaxGb    {@code arc_max_gb} in GiB
 * @param pools       pools
 * @param datasets    datasets
 * @param extraFields fields of this JSON object that the model does not type, by name, as raw compact JSON text with secret values replaced by {@code "<masked>"}; kept so drift is never lost
 * @param location    where this ZFS section was read (file, JSON pointer, line, column)
 */
public record ZfsConfig(OptionalInt arcMaxGb, List<ZfsPool> pools, List<ZfsDataset> datasets, Map<String, String> extraFields, Location location) {

    /**
     * Validates and copies the components.
     *
     * @param arcMaxGb the arc max gb
     * @param pools the pools
     * @param datasets the datasets
     * @param extraFields the extra fields
     * @param location the location
     * @throws NullPointerException if a component is null
     */
    public ZfsConfig {
        Objects.requireNonNull(arcMaxGb, "arcMaxGb");
        pools = List.copyOf(pools);
        datasets = List.copyOf(datasets);
        extraFields = io.phoenixdiag.core.internal.OrderedMaps.copy(extraFields);
        Objects.requireNonNull(location, "location");
    }
}
