package io.phoenixdiag.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.phoenixdiag.core.diag.Finding;
import io.phoenixdiag.core.diag.Location;
import io.phoenixdiag.core.diag.Severity;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** Values whose type drifted between versions are read where the meaning is clear. */
class DriftTest {

    private static LxcContainer lxc(String body) {
        LoadResult<java.util.Optional<LxcConfigs>> r =
                PhoenixLoader.LXC.load("{\"lxc_configs\": {\"7\": {" + body + "}}}", "l.json");
        assertEquals(List.of(), r.findings("config.invalid-value"));
        return r.value().orElseThrow().containers().get(7);
    }

    @Test
    void nameserversAsStringListOrSingular() {
        assertEquals(List.of("10.0.0.13"), lxc("\"network_config\": {\"nameservers\": \"10.0.0.13\"}")
                .networkConfig().orElseThrow().nameservers());
        assertEquals(List.of("1.1.1.1", "8.8.8.8"), lxc("\"network_config\": {\"nameservers\": \"1.1.1.1, 8.8.8.8\"}")
                .networkConfig().orElseThrow().nameservers());
        assertEquals(List.of("1.1.1.1", "8.8.8.8"), lxc("\"network_config\": {\"nameservers\": \"1.1.1.1 8.8.8.8\"}")
                .networkConfig().orElseThrow().nameservers());
        assertEquals(List.of("1.1.1.1", "8.8.8.8"), lxc("\"network_config\": {\"nameservers\": [\"1.1.1.1\", \"8.8.8.8\"]}")
                .networkConfig().orElseThrow().nameservers());
        assertEquals(List.of("10.0.0.13"), lxc("\"network_config\": {\"nameserver\": \"10.0.0.13\"}")
                .networkConfig().orElseThrow().nameservers());
    }

    @Test
    void listsAsOneOrCommaSeparatedString() {
        LxcContainer c = lxc("\"features\": \"step_cli, trusted_ca\", \"dependencies\": \"101,102\", \"clone_from_ctid\": 900,"
                + "\"traefik_service\": {\"name\": \"x\", \"port\": \"8443\"}, \"boot_order\": \"2\", \"start_at_boot\": \"true\"");
        assertEquals(List.of("step_cli", "trusted_ca"), c.features());
        assertEquals(List.of(101, 102), c.dependencies());
        assertEquals(OptionalInt.of(900), c.cloneFromCtid());
        assertEquals(OptionalInt.of(8443), c.traefikService().orElseThrow().port());
        assertEquals(OptionalInt.of(2), c.bootOrder());
        assertTrue(c.startAtBoot());
        assertEquals(List.of("base_setup"), lxc("\"features\": \"base_setup\"").features());
        assertEquals(List.of(1002), lxc("\"dependencies\": [1002]").dependencies());
    }

    @Test
    void firewallPortsAsNumbersOrStringsAndProxmoxFields() {
        List<FirewallRule> rules = lxc("\"firewall\": {\"enabled\": true, \"rules\": ["
                + "{\"type\": \"IN\", \"action\": \"accept\", \"proto\": \"TCP\", \"port\": 8000},"
                + "{\"type\": \"out\", \"action\": \"DROP\", \"dport\": \"8000:8010\", \"sport\": \"1024:65535\", \"enable\": 0,"
                + " \"macro\": \"DNS\", \"iface\": \"net0\"},"
                + "{\"type\": \"group\", \"action\": \"webservers\"}]}").firewall().orElseThrow().rules();
        assertEquals("IN ACCEPT tcp dport 8000", rules.get(0).summary());
        assertEquals("OUT DROP macro DNS dport 8000:8010 sport 1024:65535 iface net0 (disabled)", rules.get(1).summary());
        assertTrue(rules.get(1).dport().orElseThrow().matches(8005));
        assertFalse(rules.get(1).dport().orElseThrow().matches(8011));
        assertEquals(FirewallRule.Type.GROUP, rules.get(2).type());
        assertEquals("webservers", rules.get(2).action());
    }

