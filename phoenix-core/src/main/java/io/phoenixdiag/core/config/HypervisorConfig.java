package io.phoenixdiag.core.config;

import io.phoenixdiag.core.diag.Location;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The content of {@code phoenix_hypervisor_config.json}. Absent sections are empty.
 *
 * <p>Immutable and thread-safe; never holds null.
 *
 * @param version           {@code version}, or {@code ""}
 * @param author            {@code author}, or {@code ""}
 * @param domainName        {@code domain_name}, or {@code ""}
 * @param timezone          {@code timezone}, or {@code ""}
 * @param users             {@code users}
 * @param corePaths         {@code core_paths}: name to host path (absolute paths on the Proxmox host), in order
 * @param network           {@code network}
 * @param nfs               {@code nfs}
 * @param samba             {@code samba}
 * @param zfs               {@code zfs}
 * @param proxmoxStorageIds {@code proxmox_storage_ids}
 * @param mountPointBase    {@code mount_point_base}, or {@code ""}
 * @param sharedVolumes     {@code shared_volumes} entries other than {@code firewall}
 * @param firewall          the global firewall ({@code shared_volumes.firewall}, or a top-level {@code firewall})
 * @param portainerApi      {@code portainer_api}
 * @param stepCa            {@code step_ca}
 * @param dnsServer         {@code dns_server}
 * @param vmDefaults        {@code vm_defaults}
 * @param extraFields       fields of this JSON object that the model does not type, by name, as raw compact JSON text with secret values replaced by {@code "<masked>"}; kept so drift is never lost
 * @param location          where this file was read (file, JSON pointer, line, column)
 */
public record HypervisorConfig(String version, String author, String domainName, String timezone, Optional<HostUser> users, Map<String, String> corePaths, Optional<HostNetwork> network, Optional<NfsConfig> nfs, Optional<SambaConfig> samba, Optional<ZfsConfig> zfs, Map<String, String> proxmoxStorageIds, String mountPointBase, List<SharedVolume> sharedVolumes, Optional<GlobalFirewall> firewall, Optional<PortainerApi> portainerApi, Optional<StepCaConfig> stepCa, Optional<DnsServerConfig> dnsServer, Optional<VmDefaults> vmDefaults, Map<String, String> extraFields, Location location) {

    /**
     * Validates and copies the components.
     *
     * @param version the version
     * @param author the author
     * @param domainName the domain name
     * @param timezone the timezone
     * @param users the users
     * @param corePaths the core paths
     * @param network the network
     * @param nfs the nfs
     * @param samba the samba
     * @param zfs the zfs
     * @param proxmoxStorageIds the proxmox storage ids
     * @param mountPointBase the mount point base
     * @param sharedVolumes the shared volumes
     * @param firewall the firewall
     * @param portainerApi the portainer api
     * @param stepCa the step ca
     * @param dnsServer the dns server
     * @param vmDefaults the vm defaults
     * @param extraFields the extra fields
     * @param location the location
     * @throws NullPointerException if a component is null
     */
    public HypervisorConfig {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(domainName, "domainName");
        Objects.requireNonNull(timezone, "timezone");
        Objects.requireNonNull(users, "users");
        corePaths = io.phoenixdiag.core.internal.OrderedMaps.copy(corePaths);
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(nfs, "nfs");
        Objects.requireNonNull(samba, "samba");
        Objects.requireNonNull(zfs, "zfs");
        proxmoxStorageIds = io.phoenixdiag.core.internal.OrderedMaps.copy(proxmoxStorageIds);
        Objects.requireNonNull(mountPointBase, "mountPointBase");
        sharedVolumes = List.copyOf(sharedVolumes);
        Objects.requireNonNull(firewall, "firewall");
        Objects.requireNonNull(portainerApi, "portainerApi");
        Objects.requireNonNull(stepCa, "stepCa");
        Objects.requireNonNull(dnsServer, "dnsServer");
        Objects.requireNonNull(vmDefaults, "vmDefaults");
        extraFields = io.phoenixdiag.core.internal.OrderedMaps.copy(extraFields);
        Objects.requireNonNull(location, "location");
    }
}
