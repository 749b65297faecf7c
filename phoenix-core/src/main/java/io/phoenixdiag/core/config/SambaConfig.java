package io.phoenixdiag.core.config;

import io.phoenixdiag.core.diag.Location;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The hypervisor config's {@code samba} section.
 *
 * <p>Immutable and thread-safe; never holds null.
 *
 * @param user        Samba user
 * @param shares      shares in order
 * @param extraFields fields of this JSON object that the model does not type, by name, as raw compact JSON text with secret values replaced by {@code "<masked>"}; kept so drift is never lost
 * @param location    where this Samba section was read (file, JSON pointer, line, column)
 */
public record SambaConfig(String user, List<SambaShare> shares, Map<String, String> extraFields, Location location) {

    /**
     * Validates and copies the components.
     *
     * @param user the user
     * @param shares the shares
     * @param extraFields the extra fields
     * @param location the location
     * @throws NullPointerException if a component is null
     */
    public SambaConfig {
        Objects.requireNonNull(user, "user");
        shares = List.copyOf(shares);
        extraFields = io.phoenixdiag.core.internal.OrderedMaps.copy(extraFields);
        Objects.requireNonNull(location, "location");
    }
}
