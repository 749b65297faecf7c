package io.phoenixdiag.core.gateway;

import io.phoenixdiag.core.diag.Location;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code providers} section of Traefik's static configuration (Traefik docs, "Providers").
 * Immutable and thread-safe.
 *
 * @param file   the file provider, or empty
 * @param docker the Docker provider ({@code providers.docker}) or, in Traefik v3, the Swarm provider
 *               ({@code providers.swarm}), or empty
 * @param others the names of the other configured providers, in document order
 */
public record TraefikProviders(Optional<File> file, Optional<Docker> docker, List<String> others) {

    /** No providers. */
    public static final TraefikProviders NONE = new TraefikProviders(Optional.empty(), Optional.empty(), List.of());

    /**
     * Validates and copies the components.
     *
     * @param file the file provider
     * @param docker the Docker provider
     * @param others the other providers
     * @throws NullPointerException if a component is null
     */
    public TraefikProviders {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(docker, "docker");
        others = List.copyOf(others);
    }

    /**
     * The file provider ({@code providers.file}). When both are set Traefik reads {@code directory} and
     * ignores {@code filename} (they are documented as mutually exclusive).
     *
     * @param directory the directory of dynamic-configuration files, or {@code ""}
     * @param filename  the single dynamic-configuration file, or {@code ""}
     * @param watch     whether changes are watched (Traefik's default {@code true})
     * @param location  where the provider is configured
     */
    public record File(String directory, String filename, boolean watch, Location location) {

        /**
         * Validates the components.
         *
         * @param directory the directory
         * @param filename the file name
         * @param watch the watch flag
         * @param location the location
         * @throws NullPointerException if a component is null
         */
        public File {
            Objects.requireNonNull(directory, "directory");
            Objects.requireNonNull(filename, "filename");
            Objects.requireNonNull(location, "location");
        }
    }

    /**
     * The Docker (or Swarm) provider, which reads routers and services from container labels.
     *
     * @param kind             {@code docker} or {@code swarm}
     * @param endpoint         the Docker API endpoint ({@code unix:///var/run/docker.sock} by default)
     * @param exposedByDefault whether containers without {@code traefik.enable=true} are exposed (default
     *                         {@code true})
     * @param network          the default network used to reach containers, or {@code ""}
     * @param defaultRule      the default router rule template, or {@code ""} (Traefik's built-in default)
     * @param location         where the provider is configured
     */
    public record Docker(String kind, String endpoint, boolean exposedByDefault, String network, String defaultRule,
                         Location location) {

        /**
         * Validates the components.
         *
         * @param kind the kind
         * @param endpoint the endpoint
         * @param exposedByDefault the exposure default
         * @param network the network
         * @param defaultRule the default rule
         * @param location the location
         * @throws NullPointerException if a component is null
         */
        public Docker {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(endpoint, "endpoint");
            Objects.requireNonNull(network, "network");
            Objects.requireNonNull(defaultRule, "defaultRule");
            Objects.requireNonNull(location, "location");
        }
    }
}
