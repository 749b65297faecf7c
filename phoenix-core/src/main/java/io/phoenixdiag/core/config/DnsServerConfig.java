package io.phoenixdiag.core.config;

import io.phoenixdiag.core.diag.Location;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The host DNS server ({@code dns_server}).
 *
 * <p>Immutable and thread-safe; never holds null.
 *
 * @param enabled            {@code enabled}; {@code false} when absent
 * @param upstreamServers    upstream resolvers
 * @param authoritativeZones zones served
 * @param extraFields        fields of this JSON object that the model does not type, by name, as raw compact JSON text with secret values replaced by {@code "<masked>"}; kept so drift is never lost
 * @param location           where this section was read (file, JSON pointer, line, column)
 */
public record DnsServerConfig(boolean enabled, List<String> upstreamServers, List<DnsZone> authoritativeZones, Map<String, String> extraFields, Location location) {

    /**
     * Validates and copies the components.
     *
     * @param enabled the enabled
     * @param upstreamServers the upstream servers
     * @param authoritativeZones the authoritative zones
     * @param extraFields the extra fields
     * @param location the location
     * @throws NullPointerException if a component is null
     */
    public DnsServerConfig {
        upstreamServers = List.copyOf(upstreamServers);
        authoritativeZones = List.copyOf(authoritativeZones);
        extraFields = io.phoenixdiag.core.internal.OrderedMaps.copy(extraFields);
        Objects.requireNonNull(location, "location");
    }
}
