package io.phoenixdiag.core.topology;

import java.util.Collections;
import java.util.HashMap;
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
 * <p>Lookups by endpoint ({@link #guest}) and by address ({@link #ownerOf}) are constant-time.
 */
public final class Topology {
    private final String domain;
    private final HostNode host;
    private final List<Guest> guests;
    private final ServiceAddresses services;
    private final List<NfsClient> nfsClients;
    private final Map<Endpoint, Guest> byEndpoint;
    private final Map<String, Endpoint> byAddress;

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
    public Topology(String domain, HostNode host, List<Guest> guests, ServiceAddresses services,
                    List<NfsClient> nfsClients) {
        this.domain = Objects.requireNonNull(domain, "domain");
        this.host = Objects.requireNonNull(host, "host");
        TreeMap<Endpoint, Guest> sorted = new TreeMap<>();
        for (Guest g : guests) {
            if (sorted.put(g.endpoint(), g) != null) {
                throw new IllegalArgumentException("duplicate guest " + g.endpoint());
            }
        }
        this.guests = List.copyOf(sorted.values());
        this.services = Objects.requireNonNull(services, "services");
        this.nfsClients = List.copyOf(nfsClients);
        this.byEndpoint = Collections.unmodifiableMap(new LinkedHashMap<>(sorted));
        Map<String, Endpoint> addresses = new HashMap<>();
        for (Guest g : this.guests) { // inactive guests only where no active guest has the address
            if (g.active()) {
                g.address().ifPresent(a -> addresses.putIfAbsent(a, g.endpoint()));
            }
        }
        for (Guest g : this.guests) {
            if (!g.active()) {
                g.address().ifPresent(a -> addresses.putIfAbsent(a, g.endpoint()));
            }
        }
        host.address().ifPresent(a -> addresses.put(a, Endpoint.HOST));
        this.byAddress = addresses;
    }

    /**
     * The internal DNS domain.
     *
     * @return {@code domain_name}, or {@code ""}
     */
    public String domain() {
        return domain;
    }

    /**
     * The Proxmox host.
     *
     * @return the host
     */
    public HostNode host() {
        return host;
    }

    /**
     * Every guest, LXC by CTID then VMs by VMID.
     *
     * @return an unmodifiable list
     */
    public List<Guest> guests() {
        return guests;
    }

    /**
     * The deployment-wide service addresses.
     *
     * @return the service addresses
     */
    public ServiceAddresses services() {
        return services;
    }

    /**
     * The NFS clients.
     *
     * @return an unmodifiable list
     */
    public List<NfsClient> nfsClients() {
        return nfsClients;
    }

    /**
     * Equal when all components are equal.
     *
     * @param o the other object
     * @return true when equal
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof Topology t && domain.equals(t.domain) && host.equals(t.host) && guests.equals(t.guests)
                && services.equals(t.services) && nfsClients.equals(t.nfsClients);
    }

    /**
     * Hash of all components.
     *
     * @return the hash
     */
    @Override
    public int hashCode() {
        return Objects.hash(domain, host, guests, services, nfsClients);
    }

    /**
     * A short description.
     *
     * @return e.g. {@code Topology[domain=lab.example, guests=14]}
     */
    @Override
    public String toString() {
        return "Topology[domain=" + domain + ", guests=" + guests.size() + "]";
    }

    /**
     * The guest behind an endpoint.
     *
     * @param endpoint e.g. {@code Endpoint.parse("lxc:103")}
     * @return the guest, or empty when the endpoint is not a known guest
     */
    public Optional<Guest> guest(Endpoint endpoint) {
        return Optional.ofNullable(byEndpoint.get(endpoint));
    }

    /**
     * The endpoint that owns an address: the host or a guest. Inactive guests are considered after
     * active ones, so a template sharing a running guest's address does not hide it.
     *
     * @param address an IPv4/IPv6 address without prefix length, e.g. {@code 10.0.0.10}
     * @return the owner, or empty when no component has that address
     */
    public Optional<Endpoint> ownerOf(String address) {
        return Optional.ofNullable(byAddress.get(address.trim()));
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
        return byEndpoint;
    }
}
