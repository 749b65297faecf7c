package io.phoenixdiag.core.firewall.pvefile;

import static io.phoenixdiag.core.firewall.pvefile.ConformanceFilesTest.describe;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.phoenixdiag.core.config.LoadResult;
import io.phoenixdiag.core.diag.Finding;
import io.phoenixdiag.core.firewall.GuestKind;
import io.phoenixdiag.core.firewall.HostFirewall;
import io.phoenixdiag.core.firewall.PveFirewall;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The directory layouts {@link PveFirewallFiles.Loader} reads. */
class DirectoryLayoutTest {

    private static void write(Path f, String text) throws IOException {
        Files.createDirectories(f.getParent());
        Files.writeString(f, text);
    }

    @Test
    void etcPveLayout(@TempDir Path dir) throws IOException {
        write(dir.resolve("firewall/cluster.fw"), "[OPTIONS]\nenable: 1\n[IPSET web]\n10.0.0.10\n");
        write(dir.resolve("firewall/101.fw"), "[OPTIONS]\nenable: 1\n[RULES]\nIN ACCEPT -source +web -p tcp -dport 443\n");
        write(dir.resolve("firewall/555.fw"), "[OPTIONS]\nenable: 1\n");
        write(dir.resolve("nodes/pve1/host.fw"), "[OPTIONS]\nnftables: 1\n");
        write(dir.resolve("nodes/pve1/lxc/101.conf"), "net0: name=eth0,bridge=vmbr0,firewall=1,ip=10.0.0.101/24\n");
        write(dir.resolve("nodes/pve1/qemu-server/200.conf"), "net0: virtio=AA:BB:CC:DD:EE:FF,bridge=vmbr1\n");
        write(dir.resolve("corosync.conf"), "nodelist {\n  node {\n    name: pve1\n    ring0_addr: 10.1.0.1\n  }\n"
                + "  node {\n    name: pve2\n    ring0_addr: 10.1.0.2\n  }\n}\n");
        LoadResult<PveFirewall> r = PveFirewallFiles.parseDirectory(dir);
        PveFirewall fw = r.value();
        assertTrue(fw.complete());
        assertTrue(fw.datacenter().options().enable());
        assertTrue(fw.host().options().nftables());
        assertEquals(List.of(new HostFirewall.CorosyncLink("10.1.0.1", "10.1.0.2")), fw.host().corosync());
        assertEquals(List.of(101, 200), List.copyOf(fw.guests().keySet()));
        assertEquals(GuestKind.LXC, fw.guests().get(101).kind());
        assertEquals(1, fw.guests().get(101).rules().size());
        assertTrue(fw.guests().get(101).rules().get(0).isActive());
        assertTrue(fw.guests().get(101).nics().get("net0").firewall());
        assertFalse(fw.guests().get(200).options().enable());
        assertEquals("vmbr1", fw.guests().get(200).nics().get("net0").bridge());
        assertEquals("firewall.fw-input@0", describe(r.findings()));
        assertEquals("There is no guest config for " + dir.resolve("firewall/555.fw") + " on this node, so pve-firewall"
                + " does not use the file (it filters only the node's own guests).", r.findings().get(0).message());
    }

    @Test
    void flatDirectoryWithoutGuestConfigs(@TempDir Path dir) throws IOException {
        write(dir.resolve("host.fw"), "[RULES]\nIN ACCEPT -p tcp -dport 22\n");
        write(dir.resolve("100.fw"), "[OPTIONS]\nenable: 1\n");
        LoadResult<PveFirewall> r = PveFirewallFiles.loader().localNetwork("192.168.1.0/24").load(dir);
        assertEquals("192.168.1.0/24", r.value().host().localNetwork());
        assertEquals(1, r.value().host().rules().size());
        assertEquals(List.of("no cluster.fw", "NICs of guest 100 unknown"), r.findings().stream().map(Finding::title).toList());
        assertTrue(r.value().guests().get(100).nics().isEmpty());
    }

    @Test
    void missingDirectoryIsAnErrorFinding(@TempDir Path dir) {
        LoadResult<PveFirewall> r = PveFirewallFiles.parseDirectory(dir.resolve("nope"));
        assertEquals("firewall.fw-input", r.findings().get(0).checkId());
        assertTrue(r.hasErrors());
        assertFalse(r.value().datacenter().options().enable());
    }
}
