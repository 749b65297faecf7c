package io.phoenixdiag.examples.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.phoenixdiag.core.analysis.DeploymentModel;
import io.phoenixdiag.core.analysis.Diagnosis;
import io.phoenixdiag.core.diag.Finding;
import io.phoenixdiag.core.diag.FlowEntry;
import io.phoenixdiag.core.diag.FlowState;
import io.phoenixdiag.core.diag.Location;
import io.phoenixdiag.core.diag.Report;
import io.phoenixdiag.core.diag.ReportJson;
import io.phoenixdiag.core.firewall.Action;
import io.phoenixdiag.core.firewall.Direction;
import io.phoenixdiag.core.firewall.FirewallRule;
import io.phoenixdiag.core.firewall.GuestFirewall;
import io.phoenixdiag.core.firewall.GuestKind;
import io.phoenixdiag.core.firewall.GuestOptions;
import io.phoenixdiag.core.firewall.PveFirewall;
import io.phoenixdiag.core.firewall.pvefile.PveFirewallFiles;
import io.phoenixdiag.core.topology.Guest;
import io.phoenixdiag.net.pvecompile.PveRulesetRenderer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code doctor --evidence}: an archive collected (by the real script) from a fake host running the
 * reference deployment, with generated certificates, and .fw files, guest configs and iptables rules
 * generated from the JSON with deliberate drift. The report's intent-vs-reality findings and the flow
 * layers side by side are checked.
 */
class DoctorEvidenceTest {

