package io.phoenixdiag.core.config;

import io.phoenixdiag.core.diag.Location;
import java.util.Map;
import java.util.Objects;

/**
 * A file copied into a stack's container ({@code files[]}).
 *
 * <p>Immutable and thread-safe; never holds null.
 *
 * @param source                 source path
 * @param destinationInContainer {@code destination_in_container}
 * @param extraFields            fields of this JSON object that the model does not type, by name, as raw compact JSON text with secret values replaced by {@code "<masked>"}; kept so drift is never lost
 * @param location               where this entry was read (file, JSON pointer, line, column)
 */
public record StackFile(String source, String destinationInContainer, Map<String, String> extraFields, Location location) {

    /**
     * Validates and copies the components.
     *
     * @param source the source
     * @param destinationInContainer the destination in container
     * @param extraFields the extra fields
     * @param location the location
     * @throws NullPointerException if a component is null
     */
    public StackFile {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(destinationInContainer, "destinationInContainer");
        extraFields = io.phoenixdiag.core.internal.OrderedMaps.copy(extraFields);
        Objects.requireNonNull(location, "location");
    }
}
