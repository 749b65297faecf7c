package io.phoenixdiag.examples.diff;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import io.phoenixdiag.core.config.PhoenixFileKind;
import io.phoenixdiag.core.diag.Finding;
import io.phoenixdiag.core.diag.ReportFormat;
import io.phoenixdiag.core.diff.DeploymentDiff;
import io.phoenixdiag.core.diff.DiffRenderer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code diff OLD_DIR NEW_DIR}: what changed between two versions of a deployment, "what change broke
 * it" ({@link DeploymentDiff}): guests, declared firewall lines, intended flows and their firewall verdicts.
 *
 * <p>Exit codes: 0 no flow's verdict changed (other changes may be listed), 1 a verdict changed
 * (a flow broke, was fixed, appeared or disappeared with its verdict), 2 usage error (a one-line reason
 * on standard error), such as a directory that does not exist or holds none of the Phoenix JSON files, or a
 * Phoenix file on either side that could not be loaded (one line per such file: side, {@code file:line:column},
 * what is wrong and what was expected), since a file that did not load would read as everything removed. Output on stdout in the chosen {@code --format}. Not thread-safe (one instance per run).
 */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = "Show which guests, firewall lines, intended flows and verdicts changed between two versions of a deployment.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:no verdict changed", "1:a flow's verdict changed (broke, fixed, appeared or disappeared)",
                "2:usage error or a file that did not load (reason on stderr)"})
public final class DiffCommand implements Callable<Integer> {
    /** Exit code: no verdict changed. */
    public static final int SAME_VERDICTS = 0;
    /** Exit code: some verdict changed. */
    public static final int VERDICTS_CHANGED = 1;
    /** Exit code: usage error. */
    public static final int USAGE = 2;

    /** The files a deployment directory holds at its top (a stack's phoenix.json lives below stacks/). */
    private static final List<PhoenixFileKind> TOP_LEVEL_FILES = Arrays.stream(PhoenixFileKind.values())
            .filter(k -> k != PhoenixFileKind.STACK).toList();

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "OLD_DIR", description = "the older deployment directory (Phoenix JSON files)")
    private Path before;

    @Parameters(index = "1", paramLabel = "NEW_DIR", description = "the newer deployment directory")
    private Path after;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "Output format: text, json or markdown (default: ${DEFAULT-VALUE}).")
    private String format;

    /** Creates the command (picocli instantiates it). */
    public DiffCommand() {
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ReportFormat fmt;
        try {
            fmt = ReportFormat.parse(format);
        } catch (IllegalArgumentException e) {
            fmt = null;
        }
        if (fmt != ReportFormat.TEXT && fmt != ReportFormat.JSON && fmt != ReportFormat.MARKDOWN) {
            return usage(err, "--format: unknown report format '" + format + "', expected text, json or markdown");
        }
        for (Path dir : new Path[] {before, after}) {
            if (!Files.isDirectory(dir)) {
                return usage(err, dir + ": not a directory");
            }
            if (TOP_LEVEL_FILES.stream().noneMatch(k -> Files.exists(dir.resolve(k.fileName())))) {
                return usage(err, dir + ": no Phoenix JSON file (" + TOP_LEVEL_FILES.stream()
                        .map(PhoenixFileKind::fileName).collect(Collectors.joining(", ")) + ")");
            }
        }
        DeploymentDiff diff = DeploymentDiff.between(before, after);
        if (!diff.complete()) {
            loadErrors(err, "OLD_DIR", diff.beforeLoadErrors());
            loadErrors(err, "NEW_DIR", diff.afterLoadErrors());
            err.flush();
            return USAGE;
        }
        out.print(DiffRenderer.render(diff, fmt));
        out.flush();
        return diff.verdictsChanged() ? VERDICTS_CHANGED : SAME_VERDICTS;
    }

    /** One line per load error: {@code diff: NEW_DIR file:line:column: what is wrong and what was expected}. */
    private static void loadErrors(PrintWriter err, String side, List<Finding> errors) {
        for (Finding f : errors) {
            String where = f.locations().isEmpty() ? String.join(", ", f.subjects()) : f.locations().get(0).toString();
            String file = f.locations().isEmpty() ? "" : f.locations().get(0).file();
            String why = f.message();
            int skipped = why.indexOf(" The file is skipped");
            if (skipped > 0) {
                why = why.substring(0, skipped);
            }
            if (!file.isEmpty() && why.startsWith(file + " ")) {
                why = why.substring(file.length() + 1);
            }
            if (why.startsWith("is ")) {
                why = why.substring(3);
            }
            err.println("diff: " + side + " " + where + ": cannot compare, the file did not load: "
                    + why.replaceAll("[\\r\\n]+", " "));
        }
    }

    private static int usage(PrintWriter err, String message) {
        err.println("diff: " + message);
        err.flush();
        return USAGE;
    }
}
