package io.phoenixdiag.core.checks;

import static io.phoenixdiag.core.testing.Fixtures.hypervisor;
import static io.phoenixdiag.core.testing.Fixtures.lxc;
import static io.phoenixdiag.core.testing.Fixtures.vm;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.phoenixdiag.core.diag.Check;
import io.phoenixdiag.core.diag.Finding;
import io.phoenixdiag.core.diag.Severity;
import io.phoenixdiag.core.testing.Fixtures;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each configuration check with a minimal config that triggers it and one that must not. */
class StaticChecksTest {

    private static final String LXC = "phoenix_lxc_configs.json";
    private static final String VM = "phoenix_vm_configs.json";
    private static final String HV = "phoenix_hypervisor_config.json";

    @TempDir
    Path tmp;

    private Fixtures.Dir dir() {
        return Fixtures.in(tmp);
    }

    private static List<Finding> run(Check check, Fixtures.Dir d) {
        return Fixtures.run(check, d.model());
    }

    /** file#pointer of every location, for exact comparison without line numbers. */
    static List<String> pointers(Finding f) {
        return f.locations().stream().map(l -> l.file() + "#" + l.pointer()).toList();
    }

    static String at(Fixtures.Dir d, String file, String pointer) {
        return d.file(file) + "#" + pointer;
    }

    // ---- DuplicateIdentityCheck

    @Test
    void sameIdForContainerAndVmIsOneError() {
        Fixtures.Dir d = dir().lxc(lxc(100, "a", "10.0.0.20", "")).vms(vm(100, "b", "10.0.0.21", ""));
        List<Finding> fs = run(new DuplicateIdentityCheck(), d);
        assertEquals(1, fs.size(), fs::toString);
        Finding f = fs.get(0);
        assertEquals("topology.duplicate-id", f.checkId());
        assertEquals(Severity.ERROR, f.severity());
        assertEquals("Guest id 100 is declared 2 times", f.title());
        assertEquals(List.of("lxc:100", "vm:100"), f.subjects());
        assertEquals(List.of(at(d, LXC, "/lxc_configs/100"), at(d, VM, "/vms/0")), pointers(f));
        assertTrue(f.message().contains("one id space"), f.message());
        assertEquals("Give each guest its own id.", f.remediation());
    }

    @Test
    void twoVmsWithOneIdNameOnlyTheVm() {
        Fixtures.Dir d = dir().vms(vm(1001, "a", "10.0.0.20", ""), vm(1001, "b", "10.0.0.21", ""));
        List<Finding> fs = run(new DuplicateIdentityCheck(), d);
        assertEquals(1, fs.size(), fs::toString);
        assertEquals("topology.duplicate-id", fs.get(0).checkId());
        assertEquals(List.of("vm:1001"), fs.get(0).subjects());
        assertEquals(List.of(at(d, VM, "/vms/0"), at(d, VM, "/vms/1")), pointers(fs.get(0)));
    }

    @Test
    void duplicateAddressBetweenRunningGuestsIsAnError() {
        Fixtures.Dir d = dir().lxc(lxc(101, "a", "10.0.0.20", ""), lxc(102, "b", "10.0.0.20", ""));
        List<Finding> fs = run(new DuplicateIdentityCheck(), d);
        assertEquals(1, fs.size(), fs::toString);
        Finding f = fs.get(0);
        assertEquals("topology.duplicate-address", f.checkId());
        assertEquals(Severity.ERROR, f.severity());
        assertEquals("IP address 10.0.0.20 is used by 2 components", f.title());
        assertEquals(List.of("lxc:101", "lxc:102"), f.subjects());
        assertEquals(List.of(at(d, LXC, "/lxc_configs/101"), at(d, LXC, "/lxc_configs/102")), pointers(f));
        assertTrue(f.message().contains("break ARP"), f.message());
    }

