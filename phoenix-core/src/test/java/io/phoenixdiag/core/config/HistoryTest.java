package io.phoenixdiag.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.phoenixdiag.core.diag.Finding;
import io.phoenixdiag.core.diag.Location;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every one of the 143 real historical versions in {@code ../shared/reference/phoenix-history} loads. */
class HistoryTest {

    @Test
    void everyHistoricalFileLoadsWithoutExceptionOrError() throws IOException {
        Path history = SharedData.history();
        List<Path> files;
        try (Stream<Path> s = Files.walk(history)) {
            files = s.filter(Files::isRegularFile).sorted().collect(Collectors.toList());
        }
        assertEquals(143, files.size());
        Map<String, Integer> perKind = new TreeMap<>();
        List<String> errors = new ArrayList<>();
        List<String> duplicates = new ArrayList<>();
        for (Path f : files) {
            LoadResult<java.util.Optional<Object>> r = PhoenixLoader.loadFile(f);
            assertTrue(r.value().isPresent(), f::toString);
            perKind.merge(PhoenixFileKind.detect(f).orElseThrow().name(), 1, Integer::sum);
            r.findings().stream().filter(x -> x.severity().isProblem()).forEach(x -> errors.add(f + " " + x));
            for (Finding d : r.findings("config.duplicate-key")) {
                Location a = d.locations().get(0);
                Location b = d.locations().get(1);
                duplicates.add(f.getFileName() + " " + a.pointer() + " " + a.line() + ":" + a.column() + " "
                        + b.line() + ":" + b.column());
            }
        }
        assertEquals(Map.of("CERTIFICATE_MANIFEST", 4, "HYPERVISOR", 38, "LXC", 67, "STACKS", 7, "VM", 27), perKind);
        // no historical file is broken JSON
        assertEquals(List.of(), errors);
        assertEquals(List.of(
                "202509072311-7e99781e.json /proxmox_storage_ids 164:5 171:5",
                "202509072311-7e99781e.json /mount_point_base 170:5 177:5",
                "202510082234-655a1fe3.json /shared_volumes/firewall 320:9 335:9"), duplicates);
    }

    @Test
    void duplicateFirewallKeepsTheLastValueAsJqDoes() {
        Path f = SharedData.history().resolve("phoenix_hypervisor_config.json/202510082234-655a1fe3.json");
        HypervisorConfig h = PhoenixLoader.HYPERVISOR.load(f).value().orElseThrow();
        GlobalFirewall fw = h.firewall().orElseThrow();
        assertEquals(1, fw.rules().size());
        assertEquals(new Location(f.toString(), "/shared_volumes/firewall", 335, 21), fw.location());
        assertEquals("9001", fw.rules().get(0).dport().orElseThrow().text());
    }

    @Test
    void historicalDriftIsReadWhereTheMeaningIsClear() {
        Path dir = SharedData.history();
        // docker_stacks as {name, environment} objects, and nameservers as a list, in older VM files
        int objectRefs = 0;
        int listNameservers = 0;
        for (Path f : list(dir.resolve("phoenix_vm_configs.json"))) {
            VmConfigs vms = PhoenixLoader.VM.load(f).value().orElseThrow();
            for (VirtualMachine vm : vms.vms()) {
                objectRefs += (int) vm.dockerStacks().stream().filter(r -> !r.environment().isEmpty()).count();
                listNameservers += vm.networkConfig().map(n -> n.nameservers().size() == 2 ? 1 : 0).orElse(0);
            }
        }
        assertEquals(37, objectRefs);
        assertEquals(1, listNameservers);
        // LXC traefik ports and the older "volumes" name of zfs_volumes
        int volumes = 0;
        for (Path f : list(dir.resolve("phoenix_lxc_configs.json"))) {
            LxcConfigs lxc = PhoenixLoader.LXC.load(f).value().orElseThrow();
            volumes += lxc.containers().values().stream().mapToInt(c -> c.zfsVolumes().size()).sum();
        }
        assertEquals(54 + 153, volumes);
        // dns_nameservers as a string in older hypervisor files; zfs properties as an object
        int props = 0;
        int nameservers = 0;
        for (Path f : list(dir.resolve("phoenix_hypervisor_config.json"))) {
            HypervisorConfig h = PhoenixLoader.HYPERVISOR.load(f).value().orElseThrow();
            nameservers += h.network().orElseThrow().interfaces().get(0).dnsNameservers().isEmpty() ? 0 : 1;
            props += h.zfs().map(z -> z.datasets().stream().mapToInt(ds -> ds.properties().size()).sum()).orElse(0);
        }
        assertEquals(38, nameservers);
        assertEquals(1552, props); // as counted by Python over "k=v,k=v" strings and objects
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
