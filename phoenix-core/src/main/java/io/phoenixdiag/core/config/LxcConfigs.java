package io.phoenixdiag.core.config;

import io.phoenixdiag.core.diag.Location;
import java.util.Map;
import java.util.Objects;

/**
 * The content of {@code phoenix_lxc_configs.json}.
 *
 * <p>Immutable and thread-safe; never holds null.
 *
 * @param schema              {@code $schema} as written (a host path), or {@code ""}
 * @param nvidiaDriverVersion {@code nvidia_driver_version}, or {@code ""}
 * @param containers          containers by CTID, in file order
 * @param extraFields         fields of this JSON object that the model does not type, by name, as raw compact JSON text with secret values replaced by {@code "<masked>"}; kept so drift is never lost
 * @param location            where this file was read (file, JSON pointer, line, column)
 */
public record LxcConfigs(String schema, String nvidiaDriverVersion, Map<Integer, LxcContainer> containers, Map<String, String> extraFields, Location location) {

    /**
     * Validates and copies the components.
     *
     * @param schema the schema
     * @param nvidiaDriverVersion the nvidia driver version
     * @param containers the containers
     * @param extraFields the extra fields
     * @param location the location
     * @throws NullPointerException if a component is null
     */
    public LxcConfigs {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(nvidiaDriverVersion, "nvidiaDriverVersion");
        containers = io.phoenixdiag.core.internal.OrderedMaps.copy(containers);
        extraFields = io.phoenixdiag.core.internal.OrderedMaps.copy(extraFields);
        Objects.requireNonNull(location, "location");
    }
}