    @Test
    @Timeout(240)
    void intentAndRealityAreCompared(@TempDir Path tmp) throws Exception {
        EvidenceFixture fx = EvidenceFixture.create(tmp);
        DeploymentModel model = Diagnosis.of(fx.root.resolve(EvidenceFixture.ETC)).analyse();
        PveFirewall json = model.firewall();
        // cluster.fw as the JSON intends it, plus a rule of lxc:103 copied into it
        FirewallRule caRule = json.guests().get(103).rules().stream()
                .filter(r -> r.dport().text().equals("9000") && r.source().text().equals("10.0.0.12")).findFirst().orElseThrow();
        String cluster = PveFirewallFiles.render(json.datacenter()).replace("[RULES]\n\n", "[RULES]\n\n" + caRule.toFwLine() + "\n");
        fx.file("etc/pve/firewall/cluster.fw", cluster);
        for (GuestFirewall g : json.guests().values()) {
            GuestFirewall.Builder b = GuestFirewall.builder(g.kind(), g.vmid()).options(g.options());
            List<FirewallRule> rules = new ArrayList<>(g.rules());
            switch (g.vmid()) {
                case 103 -> b.options(GuestOptions.builder().enable(false).policyIn(g.options().policyIn())
                        .policyOut(g.options().policyOut()).build());
                case 101 -> {
                    rules.remove(rules.size() - 1);
                    rules.add(FirewallRule.builder(Direction.IN, Action.ACCEPT).proto("tcp").dport("22").build());
                }
                case 1001 -> rules.removeIf(r -> r.dport().text().equals("9443"));
                default -> { }
            }
            fx.file("etc/pve/firewall/" + g.vmid() + ".fw", PveFirewallFiles.render(b.rules(rules).build()));
        }
        for (Guest g : model.topology().guests()) {
            int id = g.endpoint().guestId();
            String ip = g.address().map(a -> a + "/" + g.prefixLength()).orElse("dhcp");
            if (g.endpoint().kind() == io.phoenixdiag.core.topology.Endpoint.Kind.LXC) {
                fx.file("etc/pve/lxc/" + id + ".conf", "hostname: " + g.name() + "\nnet0: name=eth0,bridge=vmbr0,firewall="
                        + (id == 102 ? 0 : 1) + ",hwaddr=" + g.mac() + ",ip=" + ip + ",type=veth\n");
            } else {
                fx.file("etc/pve/qemu-server/" + id + ".conf", "name: " + g.name() + "\nnet0: virtio=" + g.mac()
                        + ",bridge=vmbr0,firewall=1\nipconfig0: ip=" + ip + "\n");
            }
        }
        PveFirewall real = PveFirewallFiles.loader().nodeName("pve1").load(fx.root.resolve("etc/pve")).value();
        // the kernel also holds a rule the files do not compile to
        String rendered = PveRulesetRenderer.render(real, 4).text();
        String firstRule = rendered.lines().filter(l -> l.startsWith("-A veth101i0-IN ")).findFirst().orElseThrow();
        String dump = rendered.replace(firstRule + "\n", firstRule + "\n-A veth101i0-IN -p tcp -m tcp --dport 2222 -j ACCEPT\n");
        fx.iptables(dump);
        // the portainer key file holds another key than its certificate's
        fx.file("mnt/pve/quickOS/vm-persistent-data/1001/portainer/certs/portainer.key", fx.traefik.leaf().privateKeyPem());
        Path archive = fx.collect(tmp.resolve("out/pve1.tar.gz"));

        PhoenixDoctorTest.Run run = PhoenixDoctorTest.run("--evidence", archive.toString(), "--format", "json");
        assertEquals(1, run.code(), run.err());
        assertFalse(run.out().contains(tmp.toString()), "the report names temporary paths");
        Report report = ReportJson.read(run.out());
        String found = report.findings().stream().filter(f -> f.checkId().startsWith("evidence.")
                        && !f.checkId().equals("evidence.key-not-collected"))
                .map(DoctorEvidenceTest::line).collect(Collectors.joining("\n"));
        String a = "pve1.tar.gz!/";
        assertEquals(String.join("\n",
                "evidence.guest-fw-disabled CRITICAL [lxc:103] " + a + "phoenix/phoenix_lxc_configs.json:705:25#/lxc_configs/103/firewall, "
                        + a + "pve/firewall/103.fw",
                "evidence.guest-rule-in-cluster CRITICAL [host, lxc:103] " + a + "pve/firewall/cluster.fw:" + lineOf(cluster, caRule.toFwLine()) + ":1",
                "evidence.nic-firewall-off CRITICAL [lxc:102] " + a + "phoenix/phoenix_lxc_configs.json:810:25#/lxc_configs/102/firewall, "
                        + a + "pve/lxc/102.conf:2:1",
                "evidence.clock-skew ERROR [lxc:103] " + a + "clock/clock.tsv:4:1",
                "evidence.key-mismatch ERROR [/mnt/pve/quickOS/vm-persistent-data/1001/portainer/certs/portainer.key,"
                        + " /mnt/pve/quickOS/vm-persistent-data/1001/portainer/certs/portainer.crt] " + a + "keys/private-keys.tsv:3:1, "
                        + a + "phoenix/certificate-manifest.json:14:5#/1",
                "evidence.rule-missing ERROR [lxc:101] " + a + "phoenix/phoenix_lxc_configs.json:528:21#/lxc_configs/101/firewall/rules/6, "
                        + a + "pve/firewall/101.fw",
                "evidence.rule-missing ERROR [vm:1001] " + a + "phoenix/stacks/portainer_service/phoenix.json:21:17"
                        + "#/environments/production/firewall_rules/0, " + a + "pve/firewall/1001.fw",
                "evidence.rule-missing ERROR [vm:1001] " + a + "phoenix/stacks/portainer_service/phoenix.json:29:17"
                        + "#/environments/production/firewall_rules/1, " + a + "pve/firewall/1001.fw",
                "evidence.kernel-log-drop WARNING [lxc:102, lxc:103] " + a + "kernel/kernel-log.txt:1:1",
                "evidence.kernel-rules-drift WARNING [host] " + a + "netfilter/iptables-legacy-save.txt:"
                        + lineOf(dump, ":veth101i0-IN - [0:0]") + ":1",
                "evidence.rule-extra WARNING [lxc:101] " + a + "pve/firewall/101.fw:13:1",
                "evidence.archive INFO [" + a + "MANIFEST] " + a + "MANIFEST:" + manifestLine(archive) + ":1"), found);
        assertEquals("veth101i0-IN in " + a + "netfilter/iptables-legacy-save.txt: 1 loaded rule(s) the files do not compile to"
                + " ('-A veth101i0-IN -p tcp -m tcp --dport 2222 -j ACCEPT').", report.findings().stream()
                .filter(x -> x.checkId().equals("evidence.kernel-rules-drift")).findFirst().orElseThrow().message());
        // the 101.fw line the extra rule is on, as written by the renderer
        assertEquals(13, lineOf(Files.readString(fx.root.resolve("etc/pve/firewall/101.fw")), "IN ACCEPT -p tcp -dport 22"));
        // the clock is 600 s ahead (the stub adds 600 to the host's time; the host is read before and after)
        Finding skew = report.findings().stream().filter(f -> f.checkId().equals("evidence.clock-skew")).findFirst().orElseThrow();
        assertTrue(skew.title().matches("The clock of lxc:103 is (59[0-9]|600) s ahead of the host's"), skew.title());

        // intent and reality side by side: the rule for Traefik -> Portainer is gone from 1001.fw
        FlowEntry portainer = flow(report, "lxc:102->vm:1001/tcp/9443");
        assertEquals(List.of("INTENT ALLOWED " + a + "phoenix/stacks/portainer_service/phoenix.json:21:17#/environments/production/firewall_rules/0",
                        "PVE_FW BLOCKED_DESTINATION_INGRESS " + a + "pve/firewall/1001.fw:1:1",
                        "IPTABLES BLOCKED_DESTINATION_INGRESS " + a + "netfilter/iptables-legacy-save.txt:"
                                + lineOf(dump, "-A tap1001i0-IN -j DROP")),
                verdicts(portainer));
        assertEquals(FlowState.BLOCKED_DESTINATION_INGRESS, portainer.summary());
        // lxc:103's firewall is off on the node: what the JSON blocks, the node lets through
        FlowEntry toCa = flow(report, "host->lxc:103/tcp/9000");
        assertEquals(List.of("INTENT BLOCKED_DESTINATION_INGRESS " + a + "phoenix/phoenix_lxc_configs.json:705:25#/lxc_configs/103/firewall",
                "PVE_FW ALLOWED " + a + "pve/firewall/cluster.fw:1:1",
                "IPTABLES ALLOWED " + a + "netfilter/iptables-legacy-save.txt:4"), verdicts(toCa));
        // the keys are not in the archive by design: not an error
        assertEquals(List.of("evidence.key-not-collected INFO [host, nginx.internal.homelab.example] " + a
                        + "phoenix/certificate-manifest.json:2:5#/0",
                "evidence.key-not-collected INFO [host, portainer.internal.homelab.example] " + a
                        + "phoenix/certificate-manifest.json:14:5#/1",
                "evidence.key-not-collected INFO [host, traefik.internal.homelab.example] " + a
                        + "phoenix/certificate-manifest.json:22:5#/2"),
                report.findings().stream().filter(x -> x.checkId().equals("evidence.key-not-collected"))
                        .map(DoctorEvidenceTest::line).toList());
        assertTrue(report.findings().stream().noneMatch(x -> x.checkId().equals("pki.manifest-file-missing")));
        // the certificates, trust stores and hashed links were checked offline against the step root: what is left
        // are the deployment's own defects and the owners, which an archive cannot restore
        assertEquals(List.of("pki.ca-state-shared", "pki.ca-state-shared", "pki.manifest-owner-unknown",
                        "pki.manifest-owner-unknown", "pki.manifest-owner-unknown"),
                report.findings().stream().map(Finding::checkId).filter(id -> id.startsWith("pki.")).toList());
        // the certificates were checked offline against the step root, with no finding about their modes
        assertTrue(report.notRun().stream().noneMatch(n -> n.what().equals("pki.rootfs")), report.notRun().toString());
        assertTrue(report.findings().stream().noneMatch(f -> f.checkId().equals("pki.manifest-chain-not-checked")
                || f.checkId().equals("pki.manifest-mode-mismatch")), report.findings().toString());
        // the same archive gives the same report, apart from the clock reading's seconds
        PhoenixDoctorTest.Run again = PhoenixDoctorTest.run("--evidence", archive.toString(), "--format", "json");
        assertEquals(run.out().replaceAll("is \\d+ s ahead", "").replaceAll("read \\d+ while the host read \\d+ to \\d+", ""),
                again.out().replaceAll("is \\d+ s ahead", "").replaceAll("read \\d+ while the host read \\d+ to \\d+", ""));
    }