    @Test
    void duplicateAddressWithAnInactiveGuestIsAWarning() {
        Fixtures.Dir d = dir().lxc(lxc(101, "a", "10.0.0.20", ""),
                lxc(900, "template", "10.0.0.20", "'start_at_boot': false"));
        List<Finding> fs = run(new DuplicateIdentityCheck(), d);
        assertEquals(1, fs.size(), fs::toString);
        assertEquals("topology.duplicate-address", fs.get(0).checkId());
        assertEquals(Severity.WARNING, fs.get(0).severity());
        assertEquals(List.of("lxc:101", "lxc:900"), fs.get(0).subjects());
        assertTrue(fs.get(0).evidence().stream().anyMatch(e -> e.text().equals(
                "lxc:900 template (inactive: start_at_boot is false) has 10.0.0.20")), fs.get(0).evidence()::toString);
    }

    @Test
    void guestWithTheHostAddressIsAnError() {
        Fixtures.Dir d = dir().lxc(lxc(101, "a", Fixtures.HOST, ""));
        List<Finding> fs = run(new DuplicateIdentityCheck(), d);
        assertEquals(1, fs.size(), fs::toString);
        assertEquals("topology.duplicate-address", fs.get(0).checkId());
        assertEquals(Severity.ERROR, fs.get(0).severity());
        assertEquals(List.of("host", "lxc:101"), fs.get(0).subjects());
    }

    @Test
    void duplicateMacIgnoresCase() {
        Fixtures.Dir d = dir().lxc(lxc(101, "a", "10.0.0.20", "'mac_address': '52:54:00:aa:bb:01'"),
                lxc(102, "b", "10.0.0.21", "'mac_address': '52:54:00:AA:BB:01'"));
        List<Finding> fs = run(new DuplicateIdentityCheck(), d);
        assertEquals(1, fs.size(), fs::toString);
        assertEquals("topology.duplicate-mac", fs.get(0).checkId());
        assertEquals(Severity.ERROR, fs.get(0).severity());
        assertEquals("MAC address 52:54:00:AA:BB:01 is used by 2 components", fs.get(0).title());
        assertEquals(List.of("lxc:101", "lxc:102"), fs.get(0).subjects());
    }

    @Test
    void distinctIdsAddressesAndMacsGiveNothing() {
        Fixtures.Dir d = dir().lxc(lxc(101, "a", "10.0.0.20", "'mac_address': '52:54:00:AA:BB:01'"),
                lxc(102, "b", "10.0.0.21", "'mac_address': '52:54:00:AA:BB:02'"))
                .vms(vm(1001, "c", "10.0.0.22", ""), vm(1002, "d", "", ""), vm(1003, "e", "", ""));
        assertEquals(List.of(), run(new DuplicateIdentityCheck(), d));
    }

    // ---- UnknownReferenceCheck

    @Test
    void runningGuestDependingOnAMissingGuestIsAnError() {
        Fixtures.Dir d = dir().lxc(lxc(101, "a", "10.0.0.20", "'dependencies': [102, 999]"),
                lxc(102, "b", "10.0.0.21", ""));
        List<Finding> fs = run(new UnknownReferenceCheck(), d);
        assertEquals(1, fs.size(), fs::toString);
        Finding f = fs.get(0);
        assertEquals("topology.unknown-reference", f.checkId());
        assertEquals(Severity.ERROR, f.severity());
        assertEquals("lxc:101 depends on guest 999, which does not exist", f.title());
        assertEquals(List.of("lxc:101"), f.subjects());
        assertEquals(List.of(at(d, LXC, "/lxc_configs/101/dependencies/1")), pointers(f));
        assertEquals("Fix the id in dependencies or declare guest 999.", f.remediation());
    }

