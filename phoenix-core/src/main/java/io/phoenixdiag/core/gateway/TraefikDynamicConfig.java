package io.phoenixdiag.core.gateway;

import io.phoenixdiag.core.diag.Finding;
import io.phoenixdiag.core.gateway.internal.TraefikDynamicParser;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The HTTP part of Traefik's dynamic configuration (Traefik docs, "Routing &amp; Load Balancing"): routers,
 * services, servers transports and middlewares, with the findings met while reading it. Three sources give
 * the same model: a file of the file provider ({@link #parse(String, String)}, {@link #load(Path)}), the Docker
 * label form of the stacks file ({@link #fromLabels(List)}), and the Phoenix generator
 * ({@link TraefikGenerator}).
 *
 * <p>Reading never throws on bad input: YAML or TOML syntax errors ({@value TraefikStaticConfig#SYNTAX_CHECK}),
 * keys the model does not know ({@value #UNKNOWN_CHECK}, WARNING: kept as data, reading goes on), unreadable
 * values ({@value TraefikStaticConfig#VALUE_CHECK}) and unknown labels ({@value #LABEL_CHECK}) are findings
 * with file, JSON pointer and line. Keys are matched case-insensitively, as Traefik does; names keep their
 * case. A file whose name ends with {@code .toml} or {@code .toml.template} (any case) is read as TOML v1.0.0,
 * any other as YAML; both give the same model. Immutable and thread-safe.
 *
 * @param source            {@value #FILE}, {@value #DOCKER} or {@value #GENERATED}
 * @param routers           the routers in document order
 * @param services          the services in document order
 * @param serversTransports the servers transports in document order
 * @param middlewares       the middlewares in document order
 * @param findings          the findings in the order met
 */
public record TraefikDynamicConfig(String source, List<TraefikRouter> routers, List<TraefikHttpService> services,
                                   List<TraefikServersTransport> serversTransports,
                                   List<TraefikMiddleware> middlewares, List<Finding> findings) {

    /** Source of a file read by the file provider. */
    public static final String FILE = "file";
    /** Source of Docker labels read by the Docker provider. */
    public static final String DOCKER = "docker";
    /** Source of the Phoenix generator's reproduction. */
    public static final String GENERATED = "generated";

    /** Check id of findings about keys of the dynamic configuration this model does not know (WARNING). */
    public static final String UNKNOWN_CHECK = "gateway.traefik-dynamic";

    /** Check id of findings about Docker labels that are not Traefik configuration this model knows. */
    public static final String LABEL_CHECK = "gateway.traefik-label";

    /**
     * Validates and copies the components.
     *
     * @param source the source
     * @param routers the routers
     * @param services the services
     * @param serversTransports the servers transports
     * @param middlewares the middlewares
     * @param findings the findings
     * @throws NullPointerException if a component or element is null
     */
    public TraefikDynamicConfig {
        Objects.requireNonNull(source, "source");
        routers = List.copyOf(routers);
        services = List.copyOf(services);
        serversTransports = List.copyOf(serversTransports);
        middlewares = List.copyOf(middlewares);
        findings = List.copyOf(findings);
    }

    /**
     * Parses a dynamic configuration file: TOML when {@code fileName} ends with {@code .toml} or
     * {@code .toml.template} (any case), YAML otherwise.
     *
     * @param fileName the file label used in locations, which also chooses the format; not empty
     * @param yaml     the YAML or TOML text
     * @return the configuration ({@value #FILE}); empty parts and a finding with line and column when the text
     *         is not well-formed
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code fileName} is empty
     */
    public static TraefikDynamicConfig parse(String fileName, String yaml) {
        return TraefikDynamicParser.parse(fileName, yaml);
    }

    /**
     * Reads and parses a dynamic configuration file (TOML or YAML by its name, as {@link #parse(String, String)}).
     *
     * @param file the file
     * @return the configuration; an unreadable file gives empty parts and one ERROR finding
     * @throws NullPointerException if {@code file} is null
     */
    public static TraefikDynamicConfig load(Path file) {
        return TraefikDynamicParser.load(file);
    }

    /**
     * Reads the Docker label form ({@code traefik.http.routers.<r>.rule=...}; Traefik docs, "Docker provider
     * routing configuration") of one container. Label keys are case-insensitive. A router without
     * {@code service} is bound to the container's only service, as Traefik does. {@code traefik.enable=false}
     * gives an empty configuration.
     *
     * @param labels the container's labels in order; labels not starting with {@code traefik.} are ignored
     * @return the configuration ({@value #DOCKER}); label-defined servers have no host (the container's address)
     * @throws NullPointerException if {@code labels} or an element is null
     */
    public static TraefikDynamicConfig fromLabels(List<TraefikLabel> labels) {
        return TraefikDynamicParser.fromLabels(labels);
    }

    /**
     * Renders the configuration as YAML that {@link #parse(String, String)} reads back into the same routers,
     * services, transports and middlewares (locations aside). Label-defined servers (no URL) are written as
     * {@code scheme://host:port} URLs when a host is known and left out otherwise.
     *
     * @return the YAML text
     */
    public String render() {
        return TraefikDynamicParser.render(this);
    }

    /**
     * The router with a name ({@code @provider} suffix ignored).
     *
     * @param name the name
     * @return the router, or empty
     */
    public Optional<TraefikRouter> router(String name) {
        String n = bare(name);
        return routers.stream().filter(r -> r.name().equals(n)).findFirst();
    }

    /**
     * The service with a name ({@code @provider} suffix ignored).
     *
     * @param name the name
     * @return the service, or empty
     */
    public Optional<TraefikHttpService> service(String name) {
        String n = bare(name);
        return services.stream().filter(s -> s.name().equals(n)).findFirst();
    }

    /**
     * The servers transport with a name ({@code @provider} suffix ignored).
     *
     * @param name the name
     * @return the transport, or empty
     */
    public Optional<TraefikServersTransport> serversTransport(String name) {
        String n = bare(name);
        return serversTransports.stream().filter(s -> s.name().equals(n)).findFirst();
    }

    /**
     * A name without its {@code @provider} suffix (Traefik docs, "Providers": {@code name@file}).
     *
     * @param name the name as written
     * @return the part before the last {@code @}, or the name
     */
    public static String bare(String name) {
        int at = name.lastIndexOf('@');
        return at < 0 ? name : name.substring(0, at);
    }
}
