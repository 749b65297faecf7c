package io.phoenixdiag.core.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.phoenixdiag.core.diag.CheckContext;
import io.phoenixdiag.core.diag.Finding;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClockSkewCheckTest {

    private static List<Finding> run(CollectedEvidence.ClockReading... readings) {
        CollectedEvidence ev = new CollectedEvidence("ev.tgz", EvidenceManifest.parse("", "M").value(), java.util.Map.of(),
                List.of(readings), List.of(), Optional.empty(), List.of());
        return new ClockSkewCheck().run(CheckContext.builder().put(CollectedEvidence.class, ev).build());
    }

    private static CollectedEvidence.ClockReading r(String subject, long t, int line) {
        return new CollectedEvidence.ClockReading(subject, t, line);
    }

    @Test
    void skewIsMeasuredAgainstTheHostWindow() {
        List<Finding> f = run(r("host", 1000, 1), r("lxc:101", 1030, 2), r("lxc:102", 1075, 3), r("lxc:103", 500, 4),
                r("lxc:104", 1069, 5), r("host", 1010, 6));
        assertEquals(List.of("WARNING The clock of lxc:102 is 65 s ahead of the host's ev.tgz!/clock/clock.tsv:3:1",
                        "ERROR The clock of lxc:103 is 500 s behind the host's ev.tgz!/clock/clock.tsv:4:1"),
                f.stream().map(x -> x.severity() + " " + x.title() + " " + x.locations().get(0)).toList());
        assertEquals("lxc:103 read 500 while the host read 1000 to 1010 (seconds since the epoch). With 24-hour"
                + " certificates a skewed clock sees them as not yet valid or expired, and renews at the wrong time.",
                f.get(1).message());
    }

    @Test
    void withoutHostReadingOrEvidence() {
        assertEquals(List.of("evidence.clock-unknown"), run(r("lxc:101", 5, 1)).stream().map(Finding::checkId).toList());
        assertEquals(List.of(), run());
        assertEquals(List.of(), new ClockSkewCheck().run(CheckContext.empty()));
    }
}
