package io.phoenixdiag.core.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** Order-keeping immutable copies for the records' maps. */
final class Copies {

    private Copies() {
    }

    /**
     * Copies a map keeping its iteration order.
     *
     * @param map the map; no null keys or values
     * @param <K> key type
     * @param <V> value type
     * @return an unmodifiable copy in the same order
     * @throws NullPointerException if the map, a key or a value is null
     */
    static <K, V> Map<K, V> map(Map<K, V> map) {
        Objects.requireNonNull(map, "map");
        Map<K, V> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(Objects.requireNonNull(k, "key"), Objects.requireNonNull(v, "value")));
        return Collections.unmodifiableMap(copy);
    }
}
