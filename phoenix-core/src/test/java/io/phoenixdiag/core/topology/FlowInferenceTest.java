package io.phoenixdiag.core.topology;

import static io.phoenixdiag.core.testing.Fixtures.globalFirewall;
import static io.phoenixdiag.core.testing.Fixtures.hypervisor;
import static io.phoenixdiag.core.testing.Fixtures.lxc;
import static io.phoenixdiag.core.testing.Fixtures.vm;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.phoenixdiag.core.analysis.DeploymentModel;
import io.phoenixdiag.core.diag.Location;
import io.phoenixdiag.core.firewall.VerdictState;
import io.phoenixdiag.core.testing.Fixtures;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Roles and intended flows of a small complete deployment; user flows through the Diagnosis builder. */
class FlowInferenceTest {

    @TempDir
    Path tmp;

    private Fixtures.Dir mini() {
        String nfsVolumes = "'volumes': [{'type': 'nfs', 'name': 'data', 'path': '/srv/1001', 'mount_point': '/data',"
                + " 'server': '10.0.0.13'}, {'type': 'nfs', 'name': 'certs', 'path': '/srv/1001/certs',"
                + " 'mount_point': '/certs', 'server': '10.0.0.13'}]";
        return Fixtures.in(tmp)
                .hypervisor(hypervisor(globalFirewall(""), "", "'nfs': {'exports': [{'path': '/srv',"
                        + " 'clients': ['10.0.0.111', '10.0.0.0/24']}]}").replace("\"gateway\": \"10.0.0.1\"}",
                        "\"gateway\": \"10.0.0.1\"}, \"nfs_server\": \"10.0.0.13\""))
                .lxc(lxc(101, "Nginx-Phoenix", "10.0.0.153", "'features': ['step_cli', 'trusted_ca']"),
                        lxc(102, "router", "10.0.0.12", "'features': ['traefik', 'step_cli'],"
                                + " 'bootstrap_ca_url': 'https://10.0.0.10:9000/roots.pem'"),
                        lxc(103, "Step-CA", "10.0.0.10", "'features': ['step_ca'], 'traefik_service': {'name': 'ca', 'port': 9000}"))
                .vms(vm(1001, "Portainer", "10.0.0.111", "'portainer_role': 'primary', " + nfsVolumes),
                        vm(1002, "agent", "10.0.0.102", "'portainer_role': 'agent'"),
                        vm(9000, "template", "10.0.0.90", "'portainer_role': 'agent', 'is_template': true"));
    }

    private static Map<String, IntendedFlow> byId(List<IntendedFlow> flows) {
        return flows.stream().collect(Collectors.toMap(IntendedFlow::id, Function.identity()));
    }

    @Test
    void rolesOfTheMiniDeployment() {
        Fixtures.Dir d = mini();
        Roles roles = d.model().roles();
        String lxc = d.file("phoenix_lxc_configs.json");
        assertEquals(List.of(Role.DNS, Role.NFS_SERVER), List.copyOf(roles.rolesOf(Endpoint.HOST)));
        assertEquals(List.of(Role.GATEWAY), List.copyOf(roles.rolesOf(Endpoint.lxc(101))));
        assertEquals(List.of(Role.ROUTER), List.copyOf(roles.rolesOf(Endpoint.lxc(102))));
        assertEquals(List.of(Role.CA, Role.BACKEND), List.copyOf(roles.rolesOf(Endpoint.lxc(103))));
        assertEquals(List.of(Role.PORTAINER_SERVER), List.copyOf(roles.rolesOf(Endpoint.vm(1001))));
        assertEquals(List.of(Endpoint.vm(1002), Endpoint.vm(9000)), roles.holders(Role.PORTAINER_AGENT));
        RoleAssignment gw = roles.assignments().stream().filter(a -> a.role() == Role.GATEWAY).findFirst().orElseThrow();
        assertEquals("name 'Nginx-Phoenix' (" + lxc + "#/lxc_configs/101/name)", gw.reason());
        RoleAssignment dns = roles.assignments().stream().filter(a -> a.role() == Role.DNS).findFirst().orElseThrow();
        assertEquals("nameserver of lxc:101, lxc:102, lxc:103, vm:1001 and 2 more", dns.reason());
    }

    @Test
    void flowsOfTheMiniDeployment() {
        DeploymentModel m = mini().model();
        List<String> ids = m.flows().stream().map(IntendedFlow::id).toList();
        assertEquals(List.of(
                "host->lxc:103/tcp/9000",
                "lxc:101->host/tcp/53", "lxc:101->host/udp/53", "lxc:101->lxc:102/tcp/80", "lxc:101->lxc:103/tcp/9000",
                "lxc:102->host/tcp/53", "lxc:102->host/udp/53", "lxc:102->lxc:103/tcp/9000",
                "lxc:103->host/tcp/53", "lxc:103->host/udp/53",
                "vm:1001->host/tcp/53", "vm:1001->host/tcp/2049", "vm:1001->host/udp/53",
                "vm:1001->vm:1002/tcp/9001", "vm:1001->vm:9000/tcp/9001",
                "vm:1002->host/tcp/53", "vm:1002->host/udp/53",
                "vm:9000->host/tcp/53", "vm:9000->host/udp/53",
                "external->lxc:101/tcp/80", "external->lxc:101/tcp/443"), ids);
    }

