package io.phoenixdiag.net.live;

import io.phoenixdiag.core.netns.NetworkNamespace;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Runs probes inside a Linux network namespace: each {@link #run} starts one child JVM running {@link ProbeMain}
 * under {@code ip netns exec NAME} through core's {@link NetworkNamespace#start}, hands it the requests in a
 * temporary file and reads its results back ({@link LiveJson}). A child is needed because the JDK has no API to
 * move a thread into another namespace ({@code setns(2)}) and Netty's event-loop threads are shared. Needs root
 * (or {@code CAP_SYS_ADMIN}) and {@code ip} from iproute2, like {@link NetworkNamespace}.
 *
 * <p>The vantage point is {@code netns:NAME}. The child's Java runtime and class path default to this JVM's
 * ({@code java.home}, {@code java.class.path}), which the namespace shares (only the network is separate).
 *
 * <p>Threading: thread-safe; {@link #run} returns at once and its future completes on a JDK process-reaper thread
 * when the child exits, or NOT_RUN results after the deadline plus {@value ChildProbes#START_SLACK_MS} ms (the child
 * is then killed). The namespace is not closed by {@link #close()}: it belongs to the caller; closing it kills
 * children still running.
 */
public final class NetnsProbeExecutor implements ProbeExecutor {
    private final NetworkNamespace namespace;
    private final String java;
    private final String classPath;

    private NetnsProbeExecutor(NetworkNamespace namespace, String java, String classPath) {
        this.namespace = Objects.requireNonNull(namespace, "namespace");
        this.java = Objects.requireNonNull(java, "java");
        this.classPath = Objects.requireNonNull(classPath, "classPath");
    }

    /**
     * An executor probing from inside a namespace with this JVM's runtime and class path.
     *
     * @param namespace the namespace (owned by the caller)
     * @return the executor
     */
    public static NetnsProbeExecutor of(NetworkNamespace namespace) {
        return new NetnsProbeExecutor(namespace, ChildProbes.defaultJava(), ChildProbes.defaultClassPath());
    }

    /**
     * An executor with an explicit runtime and class path for the child.
     *
     * @param namespace the namespace (owned by the caller)
     * @param java      the {@code java} executable
     * @param classPath the class path holding phoenix-net and its dependencies
     * @return the executor
     */
    public static NetnsProbeExecutor of(NetworkNamespace namespace, String java, String classPath) {
        return new NetnsProbeExecutor(namespace, java, classPath);
    }

    @Override
    public String vantage() {
        return "netns:" + namespace.name();
    }

    @Override
    public CompletableFuture<List<LiveResult>> run(List<ProbeSpec> probes, ExecutionLimits limits,
                                                   ProbeListener listener) {
        return ChildProbes.run(probes, limits, listener, vantage(), (in, out, err) -> {
            List<String> cmd = new ArrayList<>(List.of(java, "-cp", classPath));
            cmd.addAll(ChildProbes.programArgs(limits, vantage()));
            cmd.addAll(List.of("--in", in.toString(), "--out", out.toString()));
            return namespace.start(err, cmd.toArray(String[]::new));
        });
    }
}
