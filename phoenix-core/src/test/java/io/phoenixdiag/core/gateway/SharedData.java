package io.phoenixdiag.core.gateway;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** Locates {@code ../shared} (system property {@code phoenix.shared}); skips when absent unless CI=true. */
final class SharedData {

    private SharedData() {
    }

    static Path reference() {
        Path shared = Path.of(System.getProperty("phoenix.shared", "../../shared"));
        if ("true".equals(System.getenv("CI"))) {
            assertTrue(Files.isDirectory(shared), "CI needs the shared data at " + shared.toAbsolutePath());
        } else {
            Assumptions.assumeTrue(Files.isDirectory(shared), "no shared data at " + shared.toAbsolutePath());
        }
        return shared.resolve("reference/phoenix");
    }
}