    @Test
    void inactiveGuestDependingOnAMissingGuestIsAWarning() {
        Fixtures.Dir d = dir().vms(vm(1001, "a", "10.0.0.20", "'start_at_boot': false, 'dependencies': [999]"));
        List<Finding> fs = run(new UnknownReferenceCheck(), d);
        assertEquals(1, fs.size(), fs::toString);
        assertEquals(Severity.WARNING, fs.get(0).severity());
        assertEquals(List.of("vm:1001"), fs.get(0).subjects());
        assertEquals(List.of(at(d, VM, "/vms/0/dependencies/0")), pointers(fs.get(0)));
    }

    @Test
    void missingCloneSourcesAreWarnings() {
        Fixtures.Dir d = dir().lxc(lxc(101, "a", "10.0.0.20", "'clone_from_ctid': 900"))
                .vms(vm(1001, "b", "10.0.0.21", "'clone_from_vmid': 9000"));
        List<Finding> fs = run(new UnknownReferenceCheck(), d);
        assertEquals(2, fs.size(), fs::toString);
        assertEquals("lxc:101 is cloned from container 900, which is not declared", fs.get(0).title());
        assertEquals(Severity.WARNING, fs.get(0).severity());
        assertEquals(List.of(at(d, LXC, "/lxc_configs/101/clone_from_ctid")), pointers(fs.get(0)));
        assertEquals("vm:1001 is cloned from VM 9000, which is not declared", fs.get(1).title());
        assertEquals(List.of("vm:1001"), fs.get(1).subjects());
        assertEquals(List.of(at(d, VM, "/vms/0/clone_from_vmid")), pointers(fs.get(1)));
    }

    @Test
    void sharedVolumeMountingIntoAMissingGuestIsAWarning() {
        Fixtures.Dir d = dir().hypervisor(hypervisor(null,
                "'models': {'host_path': '/srv/models', 'mounts': {'101': '/models', '957': '/models'}}", ""))
                .lxc(lxc(101, "a", "10.0.0.20", ""));
        List<Finding> fs = run(new UnknownReferenceCheck(), d);
        assertEquals(1, fs.size(), fs::toString);
        Finding f = fs.get(0);
        assertEquals(Severity.WARNING, f.severity());
        assertEquals("Shared volume models mounts into guest 957, which does not exist", f.title());
        assertEquals(List.of(at(d, HV, "/shared_volumes/models/mounts/957")), pointers(f));
        assertTrue(f.message().contains("/srv/models"), f.message());
    }

    @Test
    void existingReferencesGiveNothing() {
        Fixtures.Dir d = dir().hypervisor(hypervisor(null,
                "'models': {'host_path': '/srv/models', 'mounts': {'101': '/models', '1001': '/m'}}", ""))
                .lxc(lxc(900, "base", "10.0.0.200", "'start_at_boot': false"),
                        lxc(101, "a", "10.0.0.20", "'clone_from_ctid': 900, 'dependencies': [1001]"))
                .vms(vm(9000, "tpl", "", "'is_template': true"),
                        vm(1001, "b", "10.0.0.21", "'clone_from_vmid': 9000, 'dependencies': [101]"));
        assertEquals(List.of(), run(new UnknownReferenceCheck(), d));
    }

    // ---- DependencyCycleCheck

    @Test
    void twoCycle() {
        Fixtures.Dir d = dir().lxc(lxc(101, "a", "10.0.0.20", "'dependencies': [102]"),
                lxc(102, "b", "10.0.0.21", "'dependencies': [101]"));
        List<Finding> fs = run(new DependencyCycleCheck(), d);
        assertEquals(1, fs.size(), fs::toString);
        Finding f = fs.get(0);
        assertEquals("topology.dependency-cycle", f.checkId());
        assertEquals(Severity.ERROR, f.severity());
        assertEquals("Dependency cycle: lxc:101 -> lxc:102 -> lxc:101", f.title());
        assertEquals(List.of("lxc:101", "lxc:102"), f.subjects());
        assertEquals(List.of(at(d, LXC, "/lxc_configs/101/dependencies"), at(d, LXC, "/lxc_configs/102/dependencies")),
                pointers(f));
        assertTrue(f.message().contains("no start order"), f.message());
    }

