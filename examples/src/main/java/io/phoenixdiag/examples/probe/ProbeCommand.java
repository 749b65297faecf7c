package io.phoenixdiag.examples.probe;

import io.phoenixdiag.examples.doctor.DoctorCommand;
import io.phoenixdiag.examples.doctor.PhoenixDoctor;
import io.phoenixdiag.net.live.CommandProbeExecutor;
import io.phoenixdiag.net.live.ExecutionLimits;
import io.phoenixdiag.net.live.InProcessProbeExecutor;
import io.phoenixdiag.net.live.LiveJson;
import io.phoenixdiag.net.live.LiveResult;
import io.phoenixdiag.net.live.ProbeExecutor;
import io.phoenixdiag.net.live.ProbeListener;
import io.phoenixdiag.net.live.ProbeSpec;
import io.phoenixdiag.net.probe.DnsQueryType;
import io.phoenixdiag.pki.pem.PemEncoder;
import io.phoenixdiag.pki.pem.PkiLoader;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code phoenix-doctor probe tcp|tls|http|dns|run ...}: one live probe (or a JSON list of them) from this host or
 * from inside a network namespace, printed as text or as the probe program's JSON ({@link LiveJson}). The same
 * engine as {@code doctor --live} and the probe program {@link io.phoenixdiag.net.live.ProbeMain}.
 *
 * <p>Exit codes: 0 every probe had its good outcome (TCP OPEN, TLS and HTTP OK, DNS MATCH), 1 at least one did
 * not, 2 usage error or unusable input.
 */
@Command(name = "probe", mixinStandardHelpOptions = true, versionProvider = DoctorCommand.Version.class,
        description = "Probes one endpoint live: TCP connect, TLS handshake with chain validation, HTTP(S) request,"
                + " or DNS query to one nameserver. Addresses are IP literals (probes never resolve names).",
        subcommands = {ProbeCommand.Tcp.class, ProbeCommand.Tls.class, ProbeCommand.Http.class, ProbeCommand.Dns.class,
                ProbeCommand.Run.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every probe had its good outcome", "1:a probe found a problem",
                "2:usage error or unusable input"})
public final class ProbeCommand implements Callable<Integer> {
    @Spec
    private CommandLine.Model.CommandSpec spec;

    /** Creates the command (picocli instantiates it). */
    public ProbeCommand() {
    }

    /**
     * Without a probe kind: usage error.
     *
     * @return never
     * @throws DoctorCommand.UsageException always
     */
    @Override
    public Integer call() throws DoctorCommand.UsageException {
        throw new DoctorCommand.UsageException("probe: name a probe kind: tcp, tls, http, dns or run (try probe --help)");
    }

    /** Options every probe kind takes. */
    public static final class Common {
        @Option(names = "--timeout-ms", paramLabel = "MS", defaultValue = "3000",
                description = "Per-probe timeout in ms: connect, handshake, response, DNS answer (default: ${DEFAULT-VALUE}).")
        long timeoutMs;

        @Option(names = "--json", description = "Print the results as the probe program's JSON array.")
        boolean json;

        @Option(names = "--netns", paramLabel = "NAME",
                description = "Probe from inside the network namespace NAME (runs the probe program under"
                        + " `ip netns exec NAME`; needs root).")
        String netns;

        @Spec(Spec.Target.MIXEE)
        CommandLine.Model.CommandSpec mixee;

        /** Creates the options (picocli instantiates them). */
        public Common() {
        }

        int execute(List<ProbeSpec> specs) throws DoctorCommand.UsageException {
            ProbeExecutor executor = netns == null ? InProcessProbeExecutor.create()
                    : CommandProbeExecutor.of("netns:" + netns, List.of("ip", "netns", "exec", netns));
            List<LiveResult> results;
            try {
                results = executor.run(specs, new ExecutionLimits(16, Math.max(timeoutMs * 4, 60_000)),
                        ProbeListener.NONE).join();
            } finally {
                executor.close();
            }
            PrintWriter out = mixee.commandLine().getOut();
            if (json) {
                out.println(LiveJson.writeResults(results));
            } else {
                for (LiveResult r : results) {
                    out.println(r.kind() + " " + r.target() + " from " + r.vantage() + ": " + r.outcome());
                    out.println("  " + r.detail());
                    if (!r.remediation().isEmpty() && !r.ok()) {
                        out.println("  fix: " + r.remediation());
                    }
                }
            }
            out.flush();
            return results.stream().allMatch(LiveResult::ok) ? PhoenixDoctor.OK : PhoenixDoctor.PROBLEM;
        }

