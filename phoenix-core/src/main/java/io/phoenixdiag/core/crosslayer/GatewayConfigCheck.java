package io.phoenixdiag.core.crosslayer;

import io.phoenixdiag.core.diag.Finding;
import io.phoenixdiag.core.gateway.NginxGateway;
import io.phoenixdiag.core.gateway.TraefikDynamicConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * Reports what reading the gateway-layer files met: Nginx syntax, include and unknown-directive findings
 * ({@code gateway.nginx-*}), Traefik static-configuration mistakes Traefik refuses or ignores
 * ({@code gateway.traefik-static}: a dynamic {@code http} section in the static file is an ERROR because
 * Traefik's strict decoder stops with "field not found, node: http", traefik/traefik#9840; a file provider with
 * both {@code directory} and {@code filename} is a WARNING because Traefik reads the directory and ignores the
 * filename), dynamic-file and label findings, and what the generator would write wrongly. Stateless and
 * thread-safe.
 */
public final class GatewayConfigCheck extends CrossLayerCheck {

    /** Creates the check (for {@link java.util.ServiceLoader}). */
    public GatewayConfigCheck() {
    }

    @Override
    public String id() {
        return "gateway.config";
    }

    @Override
    public String description() {
        return "Problems in the Nginx site and Traefik files as read";
    }

    @Override
    List<Finding> run(Facts f) {
        List<Finding> out = new ArrayList<>();
        f.configs.nginxSites().stream().map(NginxGateway::findings).forEach(out::addAll);
        f.configs.traefikStatic().ifPresent(s -> out.addAll(s.findings()));
        f.configs.traefikDynamic().stream().map(TraefikDynamicConfig::findings).forEach(out::addAll);
        if (f.configs.traefikDynamic().isEmpty()) {
            out.addAll(f.dynamic.findings());
        }
        f.labels.forEach(l -> out.addAll(l.config().findings()));
        return out;
    }
}
