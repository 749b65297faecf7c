package io.phoenixdiag.examples.doctor;

import io.phoenixdiag.core.analysis.Diagnosis;
import io.phoenixdiag.core.diag.Report;
import io.phoenixdiag.core.diag.ReportFormat;
import io.phoenixdiag.core.diag.ReportRenderer;
import io.phoenixdiag.core.topology.Roles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code phoenix-doctor doctor}: the static diagnosis of a deployment directory (or of the bundled
 * sample), rendered as text, JSON, Markdown, HTML, JUnit XML or SARIF ({@link ReportOptions} adds
 * {@code --only}/{@code --skip}, {@code --baseline} and {@code --verbose}). Opens no network connection.
 *
 * <p>Exit codes: 0 no ERROR or CRITICAL finding, 1 at least one, 2 usage error or unusable input
 * (missing directory, unreadable roles file, unwritable output), with a one-line reason on stderr.
 */
@Command(name = "doctor", mixinStandardHelpOptions = true, versionProvider = DoctorCommand.Version.class,
        description = "Diagnoses a Phoenix deployment from its JSON files: topology, roles, intended flows and"
                + " their firewall verdicts, configuration defects. Without --config it runs on the bundled sample.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:nothing wrong (or only findings a --baseline accepts)", "1:an ERROR or CRITICAL finding",
                "2:usage error or unusable input"})
public final class DoctorCommand implements Callable<Integer> {

