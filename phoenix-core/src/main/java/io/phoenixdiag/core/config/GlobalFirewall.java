package io.phoenixdiag.core.config;

import io.phoenixdiag.core.diag.Location;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The deployment-wide firewall of the hypervisor config: {@code shared_volumes.firewall} in every real version (a top-level {@code firewall} is accepted too). Its rules are Proxmox datacenter rules, which apply to the host only.
 *
 * <p>Immutable and thread-safe; never holds null.
 *
 * @param enabled             whether the firewall is meant to be on; {@code false} when absent
 * @param defaultInputPolicy  {@code default_input_policy} as written (e.g. {@code DROP}), or {@code ""}
 * @param defaultOutputPolicy {@code default_output_policy} as written (e.g. {@code ACCEPT}), or {@code ""}
 * @param rules               {@code global_firewall_rules} in file order
 * @param extraFields         fields of this JSON object that the model does not type, by name, as raw compact JSON text with secret values replaced by {@code "<masked>"}; kept so drift is never lost
 * @param location            where this firewall section was read (file, JSON pointer, line, column)
 */
public record GlobalFirewall(boolean enabled, String defaultInputPolicy, String defaultOutputPolicy, List<FirewallRule> rules, Map<String, String> extraFields, Location location) {

    /**
     * Validates and copies the components.
     *
     * @param enabled the enabled
     * @param defaultInputPolicy the default input policy
     * @param defaultOutputPolicy the default output policy
     * @param rules the rules
     * @param extraFields the extra fields
     * @param location the location
     * @throws NullPointerException if a component is null
     */
    public GlobalFirewall {
        Objects.requireNonNull(defaultInputPolicy, "defaultInputPolicy");
        Objects.requireNonNull(defaultOutputPolicy, "defaultOutputPolicy");
        rules = List.copyOf(rules);
        extraFields = io.phoenixdiag.core.internal.OrderedMaps.copy(extraFields);
        Objects.requireNonNull(location, "location");
    }
}
