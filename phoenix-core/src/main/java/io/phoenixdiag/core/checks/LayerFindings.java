package io.phoenixdiag.core.checks;

import io.phoenixdiag.core.diag.Evidence;
import io.phoenixdiag.core.diag.Finding;
import io.phoenixdiag.core.diag.Location;
import io.phoenixdiag.core.diag.Severity;
import io.phoenixdiag.core.firewall.Verdict;
import io.phoenixdiag.core.firewall.VerdictState;
import io.phoenixdiag.core.topology.IntendedFlow;
import java.util.Objects;
import java.util.Optional;

/**
 * Findings shared by the checks that add a flow layer from evidence of what a node really runs
 * ({@code .fw} files, {@code iptables-save} dumps...): where that layer and the JSON intent disagree.
 * Stateless and thread-safe.
 */
public final class LayerFindings {
    private LayerFindings() {
    }

    /**
     * A flow in the report's words: {@code lxc:102 -> lxc:103 tcp/9000}.
     *
     * @param flow the flow
     * @return the text
     */
    public static String describe(IntendedFlow flow) {
        return flow.source().subject() + " -> " + flow.destination().subject() + " " + flow.protocol() + "/" + flow.port();
    }

    /**
     * The drift finding (WARNING) when the JSON intent and another layer disagree on whether a flow passes.
     *
     * @param checkId       the finding's id, e.g. {@code firewall.intent-drift}
     * @param flow          the flow
     * @param intent        the intent layer's verdict (from {@code DeploymentModel.verdict})
     * @param realAllowed   whether the other layer lets the flow pass
     * @param realDecidedBy the other layer's deciding rule or policy, one sentence
     * @param realLocation  where that rule is, when known
     * @param realName      the other layer in the title, e.g. {@code the Proxmox firewall files}
     * @param realSource    what the other layer read, in the message, e.g. {@code the files in /etc/pve}
     * @param realRuleLabel evidence label of that rule, e.g. {@code the loaded rule}
     * @param remediation   what to do about the drift
     * @return the finding, or empty when the intent is UNKNOWN or both layers agree
     */
    public static Optional<Finding> drift(String checkId, IntendedFlow flow, Verdict intent, boolean realAllowed,
                                          String realDecidedBy, Optional<Location> realLocation, String realName, String realSource,
                                          String realRuleLabel, String remediation) {
        Objects.requireNonNull(intent, "intent");
        if (intent.state() == VerdictState.UNKNOWN || intent.allowed() == realAllowed) {
            return Optional.empty();
        }
        Finding.Builder b = Finding.builder(checkId, Severity.WARNING)
                .title("The Phoenix JSON and " + realName + " disagree on " + describe(flow))
                .message("The JSON intent " + (intent.allowed() ? "allows" : "blocks") + " the flow ("
                        + intent.decidedBy() + ") but " + realSource + " " + (realAllowed ? "allow" : "block")
                        + " it (" + realDecidedBy + ").")
                .remediation(remediation)
                .subject(flow.source().subject(), flow.destination().subject()).evidence("flow " + flow.id());
        intent.location().ifPresent(l -> b.location(l).evidence(Evidence.of("the JSON intent's deciding rule", l)));
        realLocation.ifPresent(l -> b.location(l).evidence(Evidence.of(realRuleLabel, l)));
        return Optional.of(b.build());
    }
}
