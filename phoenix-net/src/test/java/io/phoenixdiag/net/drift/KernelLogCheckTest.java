package io.phoenixdiag.net.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.phoenixdiag.core.diag.CheckContext;
import io.phoenixdiag.core.diag.Finding;
import io.phoenixdiag.net.kernlog.KernelLogParser;
import java.util.List;
import org.junit.jupiter.api.Test;

class KernelLogCheckTest {

    @Test
    void logLinesBecomeFindingsPerFlow() {
        String log = "2026-11-29T20:00:00+00:00 pve1 kernel: PVEFW-DROP IN=vmbr0 OUT= SRC=10.0.0.12 DST=10.0.0.10 LEN=60"
                + " PROTO=TCP SPT=40000 DPT=9000 SYN\n"
                + "2026-11-29T20:00:01+00:00 pve1 kernel: PVEFW-DROP IN=vmbr0 OUT= SRC=10.0.0.12 DST=10.0.0.10 LEN=60"
                + " PROTO=TCP SPT=40001 DPT=9000 SYN\n"
                + "2026-11-29T20:00:02+00:00 pve1 kernel: PVEFW-DROP IN=vmbr0 OUT= SRC=10.0.0.12 DST=10.0.0.10 PROTO=TCP"
                + " SPT=x DPT=22\n";
        List<Finding> f = new KernelLogCheck().run(CheckContext.builder()
                .put(io.phoenixdiag.net.kernlog.KernelLog.class, KernelLogParser.parse("kern.log", log)).build());
        assertEquals(List.of("kernlog.malformed WARNING kern.log:3", "evidence.kernel-log-drop INFO kern.log:1:1"),
                f.stream().map(x -> x.checkId() + " " + x.severity() + " " + x.locations().get(0)).toList());
        assertEquals("The kernel logged 2 packet(s) external -> external tcp/9000", f.get(1).title());
        assertEquals(List.of(), new KernelLogCheck().run(CheckContext.empty()));
    }
}
