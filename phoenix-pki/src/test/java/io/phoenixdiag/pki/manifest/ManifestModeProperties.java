package io.phoenixdiag.pki.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import io.phoenixdiag.core.diag.Finding;
import io.phoenixdiag.core.diag.Location;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class ManifestModeProperties {

    @Property
    void aKeyModeIsFlaggedExactlyWhenOthersHaveAnyAccess(@ForAll @IntRange(min = 0, max = 0777) int mode,
                                                         @ForAll boolean leadingZero) {
        String text = (leadingZero ? "0" : "") + String.format("%03o", mode);
        ManifestEntry e = ManifestEntry.of("svc.example", List.of(), "/c.crt", "/c.key", "root:svc", text, "",
                Location.ofPointer("m.json", "/4"));
        List<Finding> findings = ManifestChecks.checkStatic(List.of(e));
        boolean others = (mode & 07) != 0;
        assertEquals(others ? List.of("pki.manifest-key-mode-too-open") : List.of(),
                findings.stream().map(Finding::checkId).toList());
        if (others) {
            assertEquals(List.of(Location.ofPointer("m.json", "/4/permissions")), findings.get(0).locations());
        }
        assertEquals(mode, ManifestChecks.parseMode(text).orElseThrow());
    }
}
