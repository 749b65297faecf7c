package io.phoenixdiag.core.firewall;

import io.phoenixdiag.core.diag.Location;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A Proxmox IP alias ({@code [ALIASES]}: {@code name cidr}); names are case-insensitive. The standard
 * alias {@code local_network} of the datacenter overrides the detected local network (Proxmox VE
 * Admin Guide, "Standard IP Alias local_network"). Immutable and thread-safe.
 *
 * @param name    the lower-cased alias name
 * @param cidr    the address or network as written
 * @param comment the comment, or {@code ""}
 * @param range   the parsed address or network; empty when invalid
 * @param origin  where it was defined
 * @param errors  why it is invalid; empty when valid
 */
public record Alias(String name, String cidr, String comment, Optional<IpRange> range, Optional<Location> origin,
                    List<String> errors) {

    /**
     * Validates and copies the components.
     *
     * @param name the name
     * @param cidr the text
     * @param comment the comment
     * @param range the parsed range
     * @param origin the origin
     * @param errors the errors
     * @throws NullPointerException if a component is null
     */
    public Alias {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(cidr, "cidr");
        Objects.requireNonNull(comment, "comment");
        Objects.requireNonNull(range, "range");
        Objects.requireNonNull(origin, "origin");
        name = name.trim().toLowerCase(Locale.ROOT);
        errors = List.copyOf(errors);
    }

    /**
     * Parses an alias (pve-firewall {@code parse_alias}: one address or CIDR network).
     *
     * @param name the alias name
     * @param cidr the address or network text
     * @return the alias, with errors as data
     */
    public static Alias of(String name, String cidr) {
        String s = cidr == null ? "" : cidr.trim();
        Optional<IpRange> r = s.indexOf('-') >= 0 ? Optional.empty() : IpRange.tryParse(s);
        return new Alias(name, s, "", r, Optional.empty(), r.isPresent() ? List.of()
                : List.of("value '" + s + "' does not look like a valid IP address or CIDR network"));
    }

    /**
     * A copy with a location.
     *
     * @param location where it was defined
     * @return the copy
     */
    public Alias withOrigin(Location location) {
        return new Alias(name, cidr, comment, range, Optional.of(location), errors);
    }
}
