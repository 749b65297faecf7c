package io.phoenixdiag.net.probe;

/** Argument checks shared by the probe requests and {@link Prober}. */
final class Args {

    private Args() {
    }

    /**
     * Checks a timeout.
     *
     * @param ms   the value in ms
     * @param name the option's name for the message
     * @return {@code ms}
     * @throws IllegalArgumentException if not in 1..{@link Integer#MAX_VALUE}
     */
    static long timeoutMs(long ms, String name) {
        if (ms <= 0 || ms > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(name + " must be in 1.." + Integer.MAX_VALUE + " ms: " + ms);
        }
        return ms;
    }
}
