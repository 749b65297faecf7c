package io.phoenixdiag.core.topology;

import io.phoenixdiag.core.diag.Location;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The Proxmox host as the topology sees it ({@code network.interfaces} of the hypervisor config).
 * Immutable and thread-safe.
 *
 * @param bridge       the bridge its address is on, e.g. {@code vmbr0}, or {@code ""}
 * @param address      its address without prefix length, when configured
 * @param prefixLength the prefix length (e.g. 24), or 0 when unknown
 * @param gateway      its default gateway, or {@code ""}
 * @param nameservers  the nameservers it uses itself
 * @param declared     where {@code network.interfaces} is declared
 */
public record HostNode(String bridge, Optional<String> address, int prefixLength, String gateway,
                       List<String> nameservers, Location declared) {
    /**
     * Validates and copies the components.
     *
     * @param bridge       the bridge
     * @param address      the address
     * @param prefixLength the prefix length
     * @param gateway      the gateway
     * @param nameservers  the nameservers
     * @param declared     where declared
     */
    public HostNode {
        Objects.requireNonNull(bridge, "bridge");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(gateway, "gateway");
        nameservers = List.copyOf(nameservers);
        Objects.requireNonNull(declared, "declared");
    }

    /**
     * A host with nothing known about it.
     *
     * @param declared the file that should have described it
     * @return the empty host
     */
    public static HostNode unknown(Location declared) {
        return new HostNode("", Optional.empty(), 0, "", List.of(), declared);
    }

    /**
     * A readable label for diagrams.
     *
     * @return e.g. {@code Proxmox host (10.0.0.13)}
     */
    public String label() {
        return address.map(a -> "Proxmox host (" + a + ")").orElse("Proxmox host");
    }
}
