package io.phoenixdiag.examples.firewall;

import io.phoenixdiag.examples.doctor.DoctorCommand.UsageException;
import io.phoenixdiag.examples.doctor.PhoenixDoctor;
import io.phoenixdiag.net.logplan.LogPlan;
import io.phoenixdiag.net.logplan.LogPlanner;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code phoenix-doctor log-plan}: the commands that make every drop visible in the kernel log
 * ({@link LogPlanner}), the commands that remove them, and the prefix map ({@code --format json} writes the
 * whole plan as JSON, which {@code log-read --plan} reads). Runs nothing itself.
 *
 * <p>Exit codes: 0 a plan was made, 1 nothing drops (nothing to log), 2 usage error or unusable input.
 */
@Command(name = "log-plan", mixinStandardHelpOptions = true,
        description = "Plans LOG rules (or Proxmox log levels) that make every drop visible, and their removal.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:plan made", "1:nothing drops, nothing to log", "2:usage error or unusable input"})
public final class LogPlanCommand implements Callable<Integer> {
    @Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--iptables-save", paramLabel = "FILE", description = "iptables-save output (- for standard input).")
    private String iptablesSave;

    @Option(names = "--pve-fw", paramLabel = "DIR", description = "Proxmox firewall files (plans pvesh log-level commands).")
    private Path pveFw;

    @Option(names = "--node", paramLabel = "NAME", defaultValue = "localhost",
            description = "Node name for pvesh paths (default: ${DEFAULT-VALUE}, the local node).")
    private String node;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text or json (default: ${DEFAULT-VALUE}).")
    private String format;

    /** Creates the command (picocli instantiates it). */
    public LogPlanCommand() {
    }

    /**
     * Prints the plan.
     *
     * @return the exit code
     * @throws UsageException for unusable input (exit code 2)
     */
    @Override
    public Integer call() throws UsageException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if ((iptablesSave == null) == (pveFw == null)) {
            throw new UsageException("give exactly one of --iptables-save FILE, --pve-fw DIR");
        }
        if (!format.equals("text") && !format.equals("json")) {
            throw new UsageException("--format: expected text or json but got '" + format + "'");
        }
        LogPlan plan = iptablesSave != null ? LogPlanner.plan(Inputs.iptables(iptablesSave, err))
                : LogPlanner.plan(Inputs.pveFw(pveFw, err).loaded().value(), node);
        if (format.equals("json")) {
            out.print(plan.toJson());
        } else {
            out.println("# log plan for " + plan.source() + " (" + plan.entries().size() + " drops logged)");
            out.println("# add:");
            plan.addCommands().forEach(out::println);
            out.println("# remove:");
            plan.removeCommands().forEach(out::println);
            out.println("# prefix map:");
            for (LogPlan.Entry e : plan.entries()) {
                out.println(e.prefix() + "\t" + e.table() + "/" + e.chain() + (e.policy() ? " policy" : " rule " + e.ruleNumber())
                        + (e.line() > 0 ? " (" + e.file() + ":" + e.line() + ")" : "") + "\t" + e.rule());
            }
            plan.notes().forEach(n -> out.println("# note: " + n));
        }
        out.flush();
        return plan.entries().isEmpty() ? PhoenixDoctor.PROBLEM : PhoenixDoctor.OK;
    }
}
