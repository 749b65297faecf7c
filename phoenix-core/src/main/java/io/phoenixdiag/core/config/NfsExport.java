package io.phoenixdiag.core.config;

import io.phoenixdiag.core.diag.Location;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An NFS export of the host ({@code nfs.exports[]}, or the older {@code nfs.shares[]}).
 *
 * <p>Immutable and thread-safe; never holds null.
 *
 * @param path        exported path
 * @param clients     client addresses allowed
 * @param options     export options (e.g. {@code rw})
 * @param extraFields fields of this JSON object that the model does not type, by name, as raw compact JSON text with secret values replaced by {@code "<masked>"}; kept so drift is never lost
 * @param location    where this export was read (file, JSON pointer, line, column)
 */
public record NfsExport(String path, List<String> clients, List<String> options, Map<String, String> extraFields, Location location) {

    /**
     * Validates and copies the components.
     *
     * @param path the path
     * @param clients the clients
     * @param options the options
     * @param extraFields the extra fields
     * @param location the location
     * @throws NullPointerException if a component is null
     */
    public NfsExport {
        Objects.requireNonNull(path, "path");
        clients = List.copyOf(clients);
        options = List.copyOf(options);
        extraFields = io.phoenixdiag.core.internal.OrderedMaps.copy(extraFields);
        Objects.requireNonNull(location, "location");
    }
}
