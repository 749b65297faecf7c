package io.phoenixdiag.core.config;

import io.phoenixdiag.core.diag.Location;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;

/**
 * One VM of {@code phoenix_vm_configs.json} ({@code vms[]}). Absent numbers are empty, absent texts {@code ""}, absent lists empty.
 *
 * <p>Immutable and thread-safe; never holds null.
 *
 * @param vmid                   VM id
 * @param name                   name
 * @param isTemplate             {@code is_template}; {@code false} when absent
 * @param cloneFromVmid          {@code clone_from_vmid}
 * @param cores                  CPU cores
 * @param memoryMb               MiB
 * @param diskSizeGb             GiB
 * @param startAtBoot            {@code start_at_boot}; {@code false} when absent
 * @param bootOrder              {@code boot_order}
 * @param bootDelay              seconds
 * @param features               {@code features} in order
 * @param portainerRole          {@code portainer_role} ({@code primary}, {@code agent}...), or {@code ""}
 * @param portainerAgentHostname {@code portainer_agent_hostname}, or {@code ""}
 * @param dependencies           guest ids this VM depends on
 * @param traefikService         {@code traefik_service}
 * @param networkConfig          {@code network_config} ({@code ip} may be {@code dhcp}; {@code nameserver} or {@code nameservers})
 * @param volumes                {@code volumes}
 * @param dockerStacks           {@code docker_stacks}
 * @param dnsRecords             {@code dns_records}
 * @param mountPoints            {@code mount_points}
 * @param firewall               {@code firewall}
 * @param extraFields            fields of this JSON object that the model does not type, by name, as raw compact JSON text with secret values replaced by {@code "<masked>"}; kept so drift is never lost
 * @param location               where this VM was read (file, JSON pointer, line, column)
 */
public record VirtualMachine(int vmid, String name, boolean isTemplate, OptionalInt cloneFromVmid, OptionalInt cores, OptionalInt memoryMb, OptionalInt diskSizeGb, boolean startAtBoot, OptionalInt bootOrder, OptionalInt bootDelay, List<String> features, String portainerRole, String portainerAgentHostname, List<Integer> dependencies, Optional<TraefikService> traefikService, Optional<GuestNetwork> networkConfig, List<VmVolume> volumes, List<DockerStackRef> dockerStacks, List<DnsRecord> dnsRecords, List<MountPoint> mountPoints, Optional<GuestFirewall> firewall, Map<String, String> extraFields, Location location) {

    /**
     * Validates and copies the components.
     *
     * @param vmid the vmid
     * @param name the name
     * @param isTemplate the is template
     * @param cloneFromVmid the clone from vmid
     * @param cores the cores
     * @param memoryMb the memory mb
     * @param diskSizeGb the disk size gb
     * @param startAtBoot the start at boot
     * @param bootOrder the boot order
     * @param bootDelay the boot delay
     * @param features the features
     * @param portainerRole the portainer role
     * @param portainerAgentHostname the portainer agent hostname
     * @param dependencies the dependencies
     * @param traefikService the traefik service
     * @param networkConfig the network config
     * @param volumes the volumes
     * @param dockerStacks the docker stacks
     * @param dnsRecords the dns records
     * @param mountPoints the mount points
     * @param firewall the firewall
     * @param extraFields the extra fields
     * @param location the location
     * @throws NullPointerException if a component is null
     */
    public VirtualMachine {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(cloneFromVmid, "cloneFromVmid");
        Objects.requireNonNull(cores, "cores");
        Objects.requireNonNull(memoryMb, "memoryMb");
        Objects.requireNonNull(diskSizeGb, "diskSizeGb");
        Objects.requireNonNull(bootOrder, "bootOrder");
        Objects.requireNonNull(bootDelay, "bootDelay");
        features = List.copyOf(features);
        Objects.requireNonNull(portainerRole, "portainerRole");
        Objects.requireNonNull(portainerAgentHostname, "portainerAgentHostname");
        dependencies = List.copyOf(dependencies);
        Objects.requireNonNull(traefikService, "traefikService");
        Objects.requireNonNull(networkConfig, "networkConfig");
        volumes = List.copyOf(volumes);
        dockerStacks = List.copyOf(dockerStacks);
        dnsRecords = List.copyOf(dnsRecords);
        mountPoints = List.copyOf(mountPoints);
        Objects.requireNonNull(firewall, "firewall");
        extraFields = io.phoenixdiag.core.internal.OrderedMaps.copy(extraFields);
        Objects.requireNonNull(location, "location");
    }

    /**
     * The names of the docker stacks this VM runs.
     *
     * @return stack names in order, e.g. {@code [portainer_service]}
     */
    public List<String> dockerStackNames() {
        return dockerStacks.stream().map(DockerStackRef::name).collect(Collectors.toUnmodifiableList());
    }
}
