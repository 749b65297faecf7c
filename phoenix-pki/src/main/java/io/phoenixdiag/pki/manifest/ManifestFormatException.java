package io.phoenixdiag.pki.manifest;

import java.io.IOException;

import io.phoenixdiag.core.diag.Location;

/**
 * A {@code certificate-manifest.json} could not be read as the manifest: not JSON, not an array of objects, or
 * an entry lacks a required string field. The message names the file, the JSON pointer (and line/column for
 * syntax errors) and what was expected.
 */
public final class ManifestFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    /** Where the problem is. */
    private final transient Location location;

    /**
     * Creates the exception.
     *
     * @param location where the problem is
     * @param problem  what was wrong and what was expected, one sentence without trailing period
     */
    public ManifestFormatException(Location location, String problem) {
        super(location + ": " + problem);
        this.location = location;
    }

    /**
     * Where the problem is.
     *
     * @return the file with JSON pointer, or line and column for syntax errors
     */
    public Location location() {
        return location;
    }
}
