package io.phoenixdiag.core.analysis;

import io.phoenixdiag.core.config.Deployment;
import io.phoenixdiag.core.config.LoadResult;
import io.phoenixdiag.core.config.PhoenixLoader;
import io.phoenixdiag.core.diag.CheckContext;
import io.phoenixdiag.core.diag.CheckResults;
import io.phoenixdiag.core.diag.CheckRunner;
import io.phoenixdiag.core.diag.Finding;
import io.phoenixdiag.core.diag.FlowEntry;
import io.phoenixdiag.core.diag.FlowLayer;
import io.phoenixdiag.core.diag.FlowState;
import io.phoenixdiag.core.diag.FlowVerdict;
import io.phoenixdiag.core.diag.NodeEntry;
import io.phoenixdiag.core.diag.Report;
import io.phoenixdiag.core.diag.RoleEntry;
import io.phoenixdiag.core.diag.Tool;
import io.phoenixdiag.core.firewall.PveFirewallEvaluator;
import io.phoenixdiag.core.firewall.Verdict;
import io.phoenixdiag.core.topology.Endpoint;
import io.phoenixdiag.core.topology.FlowInference;
import io.phoenixdiag.core.topology.Guest;
import io.phoenixdiag.core.topology.IntendedFlow;
import io.phoenixdiag.core.topology.RoleAssignment;
import io.phoenixdiag.core.topology.RoleInference;
import io.phoenixdiag.core.topology.Roles;
import io.phoenixdiag.core.topology.Topology;
import io.phoenixdiag.core.topology.TopologyBuilder;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The static diagnosis of a Phoenix deployment: load, analyse, check, report. The one entry point of
 * phoenix-core.
 *
 * <pre>{@code
 * Report report = Diagnosis.of(Path.of("/usr/local/phoenix_hypervisor/etc")).run();
 * System.out.print(ReportRenderer.text(false).render(report));
 * }</pre>
 *
 * <p>{@link #analyse()} gives the analysed {@link DeploymentModel} (topology, roles, intended flows,
 * firewall verdicts) without running checks; {@link #run()} also runs the checks (by default every
 * {@link io.phoenixdiag.core.diag.Check} that {@link java.util.ServiceLoader} finds) and assembles the
 * {@link Report}: the load findings first, then the check findings, the flows with their {@code intent}
 * verdicts, the topology nodes and the roles with their reasons. Sources added with
 * {@link Builder#layer(FlowLayerSource)} then add other layers' verdicts (such as {@code pve-fw}) to the
 * flows. It opens no network connection.
 * Instances are immutable and thread-safe; the {@link Builder} is not.
 */
public final class Diagnosis {
    /** The tool name written into reports. */
    public static final String TOOL_NAME = "phoenix-diagnostics";

    private final LoadResult<Deployment> loaded;
    private final List<RoleAssignment> roleOverrides;
    private final List<IntendedFlow> addedFlows;
    private final Set<String> removedFlows;
    private final CheckRunner runner;
    private final CheckContext extraEvidence;
    private final Tool tool;
    private final List<FlowLayerSource> layers;
    private final List<FlowContributor> contributors;

    private Diagnosis(Builder b) {
        this.loaded = b.loaded;
        this.roleOverrides = List.copyOf(b.roleOverrides);
        this.addedFlows = List.copyOf(b.addedFlows);
        this.removedFlows = Set.copyOf(b.removedFlows);
        this.runner = b.runner != null ? b.runner : CheckRunner.discover(Diagnosis.class.getClassLoader());
        this.extraEvidence = b.evidence.build();
        this.tool = b.tool;
        this.layers = List.copyOf(b.layers);
        this.contributors = b.contributors != null ? List.copyOf(b.contributors)
                : java.util.ServiceLoader.load(FlowContributor.class, Diagnosis.class.getClassLoader()).stream()
                .map(java.util.ServiceLoader.Provider::get).toList();
    }

    /**
     * A diagnosis of a deployment directory with the default checks.
     *
     * @param directory the directory holding the Phoenix JSON files; files it lacks are INFO findings,
     *                  an unreadable directory an ERROR finding (nothing is thrown)
     * @return the diagnosis
     */
    public static Diagnosis of(Path directory) {
        return builder().directory(directory).build();
    }

    /**
     * Starts a diagnosis.
     *
     * @return a new builder; not thread-safe
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The load result (the deployment and the loader's findings).
     *
     * @return the load result
     */
    public LoadResult<Deployment> loaded() {
        return loaded;
    }

    /**
     * Analyses the deployment without running checks: topology, roles (with overrides), intended flows
     * (with additions and removals), the declared Proxmox firewall and its verdict on every flow.
     *
     * @return the model
     */
    public DeploymentModel analyse() {
        return analyseWithFindings().model;
    }

    private Analysed analyseWithFindings() {
        Deployment d = loaded.value();
        Topology topology = TopologyBuilder.build(d);
        Roles roles = RoleInference.infer(topology).override(roleOverrides);
        Map<String, IntendedFlow> flows = new LinkedHashMap<>();
        FlowInference.infer(topology, roles).forEach(f -> flows.put(f.id(), f));
        for (FlowContributor c : contributors) { // other layers' facts (FlowContributor): their locations first
            for (IntendedFlow f : c.flows(d, topology, roles, extraEvidence)) {
                IntendedFlow old = flows.get(f.id());
                List<io.phoenixdiag.core.diag.Location> at = new ArrayList<>(f.impliedBy());
                if (old != null) {
                    old.impliedBy().stream().filter(l -> !at.contains(l)).forEach(at::add);
                }
                flows.put(f.id(), new IntendedFlow(f.source(), f.destination(), f.protocol(), f.port(), f.scheme(),
                        f.purpose(), at, topology.isActive(f.source()) && topology.isActive(f.destination()),
                        f.externalAddress()));
            }
        }
        // a user's flow is active only when both ends run, like an inferred one (IntendedFlow#active)
        addedFlows.forEach(f -> flows.put(f.id(), f.withActive(f.active() && topology.isActive(f.source())
                && topology.isActive(f.destination()))));
        removedFlows.forEach(flows::remove);
        PhoenixFirewall.Translation fw = PhoenixFirewall.translate(d, topology);
        PveFirewallEvaluator evaluator = PveFirewallEvaluator.compile(fw.firewall());
        List<IntendedFlow> flowList = new ArrayList<>(flows.values());
        Map<String, Verdict> verdicts = FlowEvaluation.evaluate(evaluator, topology, flowList);
        return new Analysed(new DeploymentModel(d, topology, roles, flowList, fw.firewall(), verdicts), fw.findings());
    }

    /**
     * Runs the whole static diagnosis.
     *
     * @return the report; {@link Report#hasProblems()} tells whether an ERROR or CRITICAL finding exists
     */
    public Report run() {
        Analysed a = analyseWithFindings();
        DeploymentModel model = a.model;
        CheckContext.Builder ctx = extraEvidence.toBuilder().put(DeploymentModel.class, model)
                .put(Deployment.class, model.deployment()).put(Topology.class, model.topology());
        CheckContext context = ctx.build();
        CheckResults results = runner.run(context);
        Report.Builder r = Report.builder().tool(tool).subject(model.deployment().directory());
        List<Finding> findings = new ArrayList<>(loaded.findings());
        findings.addAll(a.findings);
        r.findings(findings).add(results);
        Topology t = model.topology();
        r.node(NodeEntry.of("host", t.host().label(), t.host().address().orElse(""), "host", true));
        for (Guest g : t.guests()) {
            r.node(NodeEntry.of(g.endpoint().subject(), g.name(), g.address().orElse(""),
                    g.endpoint().kind().name().toLowerCase(java.util.Locale.ROOT), g.active()));
        }
        if (model.flows().stream().anyMatch(f -> f.source().equals(Endpoint.EXTERNAL)
                || f.destination().equals(Endpoint.EXTERNAL))) {
            r.node(NodeEntry.of("external", "external clients", "", "external", true));
        }
        for (RoleAssignment ra : model.roles().assignments()) {
            r.role(new RoleEntry(ra.endpoint().subject(), ra.role().id(), ra.reason()));
        }
        for (IntendedFlow f : model.flows()) {
            FlowEntry.Builder fb = FlowEntry.builder(f.source().subject(), f.destination().subject(), f.protocol(), f.port())
                    .scheme(f.scheme()).purpose(f.purpose()).active(f.active());
            f.impliedBy().forEach(l -> fb.impliedBy("implied by " + (l.pointer().isEmpty() ? l.file() : l.pointer()), l));
            model.verdict(f).ifPresent(v -> fb.verdict(toFlowVerdict(v)));
            r.flow(fb.build());
        }
        for (FlowLayerSource layer : layers) {
            layer.verdicts(model, context).forEach((id, v) -> {
                if (r.hasFlow(id)) {
                    r.verdict(id, v);
                }
            });
        }
        return r.build();
    }

    /**
     * The report form of a firewall verdict, in the {@code intent} layer.
     *
     * @param v the verdict
     * @return the flow verdict with the same state, deciding rule and location
     */
    public static FlowVerdict toFlowVerdict(Verdict v) {
        return toFlowVerdict(v, FlowLayer.INTENT);
    }

    /**
     * The report form of a firewall verdict in a given layer.
     *
     * @param v     the verdict
     * @param layer the layer, e.g. {@link FlowLayer#PVE_FW} for a verdict from real {@code .fw} files
     * @return the flow verdict with the same state, deciding rule and location
     */
    public static FlowVerdict toFlowVerdict(Verdict v, FlowLayer layer) {
        FlowState state = FlowState.valueOf(v.state().name());
        return v.location().map(l -> FlowVerdict.of(layer, state, v.decidedBy(), l))
                .orElseGet(() -> FlowVerdict.of(layer, state, v.decidedBy()));
    }

    private record Analysed(DeploymentModel model, List<Finding> findings) {
    }

    /** Builder for {@link Diagnosis}. Not thread-safe. */
    public static final class Builder {
        private LoadResult<Deployment> loaded;
        private final List<RoleAssignment> roleOverrides = new ArrayList<>();
        private final List<IntendedFlow> addedFlows = new ArrayList<>();
        private final Set<String> removedFlows = new LinkedHashSet<>();
        private CheckRunner runner;
        private final CheckContext.Builder evidence = CheckContext.builder();
        private Tool tool = Tool.of(TOOL_NAME, version());
        private final List<FlowLayerSource> layers = new ArrayList<>();
        private List<FlowContributor> contributors;

        private Builder() {
        }

        /**
         * Uses these flow contributors instead of the ones {@link java.util.ServiceLoader} finds.
         *
         * @param flowContributors the contributors, applied in order; empty for none
         * @return this builder
         */
        public Builder flowContributors(List<FlowContributor> flowContributors) {
            this.contributors = List.copyOf(flowContributors);
            return this;
        }

        /**
         * Adds a source of another layer's flow verdicts (see {@link FlowLayerSource}), such as
         * {@code new io.phoenixdiag.core.checks.PveFwFlowCheck()} for real {@code .fw} files.
         *
         * @param source the source; called once per {@link Diagnosis#run()}, in the order added
         * @return this builder
         */
        public Builder layer(FlowLayerSource source) {
            this.layers.add(Objects.requireNonNull(source, "source"));
            return this;
        }

        /**
         * Loads the deployment from a directory ({@link PhoenixLoader#loadDirectory(Path)}).
         *
         * @param directory the deployment directory
         * @return this builder
         */
        public Builder directory(Path directory) {
            this.loaded = PhoenixLoader.loadDirectory(Objects.requireNonNull(directory, "directory"));
            return this;
        }

        /**
         * Uses an already loaded deployment.
         *
         * @param loaded the load result
         * @return this builder
         */
        public Builder deployment(LoadResult<Deployment> loaded) {
            this.loaded = Objects.requireNonNull(loaded, "loaded");
            return this;
        }

        /**
         * Overrides inferred roles ({@link Roles#override(List)}), e.g. from
         * {@link Roles#readOverrides(Path)}.
         *
         * @param overrides the declared roles
         * @return this builder
         */
        public Builder roles(List<RoleAssignment> overrides) {
            this.roleOverrides.addAll(overrides);
            return this;
        }

        /**
         * Adds (or replaces, by id) an intended flow. Like an inferred flow it counts as active only when
         * both ends run (a template or a guest not started at boot, or an endpoint the deployment does not
         * declare, makes it inactive), whatever its {@code active} component says.
         *
         * @param flow the flow
         * @return this builder
         */
        public Builder addFlow(IntendedFlow flow) {
            this.addedFlows.add(Objects.requireNonNull(flow, "flow"));
            return this;
        }

        /**
         * Removes an inferred flow.
         *
         * @param flowId its id, e.g. {@code lxc:102->lxc:103/tcp/9000}
         * @return this builder
         */
        public Builder removeFlow(String flowId) {
            this.removedFlows.add(Objects.requireNonNull(flowId, "flowId"));
            return this;
        }

        /**
         * Uses these checks instead of the discovered ones.
         *
         * @param runner the check runner
         * @return this builder
         */
        public Builder checks(CheckRunner runner) {
            this.runner = Objects.requireNonNull(runner, "runner");
            return this;
        }

        /**
         * Adds evidence for checks from other modules (certificates, rule dumps...).
         *
         * @param type  the evidence type checks ask for
         * @param value the evidence
         * @param <T>   the type
         * @return this builder
         */
        public <T> Builder evidence(Class<T> type, T value) {
            this.evidence.put(type, value);
            return this;
        }

        /**
         * Sets the clock checks use (certificate lifetimes, clock skew).
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.evidence.clock(clock);
            return this;
        }

        /**
         * Sets the tool name and version written into the report.
         *
         * @param tool the tool
         * @return this builder
         */
        public Builder tool(Tool tool) {
            this.tool = Objects.requireNonNull(tool, "tool");
            return this;
        }

        /**
         * Builds the diagnosis.
         *
         * @return the diagnosis
         * @throws IllegalStateException if no deployment was given
         */
        public Diagnosis build() {
            if (loaded == null) {
                throw new IllegalStateException("set a deployment with directory(Path) or deployment(LoadResult)");
            }
            return new Diagnosis(this);
        }
    }

    /**
     * The SDK version, from the jar manifest.
     *
     * @return the version, or {@code dev} when run from classes
     */
    public static String version() {
        String v = Diagnosis.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
