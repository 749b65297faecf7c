package io.phoenixdiag.core.analysis;

import io.phoenixdiag.core.config.Deployment;
import io.phoenixdiag.core.diag.CheckContext;
import io.phoenixdiag.core.topology.IntendedFlow;
import io.phoenixdiag.core.topology.Roles;
import io.phoenixdiag.core.topology.Topology;
import java.util.List;

/**
 * Contributes intended flows that another configuration layer decides (such as the ports and schemes an Nginx
 * site or a Traefik configuration really uses). {@link Diagnosis} merges them into the inferred flows before the
 * firewall evaluates them: a contributed flow with the key of an inferred one keeps the contributed scheme and
 * purpose and lists its {@code impliedBy} locations first, then the inferred ones; a new key is added. Users'
 * {@link Diagnosis.Builder#addFlow} and {@link Diagnosis.Builder#removeFlow} apply afterwards.
 *
 * <p>Discovered with {@link java.util.ServiceLoader} (public no-argument constructor) unless
 * {@link Diagnosis.Builder#flowContributors(List)} sets them. Implementations must be thread-safe.
 */
public interface FlowContributor {
    /**
     * The flows this layer decides.
     *
     * @param deployment the loaded deployment
     * @param topology   its topology
     * @param roles      the roles (inferred, possibly overridden)
     * @param evidence   the evidence given to the diagnosis
     * @return the flows, each with the locations of the configuration that decides it; never null
     */
    List<IntendedFlow> flows(Deployment deployment, Topology topology, Roles roles, CheckContext evidence);
}
