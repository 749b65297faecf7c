package io.phoenixdiag.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.phoenixdiag.core.diag.Finding;
import io.phoenixdiag.core.diag.Location;
import io.phoenixdiag.core.diag.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** JSON Schema validation: deviations are WARNINGs with pointers; a broken schema never crashes the load. */
class SchemaValidationTest {

    private static final String SCHEMA = "{\"$schema\": \"http://json-schema.org/draft-07/schema#\", \"type\": \"object\","
            + "\"properties\": {\"vms\": {\"type\": \"array\", \"items\": {\"type\": \"object\", \"required\": [\"name\"],"
            + "\"properties\": {\"vmid\": {\"type\": \"integer\"}, \"portainer_admin_password\": {\"minLength\": 20}}}}}}";

    @Test
    void defaultSchemaNameInTheDirectory(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("phoenix_vm_configs.schema.json"), SCHEMA);
        Path file = dir.resolve("phoenix_vm_configs.json");
        Files.writeString(file, "{\"vms\": [\n  {\"vmid\": \"7\", \"name\": \"a\", \"portainer_admin_password\": \"pw-secret\"},\n  {\"vmid\": 8}]}");
        LoadResult<Optional<VmConfigs>> r = PhoenixLoader.VM.load(file);
        assertEquals(List.of(7, 8), r.value().orElseThrow().vms().stream().map(VirtualMachine::vmid).collect(Collectors.toList()));
        List<Finding> dev = r.findings("config.schema-deviation");
        assertEquals(List.of(new Location(file.toString(), "/vms/0/vmid", 2, 12),
                new Location(file.toString(), "/vms/0/portainer_admin_password", 2, 58),
                new Location(file.toString(), "/vms/1", 3, 3)),
                dev.stream().map(f -> f.locations().get(0)).collect(Collectors.toList()));
        assertTrue(dev.stream().allMatch(f -> f.severity() == Severity.WARNING));
        assertTrue(dev.get(0).message().contains("string found, integer expected"), dev.get(0).message());
        assertTrue(dev.get(2).message().contains("required property 'name' not found"), dev.get(2).message());
        assertFalse(r.findings().toString().contains("pw-secret"));
    }

    @Test
    void schemaNamedByDollarSchemaIsFoundByFileName(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("custom.schema.json"), "{\"type\": \"object\", \"required\": [\"lxc_configs\"]}");
        Files.writeString(dir.resolve("phoenix_lxc_configs.schema.json"), "{\"type\": \"array\"}");
        Path file = dir.resolve("phoenix_lxc_configs.json");
        Files.writeString(file, "{\"$schema\": \"/usr/local/phoenix_hypervisor/etc/custom.schema.json\"}");
        LoadResult<Optional<LxcConfigs>> r = PhoenixLoader.LXC.load(file);
        assertEquals(List.of(""), r.findings("config.schema-deviation").stream()
                .map(f -> f.locations().get(0).pointer()).collect(Collectors.toList()));
        assertTrue(r.findings("config.schema-deviation").get(0).message().contains("custom.schema.json"));
    }

    @Test
    void namedSchemaMissingIsInfo(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("phoenix_lxc_configs.json");
        Files.writeString(file, "{\"$schema\": \"/usr/local/x/missing.schema.json\", \"lxc_configs\": {}}");
        LoadResult<Optional<LxcConfigs>> r = PhoenixLoader.LXC.load(file);
        assertEquals(List.of("config.schema-unavailable"), r.findings().stream().map(Finding::checkId).collect(Collectors.toList()));
        assertEquals(Severity.INFO, r.findings().get(0).severity());
        assertEquals(new Location(file.toString(), "/$schema", 1, 13), r.findings().get(0).locations().get(0));
    }

    @Test
    void brokenSchemaIsAWarningNotACrash(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("phoenix_vm_configs.schema.json"), "{\"type\": ");
        Files.writeString(dir.resolve("phoenix_vm_configs.json"), "{\"vms\": [{\"vmid\": 1}]}");
        LoadResult<Optional<VmConfigs>> r = PhoenixLoader.VM.load(dir.resolve("phoenix_vm_configs.json"));
        assertEquals(1, r.value().orElseThrow().vms().size());
        assertEquals(List.of("config.schema-invalid"), r.findings().stream().map(Finding::checkId).collect(Collectors.toList()));
        assertEquals(Severity.WARNING, r.findings().get(0).severity());
        Files.writeString(dir.resolve("phoenix_vm_configs.schema.json"), "{\"type\": 42}");
        r = PhoenixLoader.VM.load(dir.resolve("phoenix_vm_configs.json"));
        assertFalse(r.hasErrors());
        assertEquals(1, r.value().orElseThrow().vms().size());
    }

    @Test
    void stringInputIsValidatedOnlyWithASchemaDirectory(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("phoenix_vm_configs.schema.json"), SCHEMA);
        String json = "{\"vms\": [{\"vmid\": 1}]}";
        assertEquals(List.of(), PhoenixLoader.VM.load(json, "v.json").findings());
        assertEquals(1, PhoenixLoader.VM.withSchemaDirectory(dir).load(json, "v.json").findings("config.schema-deviation").size());
    }

    @Test
    void theRealHypervisorConfigUsesTheSchemaOfItsOwnName(@TempDir Path dir) throws IOException {
        Path ref = SharedData.reference();
        LoadResult<Optional<HypervisorConfig>> r = PhoenixLoader.HYPERVISOR.load(ref.resolve("phoenix_hypervisor_config.json"));
        // phoenix_hypervisor_config.schema.json: the file names no $schema, so the default name is used
        assertEquals(List.of(), r.findings());
        // the older hypervisor_config.schema.json would require sections the real file lacks
        Files.copy(ref.resolve("hypervisor_config.schema.json"), dir.resolve("phoenix_hypervisor_config.schema.json"));
        LoadResult<Optional<HypervisorConfig>> old = PhoenixLoader.HYPERVISOR.withSchemaDirectory(dir)
                .load(ref.resolve("phoenix_hypervisor_config.json"));
        // nfs lacks "shares", proxmox_storage_ids lacks fastdata_backup and fastdata_iso, the root lacks "nvidia"
        assertEquals(List.of("/nfs", "/proxmox_storage_ids", "/proxmox_storage_ids", ""), old.findings("config.schema-deviation").stream()
                .map(f -> f.locations().get(0).pointer()).collect(Collectors.toList()));
    }
}
