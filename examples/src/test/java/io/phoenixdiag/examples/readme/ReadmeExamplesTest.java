package io.phoenixdiag.examples.readme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.tools.ToolProvider;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.phoenixdiag.core.diag.Check;
import io.phoenixdiag.core.diag.CheckRunner;
import io.phoenixdiag.examples.doctor.SampleDeployment;
import io.phoenixdiag.examples.lab.DemoLab;
import io.phoenixdiag.examples.lab.LabEndpoint;

/**
 * Every {@code ```java} block of the README sections "Use it as a library", "Modules" and "Writing your own
 * check" compiles against the SDK (javax.tools, this test's class path) and runs.
 *
 * <p>A block holding a {@code package} or a top-level type is a complete source file and is compiled as it is.
 * Any other block is the body of {@code main(String[] args)} in a class of package {@code readme} with the
 * imports of {@link #IMPORTS}; its first line is a {@code // title} comment, and {@link #argsFor} gives its
 * arguments by that title (an unknown title fails, so a new example needs a decision here). A block declaring
 * a {@code module} is left to {@code ModulesTest}. When the next fenced block of the same section is a
 * {@code ```text} block, it is the example's expected output and must equal what the example printed.
 */
class ReadmeExamplesTest {
    static final Path README = Path.of("../README.md");
    static final List<String> SECTIONS = List.of("Use it as a library", "Modules", "Writing your own check");
    /** The imports every body example gets (the README says examples leave their imports out). */
    static final List<String> IMPORTS = List.of("java.net", "java.nio.file", "java.util", "java.security.cert",
            "io.phoenixdiag.core.analysis", "io.phoenixdiag.core.diag", "io.phoenixdiag.core.diff",
            "io.phoenixdiag.core.topology", "io.phoenixdiag.pki.cert", "io.phoenixdiag.pki.pem",
            "io.phoenixdiag.pki.path", "io.phoenixdiag.pki.name", "io.phoenixdiag.net.probe",
            "io.phoenixdiag.net.iptables", "io.phoenixdiag.net.live", "io.phoenixdiag.capture",
            "io.phoenixdiag.capture.triage", "io.phoenixdiag.examples.lab");
    static final String CHECK_ID = "acme.open-ingress";
    static final String CHECK_CLASS = "com.example.OpenIngressCheck";

    /** One fenced block of the README; {@code line} is the 1-based line of its opening fence. */
    record Block(String section, String subsection, String language, String text, int line) {
    }

    /** A compiled Java example, with the output the README shows for it, if any. */
    record Example(Block block, String className, boolean body, Optional<String> expectedOutput) {
        String title() {
            String first = block.text().lines().findFirst().orElse("");
            return first.startsWith("// ") ? first.substring(3) : "";
        }
    }

    @TempDir
    static Path tmp;
    static List<Block> blocks;
    static List<Example> examples;
    static URLClassLoader loader;

    /** The outcome of compiling a set of README blocks. */
    record Compiled(List<Example> examples, int exitCode, String diagnostics) {
    }

