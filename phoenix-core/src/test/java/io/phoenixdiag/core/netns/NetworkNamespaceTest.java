package io.phoenixdiag.core.netns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class NetworkNamespaceTest {
    private static final Duration T = Duration.ofSeconds(10);

    @BeforeAll
    static void needsRoot() {
        if ("true".equals(System.getenv("CI"))) {
            assertTrue(NetworkNamespace.available(), "CI runs as root with iproute2: network namespaces must work");
        }
        Assumptions.assumeTrue(NetworkNamespace.available(), "needs root and iproute2");
    }

    @Test
    void linkedNamespacesReachEachOtherAndNothingElse() throws Exception {
        String name;
        try (NetworkNamespace a = NetworkNamespace.create("a"); NetworkNamespace b = NetworkNamespace.create("b")) {
            name = a.name();
            java.util.List<String> ifs = NetworkNamespace.link(a, "10.250.7.1/30", b, "10.250.7.2/30");
            assertEquals(0, a.exec(T, "ping", "-c", "1", "-W", "2", "10.250.7.2").exitCode());
            NetworkNamespace.ExecResult routes = a.exec(T, "ip", "route", "show");
            assertEquals("10.250.7.0/30 dev " + ifs.get(0) + " proto kernel scope link src 10.250.7.1",
                    routes.stdout().strip());
            assertFalse(routes.stdout().contains("default"), "a test namespace must have no default route");
            NetworkNamespace.ExecResult out = a.exec(T, "ip", "route", "get", "192.0.2.1");
            assertEquals(2, out.exitCode(), "no route to anything outside: " + out.stderr());
        }
        assertFalse(NetworkNamespace.run(T, "ip", "netns", "list").stdout().contains(name), "removed on close");
    }

    @Test
    void failingCommandNamesItself() throws Exception {
        try (NetworkNamespace a = NetworkNamespace.create("err")) {
            NetworkNamespace.NetnsException e = org.junit.jupiter.api.Assertions.assertThrows(
                    NetworkNamespace.NetnsException.class,
                    () -> a.exec(T, "ip", "link", "set", "nosuchif0", "up").requireSuccess("bring up nosuchif0"));
            assertTrue(e.getMessage().startsWith("cannot bring up nosuchif0: `ip netns exec " + a.name()
                    + " ip link set nosuchif0 up` exited with 1: "), e.getMessage());
        }
    }
}