    @Test
    void threeCycleTitleFollowsTheDependencies() {
        // 101 -> 103 -> 102 -> 101: the title must follow the edges, not the numeric order
        Fixtures.Dir d = dir().lxc(lxc(101, "a", "10.0.0.20", "'dependencies': [103]"),
                lxc(102, "b", "10.0.0.21", "'dependencies': [101]"),
                lxc(103, "c", "10.0.0.22", "'dependencies': [102]"),
                lxc(104, "d", "10.0.0.23", "'dependencies': [101]"));
        List<Finding> fs = run(new DependencyCycleCheck(), d);
        assertEquals(1, fs.size(), fs::toString);
        assertEquals("Dependency cycle: lxc:101 -> lxc:103 -> lxc:102 -> lxc:101", fs.get(0).title());
        assertEquals(List.of("lxc:101", "lxc:102", "lxc:103"), fs.get(0).subjects());
    }

    @Test
    void cycleAcrossContainerAndVm() {
        Fixtures.Dir d = dir().lxc(lxc(101, "a", "10.0.0.20", "'dependencies': [1001]"))
                .vms(vm(1001, "b", "10.0.0.21", "'dependencies': [101]"));
        List<Finding> fs = run(new DependencyCycleCheck(), d);
        assertEquals(1, fs.size(), fs::toString);
        assertEquals("Dependency cycle: lxc:101 -> vm:1001 -> lxc:101", fs.get(0).title());
        assertEquals(List.of(at(d, LXC, "/lxc_configs/101/dependencies"), at(d, VM, "/vms/0/dependencies")),
                pointers(fs.get(0)));
    }

    @Test
    void selfLoop() {
        Fixtures.Dir d = dir().lxc(lxc(101, "a", "10.0.0.20", "'dependencies': [101]"));
        List<Finding> fs = run(new DependencyCycleCheck(), d);
        assertEquals(1, fs.size(), fs::toString);
        assertEquals("Dependency cycle: lxc:101 -> lxc:101", fs.get(0).title());
        assertEquals(List.of("lxc:101"), fs.get(0).subjects());
    }

    @Test
    void chainsAndDiamondsAreNoCycle() {
        Fixtures.Dir d = dir().lxc(lxc(101, "a", "10.0.0.20", "'dependencies': [102, 103]"),
                lxc(102, "b", "10.0.0.21", "'dependencies': [104]"),
                lxc(103, "c", "10.0.0.22", "'dependencies': [104, 999]"),
                lxc(104, "d", "10.0.0.23", ""));
        assertEquals(List.of(), run(new DependencyCycleCheck(), d));
    }

    // ---- PlaintextSecretCheck

    private static final String PEM = "-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\\n"
            + "-----END PRIVATE KEY-----";

    @Test
    void plaintextPasswordIsAnErrorWithoutItsValue() {
        Fixtures.Dir d = dir().hypervisor(hypervisor(null,
                "'portainer_api': {'admin_user': 'admin', 'admin_password': 'Tr0ub4dor-and-3'}"));
        List<Finding> fs = run(new PlaintextSecretCheck(), d);
        assertEquals(1, fs.size(), fs::toString);
        Finding f = fs.get(0);
        assertEquals("secrets.plaintext", f.checkId());
        assertEquals(Severity.ERROR, f.severity());
        assertEquals("Plaintext secret in admin_password", f.title());
        assertEquals(List.of(d.file(HV)), f.subjects());
        assertEquals(List.of(at(d, HV, "/portainer_api/admin_password")), pointers(f));
        assertTrue(f.message().contains("clear text"), f.message());
        assertTrue(f.remediation().contains("rotate"), f.remediation());
        assertFalse(f.toString().contains("Tr0ub4dor"), f::toString);
    }

