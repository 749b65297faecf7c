package io.phoenixdiag.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.phoenixdiag.core.diag.Finding;
import io.phoenixdiag.core.diag.Location;
import io.phoenixdiag.core.diag.Severity;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real deployment in {@code ../shared/reference/phoenix} loads with exact expected facts. */
class ReferenceDeploymentTest {

    private static Path dir;
    private static LoadResult<Deployment> result;
    private static Deployment d;

    @BeforeAll
    static void load() {
        dir = SharedData.reference();
        result = PhoenixLoader.loadDirectory(dir);
        d = result.value();
    }

    private static String file(String name) {
        return dir.resolve(name).toString();
    }

    @Test
    void everyFileLoadsWithoutErrors() {
        assertFalse(result.hasErrors(), () -> result.findings().toString());
        assertTrue(d.hypervisor().isPresent());
        assertTrue(d.lxcConfigs().isPresent());
        assertTrue(d.vmConfigs().isPresent());
        assertTrue(d.stacksConfig().isPresent());
        assertTrue(d.certificateManifest().isPresent());
        assertEquals(List.of("homelab_ai_app", "portainer_service", "qdrant_service"),
                List.copyOf(d.stackManifests().keySet()));
        assertEquals(List.of(), result.findings("config.file-missing"));
        assertEquals(List.of(), result.findings("config.unknown-fields"));
    }

    @Test
    void stepCaContainer() {
        LxcContainer ca = d.container(103).orElseThrow();
        assertEquals("Step-CA", ca.name());
        GuestNetwork net = ca.networkConfig().orElseThrow();
        assertEquals("10.0.0.10/24", net.ip());
        assertEquals(Optional.of("10.0.0.10"), net.address());
        assertEquals(OptionalInt.of(24), net.prefixLength());
        assertEquals("10.0.0.1", net.gateway());
        assertEquals(List.of("10.0.0.13"), net.nameservers());
        assertEquals("vmbr0", net.bridge());
        assertEquals("52:54:00:AA:BB:CA", ca.macAddress());
        assertEquals(List.of("base_setup", "step_ca"), ca.features());
        assertEquals(OptionalInt.of(900), ca.cloneFromCtid());
        assertTrue(ca.startAtBoot());
        assertEquals(OptionalInt.of(1), ca.bootOrder());
        assertEquals(OptionalInt.of(9000), ca.traefikService().orElseThrow().port());
        assertEquals("ca", ca.traefikService().orElseThrow().name());
        assertEquals(7, ca.firewall().orElseThrow().rules().size());
        assertEquals("/check_step_ca.sh", ca.healthCheck().orElseThrow().command()
                .substring(ca.healthCheck().orElseThrow().command().lastIndexOf('/')));
        assertEquals(new Location(file("phoenix_lxc_configs.json"), "/lxc_configs/103", 669, 16), ca.location());
        FirewallRule r4 = ca.firewall().orElseThrow().rules().get(4);
        assertEquals(FirewallRule.Type.IN, r4.type());
        assertEquals("ACCEPT", r4.action());
        assertEquals("tcp", r4.proto());
        assertEquals("10.0.0.12", r4.source());
        assertEquals("9000", r4.dport().orElseThrow().text());
        assertTrue(r4.dport().orElseThrow().matches(9000));
        assertEquals(new Location(file("phoenix_lxc_configs.json"), "/lxc_configs/103/firewall/rules/4", 740, 21),
                r4.location());
    }

