package io.phoenixdiag.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.phoenixdiag.core.diag.Finding;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A section of the wrong shape costs only that section, never the whole file. */
class WrongShapeTest {

    @Test
    void sharedVolumesAsAnArrayKeepsTheRestOfTheHypervisorFile() {
        LoadResult<Optional<HypervisorConfig>> r = PhoenixLoader.HYPERVISOR.load("""
                {"domain_name": "lab.example", "shared_volumes": [],
                 "network": {"interfaces": {"name": "vmbr0", "address": "10.0.0.13/24"}}}
                """, "h.json");
        HypervisorConfig h = r.value().orElseThrow();
        assertEquals("lab.example", h.domainName());
        assertEquals("10.0.0.13/24", h.network().orElseThrow().interfaces().get(0).address());
        assertEquals(List.of(), h.sharedVolumes());
        List<Finding> invalid = r.findings("config.invalid-value");
        assertEquals(1, invalid.size());
        assertEquals("/shared_volumes", invalid.get(0).locations().get(0).pointer());
        assertTrue(r.findings().stream().noneMatch(f -> f.checkId().equals("config.unusable-file")), r.findings()::toString);
    }
}
