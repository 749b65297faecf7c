package io.phoenixdiag.core.evidence;

import io.phoenixdiag.core.diag.Check;
import io.phoenixdiag.core.diag.CheckContext;
import io.phoenixdiag.core.diag.Finding;
import java.util.List;

/**
 * Reports what reading an evidence archive found ({@link CollectedEvidence#findings()}: {@code evidence.archive},
 * {@code evidence.manifest}, {@code evidence.guest-conf-syntax}), so that a diagnosis from an archive says
 * what the archive lacked. Without {@link CollectedEvidence} it reports nothing. Stateless and thread-safe.
 */
public final class EvidenceArchiveCheck implements Check {
    /** Creates the check (for {@link java.util.ServiceLoader}). */
    public EvidenceArchiveCheck() {
    }

    @Override
    public String id() {
        return "evidence.archive";
    }

    @Override
    public String description() {
        return "What the evidence archive lacks or holds in a bad form";
    }

    @Override
    public List<Finding> run(CheckContext context) {
        return context.get(CollectedEvidence.class).map(CollectedEvidence::findings).orElse(List.of());
    }
}