    @Test
    void containersInFileOrder() {
        assertEquals(List.of(900, 901, 910, 911, 912, 801, 802, 101, 914, 917, 103, 102),
                List.copyOf(d.containers().keySet()));
        LxcContainer traefik = d.container(102).orElseThrow();
        assertEquals("https://10.0.0.10:9000", traefik.bootstrapCaUrl());
        assertEquals(List.of(103), traefik.dependencies());
        assertEquals(List.of("base_setup", "trusted_ca", "step_cli", "traefik"), traefik.features());
        assertEquals("80,443", traefik.firewall().orElseThrow().rules().get(1).dport().orElseThrow().text());
        assertEquals(List.of(new PortRange(80, 80), new PortRange(443, 443)),
                traefik.firewall().orElseThrow().rules().get(1).dport().orElseThrow().ranges());
        LxcContainer nginx = d.container(101).orElseThrow();
        assertEquals("infrastructure", nginx.portainerRole());
        assertEquals(3, nginx.mountPoints().size());
        assertEquals("/mnt/pve/quickOS/lxc-persistent-data/103/ssl", nginx.mountPoints().get(2).hostPath());
        assertEquals(OptionalInt.of(33), nginx.mountPoints().get(0).ownerUid());
        IdMap idMap = nginx.idMaps().get(0);
        assertEquals("gid", idMap.type());
        assertEquals(OptionalInt.of(33), idMap.hostId());
        PortMapping pm = d.container(802).orElseThrow().ports().get(0);
        assertEquals(8001, pm.hostPort());
        assertEquals(8000, pm.containerPort());
        assertEquals("tcp", pm.protocol());
        assertEquals(List.of(1002), d.container(901).orElseThrow().dependencies());
        assertFalse(d.container(900).orElseThrow().startAtBoot());
        assertEquals("icmp", d.container(900).orElseThrow().firewall().orElseThrow().rules().get(0).proto());
        assertEquals(Optional.empty(), d.container(900).orElseThrow().firewall().orElseThrow().rules().get(0).dport());
        ZfsVolume vol = d.container(801).orElseThrow().zfsVolumes().get(0);
        assertEquals("vllm_models", vol.name());
        assertEquals(OptionalInt.of(50), vol.sizeGb());
        assertTrue(d.container(801).orElseThrow().extraFields().get("vllm_engine_config").contains("\"port\":8000"));
    }

    @Test
    void virtualMachines() {
        assertEquals(List.of(9000, 1001, 1002), d.vms().stream().map(VirtualMachine::vmid).collect(Collectors.toList()));
        VirtualMachine template = d.vm(9000).orElseThrow();
        assertTrue(template.isTemplate());
        assertTrue(template.networkConfig().orElseThrow().isDhcp());
        assertEquals(Optional.empty(), template.networkConfig().orElseThrow().address());
        assertEquals(List.of("10.0.0.13"), template.networkConfig().orElseThrow().nameservers());
        VirtualMachine portainer = d.vm(1001).orElseThrow();
        assertEquals(List.of("portainer_service"), portainer.dockerStackNames());
        assertEquals("primary", portainer.portainerRole());
        assertEquals(OptionalInt.of(9000), portainer.cloneFromVmid());
        assertEquals(List.of(102), portainer.dependencies());
        assertEquals("10.0.0.111/24", portainer.networkConfig().orElseThrow().ip());
        assertEquals("nfs", portainer.volumes().get(0).type());
        assertEquals("10.0.0.13", portainer.volumes().get(0).server());
        VirtualMachine agent = d.vm(1002).orElseThrow();
        assertEquals(List.of("qdrant_service", "homelab_ai_app"), agent.dockerStackNames());
        assertEquals("portainer-agent.internal.homelab.example", agent.portainerAgentHostname());
        assertEquals(6, agent.firewall().orElseThrow().rules().size());
        assertEquals(List.of(), agent.dnsRecords());
        VmDefaults defaults = d.vmConfigs().orElseThrow().vmDefaults().orElseThrow();
        assertEquals("vmbr0", defaults.networkBridge());
        assertEquals(OptionalInt.of(4096), defaults.memoryMb());
    }

