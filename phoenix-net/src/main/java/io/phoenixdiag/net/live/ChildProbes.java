package io.phoenixdiag.net.live;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs {@link ProbeMain} as a child process and reads its results back; shared by the out-of-process executors. */
final class ChildProbes {
    /** Time a child JVM gets beyond the global deadline to start and write its results. */
    static final long START_SLACK_MS = 30_000;

    /** Starts the child given the request file, the result file and the error log. */
    @FunctionalInterface
    interface Starter {
        Process start(Path in, Path out, Path err) throws IOException;
    }

    private ChildProbes() {
    }

    static String defaultJava() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static String defaultClassPath() {
        return System.getProperty("java.class.path", "");
    }

    static List<String> programArgs(ExecutionLimits limits, String vantage) {
        return new ArrayList<>(List.of(ProbeMain.class.getName(), "--concurrency",
                Integer.toString(limits.concurrency()), "--deadline-ms", Long.toString(limits.deadlineMs()),
                "--vantage", vantage));
    }

    static CompletableFuture<List<LiveResult>> run(List<ProbeSpec> specs, ExecutionLimits limits,
                                                   ProbeListener listener, String vantage, Starter starter) {
        List<ProbeSpec> all = List.copyOf(specs);
        try {
            listener.runStarted(all.size());
        } catch (RuntimeException e) {
            // ignored, as documented
        }
        if (all.isEmpty()) {
            return CompletableFuture.completedFuture(List.of());
        }
        Path in;
        Path out;
        Path err;
        Process p;
        try {
            in = Files.createTempFile("phoenix-probe-in", ".json");
            out = Files.createTempFile("phoenix-probe-out", ".json");
            err = Files.createTempFile("phoenix-probe-err", ".log");
            Files.writeString(in, LiveJson.writeSpecs(all), StandardCharsets.UTF_8);
            p = starter.start(in, out, err);
        } catch (IOException e) {
            return CompletableFuture.completedFuture(failed(all, vantage, listener,
                    "The probe program could not start at " + vantage + ": " + e.getMessage()));
        }
        CompletableFuture<List<LiveResult>> result = new CompletableFuture<>();
        p.onExit().orTimeout(limits.deadlineMs() + START_SLACK_MS, TimeUnit.MILLISECONDS).whenComplete((proc, e) -> {
            List<LiveResult> results;
            if (e != null) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                results = failed(all, vantage, listener, "The probe program at " + vantage
                        + " did not finish within the deadline plus " + START_SLACK_MS + " ms and was killed.");
            } else {
                results = read(all, vantage, listener, p.exitValue(), out, err);
            }
            deleteQuietly(in, out, err);
            result.complete(results);
        });
        result.whenComplete((r, e) -> {
            if (e != null) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
        });
        return result;
    }

    private static List<LiveResult> read(List<ProbeSpec> specs, String vantage, ProbeListener listener, int exit,
                                         Path out, Path err) {
        String why;
        try {
            String text = Files.readString(out, StandardCharsets.UTF_8);
            if (exit == ProbeMain.OK || exit == ProbeMain.PROBLEM) {
                List<LiveResult> results = LiveJson.readResults(text);
                if (results.size() == specs.size()) {
                    for (int i = 0; i < results.size(); i++) {
                        notify(listener, results.get(i), i + 1, results.size());
                    }
                    return results;
                }
                why = "The probe program at " + vantage + " returned " + results.size() + " results for "
                        + specs.size() + " requests.";
            } else {
                why = "The probe program at " + vantage + " exited with " + exit + ": " + firstLine(err);
            }
        } catch (IOException | IllegalArgumentException e) {
            why = "The probe program's results at " + vantage + " could not be read: " + e.getMessage()
                    + " (exit " + exit + ": " + firstLine(err) + ")";
        }
        return failed(specs, vantage, listener, why);
    }

    private static String firstLine(Path err) {
        try {
            return Files.readAllLines(err, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).findFirst()
                    .orElse("no message");
        } catch (IOException | java.io.UncheckedIOException e) {
            return "no message";
        }
    }

    private static List<LiveResult> failed(List<ProbeSpec> specs, String vantage, ProbeListener listener,
                                           String why) {
        List<LiveResult> out = new ArrayList<>();
        for (ProbeSpec s : specs) {
            LiveResult r = LiveResult.notRun(s, vantage, why);
            out.add(r);
            notify(listener, r, out.size(), specs.size());
        }
        return List.copyOf(out);
    }

    private static void notify(ProbeListener listener, LiveResult r, int done, int total) {
        try {
            listener.probeFinished(r, done, total);
        } catch (RuntimeException e) {
            // ignored, as documented
        }
    }

    private static void deleteQuietly(Path... files) {
        for (Path f : files) {
            try {
                Files.deleteIfExists(f);
            } catch (IOException e) {
                // a temp file left behind is harmless
            }
        }
    }
}
