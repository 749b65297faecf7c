package io.phoenixdiag.core.topology;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import io.phoenixdiag.core.diag.Location;

/**
 * The components of a deployment: the host and its guests, indexed by endpoint and address.
 *
 * <p>Immutable and thread-safe. Build it from a loaded deployment with
 * {@code TopologyBuilder.build(deployment)}.
 *
 * @param domain     the internal DNS domain ({@code domain_name}), or {@code ""}
 * @param host       the Proxmox host
 * @param guests     every guest, ordered LXC by CTID then VMs by VMID
 * @param services   deployment-wide service endpoints the hypervisor config names
 * @param nfsClients NFS clients: export clients and VM {@code nfs} volumes
 */
public record Topology(String domain, HostNode host, List<Guest> guests, ServiceAddresses services,
                       List<NfsClient> nfsClients) {

    /**
     * Deployment-wide service addresses from the hypervisor config.
     *
     * @param portainerServer   {@code network.portainer_server_ip}, when set
     * @param portainerAgentPort {@code network.portainer_agent_port} (Portainer's default 9001 when unset)
     * @param nfsServer         {@code network.nfs_server}, when set
     * @param caDnsName         {@code step_ca.dns_name}, or {@code ""}
     * @param declared          where the hypervisor config's {@code network} section is
     */
    public record ServiceAddresses(Optional<String> portainerServer, int portainerAgentPort,
                                   Optional<String> nfsServer, String caDnsName, Location declared) {
        /**
         * Validates the components.
         *
         * @param portainerServer    the Portainer server address
         * @param portainerAgentPort the agent port, 1-65535
         * @param nfsServer          the NFS server address
         * @param caDnsName          the CA's DNS name
         * @param declared           where declared
         */
        public ServiceAddresses {
            Objects.requireNonNull(portainerServer, "portainerServer");
            Objects.requireNonNull(nfsServer, "nfsServer");
            Objects.requireNonNull(caDnsName, "caDnsName");
            Objects.requireNonNull(declared, "declared");
        }
    }

    /**
     * An NFS client as declared.
     *
     * @param address  the client address (as written in an export, or the VM's address)
     * @param declared where it is declared
     */
    public record NfsClient(String address, Location declared) {
        /**
         * Validates the components.
         *
         * @param address  the address
         * @param declared where declared
         */
        public NfsClient {
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(declared, "declared");
        }
    }

    /**
     * Validates, sorts and copies the components.
     *
     * @param domain     the domain
     * @param host       the host
     * @param guests     the guests, any order; ids must be unique per kind (the builder reports
     *                   duplicates as findings and keeps the first)
     * @param services   the service addresses
     * @param nfsClients the NFS clients
     * @throws IllegalArgumentException if two guests share an endpoint
     */
    public Topology {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(host, "host");
        TreeMap<Endpoint, Guest> sorted = new TreeMap<>();
        for (Guest g : guests) {
            if (sorted.put(g.endpoint(), g) != null) {
                throw new IllegalArgumentException("duplicate guest " + g.endpoint());
            }
        }
        guests = List.copyOf(sorted.values());
        Objects.requireNonNull(services, "services");
        nfsClients = List.copyOf(nfsClients);
    }

    /**
     * The guest behind an endpoint.
     *
     * @param endpoint e.g. {@code Endpoint.parse("lxc:103")}
     * @return the guest, or empty when the endpoint is not a known guest
     */
    public Optional<Guest> guest(Endpoint endpoint) {
        for (Guest g : guests) {
            if (g.endpoint().equals(endpoint)) {
                return Optional.of(g);
            }
        }
        return Optional.empty();
    }

    /**
     * The endpoint that owns an address: the host or a guest. Inactive guests are considered after
     * active ones, so a template sharing a running guest's address does not hide it.
     *
     * @param address an IPv4/IPv6 address without prefix length, e.g. {@code 10.0.0.10}
     * @return the owner, or empty when no component has that address
     */
    public Optional<Endpoint> ownerOf(String address) {
        String a = address.trim();
        if (host.address().filter(a::equals).isPresent()) {
            return Optional.of(Endpoint.HOST);
        }
        Guest inactive = null;
        for (Guest g : guests) {
            if (g.address().filter(a::equals).isPresent()) {
                if (g.active()) {
                    return Optional.of(g.endpoint());
                }
                if (inactive == null) {
                    inactive = g;
                }
            }
        }
        return Optional.ofNullable(inactive).map(Guest::endpoint);
    }

    /**
     * The address of an endpoint.
     *
     * @param endpoint the host or a guest
     * @return its static address, or empty (external, DHCP guests, unknown guests)
     */
    public Optional<String> addressOf(Endpoint endpoint) {
        if (endpoint.equals(Endpoint.HOST)) {
            return host.address();
        }
        return guest(endpoint).flatMap(Guest::address);
    }

    /**
     * Whether an endpoint runs: the host and external always do; a guest when started at boot and not
     * a template.
     *
     * @param endpoint the endpoint
     * @return true when active
     */
    public boolean isActive(Endpoint endpoint) {
        return !endpoint.isGuest() || guest(endpoint).map(Guest::active).orElse(false);
    }

    /**
     * A readable label for an endpoint, for diagrams and text reports.
     *
     * @param endpoint the endpoint
     * @return e.g. {@code Step-CA (10.0.0.10)}, {@code Proxmox host (10.0.0.13)}, {@code external}
     */
    public String label(Endpoint endpoint) {
        if (endpoint.equals(Endpoint.HOST)) {
            return host.label();
        }
        if (endpoint.equals(Endpoint.EXTERNAL)) {
            return "external clients";
        }
        return guest(endpoint).map(Guest::label).orElse(endpoint.subject());
    }

    /**
     * The guests by endpoint, in order.
     *
     * @return an unmodifiable map
     */
    public Map<Endpoint, Guest> guestMap() {
        Map<Endpoint, Guest> m = new LinkedHashMap<>();
        guests.forEach(g -> m.put(g.endpoint(), g));
        return Collections.unmodifiableMap(m);
    }
}
