package io.phoenixdiag.core.analysis;

import io.phoenixdiag.core.config.Deployment;
import io.phoenixdiag.core.topology.IntendedFlow;
import io.phoenixdiag.core.topology.Roles;
import io.phoenixdiag.core.topology.Topology;
import java.util.List;
import java.util.Objects;

/**
 * A deployment after analysis: the loaded configuration, its topology, roles and intended flows.
 * The evidence type every built-in check needs in its {@link io.phoenixdiag.core.diag.CheckContext}.
 * Immutable and thread-safe.
 *
 * @param deployment the loaded Phoenix JSON files
 * @param topology   host and guests
 * @param roles      inferred roles, with user overrides applied
 * @param flows      the intended flows, with user additions and removals applied
 */
public record DeploymentModel(Deployment deployment, Topology topology, Roles roles, List<IntendedFlow> flows) {
    /**
     * Validates and copies the components.
     *
     * @param deployment the deployment
     * @param topology   the topology
     * @param roles      the roles
     * @param flows      the flows
     */
    public DeploymentModel {
        Objects.requireNonNull(deployment, "deployment");
        Objects.requireNonNull(topology, "topology");
        Objects.requireNonNull(roles, "roles");
        flows = List.copyOf(flows);
    }
}
