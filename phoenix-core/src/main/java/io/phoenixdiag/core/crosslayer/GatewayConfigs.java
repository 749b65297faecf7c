package io.phoenixdiag.core.crosslayer;

import io.phoenixdiag.core.diag.CheckContext;
import io.phoenixdiag.core.gateway.NginxConfig;
import io.phoenixdiag.core.gateway.NginxGateway;
import io.phoenixdiag.core.gateway.TraefikDynamicConfig;
import io.phoenixdiag.core.gateway.TraefikStaticConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The gateway-layer configuration files of a deployment, parsed: Nginx sites, Traefik's static configuration
 * and the dynamic configuration files of its file provider. Evidence for the cross-layer checks
 * ({@link CheckContext#get(Class)} with this class); when a context holds none, the checks
 * {@linkplain #discover(Path) discover} the files beside the deployment's JSON. Immutable and thread-safe.
 *
 * @param nginxSites     the Nginx sites, in file-name order
 * @param traefikStatic  Traefik's static configuration, or empty when none was found
 * @param traefikDynamic the dynamic configuration files, in file-name order; empty means the checks use the
 *                       {@linkplain io.phoenixdiag.core.gateway.TraefikGenerator generated} configuration
 */
public record GatewayConfigs(List<NginxGateway> nginxSites, Optional<TraefikStaticConfig> traefikStatic,
                             List<TraefikDynamicConfig> traefikDynamic) {

    /** No gateway-layer files. */
    public static final GatewayConfigs NONE = new GatewayConfigs(List.of(), Optional.empty(), List.of());

    /**
     * Static configuration file names tried in order, relative to {@code traefik/}: YAML first, then TOML (read
     * as TOML because of the name; Traefik docs, "Configuration Discovery").
     */
    public static final List<String> TRAEFIK_STATIC_FILES = List.of("traefik.yml", "traefik.yaml",
            "traefik.yml.template", "traefik.yaml.template", "traefik.toml", "traefik.toml.template");

    /**
     * Validates and copies the components.
     *
     * @param nginxSites the sites
     * @param traefikStatic the static configuration
     * @param traefikDynamic the dynamic files
     * @throws NullPointerException if a component or element is null
     */
    public GatewayConfigs {
        nginxSites = List.copyOf(nginxSites);
        Objects.requireNonNull(traefikStatic, "traefikStatic");
        traefikDynamic = List.copyOf(traefikDynamic);
    }

    /**
     * Finds and parses the files the Phoenix layout keeps beside its JSON: every regular file of
     * {@code nginx/sites-enabled/} (or, when that directory is absent, {@code nginx/sites-available/}; includes
     * resolve against {@code nginx/}), the first of {@link #TRAEFIK_STATIC_FILES} in {@code traefik/}, and
     * {@code traefik/dynamic/*.yml|*.yaml|*.toml} (in that order, each sorted by name) plus
     * {@code traefik/dynamic_conf.yml}. Problems in the files are
     * findings inside the parsed models, never exceptions.
     *
     * @param deploymentDirectory the directory holding the Phoenix JSON files
     * @return the configurations; {@link #NONE} when no such file exists
     * @throws NullPointerException if the argument is null
     */
    public static GatewayConfigs discover(Path deploymentDirectory) {
        Path nginx = deploymentDirectory.resolve("nginx");
        Path sites = Files.isDirectory(nginx.resolve("sites-enabled")) ? nginx.resolve("sites-enabled")
                : nginx.resolve("sites-available");
        List<NginxGateway> gateways = files(sites, "").stream()
                .map(f -> NginxGateway.of(Confinement.nginx(f, nginx, deploymentDirectory))).toList();
        Path traefik = deploymentDirectory.resolve("traefik");
        Optional<TraefikStaticConfig> st = TRAEFIK_STATIC_FILES.stream().map(traefik::resolve)
                .filter(Files::isRegularFile).findFirst().map(p -> Confinement.staticConfig(p, deploymentDirectory));
        List<Path> dyn = new ArrayList<>(files(traefik.resolve("dynamic"), ".yml"));
        dyn.addAll(files(traefik.resolve("dynamic"), ".yaml"));
        dyn.addAll(files(traefik.resolve("dynamic"), ".toml"));
        if (Files.isRegularFile(traefik.resolve("dynamic_conf.yml"))) {
            dyn.add(traefik.resolve("dynamic_conf.yml"));
        }
        return new GatewayConfigs(gateways, st, dyn.stream()
                .map(p -> Confinement.dynamicConfig(p, deploymentDirectory)).toList());
    }

    private static List<Path> files(Path dir, String suffix) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().endsWith(suffix)).sorted()
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /**
     * Whether no gateway-layer file is known.
     *
     * @return true when there are no sites, no static and no dynamic configuration
     */
    public boolean isEmpty() {
        return nginxSites.isEmpty() && traefikStatic.isEmpty() && traefikDynamic.isEmpty();
    }
}
