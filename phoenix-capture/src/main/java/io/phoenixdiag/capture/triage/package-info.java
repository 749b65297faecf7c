/**
 * Triage of a capture in the deployment's terms ({@link io.phoenixdiag.capture.triage.CaptureTriage}): flows joined
 * with the topology and intended flows, one sentence per flow, {@code capture.*} findings and {@code capture}-layer
 * verdicts.
 */
package io.phoenixdiag.capture.triage;
