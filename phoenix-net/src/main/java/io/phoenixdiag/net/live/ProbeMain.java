package io.phoenixdiag.net.live;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The probe program: reads probe requests ({@link ProbeSpec}s as JSON, see {@link LiveJson}), runs them in this
 * process ({@link InProcessProbeExecutor}) and prints the results as one JSON array. The out-of-process executors
 * ({@link NetnsProbeExecutor}, {@link CommandProbeExecutor}) start it as a child JVM where the probes must run.
 *
 * <pre>
 * java -cp CLASSPATH io.phoenixdiag.net.live.ProbeMain [--concurrency N] [--deadline-ms MS] [--vantage NAME]
 *      [--in FILE|-] [--out FILE] [JSON...]
 * </pre>
 * The requests come from the JSON arguments (each an object or an array), else from {@code --in FILE}, else from
 * standard input. Results go to {@code --out FILE} or standard output. Defaults: concurrency 16, deadline 60000 ms,
 * vantage {@code local}.
 *
 * <p>Exit codes: 0 every probe had its good outcome, 1 at least one did not, 2 usage error or unreadable requests
 * (one line on standard error naming the argument, file or JSON pointer).
 */
public final class ProbeMain {
    /** Exit code: every probe had its good outcome. */
    public static final int OK = 0;
    /** Exit code: at least one probe did not. */
    public static final int PROBLEM = 1;
    /** Exit code: usage error or unreadable requests. */
    public static final int USAGE = 2;

    private ProbeMain() {
    }

    /**
     * Runs the program and exits the JVM with its exit code.
     *
     * @param args the arguments (see the class description)
     */
    public static void main(String[] args) {
        System.exit(run(args, System.in, System.out, System.err));
    }

    /**
     * Runs the program without exiting.
     *
     * @param args the arguments
     * @param in   standard input, read when no JSON argument and no {@code --in} is given (or {@code --in -})
     * @param out  where the results go without {@code --out}
     * @param err  where a usage error goes
     * @return the exit code {@link #OK}, {@link #PROBLEM} or {@link #USAGE}
     */
    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        int concurrency = ExecutionLimits.DEFAULT.concurrency();
        long deadlineMs = ExecutionLimits.DEFAULT.deadlineMs();
        String vantage = "local";
        String inFile = null;
        Path outFile = null;
        List<String> json = new ArrayList<>();
        List<ProbeSpec> specs;
        ExecutionLimits limits;
        try {
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--concurrency" -> concurrency = intArg(args, ++i, a);
                    case "--deadline-ms" -> deadlineMs = intArg(args, ++i, a);
                    case "--vantage" -> vantage = arg(args, ++i, a);
                    case "--in" -> inFile = arg(args, ++i, a);
                    case "--out" -> outFile = Path.of(arg(args, ++i, a));
                    default -> {
                        if (a.startsWith("--")) {
                            throw new IllegalArgumentException("unknown option " + a);
                        }
                        json.add(a);
                    }
                }
            }
            limits = new ExecutionLimits(concurrency, deadlineMs);
            specs = new ArrayList<>();
            if (!json.isEmpty()) {
                for (int i = 0; i < json.size(); i++) {
                    try {
                        specs.addAll(LiveJson.readSpecs(json.get(i)));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("argument " + (i + 1) + ": " + e.getMessage());
                    }
                }
            } else if (inFile != null && !inFile.equals("-")) {
                try {
                    specs.addAll(LiveJson.readSpecs(Files.readString(Path.of(inFile), StandardCharsets.UTF_8)));
                } catch (IOException e) {
                    throw new IllegalArgumentException("--in " + inFile + ": cannot read: " + e.getMessage());
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(inFile + ": " + e.getMessage());
                }
            } else {
                try {
                    specs.addAll(LiveJson.readSpecs(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
                } catch (IOException e) {
                    throw new IllegalArgumentException("<stdin>: cannot read: " + e.getMessage());
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("<stdin>: " + e.getMessage());
                }
            }
        } catch (IllegalArgumentException e) {
            err.println("probe: " + e.getMessage().replace('\n', ' '));
            return USAGE;
        }
        List<LiveResult> results;
        if (vantage.isBlank()) {
            err.println("probe: --vantage must not be empty");
            return USAGE;
        }
        try (InProcessProbeExecutor executor = InProcessProbeExecutor.create(vantage)) {
            results = executor.run(specs, limits, ProbeListener.NONE).join();
        }
        String text = LiveJson.writeResults(results) + "\n";
        if (outFile != null) {
            try {
                Files.writeString(outFile, text, StandardCharsets.UTF_8);
            } catch (IOException e) {
                err.println("probe: --out " + outFile + ": cannot write: " + e.getMessage());
                return USAGE;
            }
        } else {
            out.print(text);
            out.flush();
        }
        return results.stream().allMatch(LiveResult::ok) ? OK : PROBLEM;
    }

    private static String arg(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static int intArg(String[] args, int i, String option) {
        String v = arg(args, i, option);
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + ": expected an integer, got \"" + v + "\"");
        }
    }
}
