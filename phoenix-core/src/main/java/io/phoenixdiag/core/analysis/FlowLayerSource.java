package io.phoenixdiag.core.analysis;

import io.phoenixdiag.core.diag.CheckContext;
import io.phoenixdiag.core.diag.FlowVerdict;
import java.util.Map;

/**
 * Contributes the verdicts of another evidence layer (such as {@code pve-fw} from real {@code .fw}
 * files, or {@code iptables} from an {@code iptables-save} dump) to the flow matrix of the report.
 * Checks only return findings; a source registered with {@link Diagnosis.Builder#layer(FlowLayerSource)}
 * adds verdicts to the intended flows, beside their {@code intent} verdicts, with
 * {@link io.phoenixdiag.core.diag.Report.Builder#verdict(String, FlowVerdict)}.
 *
 * <p>{@link Diagnosis#run()} calls each source once, after the checks, with the analysed model and the
 * same evidence the checks saw; verdicts for flow ids the report does not hold are ignored.
 * Implementations must be thread-safe if a diagnosis is run from several threads.
 */
@FunctionalInterface
public interface FlowLayerSource {
    /**
     * The verdicts of this layer.
     *
     * @param model    the analysed deployment (its {@link DeploymentModel#flows()} are the flows)
     * @param evidence the evidence given to the diagnosis; a source whose evidence is absent returns an empty map
     * @return verdicts by flow id ({@link io.phoenixdiag.core.topology.IntendedFlow#id()}); never null
     */
    Map<String, FlowVerdict> verdicts(DeploymentModel model, CheckContext evidence);
}
