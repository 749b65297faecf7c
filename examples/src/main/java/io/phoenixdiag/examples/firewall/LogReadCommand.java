package io.phoenixdiag.examples.firewall;

import io.phoenixdiag.core.diag.Finding;
import io.phoenixdiag.core.topology.Topology;
import io.phoenixdiag.examples.doctor.DoctorCommand.UsageException;
import io.phoenixdiag.examples.doctor.PhoenixDoctor;
import io.phoenixdiag.net.kernlog.KernelLog;
import io.phoenixdiag.net.kernlog.KernelLogParser;
import io.phoenixdiag.net.kernlog.LogCorrelator;
import io.phoenixdiag.net.logplan.LogPlan;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code phoenix-doctor log-read}: netfilter LOG lines ({@code journalctl -k}, {@code dmesg [-T]},
 * {@code kern.log}, syslog, {@code pve-firewall.log}) aggregated per flow, each mapped to the rule that
 * logged it through a {@code log-plan --format json} file, with addresses named by the deployment's topology.
 * Malformed LOG lines are warnings on standard error with their line numbers.
 *
 * <p>Exit codes: 0 no drop logged, 1 drops logged, 2 usage error or unusable input.
 */
@Command(name = "log-read", mixinStandardHelpOptions = true,
        description = "Reads kernel LOG lines and prints the dropped flows, each with the rule that logged it.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:no LOG line", "1:LOG lines found (drops)", "2:usage error or unusable input"})
public final class LogReadCommand implements Callable<Integer> {
    @Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--log", required = true, paramLabel = "FILE", description = "The log (- for standard input).")
    private String log;

    @Option(names = "--plan", paramLabel = "FILE", description = "A plan written by log-plan --format json.")
    private Path plan;

    @Option(names = "--config", paramLabel = "DIR", description = "Phoenix deployment directory (names guests by address).")
    private Path config;

    /** Creates the command (picocli instantiates it). */
    public LogReadCommand() {
    }

    /**
     * Prints the flows.
     *
     * @return the exit code
     * @throws UsageException for unusable input (exit code 2)
     */
    @Override
    public Integer call() throws UsageException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String text;
        try {
            text = log.equals("-") ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8)
                    : Files.readString(Path.of(log), StandardCharsets.UTF_8);
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new UsageException("--log " + log + ": cannot read: " + e.getMessage());
        }
        Optional<LogPlan> p = Optional.empty();
        if (plan != null) {
            try {
                p = Optional.of(LogPlan.fromJson(Files.readString(plan, StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new UsageException("--plan " + plan + ": cannot read: " + e.getMessage());
            } catch (IllegalArgumentException e) {
                throw new UsageException("--plan " + plan + ": " + e.getMessage());
            }
        }
        Optional<Topology> topo = config == null ? Optional.empty() : Optional.of(Inputs.config(config, err).topology());
        KernelLog k = KernelLogParser.parse(log.equals("-") ? "<stdin>" : log, text);
        for (Finding f : k.warnings()) {
            err.println("warning: " + f.message());
        }
        List<LogCorrelator.FlowAggregate> flows = LogCorrelator.correlate(k, p, topo);
        out.println(k.lines().size() + " LOG lines, " + flows.size() + " flows, " + k.otherLines() + " other lines, "
                + k.warnings().size() + " unreadable");
        for (LogCorrelator.FlowAggregate f : flows) {
            out.println(f.describe());
        }
        out.flush();
        return k.lines().isEmpty() ? PhoenixDoctor.OK : PhoenixDoctor.PROBLEM;
    }
}
