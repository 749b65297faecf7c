package io.phoenixdiag.core.checks;

import static io.phoenixdiag.core.checks.StaticChecksTest.at;
import static io.phoenixdiag.core.checks.StaticChecksTest.pointers;
import static io.phoenixdiag.core.testing.Fixtures.firewall;
import static io.phoenixdiag.core.testing.Fixtures.globalFirewall;
import static io.phoenixdiag.core.testing.Fixtures.hypervisor;
import static io.phoenixdiag.core.testing.Fixtures.lxc;
import static io.phoenixdiag.core.testing.Fixtures.rule;
import static io.phoenixdiag.core.testing.Fixtures.vm;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.phoenixdiag.core.diag.Finding;
import io.phoenixdiag.core.diag.Severity;
import io.phoenixdiag.core.testing.Fixtures;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The firewall checks: blocked intended flows and rule-set analysis. */
class FirewallChecksTest {

    private static final String LXC = "phoenix_lxc_configs.json";
    private static final String HV = "phoenix_hypervisor_config.json";
    /** Global rules that let guests use the host's DNS, so only the flows under test are blocked. */
    private static final String HOST_DNS = rule("in", "ACCEPT", "10.0.0.0/24", "udp", "53") + ", "
            + rule("in", "ACCEPT", "10.0.0.0/24", "tcp", "53");

    @TempDir
    Path tmp;

    /** A CA that admits 10.0.0.12, drops 10.0.0.15 explicitly, and four clients. */
    private Fixtures.Dir caDeployment() {
        return Fixtures.in(tmp).hypervisor(hypervisor(globalFirewall(HOST_DNS), ""))
                .lxc(lxc(103, "Step-CA", "10.0.0.10", "'features': ['step_ca'], " + firewall(true,
                                rule("in", "ACCEPT", "10.0.0.12", "tcp", "9000") + ", "
                                        + rule("in", "DROP", "10.0.0.15", "tcp", "9000"))),
                        lxc(102, "client-ok", "10.0.0.12", "'features': ['step_cli']"),
                        lxc(104, "client-policy", "10.0.0.14", "'features': ['step_cli']"),
                        lxc(105, "client-dropped", "10.0.0.15", "'features': ['trusted_ca']"),
                        lxc(106, "client-off", "10.0.0.16", "'features': ['step_cli'], 'start_at_boot': false"));
    }

    @Test
    void blockedFlowsNameTheDecidingPolicyOrRule() {
        Fixtures.Dir d = caDeployment();
        List<Finding> fs = Fixtures.run(new FlowBlockedCheck(), d.model());
        assertEquals(List.of("host", "lxc:104", "lxc:105", "lxc:106"),
                fs.stream().map(f -> f.subjects().get(0)).toList(), fs::toString);
        fs.forEach(f -> assertEquals("firewall.flow-blocked", f.checkId()));

        Finding byPolicy = fs.get(1);
        assertEquals(Severity.ERROR, byPolicy.severity());
        assertEquals("client-policy (10.0.0.14) cannot reach Step-CA (10.0.0.10) on tcp/9000", byPolicy.title());
        assertEquals(List.of("lxc:104", "lxc:103", "10.0.0.10:9000/tcp"), byPolicy.subjects());
        assertEquals(List.of(at(d, LXC, "/lxc_configs/103/firewall")), pointers(byPolicy));
        assertEquals("step CLI obtains and renews certificates from Step-CA, but the firewall drops the connection"
                + " entering lxc:103 (its IN rules): lxc:103 policy_in DROP.", byPolicy.message());
        assertEquals("Add to the firewall.rules of lxc:103 in phoenix_lxc_configs.json: {\"type\": \"in\","
                + " \"action\": \"ACCEPT\", \"source\": \"10.0.0.14\", \"proto\": \"tcp\", \"port\": \"9000\"}.",
                byPolicy.remediation());

        Finding byRule = fs.get(2);
        assertEquals(Severity.ERROR, byRule.severity());
        assertEquals(List.of(at(d, LXC, "/lxc_configs/103/firewall/rules/1")), pointers(byRule));
        assertTrue(byRule.message().endsWith(": lxc:103 IN rule 2 (DROP tcp/9000 from 10.0.0.15)."), byRule.message());
        // an ACCEPT appended after the DROP rule would never be reached: first match wins
        assertEquals("Change or delete lxc:103 IN rule 2 (DROP tcp/9000 from 10.0.0.15), which drops the flow (the"
                + " first matching rule wins), or add before it in the firewall.rules of lxc:103 in"
                + " phoenix_lxc_configs.json: {\"type\": \"in\", \"action\": \"ACCEPT\", \"source\": \"10.0.0.15\","
                + " \"proto\": \"tcp\", \"port\": \"9000\"}.", byRule.remediation());

        Finding host = fs.get(0);
        assertEquals(List.of("host", "lxc:103", "10.0.0.10:9000/tcp"), host.subjects());
        assertEquals(Severity.ERROR, host.severity());

        Finding inactive = fs.get(3);
        assertEquals(Severity.INFO, inactive.severity());
        assertTrue(inactive.message().endsWith("One end is inactive, so this matters only once it runs."),
                inactive.message());
    }