    @Test
    void placeholderIsNotReported() {
        Fixtures.Dir d = dir().hypervisor(hypervisor(null,
                "'portainer_api': {'admin_user': 'admin', 'admin_password': 'NOT_SET'}"));
        assertEquals(List.of(), run(new PlaintextSecretCheck(), d));
    }

    @Test
    void privateKeyMaterialIsCritical() {
        Fixtures.Dir d = dir().hypervisor(hypervisor(null, "'notes': '" + PEM + "'"));
        List<Finding> fs = run(new PlaintextSecretCheck(), d);
        assertEquals(1, fs.size(), fs::toString);
        assertEquals(Severity.CRITICAL, fs.get(0).severity());
        assertEquals("Private key in notes", fs.get(0).title());
        assertEquals(List.of(at(d, HV, "/notes")), pointers(fs.get(0)));
        assertTrue(fs.get(0).remediation().contains("mode 600"), fs.get(0).remediation());
        assertFalse(fs.get(0).toString().contains("MIIEvQ"), fs.get(0)::toString);
    }

    @Test
    void privateKeyInASecretNamedFieldIsCriticalToo() {
        Fixtures.Dir d = dir().hypervisor(hypervisor(null, "'ssh_private_key': '" + PEM + "'"));
        List<Finding> fs = run(new PlaintextSecretCheck(), d);
        assertEquals(1, fs.size(), fs::toString);
        assertEquals(Severity.CRITICAL, fs.get(0).severity());
        assertEquals("Private key in ssh_private_key", fs.get(0).title());
    }

    // ---- ManifestKeyModeCheck

    private static String cert(String cn, String mode) {
        return "{'common_name': '" + cn + "', 'cert_path': '/certs/" + cn + ".crt', 'key_path': '/certs/" + cn
                + ".key', 'owner': 'root:www-data', 'permissions': '" + mode + "'}";
    }

    @Test
    void keyModes() {
        Fixtures.Dir d = dir().manifest(cert("a.example", "644"), cert("b.example", "640"), cert("c.example", "600"),
                cert("d.example", "abc"), cert("e.example", "0604"));
        List<Finding> fs = run(new ManifestKeyModeCheck(), d);
        assertEquals(3, fs.size(), fs::toString);
        Finding a = fs.get(0);
        assertEquals("manifest.key-readable-by-others", a.checkId());
        assertEquals(Severity.ERROR, a.severity());
        assertEquals("Private key of a.example is readable by others (mode 644)", a.title());
        assertEquals(List.of("/certs/a.example.key"), a.subjects());
        assertEquals(List.of(at(d, "certificate-manifest.json", "/0/permissions")), pointers(a));
        assertTrue(a.remediation().contains("\"600\""), a.remediation());
        Finding dd = fs.get(1);
        assertEquals("manifest.invalid-permissions", dd.checkId());
        assertEquals(Severity.WARNING, dd.severity());
        assertEquals(List.of("/certs/d.example.key"), dd.subjects());
        assertEquals(List.of(at(d, "certificate-manifest.json", "/3/permissions")), pointers(dd));
        assertTrue(dd.message().contains("'abc'"), dd.message());
        assertEquals("manifest.key-readable-by-others", fs.get(2).checkId());
        assertEquals(List.of("/certs/e.example.key"), fs.get(2).subjects());
    }

    @Test
    void groupReadableAndOwnerOnlyKeysAreFine() {
        Fixtures.Dir d = dir().manifest(cert("b.example", "640"), cert("c.example", "600"), cert("f.example", "0640"));
        assertEquals(List.of(), run(new ManifestKeyModeCheck(), d));
    }

    // ---- CaStateSharedCheck

    private static String mount(String host, String guest) {
        return "{'host_path': '" + host + "', 'container_path': '" + guest + "'}";
    }

