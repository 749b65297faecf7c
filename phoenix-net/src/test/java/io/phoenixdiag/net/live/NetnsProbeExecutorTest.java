package io.phoenixdiag.net.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.phoenixdiag.core.netns.NetworkNamespace;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Probes from inside a namespace the test creates (veth to this namespace, no default route): the listener this
 * JVM binds on the veth address is OPEN from inside, and the namespace's own loopback has nothing listening.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class NetnsProbeExecutorTest {
    @Test
    void probesRunInsideTheNamespace() throws Exception {
        if ("true".equals(System.getenv("CI"))) {
            assertTrue(NetworkNamespace.available(), "CI runs as root with iproute2: network namespaces must work");
        }
        Assumptions.assumeTrue(NetworkNamespace.available(), "needs root and iproute2");
        int n = (int) (ProcessHandle.current().pid() % 200) + 20;
        String outer = "10.213." + n + ".1";
        String inner = "10.213." + n + ".2";
        try (NetworkNamespace ns = NetworkNamespace.create("live")) {
            ns.linkToCaller(outer + "/30", inner + "/30");
            try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getByName(outer))) {
                int port = server.getLocalPort();
                NetnsProbeExecutor exec = NetnsProbeExecutor.of(ns);
                assertEquals("netns:" + ns.name(), exec.vantage());
                List<LiveResult> r = exec.run(List.of(ProbeSpec.tcp("veth", outer, port, 5000),
                                ProbeSpec.tcp("lo", "127.0.0.1", port, 5000)), ExecutionLimits.DEFAULT,
                        ProbeListener.NONE).join();
                assertEquals(List.of(Reachability.OPEN, Reachability.REFUSED),
                        r.stream().map(LiveResult::reachability).toList(), r.toString());
                assertEquals(List.of("netns:" + ns.name(), "netns:" + ns.name()),
                        r.stream().map(LiveResult::vantage).toList());
            }
        }
    }
}
