package io.phoenixdiag.net.live;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Runs probes through any command prefix that runs a program elsewhere and passes standard input and output
 * through: the probe program {@link ProbeMain} reads the requests on its standard input and writes the results to
 * its standard output ({@link LiveJson}). This is how a Proxmox vantage point plugs in:
 * <pre>{@code
 * // inside container 103 (the jars pushed there first, e.g. with `pct push 103 phoenix.jar /opt/phoenix/...`)
 * ProbeExecutor ct = CommandProbeExecutor.of("pct:103", List.of("pct", "exec", "103", "--"),
 *         "/usr/bin/java", "/opt/phoenix/lib/*");
 * // inside VM 1001 through the QEMU guest agent (stdin is passed with --pass-stdin)
 * ProbeExecutor vm = CommandProbeExecutor.of("vm:1001",
 *         List.of("qm", "guest", "exec", "1001", "--pass-stdin", "1", "--"), "/usr/bin/java", "/opt/phoenix/lib/*");
 * }</pre>
 * ({@code qm guest exec} wraps the program's output in its own JSON object; such a prefix needs a small wrapper
 * script that unwraps {@code out-data}.) The prefix runs on this host with its privileges.
 *
 * <p>Threading: thread-safe; {@link #run} returns at once and its future completes on a JDK process-reaper thread
 * when the child exits, or NOT_RUN results after the deadline plus {@value ChildProbes#START_SLACK_MS} ms (the
 * child is then killed).
 */
public final class CommandProbeExecutor implements ProbeExecutor {
    private final String vantage;
    private final List<String> prefix;
    private final String java;
    private final String classPath;

    private CommandProbeExecutor(String vantage, List<String> prefix, String java, String classPath) {
        if (vantage.isBlank()) {
            throw new IllegalArgumentException("vantage must not be empty");
        }
        this.vantage = vantage;
        this.prefix = List.copyOf(prefix);
        this.java = Objects.requireNonNull(java, "java");
        this.classPath = Objects.requireNonNull(classPath, "classPath");
    }

    /**
     * An executor running the probe program under a prefix.
     *
     * @param vantage   the vantage point's name, e.g. {@code pct:103}
     * @param prefix    the command prefix, e.g. {@code [pct, exec, 103, --]}; empty to run a plain child process
     * @param java      the {@code java} executable as seen where the program runs
     * @param classPath the class path holding phoenix-net and its dependencies, as seen where the program runs
     * @return the executor
     * @throws IllegalArgumentException if {@code vantage} is blank
     */
    public static CommandProbeExecutor of(String vantage, List<String> prefix, String java, String classPath) {
        return new CommandProbeExecutor(Objects.requireNonNull(vantage, "vantage"), prefix, java, classPath);
    }

    /**
     * An executor running the probe program under a prefix with this JVM's runtime and class path (for prefixes
     * that keep the file system, such as {@code ip netns exec NAME} or {@code nsenter --net=...}).
     *
     * @param vantage the vantage point's name
     * @param prefix  the command prefix
     * @return the executor
     * @throws IllegalArgumentException if {@code vantage} is blank
     */
    public static CommandProbeExecutor of(String vantage, List<String> prefix) {
        return of(vantage, prefix, ChildProbes.defaultJava(), ChildProbes.defaultClassPath());
    }

    @Override
    public String vantage() {
        return vantage;
    }

    /**
     * The full command line a run starts (without the per-run limits).
     *
     * @return prefix, java, class path and program class
     */
    public List<String> command() {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.addAll(List.of(java, "-cp", classPath, ProbeMain.class.getName()));
        return List.copyOf(cmd);
    }

    @Override
    public CompletableFuture<List<LiveResult>> run(List<ProbeSpec> probes, ExecutionLimits limits,
                                                   ProbeListener listener) {
        return ChildProbes.run(probes, limits, listener, vantage, (in, out, err) -> {
            List<String> cmd = new ArrayList<>(prefix);
            cmd.addAll(List.of(java, "-cp", classPath));
            cmd.addAll(ChildProbes.programArgs(limits, vantage));
            cmd.addAll(List.of("--in", "-"));
            return new ProcessBuilder(cmd).redirectInput(in.toFile()).redirectOutput(out.toFile())
                    .redirectError(err.toFile()).start();
        });
    }
}
