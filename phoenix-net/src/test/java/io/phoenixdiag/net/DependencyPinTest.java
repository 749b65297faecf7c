package io.phoenixdiag.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.util.Version;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The module runs on the Netty line the parent POM pins (netty-bom 4.2.18.Final): a drifting BOM
 * or a transitive override would show here first.
 */
class DependencyPinTest {

    @Test
    void nettyArtifactsComeFromThePinnedRelease() {
        Map<String, Version> versions = Version.identify(DependencyPinTest.class.getClassLoader());
        for (String artifact : new String[] {"netty-common", "netty-handler", "netty-codec-dns", "netty-codec-http"}) {
            assertEquals("4.2.18.Final", versions.get(artifact).artifactVersion(), artifact);
        }
    }
}
