package io.phoenixdiag.net.probe;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Assumptions;

/** Starting real peers (nginx, dnsmasq) as private child processes on loopback; test helpers. */
final class RealPeers {

    private RealPeers() {
    }

    /** Whether the CI variable asks every test to run. */
    static boolean ci() {
        return "true".equals(System.getenv("CI"));
    }

    /** Skips the test when the binary is missing, unless CI=true, where it fails. */
    static Path requireBinary(String path, String debianPackage) {
        Path p = Path.of(path);
        if (!Files.isExecutable(p)) {
            if (ci()) {
                fail(path + " is missing under CI=true: install " + debianPackage);
            }
            Assumptions.abort(path + " is missing (apt-get install " + debianPackage + ")");
        }
        return p;
    }

    /** Skips the test unless root (network namespaces), failing under CI=true. */
    static void requireRoot(String why) {
        if (!"root".equals(System.getProperty("user.name"))) {
            if (ci()) {
                fail("not root under CI=true: " + why);
            }
            Assumptions.abort("needs root: " + why);
        }
    }

    /** A loopback TCP port nothing listens on right now. */
    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, LoopbackServers.LOOPBACK)) {
            return s.getLocalPort();
        }
    }

    /** Waits until something accepts on the address, at most 10 s; fails with the log otherwise. */
    static void awaitListening(InetSocketAddress a, Process p, Path log) throws Exception {
        long end = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < end) {
            if (!p.isAlive()) {
                fail("peer exited with " + p.exitValue() + ": " + read(log));
            }
            try (Socket s = new Socket()) {
                s.connect(a, 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(20);
            }
        }
        fail("peer did not listen on " + a + " within 10 s: " + read(log));
    }

    static String read(Path log) {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return e.getMessage();
        }
    }

    /** Starts a process with its output in {@code log}. */
    static Process start(Path log, List<String> command) throws IOException {
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** Stops a process started here and its children. */
    static void stop(Process p) throws InterruptedException {
        if (p == null) {
            return;
        }
        p.descendants().forEach(ProcessHandle::destroy);
        p.destroy();
        if (!p.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
            p.destroyForcibly();
            p.waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
        }
    }
}
