package io.phoenixdiag.core.analysis;

import io.phoenixdiag.core.config.Deployment;
import io.phoenixdiag.core.firewall.PveFirewall;
import io.phoenixdiag.core.firewall.Verdict;
import io.phoenixdiag.core.topology.IntendedFlow;
import io.phoenixdiag.core.topology.Roles;
import io.phoenixdiag.core.topology.Topology;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A deployment after static analysis: the loaded configuration, its topology, roles, intended flows,
 * the Proxmox firewall it declares and that firewall's verdict on every flow. The evidence type every
 * built-in check needs in its {@link io.phoenixdiag.core.diag.CheckContext}; build it with
 * {@link Diagnosis#analyse()}. Immutable and thread-safe.
 *
 * @param deployment the loaded Phoenix JSON files
 * @param topology   host and guests
 * @param roles      inferred roles, with user overrides applied
 * @param flows      the intended flows, with user additions and removals applied
 * @param firewall   the Proxmox VE firewall the JSON declares ({@link PhoenixFirewall})
 * @param verdicts   the firewall's verdict on each flow, by {@link IntendedFlow#id()}, in flow order
 */
public record DeploymentModel(Deployment deployment, Topology topology, Roles roles, List<IntendedFlow> flows,
                              PveFirewall firewall, Map<String, Verdict> verdicts) {
    /**
     * Validates and copies the components.
     *
     * @param deployment the deployment
     * @param topology   the topology
     * @param roles      the roles
     * @param flows      the flows
     * @param firewall   the firewall model
     * @param verdicts   the verdicts by flow id
     */
    public DeploymentModel {
        Objects.requireNonNull(deployment, "deployment");
        Objects.requireNonNull(topology, "topology");
        Objects.requireNonNull(roles, "roles");
        Objects.requireNonNull(firewall, "firewall");
        flows = List.copyOf(flows);
        verdicts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(verdicts));
    }

    /**
     * The firewall's verdict on one flow.
     *
     * @param flow the flow
     * @return its verdict, or empty when the flow was not evaluated
     */
    public Optional<Verdict> verdict(IntendedFlow flow) {
        return Optional.ofNullable(verdicts.get(flow.id()));
    }
}
