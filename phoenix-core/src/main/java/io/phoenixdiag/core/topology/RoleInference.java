package io.phoenixdiag.core.topology;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Infers each component's {@link Role} from the topology, with the reason for every inference.
 *
 * <p>The rules, in the order they are tried (every matching rule adds a role):
 * <ul>
 *   <li>{@link Role#CA}: feature {@code step_ca} (Phoenix installs Step-CA for it), or a name
 *       containing {@code step-ca}/{@code stepca};</li>
 *   <li>{@link Role#ROUTER}: feature {@code traefik}, or a name containing {@code traefik};</li>
 *   <li>{@link Role#GATEWAY}: feature {@code nginx}, or a name or application script containing
 *       {@code nginx};</li>
 *   <li>{@link Role#PORTAINER_SERVER}: {@code portainer_role} {@code primary} or {@code server}, or the
 *       address in {@code network.portainer_server_ip}; {@link Role#PORTAINER_AGENT}:
 *       {@code portainer_role} {@code agent};</li>
 *   <li>{@link Role#BACKEND}: a declared {@code traefik_service};</li>
 *   <li>{@link Role#DNS}: the owner (host or guest) of an address that guests name as nameserver (the
 *       host's own resolver list is not evidence enough: see the {@code dns.nameserver-not-dns} check);</li>
 *   <li>{@link Role#NFS_SERVER}: the owner of {@code network.nfs_server}.</li>
 * </ul>
 * Stateless and thread-safe.
 */
public final class RoleInference {
    private RoleInference() {
    }

    /**
     * Infers the roles of a topology.
     *
     * @param topology the topology
     * @return the inferred roles, each with its reason
     */
    public static Roles infer(Topology topology) {
        List<RoleAssignment> out = new ArrayList<>();
        for (Guest g : topology.guests()) {
            // "file#pointer/field": the guest's line and column would point at the guest, not at the field
            String where = g.declared().file() + "#" + g.declared().pointer();
            String name = g.name().toLowerCase(Locale.ROOT);
            String script = g.applicationScript().toLowerCase(Locale.ROOT);
            if (g.hasFeature("step_ca")) {
                out.add(new RoleAssignment(g.endpoint(), Role.CA, "feature step_ca (" + where + "/features)"));
            } else if (name.contains("step-ca") || name.contains("stepca")) {
                out.add(new RoleAssignment(g.endpoint(), Role.CA, "name '" + g.name() + "' (" + where + "/name)"));
            }
            if (g.hasFeature("traefik")) {
                out.add(new RoleAssignment(g.endpoint(), Role.ROUTER, "feature traefik (" + where + "/features)"));
            } else if (name.contains("traefik")) {
                out.add(new RoleAssignment(g.endpoint(), Role.ROUTER, "name '" + g.name() + "' (" + where + "/name)"));
            }
            if (g.hasFeature("nginx")) {
                out.add(new RoleAssignment(g.endpoint(), Role.GATEWAY, "feature nginx (" + where + "/features)"));
            } else if (name.contains("nginx")) {
                out.add(new RoleAssignment(g.endpoint(), Role.GATEWAY, "name '" + g.name() + "' (" + where + "/name)"));
            } else if (script.contains("nginx")) {
                out.add(new RoleAssignment(g.endpoint(), Role.GATEWAY,
                        "application script " + g.applicationScript() + " (" + where + "/application_script)"));
            }
            String pr = g.portainerRole().toLowerCase(Locale.ROOT);
            if (pr.equals("primary") || pr.equals("server")) {
                out.add(new RoleAssignment(g.endpoint(), Role.PORTAINER_SERVER,
                        "portainer_role " + g.portainerRole() + " (" + where + "/portainer_role)"));
            } else if (pr.equals("agent")) {
                out.add(new RoleAssignment(g.endpoint(), Role.PORTAINER_AGENT,
                        "portainer_role agent (" + where + "/portainer_role)"));
            }
            if (!g.services().isEmpty()) {
                out.add(new RoleAssignment(g.endpoint(), Role.BACKEND, "traefik_service "
                        + g.services().get(0).name() + " (" + g.services().get(0).declared() + ")"));
            }
        }
        Topology.ServiceAddresses sa = topology.services();
        sa.portainerServer().flatMap(topology::ownerOf).ifPresent(e -> out.add(new RoleAssignment(e,
                Role.PORTAINER_SERVER, "network.portainer_server_ip " + sa.portainerServer().get()
                + " (" + sa.declared() + ")")));
        sa.nfsServer().flatMap(topology::ownerOf).ifPresent(e -> out.add(new RoleAssignment(e,
                Role.NFS_SERVER, "network.nfs_server " + sa.nfsServer().get() + " (" + sa.declared() + ")")));
        Map<Endpoint, List<String>> dnsClients = new LinkedHashMap<>();
        for (Guest g : topology.guests()) {
            for (String ns : g.nameservers()) {
                Optional<Endpoint> owner = topology.ownerOf(ns);
                owner.ifPresent(o -> dnsClients.computeIfAbsent(o, k -> new ArrayList<>()).add(g.endpoint().subject()));
            }
        }
        dnsClients.forEach((server, clients) -> out.add(new RoleAssignment(server, Role.DNS,
                "nameserver of " + summarise(clients))));
        return new Roles(out);
    }

    private static String summarise(List<String> subjects) {
        List<String> distinct = subjects.stream().distinct().toList();
        if (distinct.size() <= 4) {
            return String.join(", ", distinct);
        }
        return String.join(", ", distinct.subList(0, 4)) + " and " + (distinct.size() - 4) + " more";
    }
}
