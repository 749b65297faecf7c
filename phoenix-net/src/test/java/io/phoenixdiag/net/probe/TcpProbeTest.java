package io.phoenixdiag.net.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class TcpProbeTest {
    private static Prober prober;
    private static LoopbackServers servers;

    @BeforeAll
    static void start() {
        prober = Prober.create(1);
        servers = new LoopbackServers();
    }

    @AfterAll
    static void stop() throws Exception {
        prober.close();
        servers.close();
    }

    @Test
    void openPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 50, LoopbackServers.LOOPBACK)) {
            TcpProbeResult r = prober.tcp(new InetSocketAddress(LoopbackServers.LOOPBACK, s.getLocalPort()), 2000)
                    .get();
            assertEquals(new TcpProbeResult("127.0.0.1:" + s.getLocalPort() + "/tcp", TcpOutcome.OPEN,
                    r.connectMs(), "The TCP handshake completed.", ""), r);
        }
    }

    @Test
    void closedPortIsRefused() throws Exception {
        InetSocketAddress closed = LoopbackServers.closedPort();
        TcpProbeResult r = prober.tcp(closed, 2000).get();
        String target = "127.0.0.1:" + closed.getPort() + "/tcp";
        assertEquals(new TcpProbeResult(target, TcpOutcome.REFUSED, r.connectMs(),
                "The peer answered the SYN with a RST (connection refused).",
                "Start the service that should listen on " + target + " (check it binds this address, not only "
                        + "127.0.0.1), or remove the firewall rule that rejects it."), r);
    }

    @Test
    void fullAcceptQueueTimesOut() throws Exception {
        InetSocketAddress drop = servers.fullAcceptQueue();
        TcpProbeResult r = prober.tcp(drop, 300).get();
        assertEquals(TcpOutcome.TIMEOUT, r.outcome());
        assertEquals("No answer to the SYN within 300 ms.", r.detail());
        assertTrue(r.remediation().startsWith("Check the firewall between source and 127.0.0.1:"), r.remediation());
    }

    @Test
    void ipv6LoopbackTargetText() throws Exception {
        InetAddress v6 = InetAddress.getByName("::1");
        ServerSocket s;
        try {
            s = new ServerSocket(0, 50, v6);
        } catch (java.io.IOException noIpv6) {
            org.junit.jupiter.api.Assumptions.abort("no ::1 here: " + noIpv6.getMessage());
            return;
        }
        try (s) {
            TcpProbeResult r = prober.tcp(new InetSocketAddress(v6, s.getLocalPort()), 2000).get();
            assertEquals(TcpOutcome.OPEN, r.outcome());
            assertEquals("[::1]:" + s.getLocalPort() + "/tcp", r.target());
        }
    }

    @Test
    void cancellingAbortsTheProbe() throws Exception {
        InetSocketAddress drop = servers.fullAcceptQueue();
        CompletableFuture<TcpProbeResult> f = prober.tcp(drop, 60_000);
        assertTrue(f.cancel(true));
        assertTrue(f.isCancelled());
        // the prober still works afterwards
        assertEquals(TcpOutcome.REFUSED, prober.tcp(LoopbackServers.closedPort(), 2000).get().outcome());
    }

    @Test
    void rejectsBadArguments() {
        InetSocketAddress unresolved = InetSocketAddress.createUnresolved("gw.phoenix.lan", 443);
        assertThrows(IllegalArgumentException.class, () -> prober.tcp(unresolved, 100));
        InetSocketAddress ok = new InetSocketAddress(LoopbackServers.LOOPBACK, 1);
        assertThrows(IllegalArgumentException.class, () -> prober.tcp(ok, 0));
        assertThrows(IllegalArgumentException.class, () -> Prober.create(0));
    }

    @Test
    void closedProberRejectsProbes() {
        Prober p = Prober.create(1);
        p.close();
        assertTrue(p.isClosed());
        assertThrows(IllegalStateException.class,
                () -> p.tcp(new InetSocketAddress(LoopbackServers.LOOPBACK, 1), 100));
    }
}
