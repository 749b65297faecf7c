package io.phoenixdiag.core.config;

import io.phoenixdiag.core.diag.Location;
import java.util.Objects;

/**
 * An environment variable of a docker stack ({@code {"name": .., "value": ..}}). The value is always wrapped in a {@link Secret} so it is never printed by accident; {@code sensitive} says whether it really is one.
 *
 * <p>Immutable and thread-safe; never holds null.
 *
 * @param name      variable name
 * @param value     the value; use {@link Secret#reveal()} deliberately
 * @param sensitive {@code true} when the name marks a secret ({@code DATABASE_PASS}) or the value is key material
 * @param location  where this variable was read (file, JSON pointer, line, column)
 */
public record StackVariable(String name, Secret value, boolean sensitive, Location location) {

    /**
     * Validates and copies the components.
     *
     * @param name the name
     * @param value the value
     * @param sensitive the sensitive
     * @param location the location
     * @throws NullPointerException if a component is null
     */
    public StackVariable {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(location, "location");
    }

    /**
     * The value for display: the value itself unless sensitive.
     *
     * @return the value, or {@code <masked>} when sensitive
     */
    public String displayValue() {
        return sensitive ? Secret.MASK : value.reveal();
    }
}
