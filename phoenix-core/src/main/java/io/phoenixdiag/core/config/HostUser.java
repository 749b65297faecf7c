package io.phoenixdiag.core.config;

import io.phoenixdiag.core.diag.Location;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The host admin user ({@code users}).
 *
 * <p>Immutable and thread-safe; never holds null.
 *
 * @param username     user name
 * @param passwordHash {@code password_hash}: not plaintext, but never printed either
 * @param sudoAccess   {@code sudo_access}; {@code false} when absent
 * @param sshPublicKey {@code ssh_public_key} (public, not secret), or {@code ""}
 * @param extraFields  fields of this JSON object that the model does not type, by name, as raw compact JSON text with secret values replaced by {@code "<masked>"}; kept so drift is never lost
 * @param location     where this users section was read (file, JSON pointer, line, column)
 */
public record HostUser(String username, Optional<Secret> passwordHash, boolean sudoAccess, String sshPublicKey, Map<String, String> extraFields, Location location) {

    /**
     * Validates and copies the components.
     *
     * @param username the username
     * @param passwordHash the password hash
     * @param sudoAccess the sudo access
     * @param sshPublicKey the ssh public key
     * @param extraFields the extra fields
     * @param location the location
     * @throws NullPointerException if a component is null
     */
    public HostUser {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(passwordHash, "passwordHash");
        Objects.requireNonNull(sshPublicKey, "sshPublicKey");
        extraFields = io.phoenixdiag.core.internal.OrderedMaps.copy(extraFields);
        Objects.requireNonNull(location, "location");
    }
}
