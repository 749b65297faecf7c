package io.phoenixdiag.net.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.phoenixdiag.core.diag.Finding;
import io.phoenixdiag.core.diag.FlowEntry;
import io.phoenixdiag.core.diag.FlowLayer;
import io.phoenixdiag.core.diag.FlowState;
import io.phoenixdiag.core.diag.FlowVerdict;
import io.phoenixdiag.core.diag.NotRun;
import io.phoenixdiag.core.diag.Report;
import io.phoenixdiag.core.diag.Severity;

import java.util.List;

import org.junit.jupiter.api.Test;

class LiveMatrixMergeTest {
    static FlowEntry flow(int port, FlowState intent) {
        return FlowEntry.builder("lxc:102", "lxc:103", "tcp", port)
                .verdict(FlowVerdict.of(FlowLayer.INTENT, intent, "lxc:103 rule")).build();
    }

    static LiveResult result(int port, Reachability reach, String outcome) {
        return new LiveResult("lxc:102->lxc:103/tcp/" + port, ProbeKind.TCP, "127.0.0.1:" + port + "/tcp", "local",
                outcome, reach == Reachability.OPEN, reach, "seen", "", "");
    }

    @Test
    void disagreementsAndVerdicts() {
        Report report = Report.builder().tool("t", "1").flow(flow(1, FlowState.ALLOWED))
                .flow(flow(2, FlowState.BLOCKED_DESTINATION_INGRESS)).flow(flow(3, FlowState.ALLOWED))
                .flow(flow(4, FlowState.ALLOWED)).build();
        LiveRun run = new LiveRun("local", List.of(result(1, Reachability.TIMEOUT, "TIMEOUT"),
                result(2, Reachability.OPEN, "OPEN"), result(3, Reachability.OPEN, "OPEN"),
                LiveResult.notRun(ProbeSpec.tcp("lxc:102->lxc:103/tcp/4", "127.0.0.1", 4, 10), "local", "Late.")),
                List.of(NotRun.of("live x", "inactive")));
        Report merged = LiveMatrix.merge(report, run);
        assertEquals(FlowState.BLOCKED, merged.flow("lxc:102->lxc:103/tcp/1").orElseThrow().summary());
        assertEquals("TCP probe from local to 127.0.0.1:1/tcp: TIMEOUT", merged.flow("lxc:102->lxc:103/tcp/1")
                .orElseThrow().verdict(FlowLayer.LIVE).orElseThrow().decidedBy());
        assertEquals(FlowState.ALLOWED, merged.flow("lxc:102->lxc:103/tcp/2").orElseThrow().summary());
        assertEquals(FlowState.UNKNOWN, merged.flow("lxc:102->lxc:103/tcp/4").orElseThrow()
                .verdict(FlowLayer.LIVE).orElseThrow().state());
        List<String> ids = merged.findings().stream().map(f -> f.checkId() + " " + f.severity()).toList();
        assertEquals(List.of("live.disagreement.allowed-but-closed ERROR", "live.disagreement.blocked-but-open WARNING"),
                ids);
        Finding closed = merged.findings().get(0);
        assertEquals("lxc:102->lxc:103/tcp/1: ALLOWED in intent but TIMEOUT live", closed.title());
        assertEquals(List.of("lxc:102", "lxc:103", "127.0.0.1:1/tcp"), closed.subjects());
        assertEquals(List.of(NotRun.of("live x", "inactive"),
                NotRun.of("live lxc:102->lxc:103/tcp/4 tcp 127.0.0.1:4/tcp", "Late.")), merged.notRun());
        assertTrue(merged.hasProblems());
        assertEquals(Severity.ERROR, merged.highestSeverity().orElseThrow());
    }

    @Test
    void staticVerdictPrefersTheMostAuthoritativeLayer() {
        FlowEntry f = FlowEntry.builder("host", "lxc:103", "tcp", 9000)
                .verdict(FlowVerdict.of(FlowLayer.INTENT, FlowState.BLOCKED, "intent rule"))
                .verdict(FlowVerdict.of(FlowLayer.IPTABLES, FlowState.ALLOWED, "iptables rule"))
                .verdict(FlowVerdict.of(FlowLayer.PVE_FW, FlowState.UNKNOWN, "unknown")).build();
        assertEquals("iptables rule", LiveMatrix.staticVerdict(f).orElseThrow().decidedBy());
    }
}
