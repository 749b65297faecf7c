/**
 * The flow tracker ({@link io.phoenixdiag.capture.flow.FlowTracker}): flows keyed by 5-tuple with Zeek's
 * {@code conn_state} and {@code history}, and our {@link io.phoenixdiag.capture.flow.FlowOutcome}.
 */
package io.phoenixdiag.capture.flow;