    @BeforeAll
    static void compile() throws IOException {
        blocks = blocks(Files.readString(README));
        Path classes = Files.createDirectories(tmp.resolve("classes"));
        Compiled compiled = compile(blocks, tmp.resolve("src"), classes);
        if (compiled.exitCode() != 0) {
            fail("README examples do not compile:\n" + compiled.diagnostics());
        }
        examples = compiled.examples();
        // the services file the README shows, as a user's jar would carry it
        Path services = Files.createDirectories(classes.resolve("META-INF/services"));
        Files.writeString(services.resolve(Check.class.getName()), CHECK_CLASS + "\n");
        loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, ReadmeExamplesTest.class.getClassLoader());
    }

    /**
     * Compiles the java blocks with javac against this test's class path.
     *
     * @return the examples, javac's exit code, and its diagnostics followed by which README line each file came from
     */
    static Compiled compile(List<Block> blocks, Path src, Path classes) throws IOException {
        List<Example> examples = new ArrayList<>();
        Files.createDirectories(src);
        Files.createDirectories(classes);
        List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-classpath",
                System.getProperty("java.class.path"), "-proc:none", "-Xlint:none", "-encoding", "UTF-8"));
        Map<String, Block> fileToBlock = new LinkedHashMap<>();
        for (int i = 0; i < blocks.size(); i++) {
            Block b = blocks.get(i);
            if (!b.language().equals("java") || b.text().strip().startsWith("module ")) {
                continue;
            }
            Optional<String> output = i + 1 < blocks.size() && blocks.get(i + 1).language().equals("text")
                    && blocks.get(i + 1).section().equals(b.section()) ? Optional.of(blocks.get(i + 1).text()) : Optional.empty();
            Matcher type = Pattern.compile("(?m)^(?:public\\s+)?(?:final\\s+)?(?:class|record|interface|enum)\\s+(\\w+)")
                    .matcher(b.text());
            String className;
            String source;
            boolean body = !type.find();
            if (body) {
                className = "Example" + b.line();
                StringBuilder sb = new StringBuilder("package readme;\n");
                IMPORTS.forEach(p -> sb.append("import ").append(p).append(".*;\n"));
                sb.append("public final class ").append(className)
                        .append(" { public static void main(String[] args) throws Exception {\n")
                        .append(b.text()).append("\n}}\n");
                source = sb.toString();
                className = "readme." + className;
            } else {
                Matcher pkg = Pattern.compile("(?m)^package\\s+([\\w.]+);").matcher(b.text());
                className = (pkg.find() ? pkg.group(1) + "." : "") + type.group(1);
                source = b.text();
            }
            Path file = src.resolve(className.replace('.', '/') + ".java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, source);
            fileToBlock.put(file.toString(), b);
            args.add(file.toString());
            examples.add(new Example(b, className, body, body ? output : Optional.empty()));
        }
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = ToolProvider.getSystemJavaCompiler().run(null, err, err, args.toArray(String[]::new));
        StringBuilder diagnostics = new StringBuilder(err.toString(StandardCharsets.UTF_8));
        fileToBlock.forEach((f, b) -> diagnostics.append(f).append(" = README.md line ").append(b.line())
                .append(" (").append(b.section()).append(")\n"));
        return new Compiled(examples, code, diagnostics.toString());
    }

    /** The fenced blocks of {@link #SECTIONS}, in README order. */
    static List<Block> blocks(String readme) {
        List<Block> out = new ArrayList<>();
        String section = "";
        String subsection = "";
        List<String> lines = readme.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (l.startsWith("## ")) {
                section = l.substring(3).strip();
                subsection = "";
            } else if (l.startsWith("### ")) {
                subsection = l.substring(4).strip();
            } else if (l.startsWith("```") && l.length() > 3) {
                int start = i + 1;
                StringBuilder text = new StringBuilder();
                for (i = start; i < lines.size() && !lines.get(i).equals("```"); i++) {
                    text.append(lines.get(i)).append('\n');
                }
                if (SECTIONS.contains(section)) {
                    out.add(new Block(section, subsection, l.substring(3).strip(), text.toString(), start));
                }
            }
        }
        return out;
    }

    @Test
    void blocksOfOtherSectionsAreIgnoredAndAnOutputBlockFollowsItsExample() throws IOException {
        List<Block> found = blocks("""
                ## Modules
                ### phoenix-core
                ```java
                // Print one line
                System.out.println("one");
                ```
                ```text
                one
                ```
                ## JShell
                ```java
                not compiled here
                ```
                """);
        assertEquals(List.of(new Block("Modules", "phoenix-core", "java", "// Print one line\nSystem.out.println(\"one\");\n", 3),
                new Block("Modules", "phoenix-core", "text", "one\n", 7)), found);
        Compiled c = compile(found, tmp.resolve("self-src"), tmp.resolve("self-classes"));
        assertEquals(0, c.exitCode(), c.diagnostics());
        assertEquals(Optional.of("one\n"), c.examples().get(0).expectedOutput());
        assertEquals("Print one line", c.examples().get(0).title());
    }

    @Test
    void aBrokenExampleFailsWithTheCompilersDiagnosticsAndItsReadmeLine() throws IOException {
        List<Block> broken = List.of(new Block("Modules", "phoenix-core", "java",
                "// Broken\nReport report = Diagnosis.noSuchMethod();\n", 42));
        Compiled c = compile(broken, tmp.resolve("broken-src"), tmp.resolve("broken-classes"));
        assertEquals(1, c.exitCode(), c.diagnostics());
        assertTrue(c.diagnostics().contains("cannot find symbol") && c.diagnostics().contains("noSuchMethod")
                && c.diagnostics().contains("README.md line 42 (Modules)"), c.diagnostics());
    }

    @Test
    void everySectionIsThereAndEveryModuleHasAnExample() {
        for (String s : SECTIONS) {
            assertTrue(blocks.stream().anyMatch(b -> b.section().equals(s) && b.language().equals("java")),
                    "README section '" + s + "' has no ```java example");
        }
        for (String module : List.of("phoenix-core", "phoenix-pki", "phoenix-net", "phoenix-capture")) {
            assertTrue(examples.stream().anyMatch(e -> e.block().subsection().equals(module) && e.body()),
                    "README section Modules > " + module + " has no runnable example");
        }
        assertTrue(blocks.stream().anyMatch(b -> b.language().equals("text") && b.text().equals(CHECK_CLASS + "\n")),
                "the README shows the services file naming " + CHECK_CLASS);
        assertTrue(blocks.stream().anyMatch(b -> b.text().contains("provides io.phoenixdiag.core.diag.Check with " + CHECK_CLASS)),
                "the README shows the provides clause for " + CHECK_CLASS);
    }

    @Test
    void theCheckIsFoundByServiceLoaderBesideTheBuiltInOnes() {
        List<String> ids = CheckRunner.discover(loader).checks().stream().map(Check::id).toList();
        assertTrue(ids.contains(CHECK_ID), ids.toString());
        assertTrue(ids.contains("firewall.flow-blocked"), ids.toString());
    }

    @TestFactory
    @Timeout(300)
    Stream<DynamicTest> everyExampleRuns() {
        return examples.stream().filter(Example::body).map(e -> DynamicTest.dynamicTest(
                "README.md line " + e.block().line() + ": " + e.title(), () -> run(e)));
    }

    private static void run(Example e) throws Exception {
        DemoLab lab = null;
        try {
            List<String> args;
            String title = e.title();
            if (title.startsWith("Probe a TLS endpoint")) {
                lab = DemoLab.start();
                LabEndpoint gateway = lab.endpoints().stream()
                        .filter(x -> x.subject().equals("lxc:101") && x.port() == 443).findFirst().orElseThrow();
                Path root = tmp.resolve("lab-root.pem");
                Files.writeString(root, pem(lab.trustAnchors().get(0)));
                args = List.of(gateway.address().getAddress().getHostAddress(), String.valueOf(gateway.address().getPort()),
                        root.toString(), gateway.serverName());
            } else {
                args = argsFor(title);
            }
            String out = runMain(e.className(), args);
            if (title.startsWith("Probe a TLS endpoint")) {
                assertTrue(out.startsWith("OK TLSv1."), out);
            } else if (title.startsWith("Run the live matrix")) {
                assertTrue(out.contains(" errors\n") && out.lines().count() > 5, out);
            } else if (title.startsWith("Triage a capture")) {
                assertTrue(out.contains("REJ"), out);
            }
            e.expectedOutput().ifPresent(expected -> assertEquals(expected, out,
                    "output of the example at README.md line " + e.block().line()));
        } finally {
            if (lab != null) {
                lab.close();
            }
        }
    }

    /** The arguments of a body example, by its title. */
    static List<String> argsFor(String title) throws Exception {
        String sample = sampleDirectory().toString();
        if (title.startsWith("Diagnose a deployment directory") || title.startsWith("List the intended flows")
                || title.startsWith("Run OpenIngressCheck")) {
            return List.of(sample);
        }
        if (title.startsWith("Compare two versions")) {
            return List.of(sample, sample);
        }
        if (title.startsWith("Issue a root") || title.startsWith("Follow a packet") || title.startsWith("Run the live matrix")) {
            return List.of();
        }
        if (title.startsWith("Triage a capture")) {
            Path pcap = Path.of(System.getProperty("phoenix.shared", "../../shared"))
                    .resolve("conformance/captures/generated/gen-tcp-syn-rst-closed-port.pcap");
            if (!"true".equals(System.getenv("CI"))) {
                Assumptions.assumeTrue(Files.isRegularFile(pcap), "no " + pcap);
            }
            return List.of(pcap.toString(), sample);
        }
        throw new AssertionError("ReadmeExamplesTest does not know the README example '" + title
                + "': give it arguments in argsFor (every body example starts with a // title line)");
    }

    /** The bundled sample as a directory on disk (surefire runs from target/classes, not from the jar). */
    static Path sampleDirectory() throws Exception {
        URL url = SampleDeployment.class.getResource("/" + SampleDeployment.DIRECTORY + "/phoenix_hypervisor_config.json");
        assertNotNull(url, "the sample deployment is not on the class path");
        assertEquals("file", url.getProtocol(), "the sample must be a directory here: " + url);
        return Path.of(url.toURI()).getParent();
    }

    private static String pem(X509Certificate c) throws Exception {
        return "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(c.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
    }

    /** Runs an example's main, returning what it printed; an exception it throws fails the test with its cause. */
    private static String runMain(String className, List<String> args) throws Exception {
        Method main = loader.loadClass(className).getMethod("main", String[].class);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            main.invoke(null, (Object) args.toArray(String[]::new));
        } catch (InvocationTargetException ex) {
            throw new AssertionError(className + " threw " + ex.getCause() + "\nit printed:\n"
                    + out.toString(StandardCharsets.UTF_8), ex.getCause());
        } finally {
            System.out.flush();
            System.setOut(original);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
