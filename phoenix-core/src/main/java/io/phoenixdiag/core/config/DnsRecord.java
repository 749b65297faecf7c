package io.phoenixdiag.core.config;

import io.phoenixdiag.core.diag.Location;
import java.util.Map;
import java.util.Objects;

/**
 * A DNS record a config asks for ({@code dns_records[]} or a zone's {@code records[]}).
 *
 * <p>Immutable and thread-safe; never holds null.
 *
 * @param hostname    the name
 * @param ip          {@code ip}, or {@code ""}
 * @param ipInternal  {@code ip_internal}, or {@code ""}
 * @param ipExternal  {@code ip_external}, or {@code ""}
 * @param extraFields fields of this JSON object that the model does not type, by name, as raw compact JSON text with secret values replaced by {@code "<masked>"}; kept so drift is never lost
 * @param location    where this record was read (file, JSON pointer, line, column)
 */
public record DnsRecord(String hostname, String ip, String ipInternal, String ipExternal, Map<String, String> extraFields, Location location) {

    /**
     * Validates and copies the components.
     *
     * @param hostname the hostname
     * @param ip the ip
     * @param ipInternal the ip internal
     * @param ipExternal the ip external
     * @param extraFields the extra fields
     * @param location the location
     * @throws NullPointerException if a component is null
     */
    public DnsRecord {
        Objects.requireNonNull(hostname, "hostname");
        Objects.requireNonNull(ip, "ip");
        Objects.requireNonNull(ipInternal, "ipInternal");
        Objects.requireNonNull(ipExternal, "ipExternal");
        extraFields = io.phoenixdiag.core.internal.OrderedMaps.copy(extraFields);
        Objects.requireNonNull(location, "location");
    }
}
