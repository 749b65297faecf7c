package io.phoenixdiag.core.diag;

import java.util.List;

/**
 * What a {@link CheckRunner} run produced.
 *
 * <p>Immutable and thread-safe. Add it to a report with {@link Report.Builder#add(CheckResults)}.
 *
 * @param findings the findings of every check that ran (including {@code diag.check-failed} for a check
 *                 that threw), in {@link Report#FINDING_ORDER}
 * @param notRun   the checks that did not run or did not finish, and why, in check id order
 * @param ran      the ids of the checks that ran to completion, in id order
 */
public record CheckResults(List<Finding> findings, List<NotRun> notRun, List<String> ran) {

    /**
     * Copies the components, sorting the findings into {@link Report#FINDING_ORDER}.
     *
     * @param findings the findings
     * @param notRun the not-run entries
     * @param ran the completed check ids
     * @throws NullPointerException if any component or list element is null
     */
    public CheckResults {
        findings = List.copyOf(findings.stream().sorted(Report.FINDING_ORDER).toList());
        notRun = List.copyOf(notRun);
        ran = List.copyOf(ran);
    }
}
