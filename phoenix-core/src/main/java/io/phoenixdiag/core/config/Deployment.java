package io.phoenixdiag.core.config;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the Phoenix JSON files of one deployment directory declare. Each part is optional: a
 * directory may hold only some of the files (a missing file is an INFO finding of the load, a broken one
 * an ERROR, and the part is then empty).
 *
 * <p>Immutable and thread-safe; never holds null. Load with {@link PhoenixLoader#loadDirectory(java.nio.file.Path)}.
 *
 * @param directory          the directory as the user named it (a label for messages)
 * @param hypervisor         {@code phoenix_hypervisor_config.json}
 * @param lxcConfigs         {@code phoenix_lxc_configs.json}
 * @param vmConfigs          {@code phoenix_vm_configs.json}
 * @param stacksConfig       {@code phoenix_stacks_config.json}
 * @param stackManifests     each {@code stacks/<name>/phoenix.json} present, by stack name (the directory name),
 *                           sorted by name
 * @param certificateManifest {@code certificate-manifest.json}
 * @param secrets            every secret value found in the loaded files, in file then document order
 */
public record Deployment(String directory, Optional<HypervisorConfig> hypervisor, Optional<LxcConfigs> lxcConfigs,
                         Optional<VmConfigs> vmConfigs, Optional<StacksConfig> stacksConfig,
                         Map<String, DockerStack> stackManifests, Optional<CertificateManifest> certificateManifest,
                         List<SecretOccurrence> secrets) {

    /**
     * Validates and copies the components.
     *
     * @param directory the directory label
     * @param hypervisor the hypervisor config
     * @param lxcConfigs the LXC configs
     * @param vmConfigs the VM configs
     * @param stacksConfig the stacks config
     * @param stackManifests the per-stack files
     * @param certificateManifest the certificate manifest
     * @param secrets the secret occurrences
     * @throws NullPointerException if a component is null
     */
    public Deployment {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(hypervisor, "hypervisor");
        Objects.requireNonNull(lxcConfigs, "lxcConfigs");
        Objects.requireNonNull(vmConfigs, "vmConfigs");
        Objects.requireNonNull(stacksConfig, "stacksConfig");
        stackManifests = io.phoenixdiag.core.internal.OrderedMaps.copy(stackManifests);
        Objects.requireNonNull(certificateManifest, "certificateManifest");
        secrets = List.copyOf(secrets);
    }

    /**
     * The LXC containers.
     *
     * @return containers by CTID in file order; empty when the LXC file is absent
     */
    public Map<Integer, LxcContainer> containers() {
        return lxcConfigs.map(LxcConfigs::containers).orElse(Map.of());
    }

    /**
     * One LXC container.
     *
     * @param ctid the container id
     * @return the container, or empty
     */
    public Optional<LxcContainer> container(int ctid) {
        return Optional.ofNullable(containers().get(ctid));
    }

    /**
     * The VMs.
     *
     * @return VMs in file order; empty when the VM file is absent
     */
    public List<VirtualMachine> vms() {
        return vmConfigs.map(VmConfigs::vms).orElse(List.of());
    }

    /**
     * One VM.
     *
     * @param vmid the VM id
     * @return the first VM with that id, or empty
     */
    public Optional<VirtualMachine> vm(int vmid) {
        return vms().stream().filter(v -> v.vmid() == vmid).findFirst();
    }

    /**
     * The global (datacenter) firewall of the hypervisor config.
     *
     * @return the firewall section, or empty
     */
    public Optional<GlobalFirewall> globalFirewall() {
        return hypervisor.flatMap(HypervisorConfig::firewall);
    }

    /**
     * The docker stacks of {@code phoenix_stacks_config.json}.
     *
     * @return stacks by name; empty when the file is absent
     */
    public Map<String, DockerStack> dockerStacks() {
        return stacksConfig.map(StacksConfig::dockerStacks).orElse(Map.of());
    }
}