    @Test
    void flowsWithOneKeyAreMergedAndJoinTheirCauses() {
        Fixtures.Dir d = mini();
        Map<String, IntendedFlow> flows = byId(d.model().flows());
        String lxc = d.file("phoenix_lxc_configs.json");
        String vm = d.file("phoenix_vm_configs.json");
        String hv = d.file("phoenix_hypervisor_config.json");

        IntendedFlow toCa = flows.get("lxc:102->lxc:103/tcp/9000");
        assertEquals(List.of(lxc + "#/lxc_configs/103/traefik_service", lxc + "#/lxc_configs/102/features",
                lxc + "#/lxc_configs/102/bootstrap_ca_url"), pointers(toCa.impliedBy()));
        assertEquals("http", toCa.scheme(), "the first cause (the router's generated service) gives the scheme");
        assertEquals("Traefik routes ca to its backend", toCa.purpose());

        // step_cli and trusted_ca both point at /features: one cause, not two
        assertEquals(List.of(lxc + "#/lxc_configs/101/features"),
                pointers(flows.get("lxc:101->lxc:103/tcp/9000").impliedBy()));

        IntendedFlow nfs = flows.get("vm:1001->host/tcp/2049");
        assertEquals(List.of(vm + "#/vms/0/volumes/0", vm + "#/vms/0/volumes/1", hv + "#/nfs/exports/0/clients/0"),
                pointers(nfs.impliedBy()));
        assertEquals("nfs", nfs.scheme());
    }

    @Test
    void inactiveEndsGiveInactiveFlows() {
        Map<String, IntendedFlow> flows = byId(mini().model().flows());
        assertFalse(flows.get("vm:1001->vm:9000/tcp/9001").active());
        assertFalse(flows.get("vm:9000->host/udp/53").active());
        assertTrue(flows.get("vm:1001->vm:1002/tcp/9001").active());
    }

    @Test
    void usersAddAndRemoveFlows() {
        Fixtures.Dir d = mini();
        Location mine = Location.ofPointer("my-flows.json", "/0");
        IntendedFlow added = IntendedFlow.of(Endpoint.lxc(102), Endpoint.vm(1002), "tcp", 8000, "http", "Traefik to app",
                List.of(mine), true);
        IntendedFlow replaced = IntendedFlow.of(Endpoint.HOST, Endpoint.lxc(103), "tcp", 9000, "https", "my renewal",
                List.of(mine), true);
        IntendedFlow toTemplate = IntendedFlow.of(Endpoint.lxc(102), Endpoint.vm(9000), "tcp", 80, "http", "t",
                List.of(mine), true);
        DeploymentModel m = d.diagnosis().addFlow(added).addFlow(replaced).addFlow(toTemplate)
                .removeFlow("external->lxc:101/tcp/80").removeFlow("no-such-flow").build().analyse();
        Map<String, IntendedFlow> flows = byId(m.flows());
        assertEquals(added, flows.get("lxc:102->vm:1002/tcp/8000"));
        assertEquals("my renewal", flows.get("host->lxc:103/tcp/9000").purpose());
        assertFalse(flows.containsKey("external->lxc:101/tcp/80"));
        assertTrue(flows.containsKey("external->lxc:101/tcp/443"));
        assertEquals(22, m.flows().size());
        // every flow has a verdict, the user's too
        assertEquals(m.flows().stream().map(IntendedFlow::id).toList(), List.copyOf(m.verdicts().keySet()));
        assertEquals(VerdictState.ALLOWED, m.verdict(added).orElseThrow().state());
        // a user flow to a template is inactive like an inferred one
        assertFalse(flows.get("lxc:102->vm:9000/tcp/80").active());
    }

    @Test
    void userFlowToAnUnknownGuestIsUnknownWithThatReason() {
        IntendedFlow ghost = IntendedFlow.of(Endpoint.lxc(102), Endpoint.lxc(999), "tcp", 80, "http", "ghost",
                List.of(Location.ofFile("mine")), true);
        DeploymentModel m = mini().diagnosis().addFlow(ghost).build().analyse();
        assertEquals(VerdictState.UNKNOWN, m.verdict(ghost).orElseThrow().state());
        assertEquals("lxc:999 is not a guest of this deployment", m.verdict(ghost).orElseThrow().decidedBy());
        assertFalse(m.flows().stream().filter(f -> f.id().equals(ghost.id())).findFirst().orElseThrow().active());
    }

    static List<String> pointers(List<Location> locations) {
        return locations.stream().map(l -> l.file() + "#" + l.pointer()).toList();
    }
}
