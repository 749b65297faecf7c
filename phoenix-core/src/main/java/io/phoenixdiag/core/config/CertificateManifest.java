package io.phoenixdiag.core.config;

import io.phoenixdiag.core.diag.Location;
import java.util.List;
import java.util.Objects;

/**
 * The content of {@code certificate-manifest.json}: the certificates the host renews.
 *
 * <p>Immutable and thread-safe; never holds null.
 *
 * @param entries  entries in order
 * @param location where this file was read (file, JSON pointer, line, column)
 */
public record CertificateManifest(List<CertificateEntry> entries, Location location) {

    /**
     * Validates and copies the components.
     *
     * @param entries the entries
     * @param location the location
     * @throws NullPointerException if a component is null
     */
    public CertificateManifest {
        entries = List.copyOf(entries);
        Objects.requireNonNull(location, "location");
    }
}
