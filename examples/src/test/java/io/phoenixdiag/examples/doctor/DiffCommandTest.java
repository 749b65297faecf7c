package io.phoenixdiag.examples.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.phoenixdiag.examples.doctor.PhoenixDoctorTest.Run;

/** {@code phoenix-doctor diff} ({@link io.phoenixdiag.examples.diff.DiffCommand}) on versions of the real deployment's history. */
class DiffCommandTest {
    @TempDir
    Path tmp;

    /**
     * The deployment as of {@code version}: per Phoenix file ({@code history/<file>/<version>.json}) its
     * newest version not after {@code version}, copied into a temporary directory.
     */
    Path version(String version) throws IOException {
        Path history = Path.of(System.getProperty("phoenix.shared", "../../shared")).resolve("reference/phoenix-history");
        if (!"true".equals(System.getenv("CI"))) {
            Assumptions.assumeTrue(Files.isDirectory(history), "no " + history);
        }
        Path dir = Files.createDirectories(tmp.resolve(version));
        try (Stream<Path> files = Files.list(history)) {
            for (Path file : files.toList()) {
                try (Stream<Path> versions = Files.list(file)) {
                    var latest = versions.filter(v -> v.getFileName().toString().compareTo(version + ".json") <= 0)
                            .max(Path::compareTo);
                    if (latest.isPresent()) {
                        Files.copy(latest.get(), dir.resolve(file.getFileName()));
                    }
                }
            }
        }
        return dir;
    }

    @Test
    void brokenIngressExitsOneInEveryFormat() throws IOException {
        String before = version("202510292202-cd632e8f").toString();
        String after = version("202510311020-470f11c8").toString();
        Run text = PhoenixDoctorTest.run("diff", before, after);
        assertEquals(1, text.code(), text.err());
        assertEquals("", text.err());
        assertTrue(text.out().startsWith("diff " + before + " -> " + after + "\n"
                + "0 guests, 7 firewall lines, 0 flows, 2 verdicts changed (2 broke)\n\nfirewall:\n  101.fw\n"
                + "    - IN ACCEPT -p tcp -dport 443 # Allow HTTPS traffic\n"), text.out());
        assertTrue(text.out().contains("  external->lxc:101/tcp/80: ALLOWED -> BLOCKED_DESTINATION_INGRESS  BROKE\n"),
                text.out());

        Run json = PhoenixDoctorTest.run("diff", "--format", "json", before, after);
        assertEquals(1, json.code(), json.err());
        JsonNode root = new ObjectMapper().readTree(json.out());
        assertEquals(2, root.at("/summary/broken").asInt());
        assertEquals(7, root.at("/firewall").size());
        assertEquals("external->lxc:101/tcp/443", root.at("/verdicts/0/flow").asText());
        assertEquals("ALLOWED", root.at("/verdicts/0/before").asText());
        assertEquals("BLOCKED_DESTINATION_INGRESS", root.at("/verdicts/0/after").asText());
        assertEquals("lxc:101 policy_in DROP", root.at("/verdicts/0/decidedAfter").asText());

        Run md = PhoenixDoctorTest.run("diff", "--format", "markdown", before, after);
        assertEquals(1, md.code(), md.err());
        assertTrue(md.out().contains("| external->lxc:101/tcp/443 | ALLOWED | BLOCKED_DESTINATION_INGRESS | **yes** |"
                + " lxc:101 policy_in DROP |\n"), md.out());
        assertTrue(md.out().contains("| 101.fw | removed | `IN ACCEPT -p tcp -dport 80 # Allow HTTP traffic` |\n"), md.out());
    }

    @Test
    void ruleAddedWithoutVerdictChangeExitsZero() throws IOException {
        Run r = PhoenixDoctorTest.run("diff", version("202510242005-e99933da").toString(), version("202510251909-5508705b").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().endsWith("""
                0 guests, 1 firewall line, 0 flows, 0 verdicts changed (0 broke)

                firewall:
                  102.fw
                    + IN ACCEPT -source 10.0.0.153 -p tcp -dport 8443 # Allow Nginx to proxy to Traefik's websecure entrypoint
                """), r.out());
    }

    @Test
    void sameDirectoryHasNoChanges() throws IOException {
        Path v = version("202511041719-37ef69af");
        Run r = PhoenixDoctorTest.run("diff", v.toString(), v.toString());
        assertEquals(new Run(0, "diff " + v + " -> " + v + "\nno changes\n", ""), r);
    }

    @Test
    void usageErrorsExitTwo() {
        Run missing = PhoenixDoctorTest.run("diff", tmp.resolve("nope").toString(), tmp.toString());
        assertEquals(new Run(2, "", "diff: " + tmp.resolve("nope") + ": not a directory\n"), missing);
        Run format = PhoenixDoctorTest.run("diff", "--format", "yaml", tmp.toString(), tmp.toString());
        assertEquals(2, format.code());
        assertEquals("diff: --format: unknown report format 'yaml', expected text, json or markdown\n", format.err());
        assertEquals(2, PhoenixDoctorTest.run("diff", tmp.toString()).code());
        Run empty = PhoenixDoctorTest.run("diff", tmp.toString(), tmp.toString());
        assertEquals(2, empty.code());
        assertEquals("diff: " + tmp + ": no Phoenix JSON file (phoenix_hypervisor_config.json, phoenix_lxc_configs.json,"
                + " phoenix_vm_configs.json, phoenix_stacks_config.json, certificate-manifest.json)\n", empty.err());
    }

    /** A file that does not parse on one side is a usage error naming it, not "everything removed". */
    @Test
    void unparseableFileExitsTwoNamingFileLineAndColumn() throws IOException {
        Path before = version("202511041719-37ef69af");
        Path after = Files.createDirectories(tmp.resolve("broken"));
        try (Stream<Path> files = Files.list(before)) {
            for (Path f : files.toList()) {
                Files.copy(f, after.resolve(f.getFileName()));
            }
        }
        Path lxc = after.resolve("phoenix_lxc_configs.json");
        Files.writeString(lxc, "{\"lxc_configs\": {");
        Run r = PhoenixDoctorTest.run("diff", before.toString(), after.toString());
        assertEquals(new Run(2, "", "diff: NEW_DIR " + lxc + ":1:18: cannot compare, the file did not load:"
                + " not well-formed JSON at line 1, column 18: Unexpected end-of-input: expected close marker for Object.\n"), r);
        Run swapped = PhoenixDoctorTest.run("diff", "--format", "json", after.toString(), before.toString());
        assertEquals(new Run(2, "", "diff: OLD_DIR " + lxc + ":1:18: cannot compare, the file did not load:"
                + " not well-formed JSON at line 1, column 18: Unexpected end-of-input: expected close marker for Object.\n"), swapped);
    }
}
