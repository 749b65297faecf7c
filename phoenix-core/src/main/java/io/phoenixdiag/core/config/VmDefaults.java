package io.phoenixdiag.core.config;

import io.phoenixdiag.core.diag.Location;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * VM defaults ({@code vm_defaults} of the VM config, or of the hypervisor config).
 *
 * <p>Immutable and thread-safe; never holds null.
 *
 * @param template      template name, or {@code ""}
 * @param cores         CPU cores
 * @param memoryMb      MiB
 * @param diskSizeGb    GiB
 * @param storagePool   storage, or {@code ""}
 * @param networkBridge bridge, or {@code ""}
 * @param ubuntuRelease {@code ubuntu_release}, or {@code ""}
 * @param extraFields   fields of this JSON object that the model does not type, by name, as raw compact JSON text with secret values replaced by {@code "<masked>"}; kept so drift is never lost
 * @param location      where this defaults section was read (file, JSON pointer, line, column)
 */
public record VmDefaults(String template, OptionalInt cores, OptionalInt memoryMb, OptionalInt diskSizeGb, String storagePool, String networkBridge, String ubuntuRelease, Map<String, String> extraFields, Location location) {

    /**
     * Validates and copies the components.
     *
     * @param template the template
     * @param cores the cores
     * @param memoryMb the memory mb
     * @param diskSizeGb the disk size gb
     * @param storagePool the storage pool
     * @param networkBridge the network bridge
     * @param ubuntuRelease the ubuntu release
     * @param extraFields the extra fields
     * @param location the location
     * @throws NullPointerException if a component is null
     */
    public VmDefaults {
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(cores, "cores");
        Objects.requireNonNull(memoryMb, "memoryMb");
        Objects.requireNonNull(diskSizeGb, "diskSizeGb");
        Objects.requireNonNull(storagePool, "storagePool");
        Objects.requireNonNull(networkBridge, "networkBridge");
        Objects.requireNonNull(ubuntuRelease, "ubuntuRelease");
        extraFields = io.phoenixdiag.core.internal.OrderedMaps.copy(extraFields);
        Objects.requireNonNull(location, "location");
    }
}
