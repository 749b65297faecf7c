package io.phoenixdiag.net.live;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Runs probes from one vantage point: the SPI behind {@link LiveMatrix}. Implementations shipped:
 * <ul>
 *   <li>{@link InProcessProbeExecutor}: in this JVM, on a {@link io.phoenixdiag.net.probe.Prober};</li>
 *   <li>{@link NetnsProbeExecutor}: inside a Linux network namespace, as a child JVM running {@link ProbeMain}
 *       under {@code ip netns exec} (the JDK cannot move a thread into another namespace, and Netty's event-loop
 *       threads are shared, so the probes must run in a process started there);</li>
 *   <li>{@link CommandProbeExecutor}: {@link ProbeMain} under any command prefix. A Proxmox vantage point plugs in
 *       here: {@code pct exec <CTID> -- } for a container or {@code qm guest exec <VMID> -- } for a VM with the QEMU
 *       guest agent, with a Java runtime and the phoenix jars present inside the guest (e.g. pushed with
 *       {@code pct push}) and {@code classPath} naming them as seen inside.</li>
 * </ul>
 * A new vantage point implements this interface (or reuses {@link CommandProbeExecutor} with its own prefix);
 * the wire format between a parent and a {@link ProbeMain} child is {@link LiveJson}.
 *
 * <p>Threading: implementations are thread-safe; {@link #run} never blocks (the work happens on the executor's own
 * threads or in a child process) and returns a future that always completes normally, with exactly one
 * {@link LiveResult} per spec, in spec order: failures are results ({@link Reachability#NOT_RUN} with the reason),
 * never exceptions. The future completes on an executor thread: do not block in dependent stages. Cancelling
 * it stops the run.
 */
public interface ProbeExecutor extends AutoCloseable {
    /**
     * Names the vantage point, as results and report verdicts show it: {@code local}, {@code netns:NAME},
     * {@code pct:103}...
     *
     * @return the vantage point's name, never empty
     */
    String vantage();

    /**
     * Runs probes within limits.
     *
     * @param probes   the probes, possibly empty
     * @param limits   the concurrency limit and global deadline
     * @param listener progress callbacks (see {@link ProbeListener} for its threading)
     * @return the results, one per probe in the same order, completed within about the deadline (plus, for a
     *         child process, its start-up)
     */
    CompletableFuture<List<LiveResult>> run(List<ProbeSpec> probes, ExecutionLimits limits, ProbeListener listener);

    /** Releases what the executor owns (event loops, child processes). Idempotent; the default does nothing. */
    @Override
    default void close() {
    }
}
