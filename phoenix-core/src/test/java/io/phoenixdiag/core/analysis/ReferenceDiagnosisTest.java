package io.phoenixdiag.core.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.phoenixdiag.core.config.SecretOccurrence;
import io.phoenixdiag.core.diag.FlowEntry;
import io.phoenixdiag.core.diag.FlowLayer;
import io.phoenixdiag.core.diag.FlowState;
import io.phoenixdiag.core.diag.FlowVerdict;
import io.phoenixdiag.core.diag.NodeEntry;
import io.phoenixdiag.core.diag.Report;
import io.phoenixdiag.core.diag.ReportRenderer;
import io.phoenixdiag.core.diag.Severity;
import io.phoenixdiag.core.firewall.Verdict;
import io.phoenixdiag.core.firewall.VerdictState;
import io.phoenixdiag.core.testing.Fixtures;
import io.phoenixdiag.core.topology.Endpoint;
import io.phoenixdiag.core.topology.Guest;
import io.phoenixdiag.core.topology.IntendedFlow;
import io.phoenixdiag.core.topology.Role;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The diagnosis of the real deployment in {@code ../shared/reference/phoenix}, with exact expected facts. */
class ReferenceDiagnosisTest {

    private static Path dir;
    private static Diagnosis diagnosis;
    private static DeploymentModel model;
    private static Report report;

    @BeforeAll
    static void analyse() {
        dir = Fixtures.reference();
        diagnosis = Diagnosis.of(dir);
        model = diagnosis.analyse();
        report = diagnosis.run();
    }

    private static String file(String name) {
        return dir.resolve(name).toString();
    }

    private static List<String> roles(Endpoint e) {
        return model.roles().assignments().stream().filter(a -> a.endpoint().equals(e))
                .map(a -> a.role().id() + ": " + a.reason()).toList();
    }

    @Test
    void rolesWithTheirReasons() {
        String lxc = file("phoenix_lxc_configs.json");
        String vm = file("phoenix_vm_configs.json");
        assertEquals(List.of("gateway: name 'Nginx-Phoenix' (" + lxc + "#/lxc_configs/101/name)",
                "backend: traefik_service nginx (" + lxc + ":465:32#/lxc_configs/101/traefik_service)"),
                roles(Endpoint.lxc(101)));
        assertEquals(List.of("router: feature traefik (" + lxc + "#/lxc_configs/102/features)"), roles(Endpoint.lxc(102)));
        assertEquals(List.of("ca: feature step_ca (" + lxc + "#/lxc_configs/103/features)",
                "backend: traefik_service ca (" + lxc + ":695:32#/lxc_configs/103/traefik_service)"),
                roles(Endpoint.lxc(103)));
        assertEquals(List.of("dns: nameserver of lxc:101, lxc:102, lxc:103, vm:1001 and 2 more",
                "nfs-server: network.nfs_server 10.0.0.13 (" + file("phoenix_hypervisor_config.json") + ":22:16#/network)"),
                roles(Endpoint.HOST));
        assertEquals(List.of("portainer-server: portainer_role primary (" + vm + "#/vms/1/portainer_role)",
                "backend: traefik_service portainer (" + vm + ":45:32#/vms/1/traefik_service)"), roles(Endpoint.vm(1001)));
        assertEquals(List.of("portainer-agent: portainer_role agent (" + vm + "#/vms/2/portainer_role)",
                "backend: traefik_service portainer-agent (" + vm + ":121:32#/vms/2/traefik_service)"),
                roles(Endpoint.vm(1002)));
        assertEquals(List.of(Endpoint.lxc(103)), model.roles().holders(Role.CA));
        assertEquals(List.of(Endpoint.lxc(102)), model.roles().holders(Role.ROUTER));
    }

    @Test
    void inactiveGuests() {
        Map<String, String> inactive = model.topology().guests().stream().filter(g -> !g.active())
                .collect(Collectors.toMap(g -> g.endpoint().subject(), Guest::inactiveReason));
        assertEquals(Map.of("lxc:900", "start_at_boot is false", "lxc:901", "start_at_boot is false",
                "lxc:910", "start_at_boot is false", "lxc:911", "start_at_boot is false",
                "lxc:912", "start_at_boot is false", "vm:9000", "is_template is true"), inactive);
        assertEquals(15, model.topology().guests().size());
    }

