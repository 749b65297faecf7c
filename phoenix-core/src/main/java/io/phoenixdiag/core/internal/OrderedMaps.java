package io.phoenixdiag.core.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Immutable map copies that keep the caller's iteration order, for the model records of phoenix-core. Not API
 * (the package is not exported). {@link Map#copyOf} is not used because it iterates in an order salted per JVM
 * run, which made rendered {@code .fw} files, reports and diffs differ between runs.
 */
public final class OrderedMaps {
    private OrderedMaps() {
    }

    /**
     * An unmodifiable copy in the argument's iteration order (an empty map when it is empty).
     *
     * @param map the map; no null keys or values
     * @param <K> key type
     * @param <V> value type
     * @return the copy
     * @throws NullPointerException if the map, a key or a value is null (as {@link Map#copyOf})
     */
    public static <K, V> Map<K, V> copy(Map<K, V> map) {
        Objects.requireNonNull(map, "map");
        if (map.isEmpty()) {
            return Collections.emptyMap();
        }
        Map<K, V> out = new LinkedHashMap<>((int) (map.size() / 0.75f) + 1);
        map.forEach((k, v) -> out.put(Objects.requireNonNull(k, "key"), Objects.requireNonNull(v, "value")));
        return Collections.unmodifiableMap(out);
    }
}
