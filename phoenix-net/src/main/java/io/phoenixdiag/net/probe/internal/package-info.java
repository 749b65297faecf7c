/**
 * Probe engines behind {@link io.phoenixdiag.net.probe.Prober}; not part of the public API.
 */
package io.phoenixdiag.net.probe.internal;
