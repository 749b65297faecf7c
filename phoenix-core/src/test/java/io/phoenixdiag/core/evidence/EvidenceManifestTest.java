package io.phoenixdiag.core.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.phoenixdiag.core.config.LoadResult;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class EvidenceManifestTest {

    @Test
    void readsHeaderAndItems() {
        LoadResult<EvidenceManifest> r = EvidenceManifest.parse("# phoenix-evidence 1\n# host pve1\n# collected 1764446400\n"
                + "# phoenix-etc /usr/local/phoenix_hypervisor/etc\n"
                + "pve-fw\tpve/firewall/cluster.fw\t/etc/pve/firewall/cluster.fw\t\n"
                + "certificate\t-\t/mnt/a.crt\tabsent\n"
                + "broken line without tabs\n", "MANIFEST");
        EvidenceManifest m = r.value();
        assertEquals(1, m.formatVersion());
        assertEquals("pve1", m.host());
        assertEquals(OptionalLong.of(1764446400L), m.collectedAt());
        assertEquals("/usr/local/phoenix_hypervisor/etc", m.phoenixEtc());
        assertEquals(List.of(new EvidenceManifest.Item("pve-fw", "pve/firewall/cluster.fw", "/etc/pve/firewall/cluster.fw", "", 5),
                new EvidenceManifest.Item("certificate", "", "/mnt/a.crt", "absent", 6)), m.items());
        assertEquals(false, m.items("certificate").get(0).stored());
        assertEquals(List.of("evidence.manifest MANIFEST:7:1"),
                r.findings().stream().map(f -> f.checkId() + " " + f.locations().get(0)).toList());
    }

    @Test
    void anUnknownVersionIsAWarning() {
        LoadResult<EvidenceManifest> r = EvidenceManifest.parse("# phoenix-evidence 2\n", "M");
        assertEquals(List.of("M declares format 2, this release reads format 1; it is read as format 1."),
                r.findings().stream().map(f -> f.message()).toList());
        assertEquals(List.of("M has no '# phoenix-evidence 1' line; it is read as format 1."),
                EvidenceManifest.parse("", "M").findings().stream().map(f -> f.message()).toList());
    }
}
