package io.phoenixdiag.core.firewall.pvefile;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.phoenixdiag.core.config.LoadResult;
import io.phoenixdiag.core.firewall.GuestKind;
import io.phoenixdiag.core.firewall.PveFirewall;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * The Proxmox conformance data in {@code ../shared/conformance/firewall/pve} (system property
 * {@code phoenix.shared}; skipped when absent unless CI=true), and the environment pve-firewall's
 * simulator assumes for its tests (test/fwtester.pl: the guests' NICs, the node address and local network,
 * corosync.conf with the local node {@code proxself}).
 */
final class PveConformance {
    /** The node's address in the simulator environment. */
    static final String HOST_IP = "172.16.1.2";

    private PveConformance() {
    }

    static Path pve() {
        Path shared = Path.of(System.getProperty("phoenix.shared", "../../shared"));
        if ("true".equals(System.getenv("CI"))) {
            assertTrue(Files.isDirectory(shared), "CI needs the shared data at " + shared.toAbsolutePath());
        } else {
            Assumptions.assumeTrue(Files.isDirectory(shared), "no shared data at " + shared.toAbsolutePath());
        }
        return shared.resolve("conformance/firewall/pve");
    }

    static Path suite() {
        return pve().resolve("pve-firewall-tests");
    }

    /**
     * Loads one simulator test directory with the simulator's environment. {@code nfvm} (upstream: an
     * unmanaged bridge port on vmbr0) is guest 999 with a NIC on vmbr0 without {@code firewall=1}.
     */
    static LoadResult<PveFirewall> load(Path testDir) {
        return PveFirewallFiles.loader().nodeName("proxself").localNetwork("172.16.1.0/24")
                .corosync(suite().resolve("corosync.conf"))
                .guestConfig(GuestKind.VM, 100, "net0: e1000=0E:0B:38:B8:B3:21,bridge=vmbr0,firewall=1\n"
                        + "net1: e1000=0E:0B:38:B9:B4:21,bridge=vmbr1,firewall=1\n"
                        + "net2: e1000=0E:0B:38:BA:B4:21,bridge=vmbr2,firewall=1\n")
                .guestConfig(GuestKind.VM, 101, "net0: e1000=0E:0B:38:B8:B3:22,bridge=vmbr0,firewall=1\n")
                .guestConfig(GuestKind.VM, 110, "net0: e1000=0E:0B:38:B8:B4:21,bridge=vmbr1,firewall=1\n")
                .guestConfig(GuestKind.LXC, 200,
                        "net0: name=eth0,hwaddr=0E:18:24:41:2C:43,bridge=vmbr0,firewall=1,ip=10.0.200.1/24\n")
                .guestConfig(GuestKind.LXC, 201,
                        "net0: name=eth0,hwaddr=0E:18:24:41:2C:44,bridge=vmbr0,firewall=1,ip=10.0.200.2/24\n")
                .guestConfig(GuestKind.VM, 999, "net0: e1000=0E:0B:38:B8:B3:99,bridge=vmbr0\n")
                .load(testDir);
    }
}
