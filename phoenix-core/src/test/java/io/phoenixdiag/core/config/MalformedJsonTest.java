package io.phoenixdiag.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.phoenixdiag.core.diag.Finding;
import io.phoenixdiag.core.diag.Location;
import io.phoenixdiag.core.diag.Severity;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Malformed JSON, wrong types and duplicate keys give findings with exact locations, and loading goes on. */
class MalformedJsonTest {

    private static String only(LoadResult<?> r, String checkId) {
        List<Finding> f = r.findings(checkId);
        assertEquals(1, f.size(), () -> r.findings().toString());
        return f.get(0).locations().get(0).toString();
    }

    @Test
    void truncatedFileIsOneErrorWithLineAndColumn() {
        String json = "{\n  \"lxc_configs\": {\n    \"103\": {\"name\": \"Step-CA\"";
        LoadResult<Optional<LxcConfigs>> r = PhoenixLoader.LXC.load(json, "lxc.json");
        assertEquals(Optional.empty(), r.value());
        assertEquals(1, r.findings().size());
        Finding f = r.findings().get(0);
        assertEquals("config.malformed-json", f.checkId());
        assertEquals(Severity.ERROR, f.severity());
        assertEquals(new Location("lxc.json", "", 3, 30), f.locations().get(0));
        assertTrue(f.message().startsWith("lxc.json is not well-formed JSON at line 3, column 30: Unexpected end-of-input"),
                f.message());
    }

    @Test
    void syntaxErrorsAndTrailingContent() {
        assertEquals("x.json:2:7", only(PhoenixLoader.VM.load("{\"vms\": [],\n \"a\": tru }", "x.json"),
                "config.malformed-json"));
        assertEquals("x.json:1:4", only(PhoenixLoader.VM.load("{} {}", "x.json"), "config.malformed-json"));
        assertEquals("x.json:1:1", only(PhoenixLoader.VM.load("  ", "x.json"), "config.malformed-json"));
        assertEquals("x.json:1:12", only(PhoenixLoader.VM.load("{\"vms\": [1,]}", "x.json"), "config.malformed-json"));
    }

    @Test
    void notUtf8IsAnErrorNotAnException() {
        byte[] latin1 = "{\"name\": \"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);
        LoadResult<Optional<DockerStack>> r = PhoenixLoader.STACK.load(new ByteArrayInputStream(latin1), "s/phoenix.json");
        assertEquals(Optional.empty(), r.value());
        assertEquals("s/phoenix.json", only(r, "config.malformed-json"));
    }

    @Test
    void wrongTopLevelShapeIsAnError() {
        LoadResult<Optional<HypervisorConfig>> r = PhoenixLoader.HYPERVISOR.load("[1, 2]", "h.json");
        assertEquals(Optional.empty(), r.value());
        assertEquals(List.of("config.invalid-value", "config.unusable-file"),
                r.findings().stream().map(Finding::checkId).collect(Collectors.toList()));
        assertEquals("h.json:1:1", r.findings().get(0).locations().get(0).toString());
    }

    @Test
    void wrongTypesSkipJustTheElement() {
        String json = String.join("\n",
                "{\"lxc_configs\": {",
                "  \"101\": {\"name\": \"ok\", \"cores\": \"four\", \"features\": {\"a\": 1},",
                "          \"firewall\": {\"enabled\": true, \"rules\": [",
                "             {\"type\": \"in\", \"action\": \"ACCEPT\", \"port\": \"80;443\"},",
                "             {\"type\": \"sideways\", \"action\": \"ACCEPT\"},",
                "             {\"action\": \"DROP\"},",
                "             42,",
                "             {\"type\": \"in\", \"action\": \"accept\", \"port\": 443}]}},",
                "  \"abc\": {\"name\": \"bad key\"},",
                "  \"102\": \"not an object\",",
                "  \"103\": {\"name\": \"Step-CA\", \"dependencies\": [\"101\", \"x\"], \"ports\": [\"8000:8000\", \"oops\"]}",
                "}}");
        LoadResult<Optional<LxcConfigs>> r = PhoenixLoader.LXC.load(json, "lxc.json");
        LxcConfigs lxc = r.value().orElseThrow();
        assertEquals(List.of(101, 103), List.copyOf(lxc.containers().keySet()));
        LxcContainer c = lxc.containers().get(101);
        assertEquals(java.util.OptionalInt.empty(), c.cores());
        assertEquals(List.of(), c.features());
        List<FirewallRule> rules = c.firewall().orElseThrow().rules();
        assertEquals(1, rules.size());
        assertEquals("ACCEPT", rules.get(0).action());
        assertEquals("443", rules.get(0).dport().orElseThrow().text());
        assertEquals(List.of(101), lxc.containers().get(103).dependencies());
        assertEquals(List.of(8000), lxc.containers().get(103).ports().stream().map(PortMapping::hostPort)
                .collect(Collectors.toList()));
        List<String> invalid = r.findings("config.invalid-value").stream()
                .map(f -> f.locations().get(0).toString()).collect(Collectors.toList());
        assertEquals(List.of(
                "lxc.json:2:34#/lxc_configs/101/cores",
                "lxc.json:2:54#/lxc_configs/101/features",
                "lxc.json:4:57#/lxc_configs/101/firewall/rules/0/port",
                "lxc.json:5:23#/lxc_configs/101/firewall/rules/1/type",
                "lxc.json:6:14#/lxc_configs/101/firewall/rules/2",
                "lxc.json:7:14#/lxc_configs/101/firewall/rules/3",
                "lxc.json:9:10#/lxc_configs/abc",
                "lxc.json:10:10#/lxc_configs/102",
                "lxc.json:11:54#/lxc_configs/103/dependencies/1",
                "lxc.json:11:83#/lxc_configs/103/ports/1"), invalid);
        Finding cores = r.findings("config.invalid-value").get(0);
        assertEquals(Severity.WARNING, cores.severity());
        assertEquals("In lxc.json at /lxc_configs/101/cores (line 2, column 34) expected an integer but found "
                + "a string of 4 characters; the value is ignored.", cores.message());
        assertTrue(r.findings("config.invalid-value").get(2).message().contains("ports in Proxmox syntax"));
        assertFalse(r.hasErrors());
    }

