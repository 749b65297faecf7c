package io.phoenixdiag.core.diag;

import java.io.IOException;

/**
 * Thrown by {@link ReportJson#read(String)} when a text is not a report of the contract: not JSON, a
 * missing or mistyped field, an unknown enum value, or an unsupported {@code schemaVersion}.
 *
 * <p>The message names where (a JSON pointer, or line and column for a syntax error) and what was
 * expected; it quotes no input text except identifiers a constraint rejected (such as a malformed check id).
 */
public class ReportFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    /** The JSON pointer of the offending value. */
    private final String pointer;

    /**
     * Creates the exception.
     *
     * @param pointer the RFC 6901 JSON pointer of the offending value ({@code ""} for the whole document)
     * @param message what was expected there
     */
    public ReportFormatException(String pointer, String message) {
        super((pointer.isEmpty() ? "report" : "report at " + pointer) + ": " + message);
        this.pointer = pointer;
    }

    /**
     * Where the problem is.
     *
     * @return the JSON pointer of the offending value, {@code ""} for the whole document or a syntax error
     */
    public String pointer() {
        return pointer;
    }
}
