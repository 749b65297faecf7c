package io.phoenixdiag.examples.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.phoenixdiag.examples.doctor.PhoenixDoctorTest.Run;

/** {@code doctor --output FILE}: a lone surrogate is written as on stdout ({@code ?}), and the file is replaced atomically. */
class OutputFileTest {
    @TempDir
    Path tmp;

    /** The real deployment with Nginx's guest named {@code "Nginx\ud800Phoenix"} (valid JSON, a lone surrogate). */
    private Path surrogateDeployment() throws IOException {
        Path ref = PhoenixDoctorTest.shared().resolve("reference/phoenix");
        Path dir = tmp.resolve("deployment");
        try (Stream<Path> all = Files.walk(ref)) {
            for (Path p : all.toList()) {
                Path to = dir.resolve(ref.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to);
                }
            }
        }
        Path lxc = dir.resolve("phoenix_lxc_configs.json");
        String json = Files.readString(lxc);
        assertTrue(json.contains("\"name\": \"Nginx-Phoenix\""));
        Files.writeString(lxc, json.replace("\"name\": \"Nginx-Phoenix\"", "\"name\": \"Nginx\\ud800Phoenix\""));
        return dir;
    }

    @ParameterizedTest
    @ValueSource(strings = {"text", "json", "markdown", "sarif", "html", "junit"})
    void loneSurrogateIsWrittenAsQuestionMarkLikeOnStdout(String format) throws IOException {
        Path dir = surrogateDeployment();
        Run stdout = PhoenixDoctorTest.run("doctor", "--config", dir.toString(), "--format", format);
        assertEquals(1, stdout.code(), stdout.err());
        Path file = tmp.resolve("report." + format);
        Run toFile = PhoenixDoctorTest.run("doctor", "--config", dir.toString(), "--format", format, "--output", file.toString());
        assertEquals(new Run(1, "", ""), toFile);
        String written = Files.readString(file, StandardCharsets.UTF_8);
        assertEquals(stdout.out(), written);
        // the HTML and JUnit XML renderers replace it with U+FFFD themselves; the others leave it to the encoder
        String expected = format.equals("html") || format.equals("junit") ? "Nginx\uFFFDPhoenix" : "Nginx?Phoenix";
        assertTrue(written.contains(expected), written);
        assertEquals(List.of(file), files(tmp).stream().filter(p -> p.getFileName().toString().contains("report")).toList());
    }

    @Test
    void failedReplaceLeavesNoPartialFile() throws IOException {
        Path target = Files.createDirectories(tmp.resolve("out/report.txt"));
        Files.writeString(target.resolve("keep"), "x");
        Run r = PhoenixDoctorTest.run("doctor", "--output", target.toString());
        assertEquals(2, r.code());
        assertEquals("", r.out());
        assertTrue(r.err().startsWith("phoenix-doctor: --output " + target + ": cannot write: "), r.err());
        assertEquals(List.of(target, target.resolve("keep")), files(tmp.resolve("out")));
    }

    @Test
    void existingFileIsReplacedWhole() throws IOException {
        Path file = tmp.resolve("report.txt");
        Files.writeString(file, "old content that is longer than nothing\n".repeat(10_000));
        Run r = PhoenixDoctorTest.run("doctor", "--output", file.toString());
        assertEquals(new Run(1, "", ""), r);
        assertEquals(PhoenixDoctorTest.run("doctor").out(), Files.readString(file));
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> !p.equals(dir)).sorted().toList();
        }
    }
}
