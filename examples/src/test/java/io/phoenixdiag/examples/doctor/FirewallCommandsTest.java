package io.phoenixdiag.examples.doctor;

import static io.phoenixdiag.examples.doctor.PhoenixDoctorTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.phoenixdiag.core.analysis.Diagnosis;
import io.phoenixdiag.core.diag.FlowEntry;
import io.phoenixdiag.core.diag.FlowLayer;
import io.phoenixdiag.core.diag.FlowVerdict;
import io.phoenixdiag.core.diag.Report;
import io.phoenixdiag.core.diag.ReportJson;
import io.phoenixdiag.net.pvecompile.PveRulesetRenderer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code explain}, {@code log-plan}, {@code log-read} and {@code doctor --iptables-save} on the reference deployment. */
class FirewallCommandsTest {

    private static Path reference() {
        return PhoenixDoctorTest.shared().resolve("reference/phoenix");
    }

    /** The reference deployment's intent rendered as pve-firewall would load it. */
    private static Path rendered(Path tmp) throws Exception {
        Path f = tmp.resolve("iptables.rules");
        Files.writeString(f, PveRulesetRenderer.render(Diagnosis.builder().directory(reference()).build().analyse()
                .firewall(), 4).text());
        return f;
    }

    private static List<String> head(String out, int n) {
        return out.lines().limit(n).toList();
    }

    @Test
    void explainFromTheJsonIntentShowsPolicyInDropWithItsPointer() {
        Path ref = reference();
        PhoenixDoctorTest.Run r = run("explain", "--from", "host", "--to", "lxc:103", "--proto", "tcp", "--port", "9000",
                "--config", ref.toString());
        assertEquals(1, r.code(), r.err());
        assertEquals(List.of(
                "packet: host (10.0.0.13) -> lxc:103 (10.0.0.10) tcp/9000 (source port 40000), conntrack NEW",
                "evidence: Phoenix JSON intent in " + ref + " (Proxmox VE firewall semantics)",
                "verdict: BLOCKED_DESTINATION_INGRESS (DROP)",
                "decided by: lxc:103 policy_in DROP",
                "at: " + ref.resolve("phoenix_lxc_configs.json") + "#/lxc_configs/103/firewall",
                "trace:"), head(r.out(), 6));
        List<String> trace = r.out().lines().skip(6).toList();
        assertEquals(22, trace.size());
        assertEquals("  DESTINATION_INGRESS lxc:103 net0 IN: lxc:103 IN rule 5 \"Allow Traefik to connect for ACME"
                + " challenges\" (ACCEPT tcp/9000 from 10.0.0.12) -> NO_MATCH  [" + ref.resolve("phoenix_lxc_configs.json")
                + "#/lxc_configs/103/firewall/rules/4]", trace.get(19));
        assertEquals("  DESTINATION_INGRESS lxc:103 net0 IN: lxc:103 policy_in DROP -> MATCH (DROP)  ["
                + ref.resolve("phoenix_lxc_configs.json") + "#/lxc_configs/103/firewall]", trace.get(21));
    }