        ProbeSpec check(java.util.function.Supplier<ProbeSpec> make) throws DoctorCommand.UsageException {
            try {
                return make.get();
            } catch (IllegalArgumentException e) {
                throw new DoctorCommand.UsageException("probe: " + e.getMessage());
            }
        }
    }

    /** An {@code ADDRESS:PORT} argument; IPv6 in brackets. */
    record HostPort(String address, int port) {
        static HostPort parse(String text, int defaultPort) throws DoctorCommand.UsageException {
            String host = text;
            int port = defaultPort;
            if (text.startsWith("[")) {
                int end = text.indexOf(']');
                if (end < 0) {
                    throw new DoctorCommand.UsageException("probe: " + text + ": missing ] after the IPv6 address");
                }
                host = text.substring(1, end);
                if (text.length() > end + 1) {
                    port = portOf(text, text.substring(end + 1));
                }
            } else if (text.indexOf(':') >= 0 && text.indexOf(':') == text.lastIndexOf(':')) {
                host = text.substring(0, text.indexOf(':'));
                port = portOf(text, text.substring(text.indexOf(':')));
            }
            if (port < 0) {
                throw new DoctorCommand.UsageException("probe: " + text + ": expected ADDRESS:PORT");
            }
            return new HostPort(host, port);
        }

        private static int portOf(String text, String tail) throws DoctorCommand.UsageException {
            try {
                if (!tail.startsWith(":")) {
                    throw new NumberFormatException();
                }
                return Integer.parseInt(tail.substring(1));
            } catch (NumberFormatException e) {
                throw new DoctorCommand.UsageException("probe: " + text + ": the port must be a number");
            }
        }
    }

    /** The TLS options of {@code tls} and {@code http}. */
    public static final class TlsOptions {
        @Option(names = "--sni", paramLabel = "NAME", defaultValue = "",
                description = "Server name to send (SNI) and to check the certificate against; default: check the address.")
        String sni;

        @Option(names = "--ca", paramLabel = "FILE", description = "Trust anchors (PEM or DER), e.g. the Step-CA root.")
        Path ca;

        /** Creates the options (picocli instantiates them). */
        public TlsOptions() {
        }

        List<String> anchors() throws DoctorCommand.UsageException {
            if (!sni.isEmpty()) {
                String problem = ProbeArguments.sniProblem(sni);
                if (!problem.isEmpty()) {
                    throw new DoctorCommand.UsageException("probe: --sni " + ProbeArguments.shown(sni) + ": " + problem);
                }
            }
            if (ca == null) {
                return List.of();
            }
            try {
                return PkiLoader.certificates(ca).stream().map(PemEncoder::certificate).toList();
            } catch (IOException | java.security.cert.CertificateException | RuntimeException e) {
                throw new DoctorCommand.UsageException("probe: --ca " + ca + ": " + e.getMessage());
            }
        }
    }

    /** {@code probe tcp ADDRESS:PORT}. */
    @Command(name = "tcp", mixinStandardHelpOptions = true, description = "TCP connect: OPEN, REFUSED, TIMEOUT or UNREACHABLE.")
    public static final class Tcp implements Callable<Integer> {
        @Mixin
        Common common;

        @Parameters(index = "0", paramLabel = "ADDRESS:PORT", description = "The destination, e.g. 10.0.0.10:9000 or [::1]:443.")
        String target;

        /** Creates the command. */
        public Tcp() {
        }

        @Override
        public Integer call() throws DoctorCommand.UsageException {
            HostPort hp = HostPort.parse(target, -1);
            return common.execute(List.of(common.check(() -> ProbeSpec.tcp(target, hp.address(), hp.port(),
                    common.timeoutMs))));
        }
    }

    /** {@code probe tls ADDRESS:PORT [--sni NAME] [--ca FILE]}. */
    @Command(name = "tls", mixinStandardHelpOptions = true,
            description = "TLS handshake: captures the served chain and validates it against --ca and the reference identity.")
    public static final class Tls implements Callable<Integer> {
        @Mixin
        Common common;

        @Mixin
        TlsOptions tls;

        @Parameters(index = "0", paramLabel = "ADDRESS:PORT", description = "The destination.")
        String target;

        /** Creates the command. */
        public Tls() {
        }

