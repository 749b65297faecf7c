package io.phoenixdiag.core.gateway;

import io.phoenixdiag.core.diag.Location;
import java.util.List;
import java.util.Objects;

/**
 * A {@code map} block (nginx {@code ngx_http_map_module}): sets {@code variable} from the value of
 * {@code source}. Immutable and thread-safe.
 *
 * @param source       the source expression, such as {@code $host}
 * @param variable     the variable set, such as {@code $upstream_service}
 * @param defaultValue the {@code default} value, or {@code ""} when absent (nginx's default is the empty
 *                     string)
 * @param defaultAt    where {@code default} is written, or the map's own location when absent
 * @param entries      the other entries in order (the special parameters {@code hostnames} and
 *                     {@code volatile} are left out)
 * @param location     where the {@code map} directive is written
 */
public record NginxMap(String source, String variable, String defaultValue, Location defaultAt,
                       List<NginxMap.Entry> entries, Location location) {

    /**
     * Validates and copies the components.
     *
     * @param source the source
     * @param variable the variable
     * @param defaultValue the default
     * @param defaultAt the default's location
     * @param entries the entries
     * @param location the location
     * @throws NullPointerException if a component is null
     */
    public NginxMap {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(variable, "variable");
        Objects.requireNonNull(defaultValue, "defaultValue");
        Objects.requireNonNull(defaultAt, "defaultAt");
        Objects.requireNonNull(location, "location");
        entries = List.copyOf(entries);
    }

    /**
     * One {@code key value;} line of a map.
     *
     * @param key      the key (a string, or a regular expression starting with {@code ~} or {@code ~*})
     * @param value    the value
     * @param location where the line is written
     */
    public record Entry(String key, String value, Location location) {

        /**
         * Validates the components.
         *
         * @param key the key
         * @param value the value
         * @param location the location
         * @throws NullPointerException if a component is null
         */
        public Entry {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(location, "location");
        }
    }
}
