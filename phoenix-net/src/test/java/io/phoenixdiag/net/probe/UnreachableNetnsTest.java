package io.phoenixdiag.net.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.phoenixdiag.core.netns.NetworkNamespace;
import io.phoenixdiag.core.netns.NetworkNamespace.ExecResult;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The UNREACHABLE TCP outcome, made real inside a network namespace created here (no interface but its loopback, no
 * default route): a child JVM runs {@link ProbeMain} under {@code ip netns exec}. Nothing leaves the namespace: the
 * kernel answers the connect itself. Needs root; runs under CI=true.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class UnreachableNetnsTest {

    static TcpProbeResult probeInside(NetworkNamespace ns, String address, int port) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ExecResult r = ns.exec(Duration.ofSeconds(90), java, "-Xshare:auto", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), ProbeMain.class.getName(), "tcp", address,
                String.valueOf(port), "3000");
        r.requireSuccess("run the probe inside " + ns.name());
        String[] lines = r.stdout().strip().split("\n");
        return ProbeJson.tcpFromJson(lines[lines.length - 1]);
    }

    @Test
    void unreachableRouteIsUnreachable() throws Exception {
        RealPeers.requireRoot("creates a network namespace");
        try (NetworkNamespace ns = NetworkNamespace.create("unreach")) {
            // RFC 5737 TEST-NET-1, routed to "unreachable" inside the namespace: the kernel answers EHOSTUNREACH
            ns.exec(Duration.ofSeconds(10), "ip", "route", "add", "unreachable", "192.0.2.0/24")
                    .requireSuccess("add an unreachable route");
            TcpProbeResult r = probeInside(ns, "192.0.2.1", 443);
            assertEquals(TcpOutcome.UNREACHABLE, r.outcome(), r.detail());
            assertEquals("192.0.2.1:443/tcp", r.target());
            assertEquals(TcpProbeResult.remediationFor(TcpOutcome.UNREACHABLE, "192.0.2.1:443/tcp"), r.remediation());
        }
    }

    @Test
    void rejectWithIcmpHostUnreachableIsUnreachable() throws Exception {
        RealPeers.requireRoot("creates a network namespace");
        try (NetworkNamespace ns = NetworkNamespace.create("reject")) {
            ns.exec(Duration.ofSeconds(10), "iptables", "-A", "OUTPUT", "-o", "lo", "-p", "tcp", "--dport", "9443",
                    "-j", "REJECT", "--reject-with", "icmp-host-unreachable").requireSuccess("add the REJECT rule");
            TcpProbeResult r = probeInside(ns, "127.0.0.1", 9443);
            assertEquals(TcpOutcome.UNREACHABLE, r.outcome(), r.detail());
            TcpProbeResult refused = probeInside(ns, "127.0.0.1", 9444);
            assertEquals(TcpOutcome.REFUSED, refused.outcome(), "the rule matches port 9443 only");
        }
    }
}
