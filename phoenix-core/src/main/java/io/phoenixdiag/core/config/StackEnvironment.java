package io.phoenixdiag.core.config;

import io.phoenixdiag.core.diag.Location;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One environment ({@code production}, {@code testing}...) of a docker stack.
 *
 * <p>Immutable and thread-safe; never holds null.
 *
 * @param name          environment name
 * @param variables     {@code variables}
 * @param files         {@code files}
 * @param services      {@code services} by name
 * @param firewallRules {@code firewall_rules} (in a stack's {@code phoenix.json}); the VM manager adds them to the rules of VMs running the stack
 * @param extraFields   fields of this JSON object that the model does not type, by name, as raw compact JSON text with secret values replaced by {@code "<masked>"}; kept so drift is never lost
 * @param location      where this environment was read (file, JSON pointer, line, column)
 */
public record StackEnvironment(String name, List<StackVariable> variables, List<StackFile> files, Map<String, StackService> services, List<FirewallRule> firewallRules, Map<String, String> extraFields, Location location) {

    /**
     * Validates and copies the components.
     *
     * @param name the name
     * @param variables the variables
     * @param files the files
     * @param services the services
     * @param firewallRules the firewall rules
     * @param extraFields the extra fields
     * @param location the location
     * @throws NullPointerException if a component is null
     */
    public StackEnvironment {
        Objects.requireNonNull(name, "name");
        variables = List.copyOf(variables);
        files = List.copyOf(files);
        services = io.phoenixdiag.core.internal.OrderedMaps.copy(services);
        firewallRules = List.copyOf(firewallRules);
        extraFields = io.phoenixdiag.core.internal.OrderedMaps.copy(extraFields);
        Objects.requireNonNull(location, "location");
    }
}
