package io.phoenixdiag.examples.modules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import javax.tools.ToolProvider;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.phoenixdiag.core.analysis.DeploymentModel;
import io.phoenixdiag.core.analysis.Diagnosis;

/**
 * The library modules as JPMS modules: every API package is exported and no {@code internal} one is, and a
 * consumer module on the module path can use the API but cannot compile against an internal package.
 */
class ModulesTest {
    /** Modules with a module-info.java. */
    static final List<String> EXPLICIT = List.of("io.phoenixdiag.core", "io.phoenixdiag.pki", "io.phoenixdiag.net");
    /**
     * phoenix-capture stays an automatic module: pcap4j-core 1.8.2's module-info requires {@code slf4j.api},
     * a module slf4j 2 no longer has, so pcap4j cannot be resolved on the module path (it works on the class
     * path, which an automatic module reads).
     */
    static final String AUTOMATIC = "io.phoenixdiag.capture";

    @TempDir
    Path tmp;

    /** Module name -> its location (jar or target/classes) among this test's class path entries. */
    static Map<String, ModuleReference> classPathModules() {
        Map<String, ModuleReference> m = new TreeMap<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path p = Path.of(entry);
            if (!Files.exists(p) || (Files.isDirectory(p) && !Files.exists(p.resolve("module-info.class"))
                    && !entry.contains("phoenix-capture"))) {
                continue;
            }
            try {
                ModuleFinder.of(p).findAll().forEach(r -> m.putIfAbsent(r.descriptor().name(), r));
            } catch (RuntimeException e) { // not a usable module (e.g. a test-classes directory): skip it
            }
        }
        return m;
    }

    @Test
    void everyApiPackageIsExportedAndNoInternalOne() {
        Map<String, ModuleReference> modules = classPathModules();
        for (String name : EXPLICIT) {
            ModuleReference ref = modules.get(name);
            assertTrue(ref != null, name + " not found on the class path " + modules.keySet());
            ModuleDescriptor d = ref.descriptor();
            assertTrue(!d.isAutomatic(), name + " has a module-info");
            Set<String> exported = d.exports().stream().filter(e -> !e.isQualified())
                    .map(ModuleDescriptor.Exports::source).collect(Collectors.toCollection(TreeSet::new));
            Set<String> api = classPackages(ref).stream().filter(p -> !p.contains(".internal"))
                    .collect(Collectors.toCollection(TreeSet::new));
            assertEquals(api, exported, name + ": exported packages (add new API packages to its module-info.java;"
                    + " packages named *.internal* stay hidden)");
        }
        ModuleReference capture = modules.get(AUTOMATIC);
        assertTrue(capture != null && capture.descriptor().isAutomatic(), AUTOMATIC + " is an automatic module");
    }

    /** On the module path META-INF/services is ignored: every service file entry must be a "provides" too. */
    @Test
    void everyServiceFileEntryIsProvided() throws IOException {
        String service = "io.phoenixdiag.core.diag.Check";
        for (String name : EXPLICIT) {
            ModuleReference ref = classPathModules().get(name);
            Set<String> listed = new TreeSet<>();
            try (var reader = ref.open()) {
                Optional<InputStream> in = reader.open("META-INF/services/" + service);
                if (in.isPresent()) {
                    try (InputStream s = in.get()) {
                        new String(s.readAllBytes(), StandardCharsets.UTF_8).lines().map(l -> l.replaceFirst("#.*", "").strip())
                                .filter(l -> !l.isEmpty()).forEach(listed::add);
                    }
                }
            }
            Set<String> provided = ref.descriptor().provides().stream().filter(p -> p.service().equals(service))
                    .flatMap(p -> p.providers().stream()).collect(Collectors.toCollection(TreeSet::new));
            assertEquals(listed, provided, name + ": the Check implementations of META-INF/services/" + service
                    + " and the 'provides' of module-info.java");
        }
    }

    @Test
    @Timeout(240)
    void consumerModuleUsesTheApiOnTheModulePath() throws Exception {
        Path src = tmp.resolve("src/consumer");
        Files.createDirectories(src.resolve("consumer"));
        Files.writeString(src.resolve("module-info.java"), """
                module consumer {
                    requires io.phoenixdiag.net;
                    uses io.phoenixdiag.core.diag.Check;
                }
                """);
        Files.writeString(src.resolve("consumer/Main.java"), """
                package consumer;

                import io.phoenixdiag.core.analysis.Diagnosis;
                import io.phoenixdiag.core.analysis.DeploymentModel;
                import java.nio.file.Path;

                import io.phoenixdiag.net.probe.ProbeJson;
                import io.phoenixdiag.net.probe.Prober;
                import io.phoenixdiag.net.probe.TcpProbeResult;
                import java.net.InetAddress;
                import java.net.InetSocketAddress;
                import java.net.ServerSocket;

                public class Main {
                    public static void main(String[] args) throws Exception {
                        long checks = java.util.ServiceLoader.load(io.phoenixdiag.core.diag.Check.class).stream().count();
                        DeploymentModel m = Diagnosis.of(Path.of(args[0])).analyse();
                        System.out.println(Main.class.getModule().getName() + " checks=" + checks
                                + " flows=" + m.flows().size() + " guests=" + m.topology().guests().size()
                                + " core=" + Diagnosis.class.getModule().getName());
                        try (Prober prober = Prober.create();
                             ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                            TcpProbeResult r = prober.tcp(new InetSocketAddress("127.0.0.1", server.getLocalPort()), 5000).join();
                            // the records travel through Jackson: needs the module's opens
                            System.out.println("probe " + ProbeJson.tcpFromJson(ProbeJson.toJson(r)).outcome());
                        }
                    }
                }
                """);
        String modulePath = modulePath();
        Path out = tmp.resolve("out");
        Compiled c = javac(modulePath, out, src.resolve("module-info.java"), src.resolve("consumer/Main.java"));
        assertEquals(0, c.code(), c.output());

        Path sample = Path.of("src/main/resources/sample-deployment").toAbsolutePath();
        DeploymentModel expected = Diagnosis.of(sample).analyse();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "--module-path", out + File.pathSeparator + modulePath,
                "-m", "consumer/consumer.Main", sample.toString()).redirectError(tmp.resolve("stderr").toFile()).start();
        String printed;
        try (InputStream in = p.getInputStream()) {
            printed = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the consumer did not finish");
        assertEquals(0, p.exitValue(), printed + Files.readString(tmp.resolve("stderr")));
        // 20 checks of core (4 cross-layer, 4 evidence), RootFsCheck of pki, 3 checks of net, all through "provides"
        assertEquals("consumer checks=24 flows=" + expected.flows().size() + " guests="
                + expected.topology().guests().size() + " core=io.phoenixdiag.core\nprobe OPEN\n", printed);
    }

    @Test
    @Timeout(240)
    void internalPackagesAreNotAccessible() throws Exception {
        Path src = tmp.resolve("src/sneaky");
        Files.createDirectories(src.resolve("sneaky"));
        Files.writeString(src.resolve("module-info.java"), "module sneaky { requires io.phoenixdiag.core; }\n");
        Files.writeString(src.resolve("sneaky/Main.java"), """
                package sneaky;

                public class Main {
                    Object tree = io.phoenixdiag.core.gateway.internal.YamlTree.class;
                }
                """);
        Compiled c = javac(modulePath(), tmp.resolve("out2"), src.resolve("module-info.java"), src.resolve("sneaky/Main.java"));
        assertEquals(1, c.code(), c.output());
        assertTrue(c.output().contains("package io.phoenixdiag.core.gateway.internal is declared in module"
                + " io.phoenixdiag.core, which does not export it"), c.output());
    }

    /** The packages of a module that hold a class other than package-info (only those can be exported). */
    static Set<String> classPackages(ModuleReference ref) {
        try (var reader = ref.open(); var names = reader.list()) {
            return names.filter(n -> n.endsWith(".class") && !n.endsWith("package-info.class")
                    && !n.equals("module-info.class") && n.contains("/") && !n.startsWith("META-INF/"))
                    .map(n -> n.substring(0, n.lastIndexOf('/')).replace('/', '.'))
                    .collect(Collectors.toCollection(TreeSet::new));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    record Compiled(int code, String output) {
    }

    private static Compiled javac(String modulePath, Path out, Path... sources) throws IOException {
        Files.createDirectories(out);
        // an explicit, empty class path: javac would otherwise use this JVM's, which holds the SDK's classes too
        List<String> args = new ArrayList<>(List.of("--module-path", modulePath, "--class-path", out.toString(),
                "-d", out.toString(), "-Xlint:none"));
        for (Path s : sources) {
            args.add(s.toString());
        }
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = ToolProvider.getSystemJavaCompiler().run(null, err, err, args.toArray(String[]::new));
        return new Compiled(code, err.toString(StandardCharsets.UTF_8));
    }

    /**
     * phoenix-core, -pki, -net and the modules they require, as a module path (not capture, pcap4j or jna:
     * see {@link #AUTOMATIC}).
     */
    private static String modulePath() {
        Map<String, ModuleReference> modules = classPathModules();
        List<String> path = new ArrayList<>();
        for (String name : EXPLICIT) {
            assertTrue(modules.containsKey(name), name + " is not on the class path: " + modules.keySet());
        }
        modules.forEach((name, r) -> {
            boolean wanted = EXPLICIT.contains(name) || name.startsWith("com.fasterxml.jackson.")
                    || name.startsWith("io.netty.") || name.startsWith("org.bouncycastle.") || name.equals("org.slf4j")
                    || name.equals("org.yaml.snakeyaml") || name.equals("com.networknt.schema") || name.equals("com.ethlo.time")
                    || name.startsWith("org.apache.commons.");
            if (wanted) {
                path.add(Path.of(r.location().orElseThrow()).toString());
            }
        });
        return String.join(File.pathSeparator, path);
    }
}
