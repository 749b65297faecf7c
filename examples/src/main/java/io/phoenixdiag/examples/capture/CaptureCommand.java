package io.phoenixdiag.examples.capture;

import io.phoenixdiag.capture.CaptureAnalysis;
import io.phoenixdiag.capture.flow.FlowTracker;
import io.phoenixdiag.capture.source.BpfFilter;
import io.phoenixdiag.capture.source.CaptureException;
import io.phoenixdiag.capture.source.CaptureFormatException;
import io.phoenixdiag.capture.source.CaptureInterface;
import io.phoenixdiag.capture.source.LiveCapture;
import io.phoenixdiag.capture.source.LiveSummary;
import io.phoenixdiag.capture.triage.CaptureTriage;
import io.phoenixdiag.capture.triage.TriageReport;
import io.phoenixdiag.core.analysis.DeploymentModel;
import io.phoenixdiag.core.analysis.Diagnosis;
import io.phoenixdiag.core.topology.Endpoint;
import io.phoenixdiag.pki.pem.PkiLoader;
import io.phoenixdiag.pki.pem.PkiParseException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code capture}: captures for N seconds on an interface (filter built from guests or the deployment's intended
 * flows, or given raw) or reads pcap/pcapng files, and prints the triage: one line per flow, e.g.
 * <pre>
 *   error Traefik (102) -&gt; Portainer (1001) tcp/9443: 3 SYNs, no answer (S0): silently dropped
 * </pre>
 * Exit codes: 0 nothing wrong, 1 a problem was found, 2 unusable input (one line on stderr). Not thread-safe.
 */
@Command(name = "capture", mixinStandardHelpOptions = true,
        description = "Capture on an interface (or read pcap/pcapng files) and explain every flow: Zeek conn_state,"
                + " TLS alerts, DNS answers, joined with the deployment's guests and intended flows.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:nothing wrong", "1:a problem was found", "2:unusable input (reason on stderr)"})