        @Override
        public Integer call() throws DoctorCommand.UsageException {
            HostPort hp = HostPort.parse(target, -1);
            List<String> anchors = tls.anchors();
            return common.execute(List.of(common.check(() -> ProbeSpec.tls(target, hp.address(), hp.port(), tls.sni,
                    anchors, common.timeoutMs))));
        }
    }

    /** {@code probe http ADDRESS:PORT [--tls] [--path P] [--status N] [--body-contains T]}. */
    @Command(name = "http", mixinStandardHelpOptions = true,
            description = "One HTTP/1.1 request (HTTPS with --tls) checking the status and the body.")
    public static final class Http implements Callable<Integer> {
        @Mixin
        Common common;

        @Parameters(index = "0", paramLabel = "ADDRESS:PORT", description = "The destination.")
        String target;

        @Option(names = "--tls", description = "Speak HTTPS.")
        boolean https;

        @Mixin
        TlsOptions tls;

        @Option(names = "--path", paramLabel = "PATH", defaultValue = "/", description = "Request path (default: ${DEFAULT-VALUE}).")
        String path;

        @Option(names = "--status", paramLabel = "CODE", defaultValue = "200", description = "Expected status (default: ${DEFAULT-VALUE}).")
        int status;

        @Option(names = "--body-contains", paramLabel = "TEXT", defaultValue = "", description = "Text the body must contain.")
        String bodyContains;

        /** Creates the command. */
        public Http() {
        }

        @Override
        public Integer call() throws DoctorCommand.UsageException {
            HostPort hp = HostPort.parse(target, -1);
            List<String> anchors = tls.anchors();
            return common.execute(List.of(common.check(() -> ProbeSpec.http(target, hp.address(), hp.port(), https,
                    tls.sni, anchors, path, status, bodyContains, common.timeoutMs))));
        }
    }

    /** {@code probe dns NAMESERVER[:PORT] NAME [--type A] [--expect IP]...}. */
    @Command(name = "dns", mixinStandardHelpOptions = true,
            description = "One query to one nameserver (no cache, hosts file or search domains), compared with --expect.")
    public static final class Dns implements Callable<Integer> {
        @Mixin
        Common common;

        @Parameters(index = "0", paramLabel = "NAMESERVER[:PORT]", description = "The nameserver (port 53 by default).")
        String nameserver;

        @Parameters(index = "1", paramLabel = "NAME", description = "The fully qualified name to ask for.")
        String name;

        @Option(names = "--type", paramLabel = "TYPE", defaultValue = "A",
                description = "Record type: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
        DnsQueryType type;

        @Option(names = "--expect", paramLabel = "IP", description = "An address the name must resolve to, repeatable.")
        List<String> expect = new ArrayList<>();

        /** Creates the command. */
        public Dns() {
        }

        @Override
        public Integer call() throws DoctorCommand.UsageException {
            HostPort hp = HostPort.parse(nameserver, 53);
            for (String ip : expect) {
                if (!ProbeArguments.isIpLiteral(ip)) {
                    throw new DoctorCommand.UsageException("probe: --expect " + ProbeArguments.shown(ip)
                            + ": expected an IPv4 or IPv6 address literal, e.g. 10.0.0.12 or fd00::12");
                }
            }
            return common.execute(List.of(common.check(() -> ProbeSpec.dns(name, hp.address(), hp.port(), name, type,
                    expect, common.timeoutMs))));
        }
    }

    /** {@code probe run FILE|-}: a JSON list of probe requests, as the probe program reads them. */
    @Command(name = "run", mixinStandardHelpOptions = true,
            description = "Runs a JSON array of probe requests (the probe program's input; - for standard input).")
    public static final class Run implements Callable<Integer> {
        @Mixin
        Common common;

        @Parameters(index = "0", paramLabel = "FILE", description = "The requests file, or - for standard input.")
        String file;

        /** Creates the command. */
        public Run() {
        }

        @Override
        public Integer call() throws DoctorCommand.UsageException {
            String text;
            try {
                text = file.equals("-") ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8)
                        : Files.readString(Path.of(file), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new DoctorCommand.UsageException("probe run: " + file + ": cannot read: " + e.getMessage());
            }
            try {
                return common.execute(LiveJson.readSpecs(text));
            } catch (IllegalArgumentException e) {
                throw new DoctorCommand.UsageException("probe run: " + file + ": " + e.getMessage());
            }
        }
    }
}
