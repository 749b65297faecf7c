package io.phoenixdiag.core.diag;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Helpers of the HTML, JUnit and SARIF tests. */
final class Reports {

    private Reports() {
    }

    /** The report with every other finding accepted, with a justification that is itself hostile text. */
    static Report acceptEveryOther(Report report, String justification) {
        List<Finding> kept = new ArrayList<>();
        List<AcceptedFinding> accepted = new ArrayList<>();
        for (int i = 0; i < report.findings().size(); i++) {
            Finding f = report.findings().get(i);
            if (i % 2 == 1) {
                accepted.add(new AcceptedFinding(f, justification.isBlank() ? "ok " + justification : justification,
                        Optional.of(Location.ofPointer("baseline.json", "/" + i))));
            } else {
                kept.add(f);
            }
        }
        return report.withFindings(kept, accepted);
    }

    /** {@link SampleReports#small()} with its CRITICAL finding accepted by a baseline and one stale entry. */
    static Report smallWithBaseline() throws BaselineFormatException {
        Report small = SampleReports.small();
        Finding critical = small.findings().get(0);
        Baseline baseline = Baseline.parse("[{\"findingId\": \"" + critical.findingId() + "\", \"justification\":"
                + " \"lab machine; key rotated daily (OPS-12)\"},\n {\"fingerprint\": \"00000000000000000000000000000000\","
                + " \"justification\": \"old\"}]", "baseline.json");
        return baseline.apply(small);
    }
}
