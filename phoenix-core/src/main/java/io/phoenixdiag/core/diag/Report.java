package io.phoenixdiag.core.diag;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The result of a diagnosis: findings, the flow matrix, the topology nodes, the inferred roles and what
 * did not run.
 *
 * <p>This record <em>is</em> the report contract; {@link ReportJson} writes it as JSON with the fields in
 * the order of the components below (plus the derived {@code counts} after {@code subject} and each
 * flow's derived {@code summary}; {@code accepted} only when it is not empty), and
 * {@code docs/report-contract.md} describes every field. The JSON
 * Schema (draft-07) is the classpath resource {@value #SCHEMA_RESOURCE}. Compatibility rule: additive
 * changes (a new optional field, a new enum value) keep {@link #SCHEMA_VERSION}; a removed or renamed
 * field or a changed meaning bumps it.
 *
 * <p>Immutable and thread-safe; build with {@link #builder()}. Findings are always held in report order
 * ({@link #FINDING_ORDER}); nodes, roles, flows and not-run entries keep the order they were added in.
 * The report holds no wall-clock time, so the same inputs always render the same bytes.
 *
 * @param schemaVersion the contract version, {@link #SCHEMA_VERSION} for reports made by this code
 * @param tool          the program that made the report
 * @param subject       what was diagnosed, e.g. the deployment directory as the user named it, or {@code ""}
 * @param findings      the findings, in {@link #FINDING_ORDER}
 * @param flows         the flow matrix; ids are unique
 * @param nodes         the topology's components; ids are unique
 * @param roles         the roles inferred or declared, with reasons
 * @param notRun        what did not run and why
 * @param accepted      the findings a baseline accepted (see {@link Baseline}), in {@link #FINDING_ORDER} of
 *                      their findings; they are not in {@code findings} and do not make {@link #hasProblems()}
 */
public record Report(int schemaVersion, Tool tool, String subject, List<Finding> findings, List<FlowEntry> flows,
                     List<NodeEntry> nodes, List<RoleEntry> roles, List<NotRun> notRun, List<AcceptedFinding> accepted) {

    /** The contract version this code writes: 1. */
    public static final int SCHEMA_VERSION = 1;

    /** Classpath location of the report's JSON Schema (draft-07). */
    public static final String SCHEMA_RESOURCE = "/io/phoenixdiag/core/diag/report.schema.json";

    /**
     * The order of findings in a report: severity descending, then check id, then subjects (compared
     * element by element, a shorter list first when it is a prefix), then title, message and remediation.
     */
    public static final Comparator<Finding> FINDING_ORDER = Comparator
            .comparing(Finding::severity, Comparator.reverseOrder())
            .thenComparing(Finding::checkId)
            .thenComparing(Finding::subjects, Report::compareLists)
            .thenComparing(Finding::title)
            .thenComparing(Finding::message)
            .thenComparing(Finding::remediation);

    /**
     * Validates and copies the components, sorting the findings into {@link #FINDING_ORDER}.
     *
     * @param schemaVersion the contract version
     * @param tool the program
     * @param subject what was diagnosed
     * @param findings the findings
     * @param flows the flows
     * @param nodes the nodes
     * @param roles the roles
     * @param notRun what did not run
     * @param accepted the accepted findings
     * @throws NullPointerException if any component or list element is null
     * @throws IllegalArgumentException if {@code schemaVersion} is below 1, or two flows or two nodes share an id
     */
    public Report {
        Objects.requireNonNull(tool, "tool");
        Objects.requireNonNull(subject, "subject");
        if (schemaVersion < 1) {
            throw new IllegalArgumentException("schemaVersion must be >= 1: " + schemaVersion);
        }
        List<Finding> sorted = new ArrayList<>(findings);
        sorted.forEach(f -> Objects.requireNonNull(f, "finding"));
        sorted.sort(FINDING_ORDER);
        findings = List.copyOf(sorted);
        flows = List.copyOf(flows);
        nodes = List.copyOf(nodes);
        roles = List.copyOf(roles);
        notRun = List.copyOf(notRun);
        List<AcceptedFinding> acceptedSorted = new ArrayList<>(accepted);
        acceptedSorted.forEach(a -> Objects.requireNonNull(a, "accepted"));
        acceptedSorted.sort(Comparator.comparing(AcceptedFinding::finding, FINDING_ORDER));
        accepted = List.copyOf(acceptedSorted);
        requireUnique(flows.stream().map(FlowEntry::id).toList(), "flow");
        requireUnique(nodes.stream().map(NodeEntry::id).toList(), "node");
    }

    /**
     * A report without accepted findings (the form before baselines existed).
     *
     * @param schemaVersion the contract version
     * @param tool the program
     * @param subject what was diagnosed
     * @param findings the findings
     * @param flows the flows
     * @param nodes the nodes
     * @param roles the roles
     * @param notRun what did not run
     * @throws NullPointerException if any component or list element is null
     * @throws IllegalArgumentException as the canonical constructor
     */
    public Report(int schemaVersion, Tool tool, String subject, List<Finding> findings, List<FlowEntry> flows,
                  List<NodeEntry> nodes, List<RoleEntry> roles, List<NotRun> notRun) {
        this(schemaVersion, tool, subject, findings, flows, nodes, roles, notRun, List.of());
    }

    private static void requireUnique(List<String> ids, String what) {
        Set<String> seen = new HashSet<>();
        for (String id : ids) {
            if (!seen.add(id)) {
                throw new IllegalArgumentException("two " + what + "s have the id " + id);
            }
        }
    }

    private static int compareLists(List<String> a, List<String> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = a.get(i).compareTo(b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    /**
     * Starts an empty report of the current {@link #SCHEMA_VERSION}.
     *
     * @return a new builder; not thread-safe
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding this report's content, to add evidence of further layers.
     *
     * @return a new builder; not thread-safe
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.schemaVersion = schemaVersion;
        b.tool(tool).subject(subject).findings(findings);
        flows.forEach(b::flow);
        nodes.forEach(b::node);
        roles.forEach(b::role);
        notRun.forEach(b::notRun);
        accepted.forEach(b::accepted);
        return b;
    }

    /**
     * How many findings each severity has.
     *
     * @return an unmodifiable map with every {@link Severity} as key (0 when none), in severity order
     */
    public Map<Severity, Integer> counts() {
        Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
        for (Severity s : Severity.values()) {
            counts.put(s, 0);
        }
        findings.forEach(f -> counts.merge(f.severity(), 1, Integer::sum));
        return Collections.unmodifiableMap(counts);
    }

    /**
     * How many findings have a severity.
     *
     * @param severity the severity
     * @return the count, 0 when none
     */
    public int count(Severity severity) {
        return (int) findings.stream().filter(f -> f.severity() == severity).count();
    }

    /**
     * Whether the diagnosis found a problem (programs exit with 1 then). Accepted findings
     * ({@link #accepted()}) never count.
     *
     * @return {@code true} when any finding is {@link Severity#ERROR} or {@link Severity#CRITICAL}
     */
    public boolean hasProblems() {
        return findings.stream().anyMatch(f -> f.severity().isProblem());
    }

    /**
     * The most severe finding's severity.
     *
     * @return it, or empty when there are no findings
     */
    public Optional<Severity> highestSeverity() {
        return findings.stream().map(Finding::severity).max(Comparator.naturalOrder());
    }

    /**
     * This report with other findings and accepted findings (for filters and baselines); everything else is kept.
     *
     * @param findings the findings that remain
     * @param accepted the accepted findings
     * @return a new report
     * @throws NullPointerException if a list or element is null
     */
    public Report withFindings(List<Finding> findings, List<AcceptedFinding> accepted) {
        return new Report(schemaVersion, tool, subject, findings, flows, nodes, roles, notRun, accepted);
    }

    /**
     * Looks a flow up by id.
     *
     * @param id the flow id
     * @return the flow, or empty
     */
    public Optional<FlowEntry> flow(String id) {
        return flows.stream().filter(f -> f.id().equals(id)).findFirst();
    }

    /**
     * Builder for {@link Report}. Not thread-safe; {@link #build()} may be called more than once.
     *
     * <p>Evidence of several layers merges by flow id: add the flows once (usually from the topology's
     * intended flows with their intent verdicts), then {@link #verdict(String, FlowVerdict)} adds another
     * layer's verdict to an existing flow, and the flow's summary follows the rule of {@link FlowEntry}.
     */
    public static final class Builder {
        private int schemaVersion = SCHEMA_VERSION;
        private Tool tool = Tool.unknown();
        private String subject = "";
        private final List<Finding> findings = new ArrayList<>();
        private final Map<String, FlowEntry> flows = new LinkedHashMap<>();
        private final Map<String, NodeEntry> nodes = new LinkedHashMap<>();
        private final List<RoleEntry> roles = new ArrayList<>();
        private final List<NotRun> notRun = new ArrayList<>();
        private final List<AcceptedFinding> accepted = new ArrayList<>();

        private Builder() {
        }

        /**
         * Sets the program that makes the report.
         *
         * @param tool the program
         * @return this builder
         */
        public Builder tool(Tool tool) {
            this.tool = Objects.requireNonNull(tool, "tool");
            return this;
        }

        /**
         * Sets the program that makes the report.
         *
         * @param name    the program name
         * @param version its version or {@code ""}
         * @return this builder
         */
        public Builder tool(String name, String version) {
            return tool(Tool.of(name, version));
        }

        /**
         * Sets what was diagnosed.
         *
         * @param subject e.g. the deployment directory as the user named it
         * @return this builder
         */
        public Builder subject(String subject) {
            this.subject = Objects.requireNonNull(subject, "subject");
            return this;
        }

        /**
         * Adds a finding.
         *
         * @param finding the finding
         * @return this builder
         */
        public Builder finding(Finding finding) {
            findings.add(Objects.requireNonNull(finding, "finding"));
            return this;
        }

        /**
         * Adds findings.
         *
         * @param findings the findings
         * @return this builder
         */
        public Builder findings(Collection<Finding> findings) {
            findings.forEach(this::finding);
            return this;
        }

        /**
         * Adds the findings and not-run entries of a check run.
         *
         * @param results the results of {@link CheckRunner#run(CheckContext)}
         * @return this builder
         */
        public Builder add(CheckResults results) {
            findings(results.findings());
            results.notRun().forEach(this::notRun);
            return this;
        }

        /**
         * Adds a flow.
         *
         * @param flow the flow; its id must be new
         * @return this builder
         * @throws IllegalArgumentException if a flow with that id was already added (use
         *         {@link #verdict(String, FlowVerdict)} to add another layer's verdict to it)
         */
        public Builder flow(FlowEntry flow) {
            Objects.requireNonNull(flow, "flow");
            if (flows.putIfAbsent(flow.id(), flow) != null) {
                throw new IllegalArgumentException("flow " + flow.id() + " was already added; add verdicts with verdict(id, v)");
            }
            return this;
        }

        /**
         * Whether a flow with this id was added.
         *
         * @param flowId the flow id
         * @return {@code true} if it was
         */
        public boolean hasFlow(String flowId) {
            return flows.containsKey(flowId);
        }

        /**
         * Adds a layer's verdict to an existing flow, replacing that layer's earlier verdict if any.
         *
         * @param flowId  the flow id
         * @param verdict the verdict
         * @return this builder
         * @throws IllegalArgumentException if no flow has that id
         */
        public Builder verdict(String flowId, FlowVerdict verdict) {
            FlowEntry flow = flows.get(flowId);
            if (flow == null) {
                throw new IllegalArgumentException("no flow with id " + flowId + "; add the flow first");
            }
            flows.put(flowId, flow.withVerdict(verdict));
            return this;
        }

        /**
         * Adds a topology node.
         *
         * @param node the node; its id must be new
         * @return this builder
         * @throws IllegalArgumentException if a node with that id was already added
         */
        public Builder node(NodeEntry node) {
            Objects.requireNonNull(node, "node");
            if (nodes.putIfAbsent(node.id(), node) != null) {
                throw new IllegalArgumentException("node " + node.id() + " was already added");
            }
            return this;
        }

        /**
         * Adds a role.
         *
         * @param role the role entry
         * @return this builder
         */
        public Builder role(RoleEntry role) {
            roles.add(Objects.requireNonNull(role, "role"));
            return this;
        }

        /**
         * Adds a not-run entry.
         *
         * @param entry the entry
         * @return this builder
         */
        public Builder notRun(NotRun entry) {
            notRun.add(Objects.requireNonNull(entry, "entry"));
            return this;
        }

        /**
         * Adds a not-run entry.
         *
         * @param what what did not run
         * @param why  why
         * @return this builder
         */
        public Builder notRun(String what, String why) {
            return notRun(NotRun.of(what, why));
        }

        /**
         * Adds an accepted finding (it goes to {@link Report#accepted()}, not to the findings).
         *
         * @param entry the accepted finding
         * @return this builder
         */
        public Builder accepted(AcceptedFinding entry) {
            accepted.add(Objects.requireNonNull(entry, "entry"));
            return this;
        }

        /**
         * Builds the report.
         *
         * @return the immutable report
         */
        public Report build() {
            return new Report(schemaVersion, tool, subject, findings, List.copyOf(flows.values()),
                    List.copyOf(nodes.values()), roles, notRun, accepted);
        }
    }
}
