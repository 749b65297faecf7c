package io.phoenixdiag.core.config;

import io.phoenixdiag.core.diag.Location;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * A container's {@code health_check}.
 *
 * <p>Immutable and thread-safe; never holds null.
 *
 * @param command     command run on the host
 * @param retries     number of attempts
 * @param interval    seconds between attempts
 * @param extraFields fields of this JSON object that the model does not type, by name, as raw compact JSON text with secret values replaced by {@code "<masked>"}; kept so drift is never lost
 * @param location    where this health check was read (file, JSON pointer, line, column)
 */
public record HealthCheck(String command, OptionalInt retries, OptionalInt interval, Map<String, String> extraFields, Location location) {

    /**
     * Validates and copies the components.
     *
     * @param command the command
     * @param retries the retries
     * @param interval the interval
     * @param extraFields the extra fields
     * @param location the location
     * @throws NullPointerException if a component is null
     */
    public HealthCheck {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(retries, "retries");
        Objects.requireNonNull(interval, "interval");
        extraFields = io.phoenixdiag.core.internal.OrderedMaps.copy(extraFields);
        Objects.requireNonNull(location, "location");
    }
}
