package io.phoenixdiag.examples.jshell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import jdk.jshell.Diag;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;

/**
 * Runs {@code examples/jshell/phoenix.jsh} and the five README snippets through {@code jdk.jshell}, fed line
 * by line as the jshell tool feeds a script, so that they cannot rot: no snippet may be rejected or throw,
 * and each prints the expected lines. The README must show each snippet verbatim.
 */
class JShellSnippetsTest {
    private static final Path JSHELL = Path.of("jshell");
    private static final String SNIPPETS = "jshell/snippets";

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    @Test
    @Timeout(300)
    void startupScriptAndSnippetsRun() throws IOException {
        Path pcap = Path.of(System.getProperty("phoenix.shared", "../../shared"))
                .resolve("conformance/captures/generated/gen-tcp-syn-rst-closed-port.pcap");
        if (!"true".equals(System.getenv("CI"))) {
            Assumptions.assumeTrue(Files.isRegularFile(pcap), "no " + pcap);
        }
        System.setProperty("phoenix.pcap", pcap.toString());
        PrintStream original = System.out;
        PrintStream capture = new PrintStream(out, true, StandardCharsets.UTF_8);
        System.setOut(capture); // the local execution engine runs snippets in this JVM
        try (JShell js = JShell.builder().executionEngine("local").out(capture).err(capture).build()) {
            for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
                js.addToClasspath(entry);
            }
            String banner = run(js, JSHELL.resolve("phoenix.jsh"));
            assertTrue(banner.startsWith("Phoenix Diagnostics "), banner);
            assertEquals("""
                    BLOCKED host->lxc:103/tcp/9000: lxc:103 policy_in DROP
                    BLOCKED lxc:102->lxc:120/tcp/3000: lxc:120 policy_in DROP
                    BLOCKED vm:1001->lxc:103/tcp/9000: lxc:103 policy_in DROP
                    """, run(js, snippet("1-blocked-flows.jsh")));
            assertEquals("INVALID EXPIRED\n", run(js, snippet("2-validate-chain.jsh")));
            assertEquals("""
                    ALLOWED: lxc:101 IN rule 1 "Public HTTP(S) to the gateway" (ACCEPT tcp/80,443)
                      DESTINATION_INGRESS lxc:101 net0 IN: lxc:101 IN rule 1 "Public HTTP(S) to the gateway" \
                    (ACCEPT tcp/80,443) -> MATCH (ACCEPT)
                    """, run(js, snippet("3-explain-packet.jsh")));
            assertEquals("listening: OPEN\nclosed: REFUSED\n", run(js, snippet("4-probe-host.jsh")));
            assertEquals("""
                    2 packets, 1 flows
                      warning 127.0.0.1 -> 127.0.0.1 tcp/9: 1 SYN, answered by RST (REJ): port closed or REJECT \
                    with tcp-reset
                    """, run(js, snippet("5-triage-capture.jsh")));
            // the helpers check their arguments as phoenix-doctor does
            assertEquals("java.lang.IllegalArgumentException: /nonexistent: not a directory",
                    thrown(js, "load(Path.of(\"/nonexistent\"))"));
            assertEquals("java.lang.IllegalArgumentException: /tmp: none of the Phoenix files is there (expected"
                    + " phoenix_hypervisor_config.json, phoenix_lxc_configs.json, phoenix_vm_configs.json,"
                    + " phoenix_stacks_config.json or certificate-manifest.json)", thrown(js, "report(Path.of(\"/tmp\"))"));
            assertEquals("java.lang.IllegalArgumentException: localhost: expected an IP address literal (probes never"
                    + " resolve names)", thrown(js, "probeTcp(\"localhost\", 80)"));
            assertEquals("java.lang.IllegalArgumentException: port 0: expected 1..65535",
                    thrown(js, "probeTcp(\"127.0.0.1\", 0)"));
            assertEquals("java.lang.IllegalArgumentException: port 65536: expected 1..65535",
                    thrown(js, "probeTcp(\"::1\", 65536)"));
        } finally {
            System.setOut(original);
            System.clearProperty("phoenix.pcap");
        }
    }

    @Test
    void readmeShowsEverySnippetVerbatim() throws IOException {
        String readme = Files.readString(Path.of("../README.md"));
        try (var files = Files.list(JSHELL.resolve("snippets"))) {
            List<Path> all = files.sorted().toList();
            assertEquals(5, all.size(), all.toString());
            for (Path p : all) {
                assertTrue(readme.contains("```java\n" + Files.readString(p) + "```\n"),
                        "README.md lacks the snippet " + p + " (in a ```java block)");
            }
        }
        assertTrue(readme.contains("jshell --class-path examples/target/phoenix-doctor.jar examples/jshell/phoenix.jsh"));
    }

    private static Path snippet(String name) {
        return JSHELL.resolve("snippets").resolve(name);
    }

    /** Feeds a script line by line as the jshell tool does; returns what it printed. */
    private String run(JShell js, Path script) throws IOException {
        out.reset();
        SourceCodeAnalysis analysis = js.sourceCodeAnalysis();
        String pending = "";
        for (String line : Files.readAllLines(script)) {
            if (pending.isEmpty() && line.strip().startsWith("/") && !line.strip().startsWith("//")) {
                fail(script + ": jshell commands are not supported in scripts the test runs: " + line);
            }
            pending += line + "\n";
            while (!pending.isBlank()) {
                SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(pending);
                if (!info.completeness().isComplete()) {
                    break;
                }
                eval(js, script, info.source());
                pending = info.remaining();
            }
            if (pending.isBlank()) {
                pending = "";
            }
        }
        assertTrue(pending.isBlank(), script + ": incomplete snippet at the end: " + pending);
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Evaluates one expression that must throw; returns the exception's class name and message. */
    private static String thrown(JShell js, String source) {
        for (SnippetEvent e : js.eval(source)) {
            if (e.exception() instanceof jdk.jshell.EvalException ex) {
                return ex.getExceptionClassName() + ": " + ex.getMessage();
            }
            if (e.exception() != null) {
                return e.exception().toString();
            }
        }
        fail(source + " did not throw");
        return "";
    }

    private static void eval(JShell js, Path script, String source) {
        for (SnippetEvent e : js.eval(source)) {
            if (e.exception() != null) {
                fail(script + ": " + source.strip() + " threw " + e.exception(), e.exception());
            }
            if (e.status() == Snippet.Status.REJECTED || e.status() == Snippet.Status.RECOVERABLE_NOT_DEFINED) {
                String diags = js.diagnostics(e.snippet()).map(Diag::toString).collect(Collectors.joining("; "));
                fail(script + ": " + e.status() + " " + source.strip() + ": " + diags);
            }
        }
    }
}
