package io.phoenixdiag.net.live;

import io.phoenixdiag.core.analysis.DeploymentModel;
import io.phoenixdiag.core.config.DnsRecord;
import io.phoenixdiag.core.config.DnsZone;
import io.phoenixdiag.core.diag.Evidence;
import io.phoenixdiag.core.diag.Finding;
import io.phoenixdiag.core.diag.FlowEntry;
import io.phoenixdiag.core.diag.FlowLayer;
import io.phoenixdiag.core.diag.FlowState;
import io.phoenixdiag.core.diag.FlowVerdict;
import io.phoenixdiag.core.diag.NotRun;
import io.phoenixdiag.core.diag.Report;
import io.phoenixdiag.core.diag.Severity;
import io.phoenixdiag.core.topology.IntendedFlow;
import io.phoenixdiag.core.topology.Role;
import io.phoenixdiag.core.topology.Topology;
import io.phoenixdiag.net.probe.DnsQueryType;
import io.phoenixdiag.net.probe.HttpProbeRequest;
import io.phoenixdiag.pki.pem.PemEncoder;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The live connectivity matrix: turns a deployment's intended flows into probes, runs them from one vantage point
 * through a {@link ProbeExecutor} within limits, and merges the results into a {@link Report} beside the static
 * verdicts.
 *
 * <pre>{@code
 * DeploymentModel model = diagnosis.analyse();
 * try (ProbeExecutor local = InProcessProbeExecutor.create()) {
 *     LiveRun run = LiveMatrix.builder().executor(local).trustAnchors(List.of(stepCaRoot)).build().run(model);
 *     report = LiveMatrix.merge(diagnosis.run(), run);
 * }
 * }</pre>
 *
 * <h2>Which probe for which flow</h2>
 * Only active flows are probed (an inactive one is listed in {@code notRun}). The destination comes from the
 * {@link TargetResolver} (by default: the destination's declared address and the flow's port, no SNI; external
 * destinations and guests without a static address are skipped). Then:
 * <ul>
 *   <li>udp/53, or scheme {@code dns}: one DNS {@code A} query per declared name (the names added with
 *       {@link Builder#dnsName}, then the records of {@code dns_server.authoritative_zones}), each compared with its
 *       declared address; with no name, one query for the deployment's domain accepting any answer; and one
 *       query for a random name under the domain ({@value #WILDCARD_PROBE_PREFIX}...), which must not resolve:
 *       when it does, {@value #DNS_WILDCARD} (WARNING);</li>
 *   <li>tcp to a destination with the {@code ca} role, scheme {@code https}: Step-CA's health preset, HTTPS
 *       {@code GET /health} expecting 200 and a body holding {@code "ok"} (smallstep's {@code /health} answers
 *       {@code {"status":"ok"}});</li>
 *   <li>tcp to a {@code router} on {@value #TRAEFIK_API_PORT}: Traefik's ping preset, {@code GET /ping} expecting
 *       200 {@code OK}. This one and the Step-CA one are {@link ProbeSpec#httpPreset preset specs}, so their
 *       results carry the preset's body check and remediation. Portainer (9443) and its agent (9001) get the TLS handshake below, which names a TLS failure
 *       more precisely than an HTTP probe; their HTTP presets ({@code /api/system/status}, {@code /ping} answering
 *       204) run when a user's spec asks for them;</li>
 *   <li>tcp with scheme {@code https} or {@code tls}, or a port in {@link #TLS_PORTS} (unless the scheme says
 *       {@code http}): a TLS handshake, validated against the {@link Builder#trustAnchors} and the target's server
 *       name;</li>
 *   <li>anything else on tcp: a TCP connect (plain HTTP backends have no status the deployment declares);</li>
 *   <li>other udp: not probed (UDP has no handshake to observe).</li>
 * </ul>
 *
 * <h2>Merging</h2>
 * Each probed flow gets a {@code live} verdict: {@code ALLOWED} when the destination answered (whatever the TLS or
 * HTTP outcome), {@code BLOCKED} when it refused, timed out or was unreachable, {@code UNKNOWN} when the probe did
 * not run or decided nothing. Findings are added: the probe's own finding when it found a problem
 * ({@code probe.tcp}, {@code probe.tls}, {@code probe.http}, {@code probe.dns}), and a disagreement finding when the
 * most authoritative static verdict ({@code iptables} over {@code pve-fw} over {@code intent}) disagrees with the
 * live one: {@value #ALLOWED_BUT_CLOSED} (ERROR) and {@value #BLOCKED_BUT_OPEN} (WARNING). Flows to the same
 * destination and port get the same probe from one vantage point, so {@link #run(LivePlan)} runs it once and
 * its finding names every such flow's endpoints. Probes that did not run
 * and skipped flows are listed in {@code notRun}. Probes run from the executor's vantage point, not necessarily
 * from the flow's source; every verdict names the vantage point.
 *
 * <p>Instances are immutable and thread-safe; {@link #run(DeploymentModel)} blocks the calling thread until the run
 * ends (within about the global deadline). The {@link Builder} is not thread-safe.
 */
public final class LiveMatrix {
    /** Check id: statically ALLOWED, but the destination refused, timed out or was unreachable live. */
    public static final String ALLOWED_BUT_CLOSED = "live.disagreement.allowed-but-closed";
    /**
     * Check id: the nameserver answers a random name under the deployment's domain (a wildcard record, or
     * dnsmasq's {@code address=/domain/IP}): a misspelt or undeclared host name resolves instead of failing.
     */
    public static final String DNS_WILDCARD = "live.dns.wildcard";
    /** The first label of the random name DNS flows also ask for, to reveal wildcard records. */
    public static final String WILDCARD_PROBE_PREFIX = "phoenix-wildcard-check-";
    /** Check id: statically BLOCKED, but the destination answered live. */
    public static final String BLOCKED_BUT_OPEN = "live.disagreement.blocked-but-open";
    /** Traefik's {@code traefik} entry point (API and ping), 8080 by default (Traefik "Ping" documentation). */
    public static final int TRAEFIK_API_PORT = 8080;

    /**
     * Ports probed with TLS whatever the flow's scheme (unless it says {@code http}): HTTPS 443 (RFC 9110),
     * 8443, Step-CA 9000, Portainer 9443, Proxmox API 8006, Kubernetes API 6443, LDAPS 636, IMAPS 993, POP3S 995,
     * SMTPS 465, DNS over TLS 853 (RFC 7858).
     */
    public static final Set<Integer> TLS_PORTS = Set.of(443, 8443, 9000, 9443, 8006, 6443, 636, 993, 995, 465, 853);

    /** Where to probe a flow's destination. Implementations must be thread-safe. */
    @FunctionalInterface
    public interface TargetResolver {
        /**
         * Resolves a flow's destination.
         *
         * @param flow     the flow
         * @param topology the deployment's topology
         * @return the target, or empty to skip the flow (it is then listed in {@code notRun})
         */
        Optional<LiveTarget> resolve(IntendedFlow flow, Topology topology);

        /**
         * The default: the destination's declared address and the flow's port, no server name.
         *
         * @return the resolver
         */
        static TargetResolver declared() {
            return (flow, topology) -> topology.addressOf(flow.destination())
                    .map(a -> a.contains("/") ? a.substring(0, a.indexOf('/')) : a)
                    .filter(a -> io.phoenixdiag.pki.name.ReferenceIdentity.parseIp(a).isPresent())
                    .map(a -> new LiveTarget(a, flow.port(), ""));
        }
    }

    private final ProbeExecutor executor;
    private final ExecutionLimits limits;
    private final long probeTimeoutMs;
    private final TargetResolver resolver;
    private final List<String> anchorsPem;
    private final Map<String, List<String>> dnsNames;
    private final ProbeListener listener;

    private LiveMatrix(Builder b) {
        this.executor = b.executor;
        this.limits = b.limits;
        this.probeTimeoutMs = b.probeTimeoutMs;
        this.resolver = b.resolver;
        this.anchorsPem = List.copyOf(b.anchorsPem);
        this.dnsNames = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.dnsNames)); // keeps the order given
        this.listener = b.listener;
    }

    /**
     * Starts a live matrix.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Chooses the probes for a deployment's intended flows (see the class description).
     *
     * @param model the analysed deployment
     * @return the plan; probes in flow order
     */
    public LivePlan plan(DeploymentModel model) {
        String wildcardName = WILDCARD_PROBE_PREFIX + Long.toHexString(
                java.util.concurrent.ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
        List<ProbeSpec> probes = new ArrayList<>();
        List<NotRun> skipped = new ArrayList<>();
        Topology t = model.topology();
        for (IntendedFlow f : model.flows()) {
            String what = "live " + f.id();
            if (!f.active()) {
                skipped.add(NotRun.of(what, "inactive flow: an endpoint is not started at boot or is a template"));
                continue;
            }
            Optional<LiveTarget> target;
            try {
                target = resolver.resolve(f, t);
            } catch (RuntimeException e) {
                skipped.add(NotRun.of(what, "the target resolver failed: " + e.getMessage()));
                continue;
            }
            if (target.isEmpty()) {
                skipped.add(NotRun.of(what, "no address to probe " + f.destination().subject() + " at"));
                continue;
            }
            LiveTarget at = target.get();
            String scheme = f.scheme().toLowerCase(java.util.Locale.ROOT);
            if ((f.protocol().equals("udp") && f.port() == 53) || scheme.equals("dns")) {
                if (f.protocol().equals("tcp")) {
                    probes.add(ProbeSpec.tcp(f.id(), at.address(), at.port(), probeTimeoutMs));
                    continue;
                }
                Map<String, List<String>> names = names(model);
                if (names.isEmpty()) {
                    String domain = t.domain().isEmpty() ? "localhost" : t.domain();
                    names = Map.of(domain, List.of());
                }
                names.forEach((name, expected) -> probes.add(ProbeSpec.dns(f.id(), at.address(), at.port(), name,
                        DnsQueryType.A, expected, probeTimeoutMs)));
                if (!t.domain().isEmpty()) {
                    probes.add(ProbeSpec.dns(f.id(), at.address(), at.port(), wildcardName + "." + t.domain(),
                            DnsQueryType.A, List.of(), probeTimeoutMs));
                }
            } else if (f.protocol().equals("udp")) {
                skipped.add(NotRun.of(what, "udp/" + f.port() + " has no handshake a probe can observe"));
            } else if (scheme.equals("https") && model.roles().has(f.destination(), Role.CA)) {
                probes.add(ProbeSpec.httpPreset(f.id(), at.address(), at.port(), HttpProbeRequest.PRESET_STEP_CA_HEALTH,
                        at.serverName(), anchorsPem, probeTimeoutMs));
            } else if (f.port() == TRAEFIK_API_PORT && !scheme.equals("https")
                    && model.roles().has(f.destination(), Role.ROUTER)) {
                probes.add(ProbeSpec.httpPreset(f.id(), at.address(), at.port(), HttpProbeRequest.PRESET_TRAEFIK_PING, "",
                        List.of(), probeTimeoutMs));
            } else if (scheme.equals("https") || scheme.equals("tls")
                    || (TLS_PORTS.contains(f.port()) && !scheme.equals("http"))) {
                probes.add(ProbeSpec.tls(f.id(), at.address(), at.port(), at.serverName(), anchorsPem,
                        probeTimeoutMs));
            } else {
                probes.add(ProbeSpec.tcp(f.id(), at.address(), at.port(), probeTimeoutMs));
            }
        }
        return new LivePlan(probes, skipped);
    }

    private Map<String, List<String>> names(DeploymentModel model) {
        Map<String, List<String>> out = new LinkedHashMap<>(dnsNames);
        model.deployment().hypervisor().flatMap(h -> h.dnsServer()).ifPresent(dns -> {
            for (DnsZone z : dns.authoritativeZones()) {
                for (DnsRecord r : z.records()) {
                    if (r.hostname().isBlank()) {
                        continue;
                    }
                    String name = r.hostname().contains(".") || z.zoneName().isBlank() ? r.hostname()
                            : r.hostname() + "." + z.zoneName();
                    String ip = !r.ip().isBlank() ? r.ip() : r.ipInternal();
                    ip = ip.contains("/") ? ip.substring(0, ip.indexOf('/')) : ip;
                    byte[] raw = io.phoenixdiag.pki.name.ReferenceIdentity.parseIp(ip).orElse(null);
                    out.putIfAbsent(name, raw != null && raw.length == 4 ? List.of(ip) : List.of());
                }
            }
        });
        return out;
    }

    /**
     * Plans and runs the probes, blocking until the run ends (within about the global deadline).
     *
     * @param model the analysed deployment
     * @return the run
     */
    public LiveRun run(DeploymentModel model) {
        return run(plan(model));
    }

    /**
     * Runs a plan (possibly made or edited by the caller), blocking until the run ends.
     *
     * @param plan the plan
     * @return the run
     */
    public LiveRun run(LivePlan plan) {
        // flows to the same destination and port get the same probe from one vantage point: run it once
        Map<ProbeSpec, Integer> unique = new LinkedHashMap<>();
        int[] index = new int[plan.probes().size()];
        for (int i = 0; i < index.length; i++) {
            ProbeSpec s = plan.probes().get(i);
            index[i] = unique.computeIfAbsent(withId(s, ""), k -> unique.size());
        }
        List<ProbeSpec> toRun = new ArrayList<>();
        for (int i = 0; i < index.length; i++) {
            if (index[i] == toRun.size()) {
                toRun.add(plan.probes().get(i));
            }
        }
        List<LiveResult> ran = executor.run(toRun, limits, listener).join();
        List<LiveResult> results = new ArrayList<>();
        for (int i = 0; i < index.length; i++) {
            LiveResult r = ran.get(index[i]);
            results.add(new LiveResult(plan.probes().get(i).id(), r.kind(), r.target(), r.vantage(), r.outcome(),
                    r.ok(), r.reachability(), r.detail(), r.remediation(), r.resultJson()));
        }
        return new LiveRun(executor.vantage(), results, plan.skipped());
    }

    private static ProbeSpec withId(ProbeSpec s, String id) {
        return new ProbeSpec(id, s.kind(), s.address(), s.port(), s.serverName(), s.tls(), s.path(),
                s.expectedStatus(), s.bodyContains(), s.dnsName(), s.dnsType(), s.expected(), s.trustAnchorsPem(),
                s.timeoutMs(), s.preset());
    }

    /**
     * Merges a live run into a report: {@code live} verdicts on the report's flows, probe and disagreement
     * findings, and {@code notRun} entries (see the class description). Results whose id is not a flow of the
     * report add only their findings.
     *
     * @param report the report (usually the static diagnosis)
     * @param run    the live run
     * @return a new report
     */
    public static Report merge(Report report, LiveRun run) {
        Report.Builder b = report.toBuilder();
        Map<String, List<LiveResult>> byId = new LinkedHashMap<>();
        for (LiveResult r : run.results()) {
            byId.computeIfAbsent(r.id(), k -> new ArrayList<>()).add(r);
        }
        run.skipped().forEach(b::notRun);
        Map<Finding, Set<String>> probeFindings = new LinkedHashMap<>();
        Map<String, Set<String>> wildcards = new LinkedHashMap<>();
        Map<String, io.phoenixdiag.net.probe.DnsProbeResult> wildcardResults = new LinkedHashMap<>();
        for (Map.Entry<String, List<LiveResult>> e : byId.entrySet()) {
            String id = e.getKey();
            Optional<FlowEntry> flow = report.flow(id);
            List<String> flowSubjects = flow.map(f -> List.of(f.source(), f.destination())).orElse(List.of());
            for (LiveResult r : e.getValue()) {
                if (r.reachability() == Reachability.NOT_RUN) {
                    b.notRun("live " + id + " " + r.kind().name().toLowerCase(java.util.Locale.ROOT) + " " + r.target(),
                            oneLine(r.detail()));
                }
                Optional<io.phoenixdiag.net.probe.DnsProbeResult> wildcard = wildcardProbe(r);
                if (wildcard.isPresent()) {
                    if (wildcard.get().outcome() == io.phoenixdiag.net.probe.DnsOutcome.MATCH) {
                        wildcards.computeIfAbsent(r.target(), k -> new java.util.LinkedHashSet<>()).addAll(flowSubjects);
                        wildcardResults.putIfAbsent(r.target(), wildcard.get());
                    }
                    continue;
                }
                r.toFinding().filter(x -> x.severity() != Severity.INFO)
                        .ifPresent(x -> probeFindings.computeIfAbsent(x, k -> new java.util.LinkedHashSet<>())
                                .addAll(flowSubjects));
            }
            LiveResult deciding = deciding(e.getValue());
            FlowState live = deciding.reachability() == Reachability.OPEN ? FlowState.ALLOWED
                    : deciding.reachability().isClosed() ? FlowState.BLOCKED : FlowState.UNKNOWN;
            String decidedBy = deciding.kind() + " probe from " + run.vantage() + " to " + deciding.target() + ": "
                    + deciding.outcome() + (live == FlowState.UNKNOWN ? " (" + oneLine(deciding.detail()) + ")" : "");
            if (flow.isEmpty()) {
                continue;
            }
            b.verdict(id, FlowVerdict.of(FlowLayer.LIVE, live, decidedBy));
            Optional<FlowVerdict> stat = staticVerdict(flow.get());
            if (stat.isEmpty() || live == FlowState.UNKNOWN) {
                continue;
            }
            FlowState s = stat.get().state();
            if (s == FlowState.ALLOWED && live.isBlocked()) {
                b.finding(disagreement(ALLOWED_BUT_CLOSED, Severity.ERROR, flow.get(), stat.get(), deciding, decidedBy,
                        remediationClosed(deciding)));
            } else if (s.isBlocked() && live == FlowState.ALLOWED) {
                b.finding(disagreement(BLOCKED_BUT_OPEN, Severity.WARNING, flow.get(), stat.get(), deciding, decidedBy,
                        "The running firewall lets through what the configuration blocks: the configuration is not what"
                                + " is deployed. Re-apply the configuration (or fix it if the flow is wanted) so that the"
                                + " next apply does not change the network unexpectedly."));
            }
        }
        probeFindings.forEach((f, subjects) -> b.finding(withSubjects(f, List.copyOf(subjects), run.vantage())));
        wildcards.forEach((target, subjects) -> {
            io.phoenixdiag.net.probe.DnsProbeResult d = wildcardResults.get(target);
            List<String> all = new ArrayList<>(subjects);
            all.add(target);
            b.finding(Finding.builder(DNS_WILDCARD, Severity.WARNING)
                    .title("DNS " + target + " answers names that do not exist")
                    .message("The nameserver at " + target + " resolved the random name " + d.name() + " to "
                            + String.join(", ", d.got()) + ": a wildcard record (or dnsmasq address=/domain/IP) answers"
                            + " every name under the domain, so a misspelt or undeclared host name reaches that address"
                            + " instead of failing.")
                    .subject(all.toArray(String[]::new))
                    .evidence(io.phoenixdiag.net.probe.ProbeJson.toJson(d))
                    .evidence("probed from " + run.vantage())
                    .remediation("Remove the wildcard record (or the address=/domain/ line) and declare every service"
                            + " name explicitly, each with its own guest's address.")
                    .build());
        });
        return b.build();
    }

    private static Optional<io.phoenixdiag.net.probe.DnsProbeResult> wildcardProbe(LiveResult r) {
        if (r.kind() != ProbeKind.DNS || r.resultJson().isEmpty()) {
            return Optional.empty();
        }
        try {
            io.phoenixdiag.net.probe.DnsProbeResult d = io.phoenixdiag.net.probe.ProbeJson.dnsFromJson(r.resultJson());
            return d.name().startsWith(WILDCARD_PROBE_PREFIX) ? Optional.of(d) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static LiveResult deciding(List<LiveResult> results) {
        for (LiveResult r : results) {
            if (r.reachability().isClosed()) {
                return r;
            }
        }
        for (LiveResult r : results) {
            if (r.reachability() == Reachability.OPEN) {
                return r;
            }
        }
        return results.get(0);
    }

    /**
     * The most authoritative static verdict of a flow ({@code iptables} over {@code pve-fw} over {@code intent}; a
     * blocked state wins between equals), ignoring {@code UNKNOWN}.
     *
     * @param flow the flow
     * @return the verdict, or empty when no static layer decided
     */
    public static Optional<FlowVerdict> staticVerdict(FlowEntry flow) {
        FlowVerdict best = null;
        for (FlowVerdict v : flow.verdicts()) {
            if (v.layer() == FlowLayer.LIVE || v.layer() == FlowLayer.CAPTURE || v.state() == FlowState.UNKNOWN) {
                continue;
            }
            if (best == null || v.layer().authority() > best.layer().authority()
                    || (v.layer().authority() == best.layer().authority() && v.state().isBlocked())) {
                best = v;
            }
        }
        return Optional.ofNullable(best);
    }

    private static Finding disagreement(String checkId, Severity severity, FlowEntry flow, FlowVerdict stat,
                                        LiveResult live, String liveText, String remediation) {
        Finding.Builder fb = Finding.builder(checkId, severity)
                .title(flow.id() + ": " + stat.state() + " in " + stat.layer().id() + " but " + live.outcome() + " live")
                .message("The " + stat.layer().id() + " layer says " + stat.state() + " (" + stat.decidedBy()
                        + "), but the " + liveText + ". " + oneLine(live.detail()))
                .subject(flow.source(), flow.destination(), live.target())
                .evidence(stat.location().map(l -> Evidence.of(stat.layer().id() + ": " + stat.decidedBy(), l))
                        .orElseGet(() -> Evidence.of(stat.layer().id() + ": " + stat.decidedBy())))
                .evidence("live: " + liveText)
                .remediation(remediation);
        stat.location().ifPresent(fb::location);
        return fb.build();
    }

    private static String remediationClosed(LiveResult r) {
        return switch (r.reachability()) {
            case REFUSED -> "The configuration allows the flow but " + r.target() + " refused the connection: start the"
                    + " service there (bound to this address, not only 127.0.0.1), or remove the REJECT rule the"
                    + " running firewall has and the configuration does not.";
            case UNREACHABLE -> "The configuration allows the flow but " + r.target() + " is unreachable: check routing"
                    + " (bridge, gateway, VLAN) and any rule answering with ICMP unreachable.";
            default -> "The configuration allows the flow but nothing answered " + r.target() + ": check that the"
                    + " running firewall matches the configuration (iptables-save on the node, pve-firewall status),"
                    + " that the guest is up, and that the service accepts connections.";
        };
    }

    private static Finding withSubjects(Finding f, List<String> flowSubjects, String vantage) {
        List<String> subjects = new ArrayList<>(flowSubjects);
        f.subjects().stream().filter(s -> !subjects.contains(s)).forEach(subjects::add);
        List<Evidence> evidence = new ArrayList<>(f.evidence());
        evidence.add(Evidence.of("probed from " + vantage));
        return new Finding(f.checkId(), f.severity(), f.title(), f.message(), subjects, evidence, f.remediation(),
                f.locations());
    }

    private static String oneLine(String s) {
        return s.replace('\n', ' ').strip();
    }

    /** Builder for {@link LiveMatrix}. Not thread-safe. */
    public static final class Builder {
        private ProbeExecutor executor;
        private ExecutionLimits limits = ExecutionLimits.DEFAULT;
        private long probeTimeoutMs = 3000;
        private TargetResolver resolver = TargetResolver.declared();
        private final List<String> anchorsPem = new ArrayList<>();
        private final Map<String, List<String>> dnsNames = new LinkedHashMap<>();
        private ProbeListener listener = ProbeListener.NONE;

        private Builder() {
        }

        /**
         * Sets the vantage point (required).
         *
         * @param executor the executor; the matrix does not close it
         * @return this builder
         */
        public Builder executor(ProbeExecutor executor) {
            this.executor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /**
         * Sets the concurrency limit and global deadline (default {@link ExecutionLimits#DEFAULT}).
         *
         * @param limits the limits
         * @return this builder
         */
        public Builder limits(ExecutionLimits limits) {
            this.limits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /**
         * Sets the per-probe timeout (default 3000 ms): connect, handshake, response and DNS answer timeouts.
         *
         * @param ms the timeout in ms, 1 to {@link Integer#MAX_VALUE}
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder probeTimeoutMs(long ms) {
            if (ms < 1 || ms > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("probeTimeoutMs must be 1.." + Integer.MAX_VALUE + ": " + ms);
            }
            this.probeTimeoutMs = ms;
            return this;
        }

        /**
         * Sets where flows are probed (default {@link TargetResolver#declared()}).
         *
         * @param resolver the resolver
         * @return this builder
         */
        public Builder resolver(TargetResolver resolver) {
            this.resolver = Objects.requireNonNull(resolver, "resolver");
            return this;
        }

        /**
         * Sets the trust anchors TLS probes validate against, e.g. the Step-CA root (default none: every chain is
         * then UNTRUSTED).
         *
         * @param anchors the anchors
         * @return this builder
         */
        public Builder trustAnchors(List<X509Certificate> anchors) {
            this.anchorsPem.clear();
            anchors.forEach(a -> anchorsPem.add(PemEncoder.certificate(a)));
            return this;
        }

        /**
         * Adds a name DNS flows ask for, before the deployment's own records.
         *
         * @param name     the fully qualified name
         * @param expected the IPv4 addresses the deployment declares for it; none to accept any
         * @return this builder
         */
        public Builder dnsName(String name, String... expected) {
            if (name.isBlank()) {
                throw new IllegalArgumentException("name must not be empty");
            }
            this.dnsNames.put(name, List.of(expected));
            return this;
        }

        /**
         * Sets the progress listener (default none).
         *
         * @param listener the listener (see {@link ProbeListener} for its threading)
         * @return this builder
         */
        public Builder listener(ProbeListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * Builds the matrix.
         *
         * @return the matrix
         * @throws IllegalStateException if no executor was set
         */
        public LiveMatrix build() {
            if (executor == null) {
                throw new IllegalStateException("set the vantage point with executor(ProbeExecutor)");
            }
            return new LiveMatrix(this);
        }
    }
}
