package io.phoenixdiag.core.gateway;

import io.phoenixdiag.core.diag.Finding;
import io.phoenixdiag.core.diag.Location;
import io.phoenixdiag.core.gateway.internal.TraefikStaticParser;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Traefik's static configuration (the {@code traefik.yml} or {@code traefik.toml} install configuration; Traefik
 * docs, "Static configuration"): entry points, providers, API and ping, certificate resolvers and the default servers
 * transport's trust settings, with the findings met while reading it.
 *
 * <p>The format follows the file name: a name ending in {@code .toml} or {@code .toml.template} (any case) is
 * read as TOML v1.0.0, any other as YAML; both give the same model, with JSON pointers built from the keys as
 * written. In TOML a node's line and column are those of its key (the first part of a dotted key that created
 * it), of the {@code [} of a {@code [table]} header, of the {@code [[} of the {@code [[array.of.tables]]}
 * header that opened an element (the array itself: its first header), or of an inline array's element; a table
 * only created implicitly by a deeper header takes that header's line.
 *
 * <p>Reading never throws on bad input: YAML or TOML syntax errors ({@value #SYNTAX_CHECK}), keys Traefik rejects or
 * ignores ({@value #STATIC_CHECK}, such as a dynamic {@code http} section or an unknown top-level key) and
 * unreadable values ({@value #VALUE_CHECK}) are findings with file, JSON pointer and line. Keys are matched
 * case-insensitively, as Traefik does. Immutable and thread-safe.
 *
 * @param entryPoints          the entry points in document order
 * @param providers            the providers
 * @param api                  the {@code api} section, or empty when absent
 * @param ping                 the {@code ping} section, or empty when absent
 * @param certificateResolvers the certificate resolvers in document order
 * @param serversTransport     the static {@code serversTransport} (trust towards backends), or empty
 * @param findings             the findings in the order met
 */
public record TraefikStaticConfig(List<TraefikEntryPoint> entryPoints, TraefikProviders providers, Optional<Api> api,
                                  Optional<Ping> ping, List<TraefikCertificateResolver> certificateResolvers,
                                  Optional<ServersTransport> serversTransport, List<Finding> findings) {

    /** Check id of YAML and TOML syntax findings. */
    public static final String SYNTAX_CHECK = "gateway.traefik-syntax";

    /** Check id of findings about keys Traefik's static configuration rejects or ignores. */
    public static final String STATIC_CHECK = "gateway.traefik-static";

    /** Check id of findings about unreadable values. */
    public static final String VALUE_CHECK = "gateway.traefik-value";

    /**
     * Validates and copies the components.
     *
     * @param entryPoints the entry points
     * @param providers the providers
     * @param api the API section
     * @param ping the ping section
     * @param certificateResolvers the resolvers
     * @param serversTransport the servers transport
     * @param findings the findings
     * @throws NullPointerException if a component or element is null
     */
    public TraefikStaticConfig {
        entryPoints = List.copyOf(entryPoints);
        Objects.requireNonNull(providers, "providers");
        Objects.requireNonNull(api, "api");
        Objects.requireNonNull(ping, "ping");
        certificateResolvers = List.copyOf(certificateResolvers);
        Objects.requireNonNull(serversTransport, "serversTransport");
        findings = List.copyOf(findings);
    }

    /**
     * Parses static configuration text: TOML when {@code fileName} ends with {@code .toml} or
     * {@code .toml.template} (any case), YAML otherwise.
     *
     * @param fileName the file label used in locations, which also chooses the format; not empty
     * @param yaml     the YAML or TOML text
     * @return the configuration; empty parts and a {@value #SYNTAX_CHECK} finding with line and column when the
     *         text is not well-formed
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code fileName} is empty
     */
    public static TraefikStaticConfig parse(String fileName, String yaml) {
        return TraefikStaticParser.parse(fileName, yaml);
    }

    /**
     * Reads and parses a static configuration file (TOML when the name ends with {@code .toml} or
     * {@code .toml.template}, YAML otherwise; a {@code .template} file is read as it is).
     *
     * @param file the file
     * @return the configuration; an unreadable file gives empty parts and one finding
     * @throws NullPointerException if {@code file} is null
     */
    public static TraefikStaticConfig load(Path file) {
        return TraefikStaticParser.load(file);
    }

    /**
     * The entry point with a name.
     *
     * @param name the entry point name
     * @return the entry point, or empty
     */
    public Optional<TraefikEntryPoint> entryPoint(String name) {
        return entryPoints.stream().filter(e -> e.name().equals(name)).findFirst();
    }

    /**
     * The {@code api} section (Traefik docs, "API").
     *
     * @param dashboard whether the dashboard is enabled (Traefik's default {@code true})
     * @param insecure  whether the API is served on the {@code traefik} entry point without a router (default
     *                  {@code false})
     * @param location  where the section is written
     */
    public record Api(boolean dashboard, boolean insecure, Location location) {

        /**
         * Validates the components.
         *
         * @param dashboard the dashboard flag
         * @param insecure the insecure flag
         * @param location the location
         * @throws NullPointerException if {@code location} is null
         */
        public Api {
            Objects.requireNonNull(location, "location");
        }
    }

    /**
     * The {@code ping} section (Traefik docs, "Ping").
     *
     * @param entryPoint the entry point serving {@code /ping} (Traefik's default {@code traefik})
     * @param location   where the section is written
     */
    public record Ping(String entryPoint, Location location) {

        /**
         * Validates the components.
         *
         * @param entryPoint the entry point
         * @param location the location
         * @throws NullPointerException if a component is null
         */
        public Ping {
            Objects.requireNonNull(entryPoint, "entryPoint");
            Objects.requireNonNull(location, "location");
        }
    }

    /**
     * The static {@code serversTransport}: how Traefik verifies HTTPS backends by default.
     *
     * @param insecureSkipVerify whether backend certificates are not verified (default {@code false})
     * @param rootCAs            PEM files trusted for backends in addition to the system pool, in order
     * @param location           where the section is written
     */
    public record ServersTransport(boolean insecureSkipVerify, List<String> rootCAs, Location location) {

        /**
         * Validates and copies the components.
         *
         * @param insecureSkipVerify the skip-verify flag
         * @param rootCAs the root CA files
         * @param location the location
         * @throws NullPointerException if a component is null
         */
        public ServersTransport {
            rootCAs = List.copyOf(rootCAs);
            Objects.requireNonNull(location, "location");
        }
    }
}
