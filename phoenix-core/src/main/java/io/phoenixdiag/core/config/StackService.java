package io.phoenixdiag.core.config;

import io.phoenixdiag.core.diag.Location;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A service of a stack environment with its Traefik labels.
 *
 * <p>Immutable and thread-safe; never holds null.
 *
 * @param name          service name
 * @param traefikLabels {@code traefik_labels} as written ({@code key=value})
 * @param extraFields   fields of this JSON object that the model does not type, by name, as raw compact JSON text with secret values replaced by {@code "<masked>"}; kept so drift is never lost
 * @param location      where this service was read (file, JSON pointer, line, column)
 */
public record StackService(String name, List<String> traefikLabels, Map<String, String> extraFields, Location location) {

    /**
     * Validates and copies the components.
     *
     * @param name the name
     * @param traefikLabels the traefik labels
     * @param extraFields the extra fields
     * @param location the location
     * @throws NullPointerException if a component is null
     */
    public StackService {
        Objects.requireNonNull(name, "name");
        traefikLabels = List.copyOf(traefikLabels);
        extraFields = io.phoenixdiag.core.internal.OrderedMaps.copy(extraFields);
        Objects.requireNonNull(location, "location");
    }

    /**
     * The Traefik labels as a map.
     *
     * @return label key to value in order (a label without {@code =} maps to {@code ""}); the last repeat wins
     */
    public Map<String, String> traefikLabelMap() {
        Map<String, String> m = new LinkedHashMap<>();
        for (String label : traefikLabels) {
            int eq = label.indexOf('=');
            m.put(eq < 0 ? label.trim() : label.substring(0, eq).trim(), eq < 0 ? "" : label.substring(eq + 1).trim());
        }
        return Collections.unmodifiableMap(m);
    }
}