    @Test
    void hypervisor() {
        HypervisorConfig h = d.hypervisor().orElseThrow();
        assertEquals("internal.homelab.example", h.domainName());
        HostInterface vmbr0 = h.network().orElseThrow().interfaces().get(0);
        assertEquals("vmbr0", vmbr0.name());
        assertEquals("10.0.0.13/24", vmbr0.address());
        assertEquals(List.of("10.0.0.153", "8.8.8.8"), vmbr0.dnsNameservers());
        assertEquals(OptionalInt.of(9001), h.network().orElseThrow().portainerAgentPort());
        GlobalFirewall fw = d.globalFirewall().orElseThrow();
        assertEquals(6, fw.rules().size());
        assertTrue(fw.enabled());
        assertEquals("DROP", fw.defaultInputPolicy());
        assertEquals("ACCEPT", fw.defaultOutputPolicy());
        assertEquals(FirewallRule.Type.OUT, fw.rules().get(5).type());
        assertEquals("/shared_volumes/firewall/global_firewall_rules/5", fw.rules().get(5).location().pointer());
        assertEquals(List.of("ssl_certs", "nginx_sites", "nginx_logs", "ollama_models", "llamacpp_models",
                "vllm_models"), h.sharedVolumes().stream().map(SharedVolume::name).collect(Collectors.toList()));
        assertEquals(Map.of(953, "/etc/nginx/ssl", 910, "/certs", 954, "/certs"), h.sharedVolumes().get(0).mounts());
        assertEquals(List.of("10.0.0.111", "10.0.0.102", "10.0.0.13"), h.nfs().orElseThrow().exports().get(0).clients());
        assertEquals("ca.internal.homelab.example", h.stepCa().orElseThrow().dnsName());
        assertEquals("admin", h.portainerApi().orElseThrow().adminUser());
        assertEquals("Example-Plaintext-Pass-1", h.portainerApi().orElseThrow().adminPassword().orElseThrow().reveal());
        assertTrue(h.dnsServer().orElseThrow().enabled());
        assertEquals(List.of("8.8.8.8", "1.1.1.1"), h.dnsServer().orElseThrow().upstreamServers());
        assertEquals("noble", h.vmDefaults().orElseThrow().ubuntuRelease());
        assertEquals("/usr/local/phoenix_hypervisor/etc/phoenix_lxc_configs.json", h.corePaths().get("lxc_config_file"));
        assertEquals(5, h.samba().orElseThrow().shares().size());
        assertEquals(11, h.zfs().orElseThrow().datasets().size());
        assertEquals("128K", h.zfs().orElseThrow().datasets().get(0).properties().get("recordsize"));
        assertEquals(OptionalInt.of(32), h.zfs().orElseThrow().arcMaxGb());
        assertEquals("", h.users().orElseThrow().sshPublicKey());
        assertTrue(h.users().orElseThrow().passwordHash().orElseThrow().isPlaceholder());
    }

    @Test
    void stacksAndManifest() {
        DockerStack app = d.dockerStacks().get("homelab_ai_app");
        assertEquals(List.of("production", "testing", "development"), List.copyOf(app.environments().keySet()));
        StackVariable pass = app.environments().get("production").variables().get(1);
        assertEquals("DATABASE_PASS", pass.name());
        assertTrue(pass.sensitive());
        assertEquals(Secret.MASK, pass.displayValue());
        assertEquals("PROD_SECRET_PASSWORD", pass.value().reveal());
        StackVariable port = app.environments().get("production").variables().get(2);
        assertFalse(port.sensitive());
        assertEquals("8000", port.displayValue());
        StackService qdrant = d.dockerStacks().get("qdrant_service").environments().get("production").services().get("qdrant");
        assertEquals("6333", qdrant.traefikLabelMap().get("traefik.http.services.qdrant.loadbalancer.server.port"));
        DockerStack portainerManifest = d.stackManifests().get("portainer_service");
        assertEquals("portainer_service", portainerManifest.name());
        List<FirewallRule> rules = portainerManifest.environments().get("production").firewallRules();
        assertEquals(3, rules.size());
        assertEquals("9443", rules.get(0).dport().orElseThrow().text());
        assertEquals(file("stacks/portainer_service/phoenix.json"), rules.get(0).location().file());
        List<CertificateEntry> certs = d.certificateManifest().orElseThrow().entries();
        assertEquals(3, certs.size());
        assertEquals("root", certs.get(0).ownerUser());
        assertEquals("www-data", certs.get(0).ownerGroup());
        assertEquals(OptionalInt.of(0640), certs.get(0).permissionBits());
        assertEquals(List.of("nginx.internal.homelab.example", "portainer.internal.homelab.example"), certs.get(0).sans());
        assertEquals(List.of(), certs.get(1).sans());
        assertEquals("644", certs.get(2).permissions());
    }

