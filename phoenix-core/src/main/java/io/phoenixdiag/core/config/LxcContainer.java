package io.phoenixdiag.core.config;

import io.phoenixdiag.core.diag.Location;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One LXC container of {@code phoenix_lxc_configs.json}, keyed by CTID. Absent numbers are empty, absent texts {@code ""}, absent lists empty.
 *
 * <p>Immutable and thread-safe; never holds null.
 *
 * @param ctid              container id (the key in {@code lxc_configs})
 * @param name              host name
 * @param startAtBoot       {@code start_at_boot}; {@code false} when absent (Proxmox {@code onboot} defaults to 0)
 * @param bootOrder         {@code boot_order}
 * @param bootDelay         {@code boot_delay} in seconds
 * @param memoryMb          {@code memory_mb} in MiB
 * @param swapMb            {@code swap_mb} in MiB
 * @param cores             CPU cores
 * @param storagePool       root-disk storage
 * @param storageSizeGb     root-disk size in GiB
 * @param template          template tarball, or {@code ""}
 * @param networkConfig     {@code network_config}
 * @param macAddress        {@code mac_address} as written, or {@code ""}
 * @param gpuAssignment     {@code gpu_assignment} as written ({@code none}, {@code 0,1}...), or {@code ""}
 * @param portainerRole     {@code portainer_role}, or {@code ""}
 * @param unprivileged      {@code unprivileged} when given
 * @param cloneFromCtid     {@code clone_from_ctid} (string or number)
 * @param features          {@code features} in order (e.g. {@code step_ca}, {@code trusted_ca}, {@code step_cli})
 * @param dependencies      guest ids (CTIDs or VMIDs) this container depends on
 * @param mountPoints       {@code mount_points}
 * @param applicationScript {@code application_script}, or {@code ""}
 * @param firewall          {@code firewall}
 * @param traefikService    {@code traefik_service}
 * @param ports             {@code ports}: docker-style published ports
 * @param bootstrapCaUrl    {@code bootstrap_ca_url}, or {@code ""}
 * @param healthCheck       {@code health_check}
 * @param zfsVolumes        {@code zfs_volumes} (or the older {@code volumes})
 * @param idMaps            {@code id_maps}
 * @param lxcOptions        {@code lxc_options}
 * @param pctOptions        {@code pct_options}
 * @param apparmorProfile   {@code apparmor_profile}, or {@code ""}
 * @param dnsRecords        {@code dns_records}
 * @param extraFields       fields of this JSON object that the model does not type, by name, as raw compact JSON text with secret values replaced by {@code "<masked>"}; kept so drift is never lost
 * @param location          where this container was read (file, JSON pointer, line, column)
 */
public record LxcContainer(int ctid, String name, boolean startAtBoot, OptionalInt bootOrder, OptionalInt bootDelay, OptionalInt memoryMb, OptionalInt swapMb, OptionalInt cores, String storagePool, OptionalInt storageSizeGb, String template, Optional<GuestNetwork> networkConfig, String macAddress, String gpuAssignment, String portainerRole, Optional<Boolean> unprivileged, OptionalInt cloneFromCtid, List<String> features, List<Integer> dependencies, List<MountPoint> mountPoints, String applicationScript, Optional<GuestFirewall> firewall, Optional<TraefikService> traefikService, List<PortMapping> ports, String bootstrapCaUrl, Optional<HealthCheck> healthCheck, List<ZfsVolume> zfsVolumes, List<IdMap> idMaps, List<String> lxcOptions, List<String> pctOptions, String apparmorProfile, List<DnsRecord> dnsRecords, Map<String, String> extraFields, Location location) {

    /**
     * Validates and copies the components.
     *
     * @param ctid the ctid
     * @param name the name
     * @param startAtBoot the start at boot
     * @param bootOrder the boot order
     * @param bootDelay the boot delay
     * @param memoryMb the memory mb
     * @param swapMb the swap mb
     * @param cores the cores
     * @param storagePool the storage pool
     * @param storageSizeGb the storage size gb
     * @param template the template
     * @param networkConfig the network config
     * @param macAddress the mac address
     * @param gpuAssignment the gpu assignment
     * @param portainerRole the portainer role
     * @param unprivileged the unprivileged
     * @param cloneFromCtid the clone from ctid
     * @param features the features
     * @param dependencies the dependencies
     * @param mountPoints the mount points
     * @param applicationScript the application script
     * @param firewall the firewall
     * @param traefikService the traefik service
     * @param ports the ports
     * @param bootstrapCaUrl the bootstrap ca url
     * @param healthCheck the health check
     * @param zfsVolumes the zfs volumes
     * @param idMaps the id maps
     * @param lxcOptions the lxc options
     * @param pctOptions the pct options
     * @param apparmorProfile the apparmor profile
     * @param dnsRecords the dns records
     * @param extraFields the extra fields
     * @param location the location
     * @throws NullPointerException if a component is null
     */
    public LxcContainer {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(bootOrder, "bootOrder");
        Objects.requireNonNull(bootDelay, "bootDelay");
        Objects.requireNonNull(memoryMb, "memoryMb");
        Objects.requireNonNull(swapMb, "swapMb");
        Objects.requireNonNull(cores, "cores");
        Objects.requireNonNull(storagePool, "storagePool");
        Objects.requireNonNull(storageSizeGb, "storageSizeGb");
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(networkConfig, "networkConfig");
        Objects.requireNonNull(macAddress, "macAddress");
        Objects.requireNonNull(gpuAssignment, "gpuAssignment");
        Objects.requireNonNull(portainerRole, "portainerRole");
        Objects.requireNonNull(unprivileged, "unprivileged");
        Objects.requireNonNull(cloneFromCtid, "cloneFromCtid");
        features = List.copyOf(features);
        dependencies = List.copyOf(dependencies);
        mountPoints = List.copyOf(mountPoints);
        Objects.requireNonNull(applicationScript, "applicationScript");
        Objects.requireNonNull(firewall, "firewall");
        Objects.requireNonNull(traefikService, "traefikService");
        ports = List.copyOf(ports);
        Objects.requireNonNull(bootstrapCaUrl, "bootstrapCaUrl");
        Objects.requireNonNull(healthCheck, "healthCheck");
        zfsVolumes = List.copyOf(zfsVolumes);
        idMaps = List.copyOf(idMaps);
        lxcOptions = List.copyOf(lxcOptions);
        pctOptions = List.copyOf(pctOptions);
        Objects.requireNonNull(apparmorProfile, "apparmorProfile");
        dnsRecords = List.copyOf(dnsRecords);
        extraFields = io.phoenixdiag.core.internal.OrderedMaps.copy(extraFields);
        Objects.requireNonNull(location, "location");
    }
}
