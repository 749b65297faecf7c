package io.phoenixdiag.net.iptables;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** The shared conformance samples ({@code ../shared/conformance/firewall/iptables-save}); never copied into the repo. */
final class Samples {
    private Samples() {
    }

    static Path dir() {
        Path shared = Path.of(System.getProperty("phoenix.shared", "../../shared"));
        Path dir = shared.resolve("conformance/firewall/iptables-save");
        if ("true".equals(System.getenv("CI"))) {
            assertTrue(Files.isDirectory(dir), "CI must provide " + dir);
        }
        Assumptions.assumeTrue(Files.isDirectory(dir), "shared samples not present: " + dir);
        return dir;
    }

    /** The TUM sample with its anonymised MAC placeholders replaced by a valid address, {@link #TUM_MAC}. */
    static IptablesSave tum() throws java.io.IOException {
        String text = Files.readString(file("tum-net-large-iptables-save.txt"));
        return IptablesSave.parse("tum-net-large-iptables-save.txt", text.replace("XX:XX:XX:XX:XX:XX", TUM_MAC));
    }

    static final String TUM_MAC = "02:00:00:00:00:01";

    static Path file(String name) {
        return dir().resolve(name);
    }
}
