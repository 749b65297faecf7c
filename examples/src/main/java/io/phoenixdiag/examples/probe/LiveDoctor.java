package io.phoenixdiag.examples.probe;

import io.phoenixdiag.core.analysis.DeploymentModel;
import io.phoenixdiag.core.diag.Report;
import io.phoenixdiag.net.live.ExecutionLimits;
import io.phoenixdiag.net.live.InProcessProbeExecutor;
import io.phoenixdiag.net.live.LiveMatrix;
import io.phoenixdiag.net.live.LiveResult;
import io.phoenixdiag.net.live.LiveRun;
import io.phoenixdiag.net.live.ProbeListener;

import java.io.PrintStream;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * The live part of {@code phoenix-doctor --live} and {@code --demo}: probes the model's intended flows from this
 * host ({@link InProcessProbeExecutor}) and merges the results into the static report ({@link LiveMatrix}).
 * Thread-safe (stateless).
 */
public final class LiveDoctor {
    private LiveDoctor() {
    }

    /**
     * Probes and merges, blocking until the run ends (within about the deadline).
     *
     * @param model          the analysed deployment (its flows are probed)
     * @param report         the static report
     * @param resolver       where to probe each flow's destination
     * @param anchors        trust anchors for TLS probes (e.g. the Step-CA root); empty to only capture chains
     * @param probeTimeoutMs the per-probe timeout in ms
     * @param limits         the concurrency limit and global deadline
     * @param progress       where a progress line goes on a terminal, or {@code null} for none
     * @return the report with the live layer
     */
    public static Report run(DeploymentModel model, Report report, LiveMatrix.TargetResolver resolver,
                             List<X509Certificate> anchors, long probeTimeoutMs, ExecutionLimits limits,
                             PrintStream progress) {
        Objects.requireNonNull(model, "model");
        try (InProcessProbeExecutor local = InProcessProbeExecutor.create()) {
            LiveRun run = LiveMatrix.builder().executor(local).resolver(resolver).trustAnchors(anchors)
                    .probeTimeoutMs(probeTimeoutMs).limits(limits)
                    .listener(progress == null ? ProbeListener.NONE : new Progress(progress)).build().run(model);
            if (progress != null) {
                progress.print("\r\033[K");
                progress.flush();
            }
            return LiveMatrix.merge(report, run);
        }
    }

    /**
     * The progress stream to use: standard error when this JVM has a console, else none.
     *
     * @return {@code System.err} or {@code null}
     */
    public static PrintStream terminalOrNull() {
        return System.console() != null ? System.err : null;
    }

    /** One self-overwriting progress line on a terminal. */
    private static final class Progress implements ProbeListener {
        private final PrintStream out;

        Progress(PrintStream out) {
            this.out = out;
        }

        @Override
        public void probeFinished(LiveResult result, int done, int total) {
            synchronized (out) {
                out.print("\r\033[Klive: " + done + "/" + total + " probes, last " + result.target() + " "
                        + result.outcome());
                out.flush();
            }
        }
    }
}
