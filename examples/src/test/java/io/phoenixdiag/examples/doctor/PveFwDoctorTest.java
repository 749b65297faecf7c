package io.phoenixdiag.examples.doctor;

import static io.phoenixdiag.examples.doctor.PhoenixDoctorTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.phoenixdiag.core.diag.Finding;
import io.phoenixdiag.core.diag.FlowEntry;
import io.phoenixdiag.core.diag.FlowLayer;
import io.phoenixdiag.core.diag.FlowVerdict;
import io.phoenixdiag.core.diag.Report;
import io.phoenixdiag.core.diag.ReportJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code doctor --pve-fw DIR} end to end: the bundled sample against a generated copy of /etc/pve. */
class PveFwDoctorTest {

    private static void write(Path f, String text) throws IOException {
        Files.createDirectories(f.getParent());
        Files.writeString(f, text);
    }

    static Path etcPve(Path dir) throws IOException {
        write(dir.resolve("firewall/cluster.fw"), "[OPTIONS]\nenable: 1\n[RULES]\nIN DNS(ACCEPT)\nIN ACCEPT -p tcp -dport 2049\n");
        write(dir.resolve("firewall/120.fw"), "[OPTIONS]\nenable: 1\n[RULES]\nIN ACCEPT -source 192.0.2.12 -p tcp -dport 3000\n");
        write(dir.resolve("firewall/103.fw"), "[OPTIONS]\nenable: 1\n[RULES]\nIN ACCEPT -source +nosuch -p tcp -dport 9000\n");
        for (int id : new int[] {101, 102, 103, 120}) {
            write(dir.resolve("lxc/" + id + ".conf"), "net0: name=eth0,bridge=vmbr0,firewall=1\n");
        }
        return dir;
    }

    @Test
    void flowsShowBothVerdictsAndTheDrift(@TempDir Path tmp) throws Exception {
        Path dir = etcPve(tmp);
        PhoenixDoctorTest.Run r = run("doctor", "--pve-fw", dir.toString(), "--format", "json");
        assertEquals("", r.err());
        Report report = ReportJson.read(r.out());
        FlowEntry toWiki = report.flow("lxc:102->lxc:120/tcp/3000").orElseThrow();
        FlowVerdict pve = toWiki.verdict(FlowLayer.PVE_FW).orElseThrow();
        assertEquals("ALLOWED", pve.state().name());
        assertEquals("lxc:120 IN rule 1 (ACCEPT tcp/3000 from 192.0.2.12)", pve.decidedBy());
        assertEquals(dir.resolve("firewall/120.fw") + ":4:1", pve.location().orElseThrow().toString());
        assertEquals("BLOCKED_DESTINATION_INGRESS", toWiki.verdict(FlowLayer.INTENT).orElseThrow().state().name());
        FlowEntry toPortainer = report.flow("lxc:102->lxc:103/tcp/9000").orElseThrow();
        assertEquals("BLOCKED_DESTINATION_INGRESS", toPortainer.verdict(FlowLayer.PVE_FW).orElseThrow().state().name());
        assertEquals("lxc:103 policy_in DROP", toPortainer.verdict(FlowLayer.PVE_FW).orElseThrow().decidedBy());
        List<String> ours = report.findings().stream()
                .filter(f -> f.checkId().startsWith("firewall.pve-fw") || f.checkId().equals("firewall.intent-drift")
                        || f.checkId().equals("firewall.rule-refused"))
                .map(f -> f.checkId() + " " + f.title().replace(dir.toString(), "DIR")).sorted().toList();
        assertEquals(List.of(
                "firewall.intent-drift The Phoenix JSON and the Proxmox firewall files disagree on lxc:101 -> lxc:103 tcp/9000",
                "firewall.intent-drift The Phoenix JSON and the Proxmox firewall files disagree on lxc:102 -> lxc:103 tcp/9000",
                "firewall.intent-drift The Phoenix JSON and the Proxmox firewall files disagree on lxc:102 -> lxc:120 tcp/3000",
                "firewall.pve-fw-borrowed Facts the .fw files lack were taken from the Phoenix JSON",
                "firewall.pve-fw-flow-blocked The Proxmox firewall files block host -> lxc:103 tcp/9000",
                "firewall.pve-fw-flow-blocked The Proxmox firewall files block lxc:101 -> lxc:103 tcp/9000",
                "firewall.pve-fw-flow-blocked The Proxmox firewall files block lxc:102 -> lxc:103 tcp/9000",
                "firewall.pve-fw-flow-blocked The Proxmox firewall files block vm:1001 -> lxc:103 tcp/9000",
                "firewall.rule-refused pve-firewall refuses the rule on line 4 of DIR/firewall/103.fw"), ours);
        Finding drift = report.findings().stream().filter(f -> f.checkId().equals("firewall.intent-drift")
                && f.title().endsWith("lxc:120 tcp/3000")).findFirst().orElseThrow();
        assertEquals(List.of(dir.resolve("firewall/120.fw") + ":4:1"),
                drift.locations().stream().map(Object::toString).filter(l -> l.contains("120.fw")).toList());
        assertEquals(1, r.code());
    }

    @Test
    void missingPveFwDirectoryIsAUsageError() {
        PhoenixDoctorTest.Run r = run("doctor", "--pve-fw", "/nonexistent/pve");
        assertEquals(2, r.code());
        assertEquals("phoenix-doctor: --pve-fw /nonexistent/pve: not a directory\n", r.err());
    }
}
