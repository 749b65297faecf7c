package io.phoenixdiag.capture;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** Locates {@code ../shared} (system property {@code phoenix.shared}); skips when absent unless CI=true. */
public final class SharedData {
    private SharedData() {
    }

    /**
     * The sample captures directory.
     *
     * @return {@code shared/conformance/captures}
     */
    public static Path captures() {
        Path shared = Path.of(System.getProperty("phoenix.shared", "../../shared"));
        Path dir = shared.resolve("conformance/captures");
        if ("true".equals(System.getenv("CI"))) {
            assertTrue(Files.isDirectory(dir), "CI needs the sample captures at " + dir.toAbsolutePath());
        } else {
            Assumptions.assumeTrue(Files.isDirectory(dir), "no sample captures at " + dir.toAbsolutePath());
        }
        return dir;
    }
}
