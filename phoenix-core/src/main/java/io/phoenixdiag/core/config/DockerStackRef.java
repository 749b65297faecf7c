package io.phoenixdiag.core.config;

import io.phoenixdiag.core.diag.Location;
import java.util.Objects;

/**
 * A VM's reference to a docker stack: a plain name, or {@code {name, environment}} in older versions.
 *
 * <p>Immutable and thread-safe; never holds null.
 *
 * @param name        stack name (a key of {@code docker_stacks} and a directory under {@code stacks/})
 * @param environment environment name, or {@code ""} when not given (the deployment then uses {@code production})
 * @param location    where this reference was read (file, JSON pointer, line, column)
 */
public record DockerStackRef(String name, String environment, Location location) {

    /**
     * Validates and copies the components.
     *
     * @param name the name
     * @param environment the environment
     * @param location the location
     * @throws NullPointerException if a component is null
     */
    public DockerStackRef {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(location, "location");
    }
}
