package io.phoenixdiag.net.probe;

import java.util.concurrent.CancellationException;

/**
 * Completes the future of a probe that was still in flight when its {@link Prober} was closed. A
 * {@link CancellationException}, so callers that already handle cancellation need nothing more; the probe's
 * connection is closed.
 */
public final class ProberClosedException extends CancellationException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception. */
    public ProberClosedException() {
        super("the prober was closed before the probe completed");
    }
}