    @Test
    void allowedFlowsGiveNothing() {
        Fixtures.Dir d = Fixtures.in(tmp).hypervisor(hypervisor(globalFirewall(HOST_DNS + ", "
                        + rule("in", "ACCEPT", "", "tcp", "9000")), ""))
                .lxc(lxc(103, "Step-CA", "10.0.0.10", "'features': ['step_ca'], " + firewall(true,
                                rule("in", "ACCEPT", "10.0.0.0/24", "tcp", "9000"))),
                        lxc(102, "client-ok", "10.0.0.12", "'features': ['step_cli']"));
        assertEquals(List.of(), Fixtures.run(new FlowBlockedCheck(), d.model()));
    }

    @Test
    void egressBlockNamesTheSourceRules() {
        Fixtures.Dir d = Fixtures.in(tmp).hypervisor(hypervisor(globalFirewall(HOST_DNS), ""))
                .lxc(lxc(103, "Step-CA", "10.0.0.10", "'features': ['step_ca'], " + firewall(true,
                                rule("in", "ACCEPT", "10.0.0.12", "tcp", "9000"))),
                        lxc(102, "client", "10.0.0.12", "'features': ['step_cli'], " + firewall(true,
                                rule("out", "DROP", "10.0.0.10", "tcp", "9000"))));
        List<Finding> fs = Fixtures.run(new FlowBlockedCheck(), d.model()).stream()
                .filter(f -> f.subjects().get(0).equals("lxc:102")).toList();
        assertEquals(1, fs.size(), fs::toString);
        assertTrue(fs.get(0).message().contains("leaving lxc:102 (its OUT rules)"), fs.get(0).message());
        assertEquals(List.of(at(d, LXC, "/lxc_configs/102/firewall/rules/0")), pointers(fs.get(0)));
    }

    // ---- RuleSetCheck

    @Test
    void duplicateGuestRule() {
        Fixtures.Dir d = Fixtures.in(tmp).lxc(lxc(101, "web", "10.0.0.20", firewall(true,
                rule("in", "ACCEPT", "10.0.0.12", "tcp", "80") + ", " + rule("in", "ACCEPT", "10.0.0.12", "tcp", "80"))));
        List<Finding> fs = Fixtures.run(new RuleSetCheck(), d.model());
        assertEquals(1, fs.size(), fs::toString);
        Finding f = fs.get(0);
        assertEquals("firewall.duplicate-rule", f.checkId());
        assertEquals(Severity.WARNING, f.severity());
        assertEquals(List.of("lxc:101"), f.subjects());
        assertEquals(List.of(at(d, LXC, "/lxc_configs/101/firewall/rules/1")), pointers(f));
        assertEquals("Rule 2 repeats rule 1 exactly; it can never decide a packet.", f.message());
        assertEquals("Delete rule 2.", f.remediation());
    }

