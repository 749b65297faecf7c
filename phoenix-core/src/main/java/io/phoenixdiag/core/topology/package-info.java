/**
 * The deployment as components and connections: {@link io.phoenixdiag.core.topology.Topology} (host and
 * guests), {@link io.phoenixdiag.core.topology.Roles} (gateway, router, CA, DNS...) and the
 * {@link io.phoenixdiag.core.topology.IntendedFlow intended flows} between them.
 */
package io.phoenixdiag.core.topology;
