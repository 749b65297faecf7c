package io.phoenixdiag.examples.doctor;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import picocli.CommandLine;
import io.phoenixdiag.examples.capture.CaptureCommand;
import io.phoenixdiag.examples.chain.ChainCommand;
import io.phoenixdiag.examples.collect.CollectCommand;
import io.phoenixdiag.examples.firewall.ExplainCommand;
import io.phoenixdiag.examples.firewall.LogPlanCommand;
import io.phoenixdiag.examples.firewall.LogReadCommand;
import picocli.CommandLine.Command;

/**
 * Entry point of {@code phoenix-doctor.jar}: {@code java -jar phoenix-doctor.jar [SUBCOMMAND] [OPTIONS]}.
 *
 * <p>With no subcommand it runs {@code doctor}. Every subcommand exits with 0 when nothing is wrong,
 * 1 when it found a problem, and 2 for a usage error or input from which no result could be made
 * (with a one-line reason on standard error).
 */
@Command(name = "phoenix-doctor", mixinStandardHelpOptions = true,
        versionProvider = DoctorCommand.Version.class,
        description = "Finds out why a Phoenix Hypervisor deployment is broken.",
        footer = {"", "Without a command, runs doctor (the static diagnosis; the bundled sample when --config is",
                "not given). Options of a command: phoenix-doctor COMMAND --help, e.g. phoenix-doctor doctor --help.",
                "Exit codes: 0 nothing wrong, 1 a problem was found, 2 usage error or unusable input."},
        subcommands = {DoctorCommand.class, ChainCommand.class, CaptureCommand.class, ExplainCommand.class,
                LogPlanCommand.class, LogReadCommand.class, io.phoenixdiag.examples.probe.ProbeCommand.class,
                io.phoenixdiag.examples.diff.DiffCommand.class, CollectCommand.class})
public final class PhoenixDoctor {
    /** Exit code: nothing wrong. */
    public static final int OK = 0;
    /** Exit code: a problem was found. */
    public static final int PROBLEM = 1;
    /** Exit code: usage error or unusable input. */
    public static final int USAGE = 2;

    private PhoenixDoctor() {
    }

    /**
     * Runs the program and exits the JVM with its exit code.
     *
     * @param args command-line arguments
     */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * Runs the program without exiting the JVM (for tests and embedding).
     *
     * @param args command-line arguments; when the first is not a subcommand name, {@code doctor} is assumed
     * @param out  where reports and help go
     * @param err  where one-line errors go
     * @return the exit code: {@link #OK}, {@link #PROBLEM} or {@link #USAGE}
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine cli = new CommandLine(new PhoenixDoctor());
        Set<String> subcommands = cli.getSubcommands().keySet();
        // every subcommand answers --version with the SDK version
        cli.getSubcommands().values().stream().map(CommandLine::getCommandSpec)
                .filter(s -> s.versionProvider() == null && s.version().length == 0)
                .forEach(s -> s.versionProvider(new DoctorCommand.Version()));
        List<String> argv = new ArrayList<>(Arrays.asList(args));
        boolean topLevelHelp = argv.size() == 1 && (argv.get(0).equals("--help") || argv.get(0).equals("-h"));
        PrintWriter earlyErr = new PrintWriter(new java.io.OutputStreamWriter(err, StandardCharsets.UTF_8), true);
        if (!argv.isEmpty() && !argv.get(0).startsWith("-") && !subcommands.contains(argv.get(0))) {
            earlyErr.println("phoenix-doctor: unknown command '" + argv.get(0) + "': expected one of "
                    + String.join(", ", subcommands) + ", or options of doctor (try --help)");
            return USAGE;
        }
        if (!topLevelHelp && (argv.isEmpty() || !subcommands.contains(argv.get(0)))) {
            argv.add(0, "doctor");
        }
        PrintWriter outWriter = new PrintWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), true);
        PrintWriter errWriter = new PrintWriter(new java.io.OutputStreamWriter(err, StandardCharsets.UTF_8), true);
        cli.setOut(outWriter);
        cli.setErr(errWriter);
        cli.setParameterExceptionHandler((ex, a) -> {
            String msg = ex.getMessage() == null ? "" : ex.getMessage().replaceFirst("^Error: ", "");
            errWriter.println("phoenix-doctor: " + msg + " (try --help)");
            return USAGE;
        });
        cli.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            errWriter.println("phoenix-doctor: " + oneLine(ex));
            return USAGE;
        });
        int code = cli.execute(argv.toArray(String[]::new));
        outWriter.flush();
        errWriter.flush();
        return code;
    }

    static String oneLine(Throwable ex) {
        String msg = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
        return msg.replace('\n', ' ');
    }
}