    private static IntendedFlow flow(String id) {
        return model.flows().stream().filter(f -> f.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no flow " + id));
    }

    @Test
    void intendedFlowsThatMustExist() {
        for (String id : List.of("external->lxc:101/tcp/80", "external->lxc:101/tcp/443", "lxc:101->lxc:102/tcp/80",
                "lxc:102->lxc:103/tcp/9000", "lxc:101->lxc:103/tcp/9000", "host->lxc:103/tcp/9000",
                "vm:1001->lxc:103/tcp/9000", "vm:1002->lxc:103/tcp/9000", "lxc:102->lxc:801/tcp/8000",
                "lxc:102->lxc:917/tcp/8081", "lxc:102->vm:1001/tcp/9443", "lxc:102->vm:1002/tcp/9001",
                "vm:1001->vm:1002/tcp/9001", "vm:1001->host/tcp/2049", "vm:1002->host/tcp/2049",
                "lxc:103->host/udp/53", "lxc:103->host/tcp/53", "host->external/udp/53")) {
            assertTrue(flow(id).active(), id);
        }
        assertEquals("http", flow("lxc:102->lxc:103/tcp/9000").scheme());
        assertEquals("https", flow("lxc:102->vm:1001/tcp/9443").scheme());
        assertEquals("8.8.8.8", flow("host->external/udp/53").externalAddress());
        assertEquals(37, model.flows().size()); // 36 inferred + nginx's lxc:101->lxc:102/tcp/8443
    }

    @Test
    void inactiveGuestsGiveInactiveFlows() {
        assertFalse(flow("lxc:900->external/udp/53").active());
        assertEquals("8.8.8.8", flow("lxc:900->external/udp/53").externalAddress());
        assertFalse(flow("vm:9000->host/udp/53").active());
        assertEquals(VerdictState.UNKNOWN, model.verdict(flow("vm:9000->host/udp/53")).orElseThrow().state());
        List<String> inactive = model.flows().stream().filter(f -> !f.active()).map(IntendedFlow::id).toList();
        assertEquals(List.of("lxc:900->external/tcp/53", "lxc:900->external/udp/53", "vm:9000->host/tcp/53",
                "vm:9000->host/udp/53"), inactive);
    }

    private static void verdict(String flowId, VerdictState state, String decidedBy, String file, String pointer) {
        Verdict v = model.verdict(flow(flowId)).orElseThrow();
        assertEquals(state, v.state(), flowId);
        assertEquals(decidedBy, v.decidedBy(), flowId);
        assertEquals(Optional.of(file(file) + "#" + pointer), v.location().map(l -> l.file() + "#" + l.pointer()), flowId);
    }

    @Test
    void intentVerdicts() {
        // 103 admits only 10.0.0.12 (Traefik) and 10.0.0.153 (Nginx) on 9000
        verdict("host->lxc:103/tcp/9000", VerdictState.BLOCKED_DESTINATION_INGRESS, "lxc:103 policy_in DROP",
                "phoenix_lxc_configs.json", "/lxc_configs/103/firewall");
        verdict("vm:1001->lxc:103/tcp/9000", VerdictState.BLOCKED_DESTINATION_INGRESS, "lxc:103 policy_in DROP",
                "phoenix_lxc_configs.json", "/lxc_configs/103/firewall");
        verdict("lxc:101->lxc:102/tcp/80", VerdictState.ALLOWED,
                "lxc:102 IN rule 1 \"Allow Nginx (10.0.0.153) to proxy web traffic\" (ACCEPT tcp/80 from 10.0.0.153)",
                "phoenix_lxc_configs.json", "/lxc_configs/102/firewall/rules/0");
        verdict("lxc:102->lxc:103/tcp/9000", VerdictState.ALLOWED,
                "lxc:103 IN rule 5 \"Allow Traefik to connect for ACME challenges\" (ACCEPT tcp/9000 from 10.0.0.12)",
                "phoenix_lxc_configs.json", "/lxc_configs/103/firewall/rules/4");
        verdict("vm:1001->vm:1002/tcp/9001", VerdictState.ALLOWED,
                "vm:1002 IN rule 1 \"Allow Portainer server to access agent\" (ACCEPT tcp/9001 from 10.0.0.111)",
                "phoenix_vm_configs.json", "/vms/2/firewall/rules/0");
        // the datacenter rules apply to the host
        verdict("vm:1001->host/tcp/2049", VerdictState.ALLOWED, "datacenter IN rule 5 \"Allow internal guests to access"
                + " NFS on Host\" (ACCEPT tcp/2049 from 10.0.0.0/24 to 10.0.0.13)",
                "phoenix_hypervisor_config.json", "/shared_volumes/firewall/global_firewall_rules/4");
        // ... but not to the gateway: its own rules admit no external client
        verdict("external->lxc:101/tcp/443", VerdictState.BLOCKED_DESTINATION_INGRESS, "lxc:101 policy_in DROP",
                "phoenix_lxc_configs.json", "/lxc_configs/101/firewall");
        // a VM's rules include its docker stacks' production firewall_rules
        verdict("lxc:102->vm:1001/tcp/9443", VerdictState.ALLOWED,
                "vm:1001 IN rule 3 \"Allow Traefik to access Portainer\" (ACCEPT tcp/9443 from 10.0.0.12)",
                "stacks/portainer_service/phoenix.json", "/environments/production/firewall_rules/0");
    }

    @Test
    void reportHasNoLoaderErrorAnIntentVerdictPerFlowAndEveryNode() {
        assertEquals(List.of(), diagnosis.loaded().findings().stream()
                .filter(f -> f.severity().compareTo(Severity.ERROR) >= 0).toList());
        assertEquals(37, report.flows().size());
        for (FlowEntry f : report.flows()) {
            assertEquals(1, f.verdicts().size(), f.id());
            FlowVerdict v = f.verdicts().get(0);
            assertEquals(FlowLayer.INTENT, v.layer(), f.id());
            assertEquals(model.verdict(flow(f.id())).orElseThrow().state().name(), v.state().name(), f.id());
        }
        FlowEntry host = report.flow("host->lxc:103/tcp/9000").orElseThrow();
        assertEquals(FlowState.BLOCKED_DESTINATION_INGRESS, host.verdicts().get(0).state());
        assertEquals(Optional.of(file("phoenix_lxc_configs.json") + "#/lxc_configs/103/firewall"),
                host.verdicts().get(0).location().map(l -> l.file() + "#" + l.pointer()));
        List<String> expectedNodes = new java.util.ArrayList<>(List.of("host"));
        model.topology().guests().forEach(g -> expectedNodes.add(g.endpoint().subject()));
        expectedNodes.add("external");
        assertEquals(expectedNodes, report.nodes().stream().map(NodeEntry::id).toList());
        NodeEntry template = report.nodes().stream().filter(n -> n.id().equals("vm:9000")).findFirst().orElseThrow();
        assertFalse(template.active());
        assertEquals("vm", template.kind());
        assertEquals(model.roles().assignments().size(), report.roles().size());
        assertTrue(report.hasProblems());
    }

    @Test
    void reportFindingsOnTheReference() {
        Map<String, Long> counts = report.findings().stream()
                .collect(Collectors.groupingBy(f -> f.checkId() + "/" + f.severity(), Collectors.counting()));
        assertEquals(9L, counts.get("firewall.flow-blocked/ERROR")); // + nginx -> Traefik tcp/8443
        assertEquals(2L, counts.get("pki.ca-state-shared/ERROR"));
        assertEquals(2L, counts.get("router.scheme-mismatch/ERROR"));
        assertEquals(1L, counts.get("manifest.key-readable-by-others/ERROR"));
        assertEquals(4L, counts.get("secrets.plaintext/ERROR"));
        assertEquals(null, counts.get("topology.dependency-cycle/ERROR"));
        assertEquals(null, counts.get("topology.duplicate-address/ERROR"));
    }

    @Test
    void noSecretInAnyRendering() {
        List<String> secrets = model.deployment().secrets().stream().filter(s -> !s.placeholder())
                .map(SecretOccurrence::value).map(s -> s.reveal()).distinct().toList();
        assertFalse(secrets.isEmpty());
        for (ReportRenderer r : List.of(ReportRenderer.text(false), ReportRenderer.text(true), ReportRenderer.json(),
                ReportRenderer.markdown())) {
            String out = r.render(report);
            for (String s : secrets) {
                assertFalse(out.contains(s), "a secret of " + secrets.indexOf(s) + " leaks");
            }
        }
    }
}
