package io.phoenixdiag.core.evidence;

import static io.phoenixdiag.core.testing.Fixtures.firewall;
import static io.phoenixdiag.core.testing.Fixtures.globalFirewall;
import static io.phoenixdiag.core.testing.Fixtures.hypervisor;
import static io.phoenixdiag.core.testing.Fixtures.lxc;
import static io.phoenixdiag.core.testing.Fixtures.rule;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.phoenixdiag.core.analysis.DeploymentModel;
import io.phoenixdiag.core.analysis.Diagnosis;
import io.phoenixdiag.core.diag.CheckContext;
import io.phoenixdiag.core.diag.Finding;
import io.phoenixdiag.core.diag.Location;
import io.phoenixdiag.core.firewall.pvefile.PveFirewallFiles;
import io.phoenixdiag.core.firewall.pvefile.PveFwEvidence;
import io.phoenixdiag.core.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IntentRealityCheckTest {

    @Test
    void comparesJsonWithTheNodesFiles(@TempDir Path tmp) throws Exception {
        Fixtures.Dir d = Fixtures.in(tmp.resolve("json"))
                .hypervisor(hypervisor(globalFirewall(rule("in", "ACCEPT", "", "tcp", "8006")), ""))
                .lxc(lxc(101, "web", "10.0.0.21", firewall(true, rule("in", "ACCEPT", "10.0.0.22", "tcp", "443") + ", "
                                + rule("in", "ACCEPT", "10.0.0.22", "tcp", "80")) + ", 'start_at_boot': false"),
                        lxc(102, "proxy", "10.0.0.22", firewall(true, rule("in", "ACCEPT", "", "tcp", "8443"))),
                        lxc(103, "ca", "10.0.0.23", firewall(true, "")),
                        lxc(104, "gone", "10.0.0.24", firewall(true, "")));
        DeploymentModel model = Diagnosis.builder().deployment(d.load()).build().analyse();
        Path pve = tmp.resolve("pve");
        write(pve.resolve("firewall/cluster.fw"), "[OPTIONS]\nenable: 1\n\n[RULES]\n\nIN ACCEPT -p tcp -dport 8006\n"
                + "IN ACCEPT -p tcp -dport 8443 # copied from 102\n");
        write(pve.resolve("firewall/101.fw"), "[OPTIONS]\nenable: 1\n\n[RULES]\n\nIN ACCEPT -source 10.0.0.22 -p tcp -dport 443\n"
                + "IN ACCEPT -p tcp -dport 22\n");
        write(pve.resolve("firewall/102.fw"), "[OPTIONS]\npolicy_in: DROP\n\n[RULES]\n\nIN ACCEPT -p tcp -dport 8443\n");
        write(pve.resolve("lxc/101.conf"), "net0: name=eth0,bridge=vmbr0,firewall=1,ip=10.0.0.21/24\n");
        write(pve.resolve("lxc/102.conf"), "net0: name=eth0,bridge=vmbr0,firewall=1,ip=10.0.0.22/24\n");
        write(pve.resolve("lxc/103.conf"), "hostname: ca\nnet0: name=eth0,bridge=vmbr0,ip=10.0.0.23/24\n");
        // no 103.fw: the guest's firewall is off; no config for 104
        CollectedEvidence collected = new CollectedEvidence("ev.tar.gz", EvidenceManifest.parse("", "M").value(),
                java.util.Map.of(103, GuestConfig.parse(Files.readString(pve.resolve("lxc/103.conf")), "lxc/103.conf",
                        io.phoenixdiag.core.firewall.GuestKind.LXC, 103).value()), List.of(), List.of(),
                java.util.Optional.empty(), List.of());
        CheckContext ctx = CheckContext.builder().put(DeploymentModel.class, model)
                .put(PveFwEvidence.class, PveFwEvidence.read(pve)).put(CollectedEvidence.class, collected).build();
        List<Finding> found = new IntentRealityCheck().run(ctx);
        String j = "T/json/phoenix_lxc_configs.json:1:";
        assertEquals(List.of(
                "evidence.rule-missing INFO [lxc:101] " + j + "317#/lxc_configs/101/firewall/rules/1, T/pve/firewall/101.fw",
                "evidence.rule-extra WARNING [lxc:101] T/pve/firewall/101.fw:7:1",
                "evidence.guest-fw-disabled CRITICAL [lxc:102] " + j + "616#/lxc_configs/102/firewall, T/pve/firewall/102.fw:1:1",
                "evidence.guest-fw-disabled CRITICAL [lxc:103] " + j + "895#/lxc_configs/103/firewall, T/pve/firewall/103.fw",
                "evidence.nic-firewall-off CRITICAL [lxc:103] " + j + "895#/lxc_configs/103/firewall, lxc/103.conf:2:1",
                "evidence.guest-config-missing WARNING [lxc:104] " + j + "1110#/lxc_configs/104/firewall",
                "evidence.guest-rule-in-cluster CRITICAL [host, lxc:102] T/pve/firewall/cluster.fw:7:1"),
                found.stream().map(f -> line(f).replace(tmp.toString(), "T")).toList());
        assertEquals("cluster.fw holds 'IN ACCEPT -p tcp -dport 8443 # copied from 102', which the JSON declares for lxc:102,"
                + " not as a global rule. Datacenter rules apply to the host, so this rule lets that traffic reach the"
                + " Proxmox node itself, and does nothing for lxc:102.", found.get(6).message());
        // without the node's files the check says nothing
        assertEquals(List.of(), new IntentRealityCheck().run(CheckContext.builder().put(DeploymentModel.class, model).build()));
    }

    private static String line(Finding f) {
        return f.checkId() + " " + f.severity() + " " + f.subjects() + " "
                + f.locations().stream().map(Location::toString).collect(Collectors.joining(", "));
    }

    private static void write(Path p, String text) throws Exception {
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }
}
