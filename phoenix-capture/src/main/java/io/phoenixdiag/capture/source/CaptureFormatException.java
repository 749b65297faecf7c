package io.phoenixdiag.capture.source;

import java.io.IOException;

/**
 * The file is not a capture this module can read at all: its first bytes are neither a pcap magic number
 * ({@code a1b2c3d4}, {@code a1b23c4d}, either byte order) nor a pcapng section header block, or it is shorter
 * than a file header. Problems after a valid header are never thrown: they become {@link CaptureWarning}s.
 */
public final class CaptureFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message the file name, what was found and what was expected
     */
    public CaptureFormatException(String message) {
        super(message);
    }
}
