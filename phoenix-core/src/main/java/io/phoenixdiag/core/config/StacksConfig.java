package io.phoenixdiag.core.config;

import io.phoenixdiag.core.diag.Location;
import java.util.Map;
import java.util.Objects;

/**
 * The content of {@code phoenix_stacks_config.json}.
 *
 * <p>Immutable and thread-safe; never holds null.
 *
 * @param schema       {@code $schema} as written, or {@code ""}
 * @param dockerStacks stacks by name, in order
 * @param extraFields  fields of this JSON object that the model does not type, by name, as raw compact JSON text with secret values replaced by {@code "<masked>"}; kept so drift is never lost
 * @param location     where this file was read (file, JSON pointer, line, column)
 */
public record StacksConfig(String schema, Map<String, DockerStack> dockerStacks, Map<String, String> extraFields, Location location) {

    /**
     * Validates and copies the components.
     *
     * @param schema the schema
     * @param dockerStacks the docker stacks
     * @param extraFields the extra fields
     * @param location the location
     * @throws NullPointerException if a component is null
     */
    public StacksConfig {
        Objects.requireNonNull(schema, "schema");
        dockerStacks = io.phoenixdiag.core.internal.OrderedMaps.copy(dockerStacks);
        extraFields = io.phoenixdiag.core.internal.OrderedMaps.copy(extraFields);
        Objects.requireNonNull(location, "location");
    }
}
