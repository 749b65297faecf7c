/**
 * Live connectivity probes on Netty: {@link io.phoenixdiag.net.probe.Prober} runs TCP, TLS and DNS probes
 * asynchronously, bounded by timeouts and cancellable, and returns immutable result records with a stable
 * JSON form ({@link io.phoenixdiag.net.probe.ProbeJson}) and a remediation sentence.
 *
 * <p>Threading: every returned {@link java.util.concurrent.CompletableFuture} is completed on one of the
 * prober's event-loop threads. Dependent stages added without an executor run on that thread too: keep them
 * short and never block in them (no {@code join()}, no blocking I/O); use the {@code *Async} variants with
 * your own executor for heavy work.
 */
package io.phoenixdiag.net.probe;
