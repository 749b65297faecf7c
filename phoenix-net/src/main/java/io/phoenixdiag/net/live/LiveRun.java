package io.phoenixdiag.net.live;

import io.phoenixdiag.core.diag.NotRun;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of a live run: the results from one vantage point and what was not probed. Immutable and
 * thread-safe; merge it into a report with {@link LiveMatrix#merge}.
 *
 * @param vantage the vantage point ({@link ProbeExecutor#vantage()})
 * @param results one result per planned probe, in plan order
 * @param skipped flows not probed, from the {@link LivePlan}
 */
public record LiveRun(String vantage, List<LiveResult> results, List<NotRun> skipped) {
    /**
     * Copies the lists.
     *
     * @param vantage the vantage point
     * @param results the results
     * @param skipped the skipped flows
     */
    public LiveRun {
        Objects.requireNonNull(vantage, "vantage");
        results = List.copyOf(results);
        skipped = List.copyOf(skipped);
    }
}