    @Test
    void explainAnAllowedFlowByAddressExitsZero() {
        PhoenixDoctorTest.Run r = run("explain", "--from", "10.0.0.12", "--to", "lxc:103", "--port", "9000",
                "--config", reference().toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("verdict: ALLOWED", r.out().lines().toList().get(2));
        assertEquals("decided by: lxc:103 IN rule 5 \"Allow Traefik to connect for ACME challenges\" (ACCEPT tcp/9000"
                + " from 10.0.0.12)", r.out().lines().toList().get(3));
    }

    @Test
    void explainOnTheRenderedKernelRulesNamesTableChainRuleAndLine(@TempDir Path tmp) throws Exception {
        Path rules = rendered(tmp);
        PhoenixDoctorTest.Run r = run("explain", "--from", "host", "--to", "lxc:103", "--port", "9000",
                "--config", reference().toString(), "--iptables-save", rules.toString());
        assertEquals(1, r.code(), r.err());
        assertEquals("", r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals("evidence: netfilter rules in " + rules + " (233 rules)", lines.get(1));
        assertEquals("verdict: BLOCKED_DESTINATION_INGRESS (DROP)", lines.get(2));
        assertEquals("decided by: DESTINATION_INGRESS (FORWARD in fwbr103i0: fwln103i0 -> veth103i0 (lxc:103 net0"
                + " ingress)): DROP by filter/veth103i0-IN rule 6 (line 213) `-A veth103i0-IN -j DROP`.", lines.get(3));
        assertEquals("at: " + rules + ":213", lines.get(4));
        assertEquals("  pass 1: OUTPUT by vmbr0 (host) [SOURCE_EGRESS]", lines.get(6));
        assertTrue(lines.contains("    filter:PVEFW-FWBR-IN:rule:6 (line 69) -A PVEFW-FWBR-IN -m physdev --physdev-out"
                + " veth103i0 --physdev-is-bridged -j veth103i0-IN"), r.out());
        assertTrue(lines.contains("    filter:veth103i0-IN:rule:6 (line 213) -A veth103i0-IN -j DROP"), r.out());
    }

    @Test
    void explainRefusesUnusableInput(@TempDir Path tmp) {
        assertEquals(2, run("explain", "--from", "host", "--to", "lxc:103", "--port", "9000").code());
        PhoenixDoctorTest.Run r = run("explain", "--from", "mars", "--to", "lxc:103", "--port", "9000", "--config",
                reference().toString());
        assertEquals(2, r.code());
        assertEquals("phoenix-doctor: --from: expected host, external, lxc:<CTID>, vm:<VMID> or an address but got"
                + " 'mars'\n", r.err());
        r = run("explain", "--from", "host", "--to", "lxc:103", "--port", "9000", "--iptables-save",
                tmp.resolve("nope").toString(), "--config", reference().toString());
        assertEquals(2, r.code());
        assertEquals("phoenix-doctor: --iptables-save " + tmp.resolve("nope") + ": no such file\n", r.err());
        r = run("explain", "--from", "host", "--to", "lxc:999", "--port", "9000", "--config", reference().toString());
        assertEquals(2, r.code());
        assertEquals("phoenix-doctor: --to lxc:999: the deployment declares no such guest\n", r.err());
    }

    @Test
    void doctorShowsTheIptablesLayerBesideTheIntentAndTheyAgree(@TempDir Path tmp) throws Exception {
        Path rules = rendered(tmp);
        PhoenixDoctorTest.Run r = run("doctor", "--config", reference().toString(), "--iptables-save", rules.toString(),
                "--format", "json");
        assertEquals(1, r.code(), r.err());
        Report report = ReportJson.read(r.out());
        int compared = 0;
        for (FlowEntry f : report.flows()) {
            FlowVerdict ipt = f.verdict(FlowLayer.IPTABLES).orElseThrow();
            FlowVerdict intent = f.verdict(FlowLayer.INTENT).orElseThrow();
            if (intent.state().name().equals("UNKNOWN")) {
                continue;
            }
            assertEquals(intent.state(), ipt.state(), f.id() + ": " + ipt.decidedBy());
            compared++;
        }
        assertEquals(35, compared); // 34 inferred flows + the gateway's nginx flow lxc:101->lxc:102/tcp/8443
        FlowVerdict v = report.flow("host->lxc:103/tcp/9000").orElseThrow().verdict(FlowLayer.IPTABLES).orElseThrow();
        assertEquals(rules + ":213", v.location().orElseThrow().toString());
        assertEquals(9, report.findings().stream().filter(f -> f.checkId().equals("iptables.flow-blocked")).count()); // + nginx tcp/8443
        assertEquals(0, report.findings().stream().filter(f -> f.checkId().equals("iptables.intent-drift")).count());
    }

    @Test
    void logPlanAndLogReadRoundTrip(@TempDir Path tmp) throws Exception {
        Path rules = tmp.resolve("r.rules");
        Files.writeString(rules, "*filter\n:INPUT DROP [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n"
                + "-A INPUT -i lo -j ACCEPT\n-A INPUT -s 10.0.0.66/32 -p tcp -m tcp --dport 22 -j REJECT --reject-with tcp-reset\n"
                + "-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT\nCOMMIT\n");
        PhoenixDoctorTest.Run plan = run("log-plan", "--iptables-save", rules.toString());
        assertEquals(0, plan.code(), plan.err());
        assertEquals(List.of(
                "# log plan for " + rules + " (2 drops logged)",
                "# add:",
                "iptables -t filter -I INPUT 2 -s 10.0.0.66/32 -p tcp -m tcp --dport 22 -m limit --limit 5/min -j LOG"
                        + " --log-prefix \"PHX1:INPUT:2: \"",
                "iptables -t filter -A INPUT -m limit --limit 5/min -j LOG --log-prefix \"PHX2:INPUT:P: \"",
                "# remove:",
                "iptables -t filter -D INPUT -s 10.0.0.66/32 -p tcp -m tcp --dport 22 -m limit --limit 5/min -j LOG"
                        + " --log-prefix \"PHX1:INPUT:2: \"",
                "iptables -t filter -D INPUT -m limit --limit 5/min -j LOG --log-prefix \"PHX2:INPUT:P: \"",
                "# prefix map:",
                "PHX1:INPUT:2:\tfilter/INPUT rule 2 (" + rules + ":6)\t-A INPUT -s 10.0.0.66/32 -p tcp -m tcp --dport 22"
                        + " -j REJECT --reject-with tcp-reset",
                "PHX2:INPUT:P:\tfilter/INPUT policy (" + rules + ":2)\tpolicy DROP"), plan.out().lines().toList());
        Path json = tmp.resolve("plan.json");
        Files.writeString(json, run("log-plan", "--iptables-save", rules.toString(), "--format", "json").out());
        Path log = tmp.resolve("kern.log");
        Files.writeString(log, String.join("\n",
                "Jan 15 10:00:00 pve kernel: [ 812.123456] PHX1:INPUT:2: IN=vmbr0 OUT= MAC=52:54:00:aa:bb:cc:52:54:00:11:22:33:08:00"
                        + " SRC=10.0.0.66 DST=10.0.0.13 LEN=60 TOS=0x00 PREC=0x00 TTL=64 ID=4242 DF PROTO=TCP SPT=51000"
                        + " DPT=22 WINDOW=64240 RES=0x00 SYN URGP=0",
                "Jan 15 10:00:01 pve kernel: usb 1-1: new high-speed USB device",
                "Jan 15 10:00:02 pve kernel: PHX1:INPUT:2: IN=vmbr0 OUT= SRC=10.0.0.66 DST=10.0.0.13 LEN=60 PROTO=TCP"
                        + " SPT=51002 DPT=22 SYN URGP=0",
                "Jan 15 10:00:03 pve kernel: PHX2:INPUT:P: IN=vmbr0 OUT= SRC=10.0.0.12 DST=10.0.0.13 LEN=52 PROTO=UDP"
                        + " SPT=5353 DPT=53 LEN=32",
                "Jan 15 10:00:04 pve kernel: PHX2:INPUT:P: IN=vmbr0 OUT= SRC=10.0.0.999 DST=10.0.0.13 PROTO=UDP", ""));
        PhoenixDoctorTest.Run read = run("log-read", "--log", log.toString(), "--plan", json.toString(), "--config",
                reference().toString());
        assertEquals(1, read.code(), read.err());
        assertEquals("warning: Line 5 of " + log + " looks like a LOG line but SRC=10.0.0.999 is not an IP address:"
                + " Jan 15 10:00:04 pve kernel: PHX2:INPUT:P: IN=vmbr0 OUT= SRC=10.0.0.999 DST=10.0.0.13 PROTO=UDP.\n",
                read.err());
        assertEquals(List.of(
                "3 LOG lines, 2 flows, 1 other lines, 1 unreadable",
                "2 x external (10.0.0.66) -> host (10.0.0.13) TCP/22 by filter/INPUT rule 2 (" + rules + ":6) `-A INPUT"
                        + " -s 10.0.0.66/32 -p tcp -m tcp --dport 22 -j REJECT --reject-with tcp-reset`, first Jan 15"
                        + " 10:00:00, last Jan 15 10:00:02 via vmbr0>-",
                "1 x lxc:102 (10.0.0.12) -> host (10.0.0.13) UDP/53 by filter/INPUT policy DROP (" + rules + ":2), first"
                        + " Jan 15 10:00:03, last Jan 15 10:00:03 via vmbr0>-"), read.out().lines().toList());
    }
}
