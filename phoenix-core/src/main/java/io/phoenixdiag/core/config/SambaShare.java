package io.phoenixdiag.core.config;

import io.phoenixdiag.core.diag.Location;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A Samba share ({@code samba.shares[]}).
 *
 * <p>Immutable and thread-safe; never holds null.
 *
 * @param name        share name, or {@code ""}
 * @param path        dataset path
 * @param options     options as written
 * @param validUsers  {@code valid_users}
 * @param extraFields fields of this JSON object that the model does not type, by name, as raw compact JSON text with secret values replaced by {@code "<masked>"}; kept so drift is never lost
 * @param location    where this share was read (file, JSON pointer, line, column)
 */
public record SambaShare(String name, String path, String options, List<String> validUsers, Map<String, String> extraFields, Location location) {

    /**
     * Validates and copies the components.
     *
     * @param name the name
     * @param path the path
     * @param options the options
     * @param validUsers the valid users
     * @param extraFields the extra fields
     * @param location the location
     * @throws NullPointerException if a component is null
     */
    public SambaShare {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(options, "options");
        validUsers = List.copyOf(validUsers);
        extraFields = io.phoenixdiag.core.internal.OrderedMaps.copy(extraFields);
        Objects.requireNonNull(location, "location");
    }
}
