package io.phoenixdiag.core.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.phoenixdiag.core.diag.Finding;
import io.phoenixdiag.core.diag.Report;
import io.phoenixdiag.core.diag.ReportRenderer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One unusable value must not cost the diagnosis: the value is reported (never echoed) and the rest is
 * analysed. Cases found by adversarial testing.
 */
class BadValuesTest {

    @Test
    void garbageAddressesPortsAndIdsAreFindingsNotCrashes(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("phoenix_hypervisor_config.json"), """
                {"network": {"interfaces": {"name": "vmbr0", "address": "10.0.0.13/24", "dns_nameservers": ["LEAKns"]},
                             "portainer_agent_port": 70000, "nfs_server": "banana"},
                 "shared_volumes": {"firewall": {"enabled": true, "global_firewall_rules": []}}}
                """);
        Files.writeString(dir.resolve("phoenix_lxc_configs.json"), """
                {"lxc_configs": {
                  "0":   {"name": "zero", "start_at_boot": true},
                  "101": {"name": "Nginx", "start_at_boot": true,
                          "network_config": {"ip": "-----BEGIN PGP PRIVATE KEY BLOCK-----LEAKkey", "nameservers": "10.0.0.13"},
                          "dependencies": [0, -1], "clone_from_ctid": 0},
                  "102": {"name": "Traefik", "start_at_boot": true, "features": ["traefik"],
                          "network_config": {"ip": "10.0.0.300/24"}},
                  "103": {"name": "Step-CA", "start_at_boot": true, "features": ["step_ca"],
                          "network_config": {"ip": "10.0.0.10/24", "nameservers": "10.0.0.13"},
                          "traefik_service": {"name": "ca", "port": 70000}}
                }}
                """);
        Report report = Diagnosis.of(dir).run();
        List<String> invalid = report.findings().stream().filter(f -> f.checkId().equals("config.invalid-value"))
                .map(Finding::title).sorted().toList();
        assertEquals(List.of(
                "The guest id of lxc:0 is not usable",
                "The nameserver 1 of host is not usable",
                "The network_config.ip of lxc:101 is not usable",
                "The network_config.ip of lxc:102 is not usable",
                "The nfs_server of host is not usable",
                "The portainer_agent_port of host is not usable",
                "The traefik_service.port of lxc:103 is not usable"), invalid);
        assertTrue(report.findings().stream().noneMatch(f -> f.checkId().equals("diag.check-failed")),
                report.findings().toString());
        assertTrue(report.flow("lxc:103->host/udp/53").isPresent(), "the good parts are still analysed");
        for (ReportRenderer r : List.of(ReportRenderer.text(false), ReportRenderer.json(), ReportRenderer.markdown())) {
            String out = r.render(report);
            assertFalse(out.contains("LEAK"), "a value from the JSON was echoed:\n" + out);
            assertFalse(out.contains("banana"));
        }
    }
}