    @Test
    void duplicateKeysKeepTheLastValueAndNameBothLocations() {
        String json = "{\n  \"vms\": [{\"vmid\": 1, \"name\": \"a\",\n    \"name\": \"b\"}],\n  \"vms\": [{\"vmid\": 2}]\n}";
        LoadResult<Optional<VmConfigs>> r = PhoenixLoader.VM.load(json, "vm.json");
        assertEquals(List.of(2), r.value().orElseThrow().vms().stream().map(VirtualMachine::vmid)
                .collect(Collectors.toList()));
        List<Finding> dups = r.findings("config.duplicate-key");
        assertEquals(2, dups.size());
        assertEquals(List.of(new Location("vm.json", "/vms/0/name", 2, 23), new Location("vm.json", "/vms/0/name", 3, 5)),
                dups.get(0).locations());
        assertEquals(List.of(new Location("vm.json", "/vms", 2, 3), new Location("vm.json", "/vms", 4, 3)),
                dups.get(1).locations());
        assertEquals(Severity.WARNING, dups.get(1).severity());
        assertTrue(dups.get(1).message().contains("at line 2, column 3 and at line 4, column 3"));
    }

    @Test
    void aBrokenFileDoesNotStopTheDeployment(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("phoenix_hypervisor_config.json"), "{\"domain_name\": \"x.example\"}");
        Files.writeString(dir.resolve("phoenix_lxc_configs.json"), "{\"lxc_configs\": {\"103\": {\"name\": ");
        Files.writeString(dir.resolve("phoenix_vm_configs.json"), "{\"vms\": [{\"vmid\": 1001, \"name\": \"P\"}]}");
        LoadResult<Deployment> r = PhoenixLoader.loadDirectory(dir);
        Deployment d = r.value();
        assertEquals("x.example", d.hypervisor().orElseThrow().domainName());
        assertEquals(Optional.empty(), d.lxcConfigs());
        assertEquals("P", d.vm(1001).orElseThrow().name());
        assertEquals(List.of("config.malformed-json", "config.file-missing", "config.file-missing"),
                r.findings().stream().map(Finding::checkId).collect(Collectors.toList()));
        assertEquals(new Location(dir.resolve("phoenix_lxc_configs.json").toString(), "", 1, 34),
                r.findings().get(0).locations().get(0));
        assertEquals(List.of(Severity.ERROR, Severity.INFO, Severity.INFO),
                r.findings().stream().map(Finding::severity).collect(Collectors.toList()));
        assertEquals(dir.resolve("phoenix_stacks_config.json").toString(), r.findings().get(1).subjects().get(0));
    }

    @Test
    void notADirectory(@TempDir Path dir) {
        LoadResult<Deployment> r = PhoenixLoader.loadDirectory(dir.resolve("nope"));
        assertEquals(List.of("config.unreadable-file"),
                r.findings().stream().map(Finding::checkId).collect(Collectors.toList()));
        assertTrue(r.hasErrors());
        assertEquals(Optional.empty(), r.value().hypervisor());
    }

    @Test
    void unknownKindAndMissingFile(@TempDir Path dir) {
        assertEquals(List.of("config.unknown-file-kind"), PhoenixLoader.loadFile(dir.resolve("x/other.json"))
                .findings().stream().map(Finding::checkId).collect(Collectors.toList()));
        assertEquals(List.of("config.unreadable-file"), PhoenixLoader.loadFile(dir.resolve("phoenix_vm_configs.json"))
                .findings().stream().map(Finding::checkId).collect(Collectors.toList()));
    }
}
