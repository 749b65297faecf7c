package io.phoenixdiag.net.live;

/**
 * The bounds of one probe run. Immutable and thread-safe.
 *
 * @param concurrency how many probes may be in flight at once, 1 to 1024
 * @param deadlineMs  the global deadline in ms from the start of the run, 1 to {@link Integer#MAX_VALUE}: probes
 *                    not started by then are not started, probes still running are cancelled; both come back as
 *                    {@link Reachability#NOT_RUN} results saying so
 */
public record ExecutionLimits(int concurrency, long deadlineMs) {
    /** 16 probes at once, a 60 s deadline. */
    public static final ExecutionLimits DEFAULT = new ExecutionLimits(16, 60_000);

    /**
     * Validates the limits.
     *
     * @param concurrency the concurrency limit
     * @param deadlineMs  the global deadline in ms
     * @throws IllegalArgumentException if a value is out of range
     */
    public ExecutionLimits {
        if (concurrency < 1 || concurrency > 1024) {
            throw new IllegalArgumentException("concurrency must be 1..1024: " + concurrency);
        }
        if (deadlineMs < 1 || deadlineMs > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("deadlineMs must be 1.." + Integer.MAX_VALUE + ": " + deadlineMs);
        }
    }
}
