package io.phoenixdiag.core.diag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class FindingTest {

    @Test
    void builderKeepsOrderAndDropsRepeatedSubjects() {
        Finding f = Finding.builder("firewall.flow-blocked", Severity.ERROR)
                .title("Flow blocked")
                .subject("lxc:102", "lxc:103", "lxc:102")
                .evidence("rule 1")
                .location(Location.ofPointer("phoenix_lxc_configs.json", "/lxc_configs/103"))
                .build();
        assertEquals(List.of("lxc:102", "lxc:103"), f.subjects());
        assertEquals("phoenix_lxc_configs.json#/lxc_configs/103", f.locations().get(0).toString());
        assertEquals("", f.remediation());
    }

    @Test
    void rejectsMalformedCheckIdAndBlankTitle() {
        assertThrows(IllegalArgumentException.class, () -> Finding.builder("Firewall.Blocked", Severity.INFO).title("x").build());
        assertThrows(IllegalArgumentException.class, () -> Finding.builder("firewall.x", Severity.INFO).build());
    }

    @Test
    void locationRendersKnownPartsOnly() {
        assertEquals("a.fw:12:3", Location.ofLine("a.fw", 12, 3).toString());
        assertEquals("a.fw", Location.ofFile("a.fw").toString());
        assertThrows(IllegalArgumentException.class, () -> Location.ofPointer("a.json", "lxc"));
    }
}
