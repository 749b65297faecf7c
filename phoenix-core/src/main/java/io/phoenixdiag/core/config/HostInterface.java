package io.phoenixdiag.core.config;

import io.phoenixdiag.core.diag.Location;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A host interface ({@code network.interfaces}, an object or a list).
 *
 * <p>Immutable and thread-safe; never holds null.
 *
 * @param name           interface name (e.g. {@code vmbr0})
 * @param address        address in CIDR notation, or {@code ""}
 * @param gateway        gateway, or {@code ""}
 * @param dnsNameservers {@code dns_nameservers} (string or list)
 * @param extraFields    fields of this JSON object that the model does not type, by name, as raw compact JSON text with secret values replaced by {@code "<masked>"}; kept so drift is never lost
 * @param location       where this interface was read (file, JSON pointer, line, column)
 */
public record HostInterface(String name, String address, String gateway, List<String> dnsNameservers, Map<String, String> extraFields, Location location) {

    /**
     * Validates and copies the components.
     *
     * @param name the name
     * @param address the address
     * @param gateway the gateway
     * @param dnsNameservers the dns nameservers
     * @param extraFields the extra fields
     * @param location the location
     * @throws NullPointerException if a component is null
     */
    public HostInterface {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(gateway, "gateway");
        dnsNameservers = List.copyOf(dnsNameservers);
        extraFields = io.phoenixdiag.core.internal.OrderedMaps.copy(extraFields);
        Objects.requireNonNull(location, "location");
    }
}
