package io.phoenixdiag.core.config;

import io.phoenixdiag.core.diag.Location;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An authoritative zone of the host DNS server.
 *
 * <p>Immutable and thread-safe; never holds null.
 *
 * @param zoneName    {@code zone_name}
 * @param records     records in order
 * @param extraFields fields of this JSON object that the model does not type, by name, as raw compact JSON text with secret values replaced by {@code "<masked>"}; kept so drift is never lost
 * @param location    where this zone was read (file, JSON pointer, line, column)
 */
public record DnsZone(String zoneName, List<DnsRecord> records, Map<String, String> extraFields, Location location) {

    /**
     * Validates and copies the components.
     *
     * @param zoneName the zone name
     * @param records the records
     * @param extraFields the extra fields
     * @param location the location
     * @throws NullPointerException if a component is null
     */
    public DnsZone {
        Objects.requireNonNull(zoneName, "zoneName");
        records = List.copyOf(records);
        extraFields = io.phoenixdiag.core.internal.OrderedMaps.copy(extraFields);
        Objects.requireNonNull(location, "location");
    }
}
