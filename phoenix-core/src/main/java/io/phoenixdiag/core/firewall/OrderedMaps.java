package io.phoenixdiag.core.firewall;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Immutable map copies that keep the caller's iteration order. {@link Map#copyOf} iterates in an order salted per
 * JVM run, which made rendered {@code .fw} files, reports and diffs differ between runs.
 */
final class OrderedMaps {
    private OrderedMaps() {
    }

    /**
     * An unmodifiable copy in the argument's iteration order.
     *
     * @param map the map; no null keys or values
     * @param <K> key type
     * @param <V> value type
     * @return the copy
     * @throws NullPointerException if the map, a key or a value is null (as {@link Map#copyOf})
     */
    static <K, V> Map<K, V> copy(Map<K, V> map) {
        Map<K, V> out = new LinkedHashMap<>(Math.max(4, map.size() * 2));
        map.forEach((k, v) -> out.put(Objects.requireNonNull(k, "key"), Objects.requireNonNull(v, "value")));
        return Collections.unmodifiableMap(out);
    }
}