    @Test
    void evidenceReplacesTheOtherInputsAndMustBeAnArchive(@TempDir Path tmp) throws Exception {
        PhoenixDoctorTest.Run both = PhoenixDoctorTest.run("--evidence", tmp.toString(), "--config", tmp.toString());
        assertEquals(2, both.code());
        assertEquals("phoenix-doctor: --evidence replaces --config, --pve-fw, --iptables-save and --rootfs\n", both.err());
        Path junk = tmp.resolve("junk.tar.gz");
        Files.writeString(junk, "not an archive");
        PhoenixDoctorTest.Run bad = PhoenixDoctorTest.run("--evidence", junk.toString());
        assertEquals(2, bad.code());
        assertEquals("phoenix-doctor: --evidence " + junk + ": " + junk + ": not an evidence archive (expected a tar.gz"
                + " written by phoenix-collect.sh, a tar or a zip file)\n", bad.err());
        PhoenixDoctorTest.Run empty = PhoenixDoctorTest.run("--evidence", tmp.toString());
        assertEquals(2, empty.code());
        assertEquals("phoenix-doctor: --evidence " + tmp + ": the archive holds no phoenix/ directory (the Phoenix JSON"
                + " files); was it written by phoenix-collect.sh?\n", empty.err());
    }

    private static FlowEntry flow(Report report, String id) {
        return report.flows().stream().filter(x -> x.id().equals(id)).findFirst().orElseThrow();
    }

    private static List<String> verdicts(FlowEntry f) {
        return f.verdicts().stream().map(v -> v.layer() + " " + v.state() + " "
                + v.location().map(Location::toString).orElse("")).toList();
    }

    /** The MANIFEST line of the first container trust store pct could not read (only lxc:103 answers). */
    private static int manifestLine(Path archive) throws Exception {
        try (io.phoenixdiag.core.evidence.EvidenceArchive ev = io.phoenixdiag.core.evidence.EvidenceArchive.open(archive)) {
            return ev.manifest().items("trust-store").stream().filter(i -> i.note().startsWith("pct exec failed"))
                    .findFirst().orElseThrow().line();
        }
    }

    private static int lineOf(String text, String line) {
        List<String> lines = text.lines().toList();
        int i = lines.indexOf(line);
        assertTrue(i >= 0, line + " not in\n" + text);
        return i + 1;
    }

    private static String line(Finding f) {
        return f.checkId() + " " + f.severity() + " " + f.subjects() + " "
                + f.locations().stream().map(Location::toString).collect(Collectors.joining(", "));
    }
}
