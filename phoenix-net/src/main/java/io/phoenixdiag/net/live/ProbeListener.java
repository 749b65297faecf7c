package io.phoenixdiag.net.live;

/**
 * Progress of a probe run, for a terminal progress line or a log. Methods have no-op defaults (like OkHttp's
 * {@code EventListener}); override what you need.
 *
 * <p>Threading: called from the executor's threads (for the in-process executor, Netty event-loop threads), possibly
 * several at once: implementations must be thread-safe, quick and must never block. An exception thrown by a
 * listener is ignored.
 */
public interface ProbeListener {
    /** A listener that does nothing. */
    ProbeListener NONE = new ProbeListener() {
    };

    /**
     * A run started.
     *
     * @param total how many probes it holds
     */
    default void runStarted(int total) {
    }

    /**
     * One probe finished (or was given up: {@link Reachability#NOT_RUN}).
     *
     * @param result its result
     * @param done   how many probes have finished so far, this one included
     * @param total  how many probes the run holds
     */
    default void probeFinished(LiveResult result, int done, int total) {
    }
}
