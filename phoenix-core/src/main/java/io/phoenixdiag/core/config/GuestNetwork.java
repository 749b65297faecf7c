package io.phoenixdiag.core.config;

import io.phoenixdiag.core.diag.Location;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A guest's {@code network_config}: interface, bridge, address and resolvers.
 *
 * <p>Immutable and thread-safe; never holds null.
 *
 * @param name        interface name inside the guest (e.g. {@code eth0}), or {@code ""}
 * @param bridge      Proxmox bridge (e.g. {@code vmbr0}), or {@code ""}
 * @param ip          address in CIDR notation ({@code 10.0.0.10/24}), {@code dhcp}, or {@code ""} when absent
 * @param gateway     {@code gw}, or {@code ""}
 * @param nameservers resolvers from {@code nameservers} or {@code nameserver} (a string, comma/space separated, or a list)
 * @param extraFields fields of this JSON object that the model does not type, by name, as raw compact JSON text with secret values replaced by {@code "<masked>"}; kept so drift is never lost
 * @param location    where this network config was read (file, JSON pointer, line, column)
 */
public record GuestNetwork(String name, String bridge, String ip, String gateway, List<String> nameservers, Map<String, String> extraFields, Location location) {

    /**
     * Validates and copies the components.
     *
     * @param name the name
     * @param bridge the bridge
     * @param ip the ip
     * @param gateway the gateway
     * @param nameservers the nameservers
     * @param extraFields the extra fields
     * @param location the location
     * @throws NullPointerException if a component is null
     */
    public GuestNetwork {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(bridge, "bridge");
        Objects.requireNonNull(ip, "ip");
        Objects.requireNonNull(gateway, "gateway");
        nameservers = List.copyOf(nameservers);
        extraFields = io.phoenixdiag.core.internal.OrderedMaps.copy(extraFields);
        Objects.requireNonNull(location, "location");
    }

    /**
     * Whether the address is assigned by DHCP.
     *
     * @return {@code true} when {@code ip} is {@code dhcp} (any case)
     */
    public boolean isDhcp() {
        return ip.equalsIgnoreCase("dhcp");
    }

    /**
     * The static address without its prefix length.
     *
     * @return e.g. {@code 10.0.0.10} for {@code 10.0.0.10/24}; empty when DHCP or absent
     */
    public Optional<String> address() {
        if (ip.isEmpty() || isDhcp()) {
            return Optional.empty();
        }
        int slash = ip.indexOf('/');
        return Optional.of(slash < 0 ? ip : ip.substring(0, slash));
    }

    /**
     * The prefix length of the static address.
     *
     * @return e.g. 24 for {@code 10.0.0.10/24}; empty when absent, DHCP or not a number
     */
    public OptionalInt prefixLength() {
        int slash = ip.indexOf('/');
        if (slash < 0) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(Integer.parseInt(ip.substring(slash + 1).trim()));
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }
}
