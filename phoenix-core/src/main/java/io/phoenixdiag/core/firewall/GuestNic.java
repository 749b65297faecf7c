package io.phoenixdiag.core.firewall;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A guest network interface as the guest config defines it ({@code net0: ...,firewall=1}): the
 * firewall flag decides whether pve-firewall filters it at all. Immutable and thread-safe.
 *
 * @param name      the config key, {@code net0}..{@code net31}
 * @param firewall  the {@code firewall=1} flag
 * @param bridge    the bridge it is plugged into ({@code vmbr0}), or {@code ""} when unknown; host rules
 *                  with {@code -i} compare against it
 * @param mac       the MAC address ({@code hwaddr}/{@code macaddr}), lower-case, or {@code ""} when unknown
 * @param addresses the configured addresses as written ({@code 10.0.0.12/24}, {@code dhcp}, IPv6 too)
 */
public record GuestNic(String name, boolean firewall, String bridge, String mac, List<String> addresses) {

    /**
     * Validates and copies the components.
     *
     * @param name the NIC key
     * @param firewall the firewall flag
     * @param bridge the bridge
     * @param mac the MAC address
     * @param addresses the addresses
     * @throws NullPointerException if a component is null
     */
    public GuestNic {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(bridge, "bridge");
        Objects.requireNonNull(mac, "mac");
        mac = mac.toLowerCase(Locale.ROOT);
        addresses = List.copyOf(addresses);
    }

    /**
     * A NIC with bridge {@code vmbr0} and no MAC.
     *
     * @param name      {@code net0}...
     * @param firewall  the {@code firewall=1} flag
     * @param addresses configured addresses such as {@code 10.0.0.12/24}
     * @return the NIC
     */
    public static GuestNic of(String name, boolean firewall, String... addresses) {
        return new GuestNic(name, firewall, "vmbr0", "", List.of(addresses));
    }

    /**
     * The configured addresses that parse as addresses (prefix dropped; {@code dhcp}/{@code auto} skipped).
     *
     * @return the host addresses of the NIC
     */
    public List<IpAddress> parsedAddresses() {
        List<IpAddress> out = new ArrayList<>();
        for (String a : addresses) {
            int slash = a.indexOf('/');
            Optional<IpAddress> ip = IpAddress.tryParse(slash >= 0 ? a.substring(0, slash) : a);
            ip.ifPresent(out::add);
        }
        return out;
    }
}