    @Test
    void secretsAreListedWithKindAndPlaceholderFlag() {
        List<String> summary = d.secrets().stream()
                .map(s -> s.location().pointer() + " " + s.fieldName() + " " + s.kind() + " " + s.placeholder())
                .collect(Collectors.toList());
        assertEquals(List.of(
                "/users/password_hash password_hash FIELD_NAME true",
                "/portainer_api/admin_password admin_password FIELD_NAME false",
                "/docker_stacks/homelab_ai_app/environments/production/variables/1/value DATABASE_PASS NAMED_VALUE false",
                "/docker_stacks/homelab_ai_app/environments/testing/variables/1/value DATABASE_PASS NAMED_VALUE false",
                "/docker_stacks/homelab_ai_app/environments/development/variables/1/value DATABASE_PASS NAMED_VALUE false"),
                summary);
        String printed = d.toString() + result.findings();
        for (SecretOccurrence s : d.secrets()) {
            if (!s.placeholder()) {
                assertFalse(printed.contains(s.value().reveal()), "secret leaked into toString: " + s.fieldName());
            }
        }
    }

    @Test
    void schemaDeviationsOfTheRealFilesAreWarningsWithPointers() {
        List<Finding> deviations = result.findings("config.schema-deviation");
        assertTrue(deviations.stream().allMatch(f -> f.severity() == Severity.WARNING));
        List<String> where = deviations.stream().map(f -> f.locations().get(0))
                .map(l -> Path.of(l.file()).getFileName() + ":" + l.line() + ":" + l.column() + "#" + l.pointer())
                .collect(Collectors.toList());
        assertEquals(List.of(
                "phoenix_lxc_configs.json:44:34#/lxc_configs/900/firewall/rules/0/proto",
                "phoenix_lxc_configs.json:146:16#/lxc_configs/911",
                "phoenix_lxc_configs.json:146:16#/lxc_configs/911",
                "phoenix_lxc_configs.json:197:16#/lxc_configs/912",
                "phoenix_lxc_configs.json:197:16#/lxc_configs/912",
                "phoenix_lxc_configs.json:283:32#/lxc_configs/801/vllm_engine_config/CacheConfig",
                "phoenix_lxc_configs.json:456:17#/lxc_configs/101/features/2",
                "phoenix_lxc_configs.json:802:17#/lxc_configs/102/features/2",
                "phoenix_vm_configs.json:74:17#/vms/1/docker_stacks/0",
                "phoenix_vm_configs.json:150:17#/vms/2/docker_stacks/0",
                "phoenix_vm_configs.json:151:17#/vms/2/docker_stacks/1",
                "phoenix_stacks_config.json:1:1#"), where);
        // the icmp rule and the step_cli feature, as the issue names them
        assertTrue(deviations.get(0).message().contains("enumeration [\"tcp\", \"udp\"]"), deviations.get(0).message());
        assertTrue(deviations.get(6).message().contains("\"step_ca\""), deviations.get(6).message());
        assertEquals("step_cli", d.container(101).orElseThrow().features().get(2));
    }
}
