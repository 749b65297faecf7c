package io.phoenixdiag.capture.internal;

/** A message ran past its bounds or broke its grammar; caught at the parser's boundary (no stack trace). */
public final class Malformed extends Exception {
    private static final long serialVersionUID = 1L;

    /**
     * Creates it.
     *
     * @param message what was wrong
     */
    public Malformed(String message) {
        super(message, null, false, false);
    }
}
