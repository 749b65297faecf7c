package io.phoenixdiag.net.drift;

import io.phoenixdiag.core.analysis.DeploymentModel;
import io.phoenixdiag.core.diag.Check;
import io.phoenixdiag.core.diag.CheckContext;
import io.phoenixdiag.core.diag.Finding;
import io.phoenixdiag.core.diag.Location;
import io.phoenixdiag.core.diag.Severity;
import io.phoenixdiag.core.topology.IntendedFlow;
import io.phoenixdiag.net.kernlog.KernelLog;
import io.phoenixdiag.net.kernlog.LogCorrelator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Netfilter LOG lines of the node's kernel (a {@link KernelLog}, e.g. from an evidence archive's
 * {@code kernel/kernel-log.txt}) aggregated per flow ({@link LogCorrelator}, addresses named by the
 * topology) and set against the intended flows: pve-firewall logs what its rules and policies drop or reject
 * when a log level is set.
 *
 * <p>Findings: the parser's {@code kernlog.malformed} warnings, passed through; {@code evidence.kernel-log-drop}
 * per logged flow, WARNING when it is an intended, active flow (the node really drops traffic the deployment
 * needs), INFO otherwise; located at the first log line. Without a {@link KernelLog} it reports nothing.
 * Stateless and thread-safe.
 */
public final class KernelLogCheck implements Check {
    /** Creates the check (for {@link java.util.ServiceLoader}). */
    public KernelLogCheck() {
    }

    @Override
    public String id() {
        return "evidence.kernel-log";
    }

    @Override
    public String description() {
        return "Netfilter LOG lines of the node's kernel set against the intended flows";
    }

    @Override
    public List<Finding> run(CheckContext context) {
        Optional<KernelLog> log = context.get(KernelLog.class);
        if (log.isEmpty()) {
            return List.of();
        }
        Optional<DeploymentModel> model = context.get(DeploymentModel.class);
        List<Finding> out = new ArrayList<>(log.get().warnings());
        for (LogCorrelator.FlowAggregate a : LogCorrelator.correlate(log.get(), Optional.empty(),
                model.map(DeploymentModel::topology))) {
            String proto = a.protocol().toLowerCase(Locale.ROOT);
            Optional<IntendedFlow> intended = model.flatMap(m -> m.flows().stream()
                    .filter(f -> f.source().subject().equals(a.sourceOwner()) && f.destination().subject().equals(a.destinationOwner())
                            && f.protocol().equals(proto) && (a.destinationPort() < 0 || f.port() == a.destinationPort()))
                    .findFirst());
            boolean needed = intended.map(IntendedFlow::active).orElse(false);
            Finding.Builder b = Finding.builder("evidence.kernel-log-drop", needed ? Severity.WARNING : Severity.INFO)
                    .title("The kernel logged " + a.count() + " packet(s) " + a.sourceOwner() + " -> " + a.destinationOwner()
                            + " " + proto + (a.destinationPort() >= 0 ? "/" + a.destinationPort() : ""))
                    .message(a.describe() + "." + intended.map(f -> " This is the intended flow " + f.id() + " ("
                            + f.purpose() + ")" + (needed ? ": the node drops traffic the deployment needs." : ".")).orElse(""))
                    .subject(a.sourceOwner(), a.destinationOwner());
            intended.ifPresent(f -> b.evidence("flow " + f.id()));
            if (!a.lineNumbers().isEmpty()) {
                b.location(Location.ofLine(log.get().source(), a.lineNumbers().get(0), 1));
            }
            out.add(b.build());
        }
        return out;
    }
}
