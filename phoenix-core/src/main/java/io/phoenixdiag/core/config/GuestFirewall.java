package io.phoenixdiag.core.config;

import io.phoenixdiag.core.diag.Location;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The per-guest firewall section of an LXC or VM config ({@code firewall: {enabled, rules}}).
 *
 * <p>Immutable and thread-safe; never holds null.
 *
 * @param enabled     {@code true} when the guest firewall is meant to be on (Proxmox guest option {@code enable: 1}); {@code false} when absent
 * @param rules       the rules in file order (Proxmox evaluates them first match wins)
 * @param extraFields fields of this JSON object that the model does not type, by name, as raw compact JSON text with secret values replaced by {@code "<masked>"}; kept so drift is never lost
 * @param location    where this firewall section was read (file, JSON pointer, line, column)
 */
public record GuestFirewall(boolean enabled, List<FirewallRule> rules, Map<String, String> extraFields, Location location) {

    /**
     * Validates and copies the components.
     *
     * @param enabled the enabled
     * @param rules the rules
     * @param extraFields the extra fields
     * @param location the location
     * @throws NullPointerException if a component is null
     */
    public GuestFirewall {
        rules = List.copyOf(rules);
        extraFields = io.phoenixdiag.core.internal.OrderedMaps.copy(extraFields);
        Objects.requireNonNull(location, "location");
    }
}
