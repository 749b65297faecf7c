package io.phoenixdiag.core.topology;

import io.phoenixdiag.core.diag.Location;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An LXC container or VM as the topology sees it: identity, addressing, what it runs and whether it
 * runs. Immutable and thread-safe; built by {@code TopologyBuilder}.
 *
 * @param endpoint      its endpoint ({@code lxc:103}, {@code vm:1001})
 * @param name          its configured name, e.g. {@code Step-CA}
 * @param address       its IPv4/IPv6 address without prefix length, when statically configured
 *                      (empty for {@code dhcp} or none)
 * @param prefixLength  the prefix length of {@code address} (e.g. 24), or 0 when unknown
 * @param mac           its MAC address in upper case, or {@code ""}
 * @param bridge        the bridge its first NIC is on (e.g. {@code vmbr0}), or {@code ""}
 * @param nameservers   the nameserver addresses it is configured with, in order
 * @param features      its Phoenix features ({@code step_ca}, {@code trusted_ca}, {@code docker}...)
 * @param services      what it offers through the router
 * @param mounts        host paths mounted into it (mount points and shared volumes)
 * @param dependencies  guest ids it declares as dependencies, as written
 * @param cloneSource   the CTID/VMID it is cloned from, as written, when any
 * @param portainerRole its {@code portainer_role} ({@code primary}, {@code agent}, {@code none}...) or {@code ""}
 * @param applicationScript its {@code application_script} or {@code ""}
 * @param caUrl         its {@code bootstrap_ca_url} or {@code ""}
 * @param firewallEnabled whether its JSON says {@code firewall.enabled: true}
 * @param active        false when not started at boot or a template
 * @param inactiveReason why it is inactive, or {@code ""}
 * @param declared      where it is declared
 */
public record Guest(Endpoint endpoint, String name, Optional<String> address, int prefixLength, String mac,
                    String bridge, List<String> nameservers, List<String> features, List<Service> services,
                    List<Mount> mounts, List<String> dependencies, Optional<String> cloneSource,
                    String portainerRole, String applicationScript, String caUrl, boolean firewallEnabled,
                    boolean active, String inactiveReason, Location declared) {

    /**
     * A host directory mounted into a guest.
     *
     * @param hostPath  the path on the Proxmox host
     * @param guestPath the path inside the guest
     * @param declared  where the mount is declared
     */
    public record Mount(String hostPath, String guestPath, Location declared) {
        /**
         * Validates the components.
         *
         * @param hostPath  the host path
         * @param guestPath the guest path
         * @param declared  where declared
         */
        public Mount {
            Objects.requireNonNull(hostPath, "hostPath");
            Objects.requireNonNull(guestPath, "guestPath");
            Objects.requireNonNull(declared, "declared");
        }
    }

    /**
     * Validates and copies the components.
     *
     * @param endpoint the endpoint
     * @param name the name
     * @param address the address
     * @param prefixLength the prefix length
     * @param mac the MAC
     * @param bridge the bridge
     * @param nameservers the nameservers
     * @param features the features
     * @param services the services
     * @param mounts the mounts
     * @param dependencies the dependencies
     * @param cloneSource the clone source
     * @param portainerRole the Portainer role
     * @param applicationScript the application script
     * @param caUrl the CA URL
     * @param firewallEnabled whether the firewall is on
     * @param active whether it runs
     * @param inactiveReason why not
     * @param declared where declared
     * @throws IllegalArgumentException if the endpoint is not a guest
     */
    public Guest {
        if (!endpoint.isGuest()) {
            throw new IllegalArgumentException("not a guest endpoint: " + endpoint);
        }
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(mac, "mac");
        Objects.requireNonNull(bridge, "bridge");
        Objects.requireNonNull(cloneSource, "cloneSource");
        Objects.requireNonNull(portainerRole, "portainerRole");
        Objects.requireNonNull(applicationScript, "applicationScript");
        Objects.requireNonNull(caUrl, "caUrl");
        Objects.requireNonNull(inactiveReason, "inactiveReason");
        Objects.requireNonNull(declared, "declared");
        nameservers = List.copyOf(nameservers);
        features = List.copyOf(features);
        services = List.copyOf(services);
        mounts = List.copyOf(mounts);
        dependencies = List.copyOf(dependencies);
    }

    /**
     * Whether it has a Phoenix feature.
     *
     * @param feature e.g. {@code step_ca}
     * @return true when listed in {@link #features()}
     */
    public boolean hasFeature(String feature) {
        return features.contains(feature);
    }

    /**
     * A readable label for diagrams: name and address.
     *
     * @return e.g. {@code Step-CA (10.0.0.10)}
     */
    public String label() {
        return address.map(a -> name + " (" + a + ")").orElse(name);
    }
}