    @Test
    void caStateMountedIntoAnotherGuestIsAnError() {
        Fixtures.Dir d = dir().lxc(
                lxc(103, "Step-CA", "10.0.0.10", "'features': ['step_ca'], 'mount_points': ["
                        + mount("/srv/lxc/103/ssl", "/etc/step-ca/ssl") + "]"),
                lxc(101, "Nginx", "10.0.0.153", "'mount_points': [" + mount("/srv/lxc/101/logs", "/var/log/nginx")
                        + ", " + mount("/srv/lxc/103/ssl/", "/etc/step-ca/ssl") + "]"),
                lxc(102, "other", "10.0.0.12", "'mount_points': [" + mount("/srv/lxc/103/ssl2", "/x") + "]"));
        List<Finding> fs = run(new CaStateSharedCheck(), d);
        assertEquals(1, fs.size(), fs::toString);
        Finding f = fs.get(0);
        assertEquals("pki.ca-state-shared", f.checkId());
        assertEquals(Severity.ERROR, f.severity());
        assertEquals("CA directory /srv/lxc/103/ssl is mounted into lxc:101", f.title());
        assertEquals(List.of("lxc:103", "lxc:101"), f.subjects());
        assertEquals(List.of(at(d, LXC, "/lxc_configs/103/mount_points/0"), at(d, LXC, "/lxc_configs/101/mount_points/1")),
                pointers(f));
        assertTrue(f.message().contains("step-ca's keys"), f.message());
        assertTrue(f.remediation().contains("root certificate"), f.remediation());
    }

    @Test
    void caDirectoryOutsideStepCaStateSharedThroughASharedVolumeIsAWarning() {
        Fixtures.Dir d = dir().hypervisor(hypervisor(null,
                        "'logs': {'host_path': '/srv/logs', 'mounts': {'103': '/var/log/ca', '1001': '/logs'}}", ""))
                .lxc(lxc(103, "Step-CA", "10.0.0.10", "'features': ['step_ca']"))
                .vms(vm(1001, "Portainer", "10.0.0.111", ""));
        List<Finding> fs = run(new CaStateSharedCheck(), d);
        assertEquals(1, fs.size(), fs::toString);
        assertEquals(Severity.WARNING, fs.get(0).severity());
        assertEquals(List.of("lxc:103", "vm:1001"), fs.get(0).subjects());
        assertEquals(List.of(at(d, HV, "/shared_volumes/logs/mounts/103"), at(d, HV, "/shared_volumes/logs/mounts/1001")),
                pointers(fs.get(0)));
    }

    @Test
    void aGuestMountingTheHostRootSeesTheCaState() {
        Fixtures.Dir d = dir().lxc(
                lxc(103, "Step-CA", "10.0.0.10", "'features': ['step_ca'], 'mount_points': ["
                        + mount("/srv/lxc/103/step", "/root/.step") + "]"),
                lxc(104, "backup", "10.0.0.14", "'mount_points': [" + mount("/", "/host") + "]"));
        List<Finding> fs = run(new CaStateSharedCheck(), d);
        assertEquals(1, fs.size(), fs::toString);
        assertEquals(Severity.ERROR, fs.get(0).severity());
        assertEquals(List.of("lxc:103", "lxc:104"), fs.get(0).subjects());
    }

    @Test
    void caDirectoriesNotSharedGiveNothing() {
        Fixtures.Dir d = dir().lxc(
                lxc(103, "Step-CA", "10.0.0.10", "'features': ['step_ca'], 'mount_points': ["
                        + mount("/srv/lxc/103/ssl", "/etc/step-ca/ssl") + "]"),
                lxc(101, "Nginx", "10.0.0.153", "'mount_points': [" + mount("/srv/lxc/101/ssl", "/etc/nginx/ssl") + ", "
                        + mount("/srv/lxc/103/ssl-export", "/ca") + "]"));
        assertEquals(List.of(), run(new CaStateSharedCheck(), d));
    }

    // ---- RouterSchemeCheck

