package io.phoenixdiag.net.probe;

import io.phoenixdiag.core.diag.Finding;
import io.phoenixdiag.core.diag.Severity;

/** Turns probe results into report findings. */
final class Findings {

    private Findings() {
    }

    /**
     * One finding for one probe.
     *
     * @param checkId     such as {@code probe.tcp}
     * @param severity    the severity
     * @param title       the headline
     * @param detail      the message
     * @param subject     the target
     * @param json        the result's JSON, as evidence
     * @param remediation the remediation
     * @return the finding
     */
    static Finding of(String checkId, Severity severity, String title, String detail, String subject, String json,
                      String remediation) {
        return Finding.builder(checkId, severity).title(title).message(detail).subject(subject).evidence(json)
                .remediation(remediation).build();
    }
}
