package io.phoenixdiag.net.kernlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.phoenixdiag.core.netns.NetworkNamespace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * LOG lines written by the real kernel parse: a LOG rule in a throw-away namespace logs a ping over its own
 * loopback; {@code dmesg} and {@code dmesg -T} output is parsed. LOG lines of a non-initial namespace are only
 * printed when {@code net.netfilter.nf_log_all_netns} is 1: the test sets it and restores the old value.
 * Runs as root with iproute2, iptables and dmesg; under {@code CI=true} it must run.
 */
class KernelLogRealKernelTest {
    private static final Path ALL_NETNS = Path.of("/proc/sys/net/netfilter/nf_log_all_netns");
    private static final Duration T = Duration.ofSeconds(10);

    @Test
    @Timeout(60)
    void pingOverLoopbackInANamespaceIsLoggedAndParsed() throws Exception {
        boolean ok = NetworkNamespace.available() && Files.isWritable(ALL_NETNS)
                && Files.isExecutable(Path.of("/usr/sbin/iptables")) && Files.isExecutable(Path.of("/usr/bin/dmesg"));
        if ("true".equals(System.getenv("CI"))) {
            assertTrue(ok, "CI runs as root with iproute2, iptables and dmesg: the real-kernel LOG test must run");
        }
        Assumptions.assumeTrue(ok, "needs root, iproute2, iptables, dmesg and nf_log_all_netns");
        String old = Files.readString(ALL_NETNS).trim();
        String prefix = "PHXK" + (System.nanoTime() % 1_000_000) + ":";
        try (NetworkNamespace ns = NetworkNamespace.create("klog")) {
            Files.writeString(ALL_NETNS, "1");
            ns.exec(T, "ip", "link", "set", "lo", "up").requireSuccess("lo up");
            ns.exec(T, "iptables", "-A", "OUTPUT", "-o", "lo", "-p", "icmp", "-j", "LOG", "--log-prefix", prefix + " ")
                    .requireSuccess("LOG rule");
            ns.exec(T, "ping", "-c", "1", "-W", "2", "127.0.0.1").requireSuccess("ping over loopback");
            NetworkNamespace.ExecResult dmesg = ns.exec(T, "dmesg");
            NetworkNamespace.ExecResult dmesgT = ns.exec(T, "dmesg", "-T");
            for (NetworkNamespace.ExecResult r : List.of(dmesg, dmesgT)) {
                r.requireSuccess("dmesg");
                String mine = String.join("\n", r.stdout().lines().filter(l -> l.contains(prefix)).toList());
                KernelLog log = KernelLogParser.parse("dmesg", mine);
                assertEquals(List.of(), log.warnings(), mine);
                // the echo request and the echo reply both leave by lo
                assertEquals(2, log.lines().size(), mine);
                assertEquals(List.of("8", "0"), log.lines().stream().map(x -> x.field("TYPE")).toList());
                LogLine l = log.lines().get(0);
                assertEquals(r == dmesg ? LogFormat.DMESG : LogFormat.DMESG_TIME, l.format(), mine);
                assertEquals(prefix, l.prefix());
                assertEquals("", l.field("IN"));
                assertEquals("lo", l.field("OUT"));
                assertEquals("127.0.0.1", l.source());
                assertEquals("127.0.0.1", l.destination());
                assertEquals("ICMP", l.protocol());
                assertEquals(List.of("DF"), l.flags());
                assertEquals("0", l.field("CODE"));
                assertEquals("84", l.field("LEN"));
            }
        } finally {
            Files.writeString(ALL_NETNS, old);
        }
    }
}
