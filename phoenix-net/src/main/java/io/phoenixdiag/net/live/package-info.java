/**
 * Live evidence for the flow matrix: turns a deployment's intended flows into TCP, TLS, HTTP(S) and DNS
 * probes ({@link io.phoenixdiag.net.live.LiveMatrix}), runs them from a vantage point through a
 * {@link io.phoenixdiag.net.live.ProbeExecutor} (in this process, inside a Linux network namespace, or under any
 * command prefix such as Proxmox's {@code pct exec}), and merges the results into a
 * {@link io.phoenixdiag.core.diag.Report} as {@code live} verdicts, with findings where the live network
 * disagrees with the static verdicts.
 *
 * <p>The probe program {@link io.phoenixdiag.net.live.ProbeMain} reads probe requests as JSON and prints
 * results as JSON ({@link io.phoenixdiag.net.live.LiveJson}); the out-of-process executors run it.
 */
package io.phoenixdiag.net.live;
