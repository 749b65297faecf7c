package io.phoenixdiag.core.diag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Golden files of the three renderers on {@link SampleReports#small()}. Rewrite them after an intended
 * change with {@code mvn ... -Dphoenix.updateGolden=true}, then review the diff.
 */
class GoldenRenderTest {

    private static final Path GOLDEN = Path.of("src/test/resources/io/phoenixdiag/core/diag/golden");

    static void assertGolden(String name, String actual) throws IOException {
        Path file = GOLDEN.resolve(name);
        if (Boolean.getBoolean("phoenix.updateGolden")) {
            Files.createDirectories(GOLDEN);
            Files.writeString(file, actual, StandardCharsets.UTF_8);
        }
        assertTrue(Files.exists(file), "missing golden file " + file + "; run with -Dphoenix.updateGolden=true");
        assertEquals(Files.readString(file, StandardCharsets.UTF_8), actual, "differs from golden " + file);
    }

    @Test
    void text() throws IOException {
        assertGolden("small-report.txt", ReportRenderer.text(false).render(SampleReports.small()));
    }

    @Test
    void textWithColour() throws IOException {
        assertGolden("small-report.ansi.txt", ReportRenderer.text(true).render(SampleReports.small()));
    }

    @Test
    void json() throws IOException {
        assertGolden("small-report.json", ReportRenderer.json().render(SampleReports.small()));
    }

    @Test
    void markdown() throws IOException {
        assertGolden("small-report.md", ReportRenderer.markdown().render(SampleReports.small()));
    }

    @Test
    void emptyReport() {
        Report empty = Report.builder().build();
        assertEquals("Phoenix diagnosis\nSummary: 0 CRITICAL, 0 ERROR, 0 WARNING, 0 INFO; no problems found\n\nNo findings.\n",
                ReportRenderer.text(false).render(empty));
        assertEquals("# Phoenix diagnosis\n\n**Summary:** 0 CRITICAL, 0 ERROR, 0 WARNING, 0 INFO; **no problems found**.\n\n## Findings\n\nNone.\n",
                ReportRenderer.markdown().render(empty));
        assertEquals("{\n  \"schemaVersion\": 1,\n  \"tool\": {\n    \"name\": \"\",\n    \"version\": \"\"\n  },\n  \"subject\": \"\",\n"
                + "  \"counts\": {\n    \"INFO\": 0,\n    \"WARNING\": 0,\n    \"ERROR\": 0,\n    \"CRITICAL\": 0\n  },\n"
                + "  \"findings\": [],\n  \"flows\": [],\n  \"nodes\": [],\n  \"roles\": [],\n  \"notRun\": []\n}\n",
                ReportRenderer.json().render(empty));
    }

    @Test
    void plainTextHasNoEscapeCharacter() {
        String text = ReportRenderer.text(false).render(SampleReports.small());
        assertEquals(-1, text.indexOf('\u001b'));
        assertTrue(ReportRenderer.text(true).render(SampleReports.small()).contains("\u001b[1;31m"));
    }
}
