package io.phoenixdiag.core.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.phoenixdiag.core.config.LoadResult;
import java.util.List;
import java.util.OptionalLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
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

    /** Items written in the collector's format read back as written, on their lines; any text reads without throwing. */
    @Property(tries = 200)
    void itemsReadBackAsWritten(@ForAll("items") List<List<String>> items, @ForAll("noise") String noise) {
        StringBuilder text = new StringBuilder("# phoenix-evidence 1\n");
        for (List<String> i : items) {
            text.append(String.join("\t", i)).append('\n');
        }
        LoadResult<EvidenceManifest> r = EvidenceManifest.parse(text.toString(), "M");
        assertEquals(List.of(), r.findings());
        assertEquals(items.size(), r.value().items().size());
        for (int n = 0; n < items.size(); n++) {
            EvidenceManifest.Item it = r.value().items().get(n);
            assertEquals(items.get(n).get(0), it.kind());
            assertEquals(items.get(n).get(1).equals("-") ? "" : items.get(n).get(1), it.path());
            assertEquals(items.get(n).get(2), it.origin());
            assertEquals(items.get(n).get(3), it.note());
            assertEquals(n + 2, it.line());
        }
        LoadResult<EvidenceManifest> any = EvidenceManifest.parse(noise, "N");
        int lines = noise.split("\n", -1).length;
        any.findings().forEach(f -> assertEquals(true, f.locations().get(0).line() <= lines, f.toString()));
    }

    @Provide
    Arbitrary<List<List<String>>> items() {
        Arbitrary<String> word = Arbitraries.strings().withChars("abz-/.:019 ").ofMinLength(1).ofMaxLength(12)
                .filter(w -> !w.isBlank() && !w.startsWith("#") && w.equals(w.strip()));
        Arbitrary<String> note = Arbitraries.strings().withChars("abc ()-").ofMaxLength(10);
        return net.jqwik.api.Combinators.combine(word, Arbitraries.oneOf(word, Arbitraries.just("-")), word, note)
                .as(List::of).list().ofMaxSize(8);
    }

    @Provide
    Arbitrary<String> noise() {
        return Arbitraries.strings().withChars("#ab\t\n -1").ofMaxLength(60);
    }
}