    @Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", paramLabel = "DIR",
            description = "Deployment directory (holds phoenix_hypervisor_config.json...). Default: the bundled sample.")
    private Path config;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "Report format: text, json, markdown, html, junit or sarif (default: ${DEFAULT-VALUE}).")
    private String format;

    @Option(names = "--output", paramLabel = "FILE", description = "Write the report to FILE instead of standard output.")
    private Path output;

    @Option(names = "--roles", paramLabel = "FILE",
            description = "JSON roles file overriding inferred roles: {\"roles\": [{\"subject\": \"lxc:101\", \"role\": \"gateway\"}]}.")
    private Path roles;

    @Option(names = "--rootfs", paramLabel = "[LABEL=]DIR",
            description = {"A root filesystem to inspect offline, repeatable: the host's / (label host, the default)"
                    + " or a guest's rootfs (e.g. lxc:102=/var/lib/lxc/102/rootfs). Manifest certificates are read"
                    + " under the host's; every root's trust stores are checked for the Step-CA root."})
    private java.util.List<String> rootfs = new java.util.ArrayList<>();

    @Option(names = "--ca-root", paramLabel = "FILE", description = "The Step-CA root certificate (PEM or DER).")
    private Path caRoot;

    @Option(names = "--ca-fingerprint", paramLabel = "HEX",
            description = "The Step-CA root's SHA-256 fingerprint, as `step certificate fingerprint` prints it.")
    private String caFingerprint;

    @Option(names = "--pve-fw", paramLabel = "DIR",
            description = {"Real Proxmox firewall files as extra evidence: a copy of /etc/pve (firewall/cluster.fw,"
                    + " firewall/<vmid>.fw, nodes/<node>/host.fw, lxc/ and qemu-server/ guest configs) or a flat"
                    + " directory of .fw files. The flows then show a pve-fw verdict beside the intent."})
    private Path pveFw;

    @Option(names = "--iptables-save", paramLabel = "FILE",
            description = {"The node's netfilter rules as extra evidence, repeatable (iptables-save and ip6tables-save"
                    + " output). The flows then show an iptables verdict beside the intent."})
    private java.util.List<Path> iptablesSave = new java.util.ArrayList<>();

    @Option(names = "--pcap", paramLabel = "FILE",
            description = "A pcap or pcapng capture as extra evidence, repeatable (read in sequence): each intended"
                    + " flow gets a capture verdict (Zeek conn_state, TLS alerts, DNS answers) and findings.")
    private java.util.List<Path> pcaps = new java.util.ArrayList<>();

    @Option(names = "--live", description = {"Also probe the deployment's intended flows from this host (TCP, TLS,"
            + " HTTPS, DNS) and add a live verdict to each flow. Opt-in: it connects to the deployment's real addresses."})
    private boolean live;

    @Option(names = "--demo", description = {"Start the embedded demo lab (a Phoenix look-alike with deliberate faults"
            + " on loopback addresses, port map on stderr) and run the static and live diagnosis on it."})
    private boolean demo;

    @Option(names = "--probe-timeout-ms", paramLabel = "MS", defaultValue = "3000",
            description = "With --live or --demo: per-probe timeout in ms (default: ${DEFAULT-VALUE}).")
    private long probeTimeoutMs;

    @Option(names = "--live-deadline-ms", paramLabel = "MS", defaultValue = "60000",
            description = "With --live or --demo: global deadline of the live run in ms (default: ${DEFAULT-VALUE}).")
    private long liveDeadlineMs;

    private io.phoenixdiag.examples.lab.DemoLab lab;
    private io.phoenixdiag.net.live.ExecutionLimits liveLimits;
    @CommandLine.Mixin
    private ReportOptions reportOptions = new ReportOptions();

    @Option(names = "--evidence", paramLabel = "ARCHIVE",
            description = {"An evidence archive written on a Proxmox host by phoenix-collect.sh (phoenix-doctor collect):"
                    + " its Phoenix JSON, .fw files, guest configs, iptables-save dumps, certificates and trust stores"
                    + " replace --config, --pve-fw, --iptables-save and --rootfs, and the intent is compared with them."})
    private Path evidence;

    private EvidenceInput evidenceInput;

    /** Creates the command (picocli instantiates it). */
    public DoctorCommand() {
    }

    /**
     * Runs the diagnosis.
     *
     * @return the exit code
     * @throws UsageException for unusable input (exit code 2)
     */
    @Override
    public Integer call() throws UsageException {
        CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
        for (String option : new String[] {"--probe-timeout-ms", "--live-deadline-ms"}) {
            if (!live && !demo && parsed != null && parsed.hasMatchedOption(option)) {
                throw new UsageException(option + " is only taken with --live or --demo");
            }
        }
        if (live || demo) {
            liveLimits = liveLimits();
        }
        if (demo) {
            if (config != null || live || evidence != null) {
                throw new UsageException("--demo runs on its own lab: it takes neither --config, --evidence nor --live");
            }
            try (io.phoenixdiag.examples.lab.DemoLab started = io.phoenixdiag.examples.lab.DemoLab.start()) {
                lab = started;
                spec.commandLine().getErr().print(started.portMap());
                spec.commandLine().getErr().flush();
                return diagnose();
            } catch (IOException e) {
                throw new UsageException("--demo: cannot start the lab: " + e.getMessage());
            } finally {
                lab = null;
            }
        }
        if (evidence == null) {
            return diagnose();
        }
        if (live) {
            throw new UsageException("--evidence is an offline diagnosis: it does not take --live");
        }
        if (config != null || pveFw != null || !iptablesSave.isEmpty() || !rootfs.isEmpty()) {
            throw new UsageException("--evidence replaces --config, --pve-fw, --iptables-save and --rootfs");
        }
        try (EvidenceInput in = EvidenceInput.open(evidence)) {
            evidenceInput = in;
            return diagnose();
        } finally {
            evidenceInput = null;
        }
    }

    private int diagnose() throws UsageException {
        ReportFormat fmt;
        try {
            fmt = ReportFormat.parse(format);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--format: " + e.getMessage());
        }
        Path dir = lab != null ? lab.directory() : evidenceInput != null ? evidenceInput.phoenixDirectory()
                : config != null ? config : SampleDeployment.open();
        if (config != null && !Files.isDirectory(config)) {
            throw new UsageException("--config " + config + ": not a directory");
        }
        Diagnosis.Builder b = Diagnosis.builder().directory(dir)
                .tool(io.phoenixdiag.core.diag.Tool.of("phoenix-doctor", Diagnosis.version()))
                .checks(reportOptions.checkRunner(DoctorCommand.class.getClassLoader()));
        io.phoenixdiag.core.config.LoadResult<io.phoenixdiag.core.config.Deployment> loaded = b.build().loaded();
        if (config != null && nothingLoaded(loaded.value())) {
            throw new UsageException("--config " + config + ": none of the Phoenix files is there (expected "
                    + "phoenix_hypervisor_config.json, phoenix_lxc_configs.json, phoenix_vm_configs.json, "
                    + "phoenix_stacks_config.json or certificate-manifest.json)");
        }
        io.phoenixdiag.core.topology.Topology topology =
                io.phoenixdiag.core.topology.TopologyBuilder.build(loaded.value());
        if (roles != null) {
            try {
                java.util.List<io.phoenixdiag.core.topology.RoleAssignment> declared = Roles.readOverrides(roles);
                for (int i = 0; i < declared.size(); i++) {
                    io.phoenixdiag.core.topology.Endpoint e = declared.get(i).endpoint();
                    if (e.isGuest() && topology.guest(e).isEmpty()) {
                        throw new UsageException("--roles: " + roles + "#/roles/" + i + "/subject: " + e
                                + " is not a guest of this deployment");
                    }
                }
                b.roles(declared);
            } catch (IOException e) {
                throw new UsageException("--roles: " + e.getMessage());
            }
        }
        if ((caRoot != null && !live || caFingerprint != null) && rootfs.isEmpty() && evidenceInput == null) {
            throw new UsageException((caRoot != null ? "--ca-root" : "--ca-fingerprint")
                    + " needs --rootfs: the root is checked against the files and trust stores of a root filesystem");
        }
        if (evidenceInput != null) {
            evidenceInput.addTo(b);
        }
        if (!rootfs.isEmpty() || evidenceInput != null && !evidenceInput.rootFileSystems().isEmpty()) {
            b.evidence(io.phoenixdiag.pki.checks.RootFsEvidence.class, pkiEvidence(topology));
        }
        if (pveFw != null) {
            if (!Files.isDirectory(pveFw)) {
                throw new UsageException("--pve-fw " + pveFw + ": not a directory");
            }
            b.evidence(io.phoenixdiag.core.firewall.pvefile.PveFwEvidence.class,
                    io.phoenixdiag.core.firewall.pvefile.PveFwEvidence.read(pveFw))
                    .layer(new io.phoenixdiag.core.checks.PveFwFlowCheck());
        }
        if (!iptablesSave.isEmpty()) {
            for (Path p : iptablesSave) {
                if (!Files.isRegularFile(p)) {
                    throw new UsageException("--iptables-save " + p + ": no such file");
                }
            }
            try {
                b.evidence(io.phoenixdiag.net.fwlayer.IptablesEvidence.class,
                        io.phoenixdiag.net.fwlayer.IptablesEvidence.read(iptablesSave))
                        .layer(new io.phoenixdiag.net.fwlayer.IptablesFlowCheck());
            } catch (IOException e) {
                throw new UsageException("--iptables-save: cannot read: " + e.getMessage());
            }
        }
        if (lab != null) {
            lab.extraFlows().forEach(b::addFlow);
        }
        Diagnosis diagnosis = b.build();
        Report report = diagnosis.run();
        if (evidenceInput != null) {
            report = evidenceInput.finish(report, loaded.value());
        }
        if (!pcaps.isEmpty()) {
            for (Path p : pcaps) {
                if (!Files.isReadable(p)) {
                    throw new UsageException("--pcap " + p + ": not a readable file");
                }
            }
            try {
                io.phoenixdiag.capture.CaptureAnalysis capture = io.phoenixdiag.capture.CaptureAnalysis.read(pcaps);
                report = io.phoenixdiag.capture.triage.CaptureTriage.builder().model(diagnosis.analyse()).build()
                        .triage(capture).applyTo(report);
            } catch (IOException e) {
                throw new UsageException("--pcap: " + PhoenixDoctor.oneLine(e));
            }
        }
        if (live || lab != null) {
            report = liveReport(diagnosis, report);
        }
        report = reportOptions.apply(report, spec.commandLine().getErr());
        boolean colour = output == null && fmt == ReportFormat.TEXT && System.console() != null
                && (System.getenv("NO_COLOR") == null || System.getenv("NO_COLOR").isEmpty());
        String text = ReportRenderer.of(fmt, colour).render(report);
        if (output != null) {
            try {
                OutputFile.write(output, text);
            } catch (IOException e) {
                throw new UsageException("--output " + output + ": cannot write: " + e.getMessage());
            }
        } else {
            PrintWriter out = spec.commandLine().getOut();
            out.print(text);
            out.flush();
        }
        return report.hasProblems() ? PhoenixDoctor.PROBLEM : PhoenixDoctor.OK;
    }

    /** Validates the timeouts of --live/--demo before anything starts. */
    private io.phoenixdiag.net.live.ExecutionLimits liveLimits() throws UsageException {
        if (probeTimeoutMs < 1 || probeTimeoutMs > Integer.MAX_VALUE) {
            throw new UsageException("--probe-timeout-ms: must be 1.." + Integer.MAX_VALUE + ": " + probeTimeoutMs);
        }
        try {
            return new io.phoenixdiag.net.live.ExecutionLimits(16, liveDeadlineMs);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--live-deadline-ms: " + e.getMessage());
        }
    }

    private Report liveReport(Diagnosis diagnosis, Report report) throws UsageException {
        io.phoenixdiag.net.live.ExecutionLimits limits = liveLimits;
        java.util.List<java.security.cert.X509Certificate> anchors = new java.util.ArrayList<>();
        if (lab != null) {
            anchors.addAll(lab.trustAnchors());
        } else if (caRoot != null) {
            try {
                anchors.addAll(io.phoenixdiag.pki.pem.PkiLoader.certificates(caRoot));
            } catch (IOException | java.security.cert.CertificateException | RuntimeException e) {
                throw new UsageException("--ca-root " + caRoot + ": " + PhoenixDoctor.oneLine(e));
            }
        }
        return io.phoenixdiag.examples.probe.LiveDoctor.run(diagnosis.analyse(), report,
                lab != null ? lab.resolver() : io.phoenixdiag.net.live.LiveMatrix.TargetResolver.declared(), anchors,
                probeTimeoutMs, limits, io.phoenixdiag.examples.probe.LiveDoctor.terminalOrNull());
    }

    private static boolean nothingLoaded(io.phoenixdiag.core.config.Deployment d) {
        return d.hypervisor().isEmpty() && d.lxcConfigs().isEmpty() && d.vmConfigs().isEmpty()
                && d.stacksConfig().isEmpty() && d.certificateManifest().isEmpty() && d.stackManifests().isEmpty();
    }

    private io.phoenixdiag.pki.checks.RootFsEvidence pkiEvidence(io.phoenixdiag.core.topology.Topology topology)
            throws UsageException {
        java.util.List<io.phoenixdiag.pki.truststore.RootFs> roots = new java.util.ArrayList<>();
        for (String spec : rootfs) {
            int eq = spec.indexOf('=');
            String label = eq < 0 ? "host" : spec.substring(0, eq);
            Path dir = Path.of(eq < 0 ? spec : spec.substring(eq + 1));
            if (!label.equals("host")) {
                try {
                    io.phoenixdiag.core.topology.Endpoint e = io.phoenixdiag.core.topology.Endpoint.parse(label);
                    if (!e.isGuest() || topology.guest(e).isEmpty()) {
                        throw new UsageException("--rootfs " + spec + ": " + label + " is not a guest of this deployment");
                    }
                } catch (IllegalArgumentException ex) {
                    throw new UsageException("--rootfs " + spec + ": the label must be host, lxc:<CTID> or vm:<VMID>");
                }
            }
            if (!Files.isDirectory(dir)) {
                throw new UsageException("--rootfs " + spec + ": not a directory");
            }
            roots.add(io.phoenixdiag.pki.truststore.RootFs.of(dir, label));
        }
        if (evidenceInput != null) {
            roots.addAll(evidenceInput.rootFileSystems());
        }
        java.util.Optional<io.phoenixdiag.pki.manifest.StepCaRoot> anchor = evidenceInput != null
                ? evidenceInput.stepCaRoot() : java.util.Optional.empty();
        if (caRoot != null) {
            try {
                anchor = java.util.Optional.of(io.phoenixdiag.pki.manifest.StepCaRoot.fromFile(caRoot));
            } catch (IOException | java.security.GeneralSecurityException e) {
                throw new UsageException("--ca-root " + caRoot + ": " + PhoenixDoctor.oneLine(e));
            }
        } else if (caFingerprint != null) {
            try {
                anchor = java.util.Optional.of(io.phoenixdiag.pki.manifest.StepCaRoot.of(
                        io.phoenixdiag.pki.truststore.CertificateFingerprint.parse(caFingerprint)));
            } catch (IllegalArgumentException e) {
                throw new UsageException("--ca-fingerprint: " + e.getMessage());
            }
        }
        return new io.phoenixdiag.pki.checks.RootFsEvidence(roots, anchor);
    }

    /** Input from which no result can be made; reported on one line with exit code 2. */
    public static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        /**
         * Creates the exception.
         *
         * @param message what is wrong, naming the option and the file
         */
        public UsageException(String message) {
            super(message);
        }
    }

    /** Prints the SDK version. */
    public static final class Version implements CommandLine.IVersionProvider {
        /** Creates the provider. */
        public Version() {
        }

        @Override
        public String[] getVersion() {
            return new String[] {"phoenix-doctor " + Diagnosis.version()};
        }
    }
}