    @Test
    void routerToCaOverHttpIsAnError() {
        Fixtures.Dir d = dir().lxc(
                lxc(102, "Traefik-Internal", "10.0.0.12", "'features': ['traefik']"),
                lxc(103, "Step-CA", "10.0.0.10", "'features': ['step_ca'], 'traefik_service': {'name': 'ca', 'port': 9000}"),
                lxc(104, "web", "10.0.0.14", "'traefik_service': {'name': 'web', 'port': 8080}"))
                .vms(vm(1001, "Portainer", "10.0.0.111", "'traefik_service': {'name': 'portainer', 'port': 9443}"));
        List<Finding> fs = run(new RouterSchemeCheck(), d);
        assertEquals(1, fs.size(), fs::toString);
        Finding f = fs.get(0);
        assertEquals("router.scheme-mismatch", f.checkId());
        assertEquals(Severity.ERROR, f.severity());
        assertEquals("Traefik reaches Step-CA (10.0.0.10) over http, but Step-CA serves HTTPS only on port 9000", f.title());
        assertEquals(List.of("lxc:102", "lxc:103", "10.0.0.10:9000/tcp"), f.subjects());
        assertEquals(List.of(at(d, LXC, "/lxc_configs/103/traefik_service")), pointers(f));
        assertTrue(f.message().contains("http://10.0.0.10:9000"), f.message());
        assertTrue(f.remediation().contains("https"), f.remediation());
    }

    @Test
    void httpToAContainerOnAConventionalTlsPortIsAWarning() {
        Fixtures.Dir d = dir().lxc(
                lxc(102, "Traefik-Internal", "10.0.0.12", "'features': ['traefik']"),
                lxc(104, "web", "10.0.0.14", "'traefik_service': {'name': 'web', 'port': 8443}"));
        List<Finding> fs = run(new RouterSchemeCheck(), d);
        assertEquals(1, fs.size(), fs::toString);
        assertEquals(Severity.WARNING, fs.get(0).severity());
        assertEquals(List.of("lxc:102", "lxc:104", "10.0.0.14:8443/tcp"), fs.get(0).subjects());
    }

    @Test
    void vmBackendOverHttpsIsFine() {
        Fixtures.Dir d = dir().lxc(lxc(102, "Traefik-Internal", "10.0.0.12", "'features': ['traefik']"))
                .vms(vm(1001, "Portainer", "10.0.0.111", "'traefik_service': {'name': 'portainer', 'port': 9443}"));
        assertEquals(List.of(), run(new RouterSchemeCheck(), d));
    }

    // ---- NameserverCheck

    @Test
    void guestWithoutNameserverIsInfo() {
        Fixtures.Dir d = dir().lxc(lxc(101, "a", "10.0.0.20", ""),
                "'102': {'name': 'b', 'start_at_boot': true, 'network_config': {'name': 'eth0', 'bridge': 'vmbr0',"
                        + " 'ip': '10.0.0.21/24', 'gw': '10.0.0.1'}}");
        List<Finding> fs = run(new NameserverCheck(), d);
        assertEquals(1, fs.size(), fs::toString);
        Finding f = fs.get(0);
        assertEquals("dns.no-nameserver", f.checkId());
        assertEquals(Severity.INFO, f.severity());
        assertEquals("lxc:102 (b) declares no nameserver", f.title());
        assertEquals(List.of("lxc:102"), f.subjects());
        assertEquals(List.of(at(d, LXC, "/lxc_configs/102/network_config")), pointers(f));
        assertTrue(f.remediation().contains("network_config.nameservers"), f.remediation());
    }

    @Test
    void guestsWithNameserversGiveNothing() {
        Fixtures.Dir d = dir().lxc(lxc(101, "a", "10.0.0.20", "")).vms(vm(1001, "b", "10.0.0.21", ""));
        assertEquals(List.of(), run(new NameserverCheck(), d));
    }
}
