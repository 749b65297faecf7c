package io.phoenixdiag.core.evidence;

import java.io.IOException;

/**
 * An evidence archive that cannot be read at all: not a tar.gz, tar or zip file, truncated, or beyond the
 * safety limits (size, entry count). The message names the archive and what was expected.
 */
public final class EvidenceArchiveException extends IOException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what is wrong, naming the archive
     */
    public EvidenceArchiveException(String message) {
        super(message);
    }
}