    @Test
    void hostInterfacesAsObjectOrListAndTopLevelFirewall() {
        String json = "{\"network\": {\"interfaces\": [{\"name\": \"vmbr0\", \"address\": \"10.0.0.13/24\", "
                + "\"dns_nameservers\": \"10.0.0.1 8.8.8.8\"}, {\"name\": \"vmbr1\"}]},"
                + "\"firewall\": {\"enabled\": true, \"rules\": [{\"type\": \"in\", \"action\": \"ACCEPT\", \"port\": 22}]},"
                + "\"nfs\": {\"shares\": [{\"path\": \"/a\", \"options\": \"rw,sync\"}]},"
                + "\"zfs\": {\"datasets\": [{\"name\": \"d\", \"properties\": {\"quota\": \"10G\", \"sync\": \"always\"}}]}}";
        HypervisorConfig h = PhoenixLoader.HYPERVISOR.load(json, "h.json").value().orElseThrow();
        assertEquals(List.of("vmbr0", "vmbr1"), h.network().orElseThrow().interfaces().stream()
                .map(HostInterface::name).collect(java.util.stream.Collectors.toList()));
        assertEquals(List.of("10.0.0.1", "8.8.8.8"), h.network().orElseThrow().interfaces().get(0).dnsNameservers());
        assertEquals("22", h.firewall().orElseThrow().rules().get(0).dport().orElseThrow().text());
        assertEquals("/firewall", h.firewall().orElseThrow().location().pointer());
        assertEquals(List.of("rw", "sync"), h.nfs().orElseThrow().exports().get(0).options());
        assertEquals(Map.of("quota", "10G", "sync", "always"), h.zfs().orElseThrow().datasets().get(0).properties());
    }

    @Test
    void unknownFieldsAreKeptMaskedAndReportedOncePerFile() {
        String json = "{\"vms\": [{\"vmid\": 1, \"colour\": \"blue\", \"extra\": {\"api_token\": \"tok-123\", \"n\": [1, 2]}},"
                + " {\"vmid\": 2, \"colour\": \"red\"}], \"comment\": null}";
        LoadResult<java.util.Optional<VmConfigs>> r = PhoenixLoader.VM.load(json, "vm.json");
        VirtualMachine vm = r.value().orElseThrow().vms().get(0);
        assertEquals(Map.of("colour", "\"blue\"", "extra", "{\"api_token\":\"<masked>\",\"n\":[1,2]}"), vm.extraFields());
        assertFalse(vm.toString().contains("tok-123"));
        List<Finding> unknown = r.findings("config.unknown-fields");
        assertEquals(1, unknown.size());
        assertEquals(Severity.INFO, unknown.get(0).severity());
        assertEquals(List.of(Location.ofPointer("vm.json", "/vms/0/colour"), Location.ofPointer("vm.json", "/vms/0/extra"),
                Location.ofPointer("vm.json", "/vms/1/colour"), Location.ofPointer("vm.json", "/comment")),
                unknown.get(0).locations());
        assertEquals(r.findings().size(), unknown.size());
    }

    @Test
    void vmDockerStacksAsNamesOrObjects() {
        String json = "{\"vms\": [{\"vmid\": 1001, \"docker_stacks\": [\"a\", {\"name\": \"b\", \"environment\": \"testing\"}],"
                + "\"network_config\": {\"ip\": \"DHCP\"}}]}";
        VirtualMachine vm = PhoenixLoader.VM.load(json, "vm.json").value().orElseThrow().vms().get(0);
        assertEquals(List.of("a", "b"), vm.dockerStackNames());
        assertEquals("testing", vm.dockerStacks().get(1).environment());
        assertTrue(vm.networkConfig().orElseThrow().isDhcp());
        assertEquals(OptionalInt.empty(), vm.networkConfig().orElseThrow().prefixLength());
    }

    @Test
    void stackManifestIsNamedAfterItsDirectory() {
        DockerStack s = PhoenixLoader.STACK.load("{\"description\": \"d\"}", "x/stacks/qdrant/phoenix.json")
                .value().orElseThrow();
        assertEquals("qdrant", s.name());
        assertEquals("d", s.description());
    }

    @Test
    void kindIsDetectedFromTheNameOrTheParentDirectory() {
        assertEquals(java.util.Optional.of(PhoenixFileKind.VM),
                PhoenixFileKind.detect(java.nio.file.Path.of("h/phoenix_vm_configs.json/2025-1.json")));
        assertEquals(java.util.Optional.of(PhoenixFileKind.STACK),
                PhoenixFileKind.detect(java.nio.file.Path.of("stacks/a/phoenix.json")));
        assertEquals(java.util.Optional.empty(), PhoenixFileKind.detect(java.nio.file.Path.of("a/b.json")));
        assertEquals("phoenix_hypervisor_config.schema.json", PhoenixFileKind.HYPERVISOR.defaultSchemaFileName());
    }
}