public final class CaptureCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--read", paramLabel = "FILE", description = "pcap or pcapng file to read (repeatable, read in sequence)")
    private List<Path> read = new ArrayList<>();

    @Option(names = {"-i", "--interface"}, paramLabel = "IF", description = "interface to capture on (vmbr0, veth102i0, fwbr102i0, any)")
    private String iface;

    @Option(names = "--seconds", paramLabel = "N", defaultValue = "10", description = "capture duration (default ${DEFAULT-VALUE})")
    private int seconds;

    @Option(names = "--count", paramLabel = "N", defaultValue = "0", description = "stop after N packets (0: no limit)")
    private long count;

    @Option(names = "--bytes", paramLabel = "N", defaultValue = "0", description = "stop after N bytes (0: no limit)")
    private long bytes;

    @Option(names = "--filter", paramLabel = "EXPR", description = "raw BPF filter (pcap-filter(7)); overrides --guest/--flows")
    private String filter;

    @Option(names = "--guest", paramLabel = "ID", description = "capture traffic of this guest (CTID/VMID or lxc:ID/vm:ID), repeatable; needs --config")
    private List<String> guests = new ArrayList<>();

    @Option(names = "--flows", description = "filter on the deployment's intended flows (plus ICMP); needs --config")
    private boolean flows;

    @Option(names = "--config", paramLabel = "DIR", description = "deployment directory: label addresses with guests and join intended flows")
    private Path config;

    @Option(names = "--write", paramLabel = "FILE", description = "also write the live capture to this pcapng file (evidence)")
    private Path write;

    @Option(names = "--trust-anchor", paramLabel = "FILE", description = "root certificate(s) to validate chains served in TLS 1.2 handshakes")
    private List<Path> anchors = new ArrayList<>();

    @Option(names = "--list-interfaces", description = "list the interfaces libpcap can capture on and exit")
    private boolean list;

    /** Unusable input; the message is printed on one line. */
    private static final class Unusable extends Exception {
        private static final long serialVersionUID = 1L;

        Unusable(String message) {
            super(message);
        }
    }

    /**
     * Runs the capture or reads the files and prints the triage.
     *
     * @return 0 nothing wrong, 1 a problem was found, 2 unusable input
     */
    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            if (list) {
                for (CaptureInterface c : LiveCapture.interfaces()) {
                    out.println(c.name() + (c.addresses().isEmpty() ? "" : " " + String.join(" ", c.addresses()))
                            + (c.up() ? "" : " (down)"));
                }
                out.flush();
                return 0;
            }
            if (read.isEmpty() == (iface == null)) {
                throw new Unusable("give either --read FILE or --interface IF");
            }
            DeploymentModel model = null;
            if (config != null) {
                if (!Files.isDirectory(config)) {
                    throw new Unusable("--config " + config + ": not a directory");
                }
                model = Diagnosis.builder().directory(config).build().analyse();
            } else if (!guests.isEmpty() || flows) {
                throw new Unusable("--guest and --flows need --config DIR (the deployment)");
            }
            CaptureTriage.Builder tb = CaptureTriage.builder();
            if (model != null) {
                tb.model(model);
            }
            tb.trustAnchors(loadAnchors());
            CaptureAnalysis analysis = read.isEmpty() ? live(model, err) : CaptureAnalysis.read(read);
            TriageReport report = tb.build().triage(analysis);
            out.print(report.render());
            out.flush();
            return report.hasProblems() ? 1 : 0;
        } catch (Unusable e) {
            err.println("capture: " + e.getMessage());
            err.flush();
            return 2;
        } catch (NoSuchFileException e) {
            err.println("capture: " + e.getFile() + ": no such file");
            err.flush();
            return 2;
        } catch (CaptureFormatException | CaptureException e) {
            err.println("capture: " + e.getMessage());
            err.flush();
            return 2;
        } catch (IOException e) {
            err.println("capture: cannot read: " + e.getMessage());
            err.flush();
            return 2;
        }
    }

    private CaptureAnalysis live(DeploymentModel model, PrintWriter err) throws Unusable, CaptureException {
        if (seconds < 1 || seconds > 86400) {
            throw new Unusable("--seconds must be 1-86400: " + seconds);
        }
        BpfFilter bpf = BpfFilter.all();
        if (filter != null) {
            bpf = BpfFilter.raw(filter);
        } else if (model != null && !guests.isEmpty()) {
            List<Endpoint> eps = new ArrayList<>();
            for (String g : guests) {
                eps.add(guest(model, g));
            }
            bpf = BpfFilter.forGuests(eps, model.topology());
        } else if (model != null && flows) {
            bpf = BpfFilter.forFlows(model.flows().stream().filter(f -> f.active()).toList(), model.topology());
        }
        LiveCapture.Builder b = LiveCapture.builder(iface).filter(bpf).duration(Duration.ofSeconds(seconds));
        try {
            b.maxPackets(count).maxBytes(bytes);
        } catch (IllegalArgumentException e) {
            throw new Unusable(e.getMessage());
        }
        if (write != null) {
            b.writeTo(write);
        }
        FlowTracker tracker = FlowTracker.create();
        tracker.source(iface);
        err.println("capture: " + iface + (bpf.expression().isEmpty() ? "" : " filter '" + bpf.expression() + "'")
                + " for up to " + seconds + " s");
        err.flush();
        LiveSummary s = b.build().run(tracker);
        return CaptureAnalysis.of(tracker, s.warnings());
    }

    private static Endpoint guest(DeploymentModel model, String text) throws Unusable {
        try {
            Endpoint e = text.matches("[0-9]+")
                    ? model.topology().guestMap().keySet().stream().filter(x -> x.id().orElse(-1) == Integer.parseInt(text))
                            .findFirst().orElseThrow(() -> new IllegalArgumentException("no guest with id " + text))
                    : Endpoint.parse(text);
            if (model.topology().addressOf(e).isEmpty()) {
                throw new Unusable("--guest " + text + ": the deployment gives it no static address");
            }
            return e;
        } catch (IllegalArgumentException e) {
            throw new Unusable("--guest " + text + ": " + e.getMessage());
        }
    }

    private List<X509Certificate> loadAnchors() throws Unusable {
        List<X509Certificate> out = new ArrayList<>();
        for (Path p : anchors) {
            try {
                out.addAll(PkiLoader.certificates(Files.readAllBytes(p), p.toString()));
            } catch (NoSuchFileException e) {
                throw new Unusable("--trust-anchor " + p + ": no such file");
            } catch (IOException e) {
                throw new Unusable("--trust-anchor " + p + ": cannot read (" + e.getMessage() + ")");
            } catch (PkiParseException e) {
                throw new Unusable("--trust-anchor " + e.getMessage());
            }
        }
        return out;
    }
}
