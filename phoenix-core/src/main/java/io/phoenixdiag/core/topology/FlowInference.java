package io.phoenixdiag.core.topology;

import io.phoenixdiag.core.diag.Location;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Derives the <em>intended flows</em> of a deployment: the connections it needs in order to work,
 * each with the configuration fields that imply it.
 *
 * <p>The rules (the Phoenix conventions they follow are named):
 * <ol>
 *   <li>external &rarr; gateway tcp/80 ({@code http}) and tcp/443 ({@code https});</li>
 *   <li>gateway &rarr; router tcp/80: Nginx proxies to Traefik's {@code web} entrypoint;</li>
 *   <li>router &rarr; every {@code traefik_service} backend on its port, with the scheme the
 *       deployment's Traefik generator uses ({@code https} for VMs, {@code http} for LXC);</li>
 *   <li>CA clients &rarr; CA tcp/9000 (or the CA's declared service port): guests with feature
 *       {@code step_cli} or {@code trusted_ca} or a {@code bootstrap_ca_url}, and the host, which runs
 *       the certificate renewal;</li>
 *   <li>guests and the host &rarr; each of their nameservers udp/53 and tcp/53 (RFC 7766: DNS over
 *       TCP is required, not optional); a nameserver outside the deployment is {@code external};</li>
 *   <li>Portainer server &rarr; each agent on {@code network.portainer_agent_port} (default 9001);</li>
 *   <li>NFS clients &rarr; NFS server tcp/2049 (NFSv4, RFC 7530).</li>
 * </ol>
 * A flow whose two ends are the same component is not a network flow and is left out. Flows with the
 * same key are merged (their {@code impliedBy} joined). A flow is active only when both ends are.
 * Stateless and thread-safe.
 */
public final class FlowInference {
    /** Step-CA's default HTTPS port ({@code ca.json} {@code address} ":9000"). */
    public static final int STEP_CA_PORT = 9000;

    private FlowInference() {
    }

    /**
     * Infers the intended flows.
     *
     * @param topology the topology
     * @param roles    the roles (inferred, possibly overridden)
     * @return the flows ordered by source, destination, protocol and port; possibly empty
     */
    public static List<IntendedFlow> infer(Topology topology, Roles roles) {
        Acc acc = new Acc(topology);
        List<Endpoint> gateways = roles.holders(Role.GATEWAY);
        List<Endpoint> routers = roles.holders(Role.ROUTER);
        for (Endpoint gw : gateways) {
            Location at = declared(topology, gw);
            acc.add(Endpoint.EXTERNAL, gw, "tcp", 80, "http", "External clients reach the Nginx gateway (HTTP, ACME http-01)", at);
            acc.add(Endpoint.EXTERNAL, gw, "tcp", 443, "https", "External clients reach the Nginx gateway (HTTPS)", at);
            for (Endpoint router : routers) {
                acc.add(gw, router, "tcp", 80, "http", "Nginx proxies to Traefik's web entrypoint", declared(topology, router));
            }
        }
        for (Endpoint router : routers) {
            for (Guest backend : topology.guests()) {
                for (Service s : backend.services()) {
                    acc.add(router, backend.endpoint(), "tcp", s.port(), s.scheme(),
                            "Traefik routes " + s.name() + " to its backend", s.declared());
                }
            }
        }
        for (Endpoint ca : roles.holders(Role.CA)) {
            int port = topology.guest(ca).flatMap(g -> g.services().stream().findFirst()).map(Service::port)
                    .orElse(STEP_CA_PORT);
            for (Guest g : topology.guests()) {
                if (g.hasFeature("step_cli")) {
                    acc.add(g.endpoint(), ca, "tcp", port, "https", "step CLI obtains and renews certificates from Step-CA",
                            pointer(g.declared(), "/features"));
                }
                if (g.hasFeature("trusted_ca")) {
                    acc.add(g.endpoint(), ca, "tcp", port, "https", "Guest fetches the Step-CA root to trust it",
                            pointer(g.declared(), "/features"));
                }
                if (!g.caUrl().isEmpty()) {
                    Endpoint target = caUrlTarget(topology, g.caUrl()).orElse(ca);
                    int urlPort = caUrlPort(g.caUrl()).orElse(port);
                    acc.add(g.endpoint(), target, "tcp", urlPort, "https", "Bootstraps trust from " + g.caUrl(),
                            pointer(g.declared(), "/bootstrap_ca_url"));
                }
            }
            acc.add(Endpoint.HOST, ca, "tcp", port, "https", "The host renews the deployment's certificates from Step-CA",
                    declared(topology, ca));
        }
        for (Guest g : topology.guests()) {
            for (int i = 0; i < g.nameservers().size(); i++) {
                String ns = g.nameservers().get(i);
                Endpoint server = topology.ownerOf(ns).orElse(Endpoint.EXTERNAL);
                Location at = pointer(g.declared(), "/network_config");
                String purpose = "Resolves names with nameserver " + ns;
                String ext = server.equals(Endpoint.EXTERNAL) ? ns : "";
                acc.add(g.endpoint(), server, "udp", 53, "dns", purpose, at, ext);
                acc.add(g.endpoint(), server, "tcp", 53, "dns", purpose + " (TCP, RFC 7766)", at, ext);
            }
        }
        for (String ns : topology.host().nameservers()) {
            Endpoint server = topology.ownerOf(ns).orElse(Endpoint.EXTERNAL);
            String purpose = "The host resolves names with nameserver " + ns;
            String ext = server.equals(Endpoint.EXTERNAL) ? ns : "";
            acc.add(Endpoint.HOST, server, "udp", 53, "dns", purpose, topology.host().declared(), ext);
            acc.add(Endpoint.HOST, server, "tcp", 53, "dns", purpose + " (TCP, RFC 7766)", topology.host().declared(), ext);
        }
        int agentPort = topology.services().portainerAgentPort();
        for (Endpoint server : agentPort == 0 ? List.<Endpoint>of() : roles.holders(Role.PORTAINER_SERVER)) {
            for (Endpoint agent : roles.holders(Role.PORTAINER_AGENT)) {
                acc.add(server, agent, "tcp", agentPort, "https", "Portainer server manages its agent",
                        declared(topology, agent));
            }
        }
        for (Endpoint nfs : roles.holders(Role.NFS_SERVER)) {
            for (Topology.NfsClient c : topology.nfsClients()) {
                Endpoint client = topology.ownerOf(c.address()).orElse(null);
                if (client != null) {
                    acc.add(client, nfs, "tcp", 2049, "nfs", "Mounts NFS exports", c.declared());
                }
            }
        }
        return acc.flows();
    }

    private static Location declared(Topology t, Endpoint e) {
        return t.guest(e).map(Guest::declared).orElse(t.host().declared());
    }

    private static Location pointer(Location base, String suffix) {
        return base.pointer().isEmpty() ? base : new Location(base.file(), base.pointer() + suffix, 0, 0);
    }

    private static Optional<Endpoint> caUrlTarget(Topology t, String url) {
        try {
            String host = URI.create(url).getHost();
            return host == null ? Optional.empty() : t.ownerOf(host);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Optional<Integer> caUrlPort(String url) {
        try {
            int p = URI.create(url).getPort();
            return p > 0 ? Optional.of(p) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Collects flows, merging those with the same key. */
    private static final class Acc {
        private final Topology topology;
        private final Map<String, IntendedFlow> flows = new LinkedHashMap<>();

        Acc(Topology topology) {
            this.topology = topology;
        }

        void add(Endpoint src, Endpoint dst, String proto, int port, String scheme, String purpose, Location at) {
            add(src, dst, proto, port, scheme, purpose, at, "");
        }

        void add(Endpoint src, Endpoint dst, String proto, int port, String scheme, String purpose, Location at,
                 String externalAddress) {
            if (src.equals(dst)) {
                return;
            }
            boolean active = topology.isActive(src) && topology.isActive(dst);
            IntendedFlow f = new IntendedFlow(src, dst, proto, port, scheme, purpose, List.of(at), active,
                    externalAddress);
            flows.merge(f.id(), f, (a, b) -> {
                List<Location> joined = new ArrayList<>(a.impliedBy());
                b.impliedBy().stream().filter(l -> !joined.contains(l)).forEach(joined::add);
                return new IntendedFlow(a.source(), a.destination(), a.protocol(), a.port(), a.scheme(),
                        a.purpose(), joined, a.active(), a.externalAddress());
            });
        }

        List<IntendedFlow> flows() {
            return flows.values().stream().sorted((a, b) -> {
                int c = a.source().compareTo(b.source());
                if (c == 0) {
                    c = a.destination().compareTo(b.destination());
                }
                if (c == 0) {
                    c = a.protocol().compareTo(b.protocol());
                }
                return c != 0 ? c : Integer.compare(a.port(), b.port());
            }).toList();
        }
    }
}
