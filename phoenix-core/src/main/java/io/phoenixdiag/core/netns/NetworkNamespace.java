package io.phoenixdiag.core.netns;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Linux network namespace created for a test or a demo lab, removed again by {@link #close()}.
 *
 * <p>Created with {@code ip netns add} (ip-netns(8)); its loopback is brought up and it has no other
 * interface and no route until {@link #link} adds a veth pair (veth(4)) with directly connected
 * addresses. No default route is ever added, so traffic from inside can reach only the namespaces
 * (and the caller's own namespace, through {@link #linkToCaller}) that the test joined to it.
 *
 * <pre>{@code
 * try (NetworkNamespace server = NetworkNamespace.create("srv");
 *      NetworkNamespace client = NetworkNamespace.create("cli")) {
 *     NetworkNamespace.link(server, "10.250.0.1/30", client, "10.250.0.2/30");
 *     server.exec(Duration.ofSeconds(5), "iptables", "-A", "INPUT", "-p", "tcp", "--dport", "9000", "-j", "DROP");
 *     Process s = server.start("openssl", "s_server", "-accept", "9000", ...);
 * }
 * }</pre>
 *
 * <p>Requirements: root (or CAP_SYS_ADMIN + CAP_NET_ADMIN) and the {@code ip} command of iproute2;
 * {@link #available()} tells. Thread-safe: each method runs its own {@code ip} commands; processes
 * started with {@link #start} are destroyed on close.
 */
public final class NetworkNamespace implements AutoCloseable {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final Duration IP_TIMEOUT = Duration.ofSeconds(10);

    private final String name;
    private final List<Process> processes = new ArrayList<>();
    private final List<String> callerLinks = new ArrayList<>();
    private boolean closed;

    private NetworkNamespace(String name) {
        this.name = name;
    }

    /**
     * Whether namespaces can be created here: the {@code ip} command exists and the process is root.
     *
     * @return true when {@link #create} can work
     */
    public static boolean available() {
        if (!"root".equals(System.getProperty("user.name"))) {
            return false;
        }
        for (String dir : new String[] {"/usr/sbin", "/sbin", "/usr/bin", "/bin"}) {
            if (Files.isExecutable(Path.of(dir, "ip"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Creates a namespace named {@code phx-<hint>-<pid>-<n>} with loopback up.
     *
     * @param hint a short word for the name (letters and digits; longer hints are cut to 8 characters)
     * @return the namespace; close it to remove it
     * @throws NetnsException if {@code ip netns add} fails (not root, no iproute2)
     */
    public static NetworkNamespace create(String hint) throws NetnsException {
        String clean = hint.replaceAll("[^A-Za-z0-9]", "");
        clean = clean.length() > 8 ? clean.substring(0, 8) : clean;
        String name = "phx-" + clean + "-" + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet();
        run(IP_TIMEOUT, "ip", "netns", "add", name).requireSuccess("create namespace " + name);
        NetworkNamespace ns = new NetworkNamespace(name);
        try {
            ns.exec(IP_TIMEOUT, "ip", "link", "set", "lo", "up").requireSuccess("bring up lo in " + name);
        } catch (NetnsException e) {
            ns.close();
            throw e;
        }
        return ns;
    }

    /**
     * The namespace's name, as {@code ip netns list} shows it.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * Joins two namespaces with a veth pair and gives each end an address; both ends come up.
     *
     * @param a        one namespace
     * @param addressA the address of {@code a}'s end with prefix length, e.g. {@code 10.250.0.1/30}
     * @param b        the other namespace
     * @param addressB the address of {@code b}'s end, e.g. {@code 10.250.0.2/30}
     * @return the interface names: {@code [a's end, b's end]}
     * @throws NetnsException if an {@code ip} command fails
     */
    public static List<String> link(NetworkNamespace a, String addressA, NetworkNamespace b, String addressB)
            throws NetnsException {
        int n = COUNTER.incrementAndGet();
        String ifA = "phxa" + n;
        String ifB = "phxb" + n;
        run(IP_TIMEOUT, "ip", "link", "add", ifA, "netns", a.name, "type", "veth", "peer", "name", ifB, "netns", b.name)
                .requireSuccess("create veth pair " + ifA + "/" + ifB);
        a.configure(ifA, addressA);
        b.configure(ifB, addressB);
        return List.of(ifA, ifB);
    }

    /**
     * Joins this namespace to the caller's own network namespace with a veth pair, so that code in this
     * JVM (which runs in the caller's namespace) can reach servers inside. Only the directly connected
     * prefix is routed; the pair is removed on {@link #close()}.
     *
     * @param callerAddress the caller's end, e.g. {@code 10.251.0.1/30} (pick a prefix nothing else uses)
     * @param insideAddress this namespace's end, e.g. {@code 10.251.0.2/30}
     * @return the interface names: {@code [caller's end, inside end]}
     * @throws NetnsException if an {@code ip} command fails
     */
    public List<String> linkToCaller(String callerAddress, String insideAddress) throws NetnsException {
        int n = COUNTER.incrementAndGet();
        String outer = "phxo" + n;
        String inner = "phxi" + n;
        run(IP_TIMEOUT, "ip", "link", "add", outer, "type", "veth", "peer", "name", inner, "netns", name)
                .requireSuccess("create veth pair " + outer + "/" + inner);
        synchronized (this) {
            callerLinks.add(outer);
        }
        run(IP_TIMEOUT, "ip", "addr", "add", callerAddress, "dev", outer).requireSuccess("address " + outer);
        run(IP_TIMEOUT, "ip", "link", "set", outer, "up").requireSuccess("bring up " + outer);
        configure(inner, insideAddress);
        return List.of(outer, inner);
    }

    private void configure(String iface, String address) throws NetnsException {
        exec(IP_TIMEOUT, "ip", "addr", "add", address, "dev", iface).requireSuccess("address " + iface + " in " + name);
        exec(IP_TIMEOUT, "ip", "link", "set", iface, "up").requireSuccess("bring up " + iface + " in " + name);
    }

    /**
     * Runs a command inside the namespace ({@code ip netns exec NAME command...}) and waits for it.
     *
     * @param timeout how long to wait before the command is killed
     * @param command the command and its arguments
     * @return the exit code and output; a killed command has exit code -1
     * @throws NetnsException if the command cannot be started
     */
    public ExecResult exec(Duration timeout, String... command) throws NetnsException {
        return run(timeout, prefixed(command));
    }

    /**
     * Starts a long-running command inside the namespace (a server); it is destroyed on {@link #close()}.
     * Its standard output and error go to the given file (or are discarded when null).
     *
     * @param log     where the process's output goes, or null to discard it
     * @param command the command and its arguments
     * @return the process
     * @throws NetnsException if it cannot be started
     */
    public Process start(Path log, String... command) throws NetnsException {
        ProcessBuilder pb = new ProcessBuilder(prefixed(command)).redirectErrorStream(true);
        pb.redirectOutput(log == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.to(log.toFile()));
        try {
            Process p = pb.start();
            synchronized (this) {
                processes.add(p);
            }
            return p;
        } catch (IOException e) {
            throw new NetnsException("cannot start " + String.join(" ", command) + " in " + name + ": " + e.getMessage());
        }
    }

    private List<String> prefixed(String... command) {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", name));
        cmd.addAll(List.of(command));
        return cmd;
    }

    /**
     * Destroys the processes started inside, removes veth pairs to the caller and deletes the namespace
     * (which removes its interfaces). Idempotent; never throws.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Process p : processes) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            try {
                p.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (String link : callerLinks) {
            try {
                run(IP_TIMEOUT, "ip", "link", "del", link);
            } catch (NetnsException e) {
                // already gone with the namespace
            }
        }
        try {
            run(IP_TIMEOUT, "ip", "netns", "del", name);
        } catch (NetnsException e) {
            // nothing more to do
        }
    }

    /**
     * The namespace name.
     *
     * @return e.g. {@code NetworkNamespace[phx-srv-1234-1]}
     */
    @Override
    public String toString() {
        return "NetworkNamespace[" + name + "]";
    }

    static ExecResult run(Duration timeout, String... command) throws NetnsException {
        return run(timeout, List.of(command));
    }

    static ExecResult run(Duration timeout, List<String> command) throws NetnsException {
        Objects.requireNonNull(timeout, "timeout");
        Process p;
        try {
            p = new ProcessBuilder(command).start();
        } catch (IOException e) {
            throw new NetnsException("cannot run " + String.join(" ", command) + ": " + e.getMessage());
        }
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> drain(p.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> drain(p.getErrorStream()));
        try {
            boolean done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!done) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
            }
            return new ExecResult(command, done ? p.exitValue() : -1, out.join(), err.join());
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new NetnsException("interrupted while running " + String.join(" ", command));
        }
    }

    private static String drain(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The outcome of a command.
     *
     * @param command  the command as run
     * @param exitCode its exit code; -1 when it was killed at the timeout
     * @param stdout   its standard output (UTF-8)
     * @param stderr   its standard error (UTF-8)
     */
    public record ExecResult(List<String> command, int exitCode, String stdout, String stderr) {
        /**
         * Copies the command.
         *
         * @param command  the command
         * @param exitCode the exit code
         * @param stdout   the output
         * @param stderr   the errors
         */
        public ExecResult {
            command = List.copyOf(command);
            Objects.requireNonNull(stdout, "stdout");
            Objects.requireNonNull(stderr, "stderr");
        }

        /**
         * Whether the command exited with 0.
         *
         * @return true on success
         */
        public boolean ok() {
            return exitCode == 0;
        }

        /**
         * Throws unless the command succeeded.
         *
         * @param what what the command was for, e.g. {@code create namespace phx-a-1-1}
         * @return this result
         * @throws NetnsException naming what failed, the exit code and the command's error output
         */
        public ExecResult requireSuccess(String what) throws NetnsException {
            if (!ok()) {
                throw new NetnsException("cannot " + what + ": `" + String.join(" ", command) + "` exited with "
                        + exitCode + (stderr.isBlank() ? "" : ": " + stderr.strip()));
            }
            return this;
        }
    }

    /** A namespace operation that failed; the message names the command and its error output. */
    public static final class NetnsException extends IOException {
        private static final long serialVersionUID = 1L;

        /**
         * Creates the exception.
         *
         * @param message what failed
         */
        public NetnsException(String message) {
            super(message);
        }
    }
}
