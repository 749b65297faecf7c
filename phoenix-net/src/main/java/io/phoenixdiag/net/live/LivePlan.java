package io.phoenixdiag.net.live;

import io.phoenixdiag.core.diag.NotRun;

import java.util.List;

/**
 * The probes {@link LiveMatrix} chose for a deployment's flows, and the flows it could not probe with why.
 * Immutable and thread-safe.
 *
 * @param probes  the probes; their {@link ProbeSpec#id()} is the flow id
 * @param skipped flows not probed, {@code what} = {@code live <flow id>}, {@code why} one line
 */
public record LivePlan(List<ProbeSpec> probes, List<NotRun> skipped) {
    /**
     * Copies the lists.
     *
     * @param probes  the probes
     * @param skipped the skipped flows
     */
    public LivePlan {
        probes = List.copyOf(probes);
        skipped = List.copyOf(skipped);
    }
}
