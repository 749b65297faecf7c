package io.phoenixdiag.pki.manifest;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

import io.phoenixdiag.core.diag.Location;

/**
 * One entry of Phoenix's {@code certificate-manifest.json}: a certificate the renewal manager keeps issued by
 * step-ca, where it is written and with which owner and mode.
 *
 * <p>This is phoenix-pki's own input type; {@link #of} takes the JSON fields as they are written so that the
 * typed model of phoenix-core can be connected with one call per entry. Immutable and thread-safe.
 *
 * @param commonName          {@code common_name}, such as {@code nginx.internal.homelab.example}
 * @param sans                {@code sans}, the DNS names (or IP literals) wanted in the SAN; empty when the
 *                            manifest gives none (then the common name is expected, see {@link #expectedSans()})
 * @param certPath            {@code cert_path}, an absolute path inside the inspected root
 * @param keyPath             {@code key_path}, an absolute path inside the inspected root
 * @param owner               the user part of {@code owner} ({@code root} of {@code root:www-data}), a name or a
 *                            numeric uid
 * @param group               the group part of {@code owner} ({@code www-data}), a name or numeric gid, or
 *                            {@code ""} when the manifest names no group
 * @param mode                {@code permissions}, three or four octal digits such as {@code 640}, as written
 * @param postRenewalCommand  {@code post_renewal_command}, or {@code ""}
 * @param location            where the entry is: the manifest file and the entry's JSON pointer ({@code /0})
 */
public record ManifestEntry(String commonName, List<String> sans, String certPath, String keyPath, String owner,
                            String group, String mode, String postRenewalCommand, Location location) {

    /**
     * Validates and copies the components (values are checked by {@link ManifestChecks#checkStatic}, not here,
     * so that a bad entry can still be reported).
     *
     * @param commonName the common name
     * @param sans the SAN names
     * @param certPath the certificate path
     * @param keyPath the key path
     * @param owner the user
     * @param group the group or {@code ""}
     * @param mode the octal mode as written
     * @param postRenewalCommand the command or {@code ""}
     * @param location the entry's location
     * @throws NullPointerException if a component is null
     */
    public ManifestEntry {
        Objects.requireNonNull(commonName, "commonName");
        sans = List.copyOf(sans);
        Objects.requireNonNull(certPath, "certPath");
        Objects.requireNonNull(keyPath, "keyPath");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(postRenewalCommand, "postRenewalCommand");
        Objects.requireNonNull(location, "location");
    }

    /**
     * Makes an entry from the manifest's JSON fields.
     *
     * @param commonName         {@code common_name}
     * @param sans               {@code sans}, or an empty list when absent
     * @param certPath           {@code cert_path}
     * @param keyPath            {@code key_path}
     * @param ownerSpec          {@code owner} as {@code user:group} (or {@code user} alone)
     * @param permissions        {@code permissions}, such as {@code 640}
     * @param postRenewalCommand {@code post_renewal_command}, or {@code ""}
     * @param location           the manifest file and the entry's JSON pointer, e.g. {@code /2}
     * @return the entry
     * @throws NullPointerException if an argument is null
     */
    public static ManifestEntry of(String commonName, List<String> sans, String certPath, String keyPath,
                                   String ownerSpec, String permissions, String postRenewalCommand, Location location) {
        int colon = ownerSpec.indexOf(':');
        String user = colon < 0 ? ownerSpec : ownerSpec.substring(0, colon);
        String group = colon < 0 ? "" : ownerSpec.substring(colon + 1);
        return new ManifestEntry(commonName, sans, certPath, keyPath, user, group, permissions, postRenewalCommand,
                location);
    }

    /**
     * The entry of a loaded {@code certificate-manifest.json} (phoenix-core's typed model).
     *
     * @param entry the core manifest entry
     * @return the entry, keeping the entry's location
     */
    public static ManifestEntry from(io.phoenixdiag.core.config.CertificateEntry entry) {
        return of(entry.commonName(), entry.sans(), entry.certPath(), entry.keyPath(), entry.owner(),
                entry.permissions(), entry.postRenewalCommand(), entry.location());
    }

    /**
     * Every entry of a loaded certificate manifest, in file order.
     *
     * @param manifest the core manifest
     * @return the entries
     */
    public static List<ManifestEntry> from(io.phoenixdiag.core.config.CertificateManifest manifest) {
        return manifest.entries().stream().map(ManifestEntry::from).toList();
    }

    /**
     * The SAN names the certificate must carry: {@link #sans()}, or the common name when there are none.
     *
     * @return the names, lower-cased (DNS names compare case-insensitively, RFC 4343)
     */
    public List<String> expectedSans() {
        List<String> names = sans.isEmpty() ? List.of(commonName) : sans;
        return names.stream().map(n -> n.toLowerCase(Locale.ROOT)).distinct().toList();
    }

    /**
     * The location of one field of this entry.
     *
     * @param field the JSON field name, such as {@code permissions}
     * @return the manifest file with the pointer {@code <entry pointer>/<field>}
     */
    public Location fieldLocation(String field) {
        return new Location(location.file(), location.pointer() + "/" + field, 0, 0);
    }
}
