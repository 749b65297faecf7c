package io.phoenixdiag.core.crosslayer;

import io.phoenixdiag.core.analysis.FlowContributor;
import io.phoenixdiag.core.config.Deployment;
import io.phoenixdiag.core.diag.CheckContext;
import io.phoenixdiag.core.diag.Location;
import io.phoenixdiag.core.gateway.NginxGateway;
import io.phoenixdiag.core.gateway.NginxLocation;
import io.phoenixdiag.core.gateway.NginxServer;
import io.phoenixdiag.core.gateway.TraefikHttpService;
import io.phoenixdiag.core.topology.Endpoint;
import io.phoenixdiag.core.topology.IntendedFlow;
import io.phoenixdiag.core.topology.Role;
import io.phoenixdiag.core.topology.Roles;
import io.phoenixdiag.core.topology.Topology;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The flows the gateway-layer files decide, with the real ports and schemes: the gateway to every guest an Nginx
 * {@code proxy_pass} reaches (purpose {@code nginx: proxy_pass <url>}, located at the {@code proxy_pass} or the
 * {@code map} default that decides it), and the router to every guest a Traefik dynamic-configuration file's
 * service names (purpose {@code traefik file: service <name> -> <url>}). The generated configuration is not
 * contributed: {@link io.phoenixdiag.core.topology.FlowInference} already derives the same flows from the JSON.
 * Targets that resolve to no guest are left to {@link GatewayUpstreamCheck} and {@link TraefikRoutingCheck}.
 * Stateless and thread-safe.
 */
public final class GatewayFlows implements FlowContributor {

    /** Creates the contributor (for {@link java.util.ServiceLoader}). */
    public GatewayFlows() {
    }

    @Override
    public List<IntendedFlow> flows(Deployment deployment, Topology topology, Roles roles, CheckContext evidence) {
        Facts f = Facts.of(deployment, topology, roles, evidence);
        Map<String, Acc> out = new LinkedHashMap<>();
        Optional<Endpoint> gw = f.first(Role.GATEWAY);
        for (NginxGateway site : gw.isEmpty() ? List.<NginxGateway>of() : f.configs.nginxSites()) {
            for (NginxServer server : site.servers()) {
                for (NginxLocation loc : server.locations()) {
                    for (Facts.Hop t : loc.proxyPass().map(Facts::hops).orElse(List.of())) {
                        f.resolve(t.host()).map(Facts.Resolved::endpoint).filter(e -> !e.equals(gw.get()))
                                .ifPresent(dest -> add(out, gw.get(), dest, t.port(), t.scheme(),
                                        "nginx: proxy_pass " + t.url(), t.at()));
                    }
                }
            }
        }
        Optional<Endpoint> router = f.first(Role.ROUTER);
        if (router.isPresent() && !f.configs.traefikDynamic().isEmpty()) {
            for (TraefikHttpService s : f.dynamic.services()) {
                for (TraefikHttpService.Server v : s.servers()) {
                    if (v.host().isEmpty() || !Facts.validPort(v.port())) {
                        continue;
                    }
                    f.resolve(v.host()).map(Facts.Resolved::endpoint).filter(e -> !e.equals(router.get()))
                            .ifPresent(dest -> add(out, router.get(), dest, v.port(), v.scheme(),
                                    "traefik file: service " + s.name() + " -> " + v.url(), v.location()));
                }
            }
        }
        return new ArrayList<>(out.values().stream().map(Acc::flow).toList());
    }

    /** Adds a flow, or the location to the flow already there (set: linear in the number of locations). */
    private static void add(Map<String, Acc> out, Endpoint src, Endpoint dst, int port, String scheme,
                            String purpose, Location at) {
        if (port < 1 || port > 65535) {
            return;
        }
        IntendedFlow f = IntendedFlow.of(src, dst, "tcp", port, scheme, purpose, List.of(at), true);
        out.computeIfAbsent(f.id(), k -> new Acc(f, new java.util.LinkedHashSet<>())).at().add(at);
    }

    /** The first flow with an id, and every location implying it. */
    private record Acc(IntendedFlow first, java.util.Set<Location> at) {
        IntendedFlow flow() {
            return IntendedFlow.of(first.source(), first.destination(), "tcp", first.port(), first.scheme(),
                    first.purpose(), List.copyOf(at), true);
        }
    }
}
