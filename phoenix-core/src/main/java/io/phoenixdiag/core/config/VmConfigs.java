package io.phoenixdiag.core.config;

import io.phoenixdiag.core.diag.Location;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The content of {@code phoenix_vm_configs.json}.
 *
 * <p>Immutable and thread-safe; never holds null.
 *
 * @param vmDefaults  {@code vm_defaults}
 * @param vms         {@code vms} in file order
 * @param extraFields fields of this JSON object that the model does not type, by name, as raw compact JSON text with secret values replaced by {@code "<masked>"}; kept so drift is never lost
 * @param location    where this file was read (file, JSON pointer, line, column)
 */
public record VmConfigs(Optional<VmDefaults> vmDefaults, List<VirtualMachine> vms, Map<String, String> extraFields, Location location) {

    /**
     * Validates and copies the components.
     *
     * @param vmDefaults the vm defaults
     * @param vms the vms
     * @param extraFields the extra fields
     * @param location the location
     * @throws NullPointerException if a component is null
     */
    public VmConfigs {
        Objects.requireNonNull(vmDefaults, "vmDefaults");
        vms = List.copyOf(vms);
        extraFields = io.phoenixdiag.core.internal.OrderedMaps.copy(extraFields);
        Objects.requireNonNull(location, "location");
    }
}
