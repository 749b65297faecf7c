package io.phoenixdiag.core.firewall;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What the caller knows about guests and the host for {@link RuleSetAnalyzer#datacenterRulesForGuests}:
 * which addresses belong to which guest, which ports guests serve, and which ports the host offers.
 * Immutable and thread-safe.
 *
 * @param guestAddresses    guest address (a literal such as {@code 10.0.0.12}) -> subject ({@code lxc:103})
 * @param guestServicePorts subject -> the ports its services listen on
 * @param hostPorts         the ports the host itself offers (e.g. 22, 8006, 53)
 */
public record GuestServices(Map<String, String> guestAddresses, Map<String, Set<Integer>> guestServicePorts,
                            Set<Integer> hostPorts) {

    /**
     * Validates and copies the components.
     *
     * @param guestAddresses the addresses
     * @param guestServicePorts the service ports
     * @param hostPorts the host's ports
     * @throws NullPointerException if a component is null
     */
    public GuestServices {
        guestAddresses = io.phoenixdiag.core.internal.OrderedMaps.copy(Objects.requireNonNull(guestAddresses, "guestAddresses"));
        guestServicePorts = io.phoenixdiag.core.internal.OrderedMaps.copy(Objects.requireNonNull(guestServicePorts, "guestServicePorts"));
        hostPorts = Set.copyOf(Objects.requireNonNull(hostPorts, "hostPorts"));
    }
}
