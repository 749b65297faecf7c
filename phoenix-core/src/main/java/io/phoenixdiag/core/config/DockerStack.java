package io.phoenixdiag.core.config;

import io.phoenixdiag.core.diag.Location;
import java.util.Map;
import java.util.Objects;

/**
 * A docker stack: an entry of {@code phoenix_stacks_config.json} {@code docker_stacks}, or a stack's own {@code stacks/<name>/phoenix.json}.
 *
 * <p>Immutable and thread-safe; never holds null.
 *
 * @param name            stack name (the key, or the directory name)
 * @param description     {@code description}, or {@code ""}
 * @param composeFilePath {@code compose_file_path}, or {@code ""}
 * @param environments    environments by name, in order
 * @param extraFields     fields of this JSON object that the model does not type, by name, as raw compact JSON text with secret values replaced by {@code "<masked>"}; kept so drift is never lost
 * @param location        where this stack was read (file, JSON pointer, line, column)
 */
public record DockerStack(String name, String description, String composeFilePath, Map<String, StackEnvironment> environments, Map<String, String> extraFields, Location location) {

    /**
     * Validates and copies the components.
     *
     * @param name the name
     * @param description the description
     * @param composeFilePath the compose file path
     * @param environments the environments
     * @param extraFields the extra fields
     * @param location the location
     * @throws NullPointerException if a component is null
     */
    public DockerStack {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(composeFilePath, "composeFilePath");
        environments = io.phoenixdiag.core.internal.OrderedMaps.copy(environments);
        extraFields = io.phoenixdiag.core.internal.OrderedMaps.copy(extraFields);
        Objects.requireNonNull(location, "location");
    }
}