    @Test
    void datacenterRuleForAGuest() {
        Fixtures.Dir d = Fixtures.in(tmp)
                .hypervisor(hypervisor(globalFirewall(rule("in", "ACCEPT", "10.0.0.0/24", "tcp", "8080")), ""))
                .lxc(lxc(101, "web", "10.0.0.20", "'traefik_service': {'name': 'web', 'port': 8080}, "
                        + firewall(true, rule("in", "ACCEPT", "10.0.0.12", "tcp", "8080"))));
        List<Finding> fs = Fixtures.run(new RuleSetCheck(), d.model());
        assertEquals(1, fs.size(), fs::toString);
        Finding f = fs.get(0);
        assertEquals("firewall.datacenter-rule-for-guest", f.checkId());
        assertEquals(Severity.WARNING, f.severity());
        assertEquals(List.of("datacenter", "lxc:101"), f.subjects());
        assertEquals(List.of(at(d, HV, "/shared_volumes/firewall/global_firewall_rules/0")), pointers(f));
        assertTrue(f.message().contains("filter only the Proxmox host"), f.message());
    }

    @Test
    void datacenterDisabledWhileGuestsEnableTheirFirewall() {
        Fixtures.Dir d = Fixtures.in(tmp).hypervisor(hypervisor(
                        "{'enabled': false, 'default_input_policy': 'DROP', 'global_firewall_rules': []}", ""))
                .lxc(lxc(101, "web", "10.0.0.20", firewall(true, rule("in", "ACCEPT", "10.0.0.12", "tcp", "80"))));
        List<Finding> fs = Fixtures.run(new RuleSetCheck(), d.model());
        assertEquals(1, fs.size(), fs::toString);
        Finding f = fs.get(0);
        assertEquals("firewall.datacenter-disabled", f.checkId());
        assertEquals(Severity.WARNING, f.severity());
        assertEquals(List.of("host"), f.subjects());
        assertEquals(d.file(HV), f.locations().get(0).file());
        assertTrue(f.remediation().contains("\"enabled\": true"), f.remediation());
    }

    @Test
    void noGlobalFirewallSectionWhileGuestsEnableTheirsIsDisabledToo() {
        Fixtures.Dir d = Fixtures.in(tmp).hypervisor(hypervisor(null, ""))
                .vms(vm(1001, "app", "10.0.0.21", firewall(true, rule("in", "ACCEPT", "10.0.0.12", "tcp", "80"))));
        List<Finding> fs = Fixtures.run(new RuleSetCheck(), d.model());
        assertEquals(List.of("firewall.datacenter-disabled"), fs.stream().map(Finding::checkId).toList());
    }

    @Test
    void cleanRuleSetsGiveNothing() {
        Fixtures.Dir d = Fixtures.in(tmp).hypervisor(hypervisor(globalFirewall(HOST_DNS), ""))
                .lxc(lxc(101, "web", "10.0.0.20", firewall(true, rule("in", "ACCEPT", "10.0.0.12", "tcp", "80") + ", "
                        + rule("in", "ACCEPT", "10.0.0.12", "tcp", "443"))), lxc(102, "off", "10.0.0.21", firewall(false, "")));
        assertEquals(List.of(), Fixtures.run(new RuleSetCheck(), d.model()));
    }

    @Test
    void firewallsOffEverywhereAreNotADisabledDatacenter() {
        Fixtures.Dir d = Fixtures.in(tmp).hypervisor(hypervisor(null, ""))
                .lxc(lxc(101, "web", "10.0.0.20", firewall(false, "")));
        assertEquals(List.of(), Fixtures.run(new RuleSetCheck(), d.model()));
    }
}
