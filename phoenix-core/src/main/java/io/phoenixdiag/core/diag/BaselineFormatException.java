package io.phoenixdiag.core.diag;

import java.io.IOException;

/**
 * Thrown by {@link Baseline#read(java.nio.file.Path)} and {@link Baseline#parse(String, String)} when a
 * baseline file is not what the baseline format asks for: not JSON, not an array of entries, an entry
 * without a non-blank {@code justification}, with neither {@code findingId} nor {@code fingerprint}, or
 * with an unknown field.
 *
 * <p>The message names the file, then the JSON pointer of the entry (or line and column for a syntax
 * error), then what was expected. It quotes no text from the file except field names.
 */
public class BaselineFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    /** The JSON pointer of the offending value. */
    private final String pointer;

    /**
     * Creates the exception.
     *
     * @param file    the file as the user named it
     * @param pointer the RFC 6901 JSON pointer of the offending value ({@code ""} for the whole file)
     * @param message what was expected there
     */
    public BaselineFormatException(String file, String pointer, String message) {
        super(file + (pointer.isEmpty() ? "" : "#" + pointer) + ": " + message);
        this.pointer = pointer;
    }

    /**
     * Where the problem is.
     *
     * @return the JSON pointer of the offending value, {@code ""} for the whole file or a syntax error
     */
    public String pointer() {
        return pointer;
    }
}
