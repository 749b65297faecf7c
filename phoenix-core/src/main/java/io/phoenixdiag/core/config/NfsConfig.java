package io.phoenixdiag.core.config;

import io.phoenixdiag.core.diag.Location;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The hypervisor config's {@code nfs} section.
 *
 * <p>Immutable and thread-safe; never holds null.
 *
 * @param exports     exports in order
 * @param extraFields fields of this JSON object that the model does not type, by name, as raw compact JSON text with secret values replaced by {@code "<masked>"}; kept so drift is never lost
 * @param location    where this NFS section was read (file, JSON pointer, line, column)
 */
public record NfsConfig(List<NfsExport> exports, Map<String, String> extraFields, Location location) {

    /**
     * Validates and copies the components.
     *
     * @param exports the exports
     * @param extraFields the extra fields
     * @param location the location
     * @throws NullPointerException if a component is null
     */
    public NfsConfig {
        exports = List.copyOf(exports);
        extraFields = io.phoenixdiag.core.internal.OrderedMaps.copy(extraFields);
        Objects.requireNonNull(location, "location");
    }
}
