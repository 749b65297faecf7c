package io.phoenixdiag.core.config;

import io.phoenixdiag.core.diag.Location;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * One certificate of {@code certificate-manifest.json}.
 *
 * <p>Immutable and thread-safe; never holds null.
 *
 * @param commonName         {@code common_name}
 * @param sans               subject alternative names ({@code sans}; RFC 5280 SAN)
 * @param certPath           host path of the certificate
 * @param keyPath            host path of the private key
 * @param owner              {@code user:group} as written, or {@code ""}
 * @param permissions        octal mode as written (e.g. {@code 640}), or {@code ""}
 * @param postRenewalCommand command run after renewal, or {@code ""}
 * @param extraFields        fields of this JSON object that the model does not type, by name, as raw compact JSON text with secret values replaced by {@code "<masked>"}; kept so drift is never lost
 * @param location           where this entry was read (file, JSON pointer, line, column)
 */
public record CertificateEntry(String commonName, List<String> sans, String certPath, String keyPath, String owner, String permissions, String postRenewalCommand, Map<String, String> extraFields, Location location) {

    /**
     * Validates and copies the components.
     *
     * @param commonName the common name
     * @param sans the sans
     * @param certPath the cert path
     * @param keyPath the key path
     * @param owner the owner
     * @param permissions the permissions
     * @param postRenewalCommand the post renewal command
     * @param extraFields the extra fields
     * @param location the location
     * @throws NullPointerException if a component is null
     */
    public CertificateEntry {
        Objects.requireNonNull(commonName, "commonName");
        sans = List.copyOf(sans);
        Objects.requireNonNull(certPath, "certPath");
        Objects.requireNonNull(keyPath, "keyPath");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(permissions, "permissions");
        Objects.requireNonNull(postRenewalCommand, "postRenewalCommand");
        extraFields = io.phoenixdiag.core.internal.OrderedMaps.copy(extraFields);
        Objects.requireNonNull(location, "location");
    }

    /**
     * The owning user.
     *
     * @return the part of {@code owner} before {@code :}, or all of it
     */
    public String ownerUser() {
        int c = owner.indexOf(':');
        return c < 0 ? owner : owner.substring(0, c);
    }

    /**
     * The owning group.
     *
     * @return the part of {@code owner} after {@code :}, or {@code ""}
     */
    public String ownerGroup() {
        int c = owner.indexOf(':');
        return c < 0 ? "" : owner.substring(c + 1);
    }

    /**
     * The permissions as mode bits.
     *
     * @return e.g. {@code 0640} (416) for {@code "640"}; empty when absent or not octal
     */
    public OptionalInt permissionBits() {
        if (!permissions.matches("[0-7]{3,4}")) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(Integer.parseInt(permissions, 8));
    }
}
