package io.phoenixdiag.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.pcap4j.core.Pcaps;

/**
 * pcap4j must stay on 1.8.2: the 2.0 alphas fail at class initialisation on Linux.
 */
class DependencyPinTest {

    @Test
    void pcap4jIsTheStableRelease() {
        // pcap4j's manifest carries no Implementation-Version: the jar name is the evidence.
        String jar = Pcaps.class.getProtectionDomain().getCodeSource().getLocation().getPath();
        assertEquals("pcap4j-core-1.8.2.jar", jar.substring(jar.lastIndexOf('/') + 1));
    }
}
