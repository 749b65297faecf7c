package io.phoenixdiag.core.checks;

import io.phoenixdiag.core.analysis.DeploymentModel;
import io.phoenixdiag.core.diag.Finding;
import io.phoenixdiag.core.diag.Severity;
import io.phoenixdiag.core.firewall.Verdict;
import io.phoenixdiag.core.firewall.VerdictState;
import io.phoenixdiag.core.topology.Endpoint;
import io.phoenixdiag.core.topology.IntendedFlow;
import java.util.ArrayList;
import java.util.List;

/**
 * Intended flows the declared Proxmox firewall blocks.
 *
 * <p>Finding {@code firewall.flow-blocked}: ERROR when both ends run, INFO when one is inactive (a
 * template or a guest not started at boot). The finding names the stage that drops the packet (source
 * egress, host forward, destination ingress), the deciding rule or default policy with its location,
 * and the rule that would let the flow pass, in the deployment's JSON rule syntax; when an explicit rule
 * drops the flow, the remediation says to change that rule or to add the ACCEPT before it (Proxmox
 * evaluates rules in order and the first match wins). Stateless and
 * thread-safe.
 */
public final class FlowBlockedCheck extends ModelCheck {
    /** Creates the check (for {@link java.util.ServiceLoader}). */
    public FlowBlockedCheck() {
    }

    @Override
    public String id() {
        return "firewall.flow-blocked";
    }

    @Override
    public String description() {
        return "Intended flows the declared Proxmox firewall blocks";
    }

    @Override
    List<Finding> run(DeploymentModel model) {
        List<Finding> out = new ArrayList<>();
        for (IntendedFlow f : model.flows()) {
            Verdict v = model.verdict(f).orElse(null);
            if (v == null || v.state() == VerdictState.ALLOWED || v.state() == VerdictState.UNKNOWN) {
                continue;
            }
            String src = model.topology().label(f.source());
            String dst = model.topology().label(f.destination());
            String stage = switch (v.state()) {
                case BLOCKED_SOURCE_EGRESS -> "leaving " + f.source() + " (its OUT rules)";
                case BLOCKED_HOST_FORWARD -> "in the host's FORWARD rules";
                default -> "entering " + f.destination() + " (its IN rules)";
            };
            Finding.Builder b = Finding.builder("firewall.flow-blocked", f.active() ? Severity.ERROR : Severity.INFO)
                    .title(src + " cannot reach " + dst + " on " + f.protocol() + "/" + f.port())
                    .message(f.purpose() + ", but the firewall drops the connection " + stage + ": " + v.decidedBy() + "."
                            + (f.active() ? "" : " One end is inactive, so this matters only once it runs."))
                    .remediation(remedy(model, f, v))
                    .subject(f.source().subject(), f.destination().subject(),
                            model.topology().addressOf(f.destination()).orElse(f.destination().subject()) + ":"
                                    + f.port() + "/" + f.protocol())
                    .evidence("flow " + f.id() + " (" + f.scheme() + ")");
            v.location().ifPresent(l -> b.evidence(io.phoenixdiag.core.diag.Evidence.of("the deciding rule or policy", l)).location(l));
            f.impliedBy().forEach(l -> b.evidence(io.phoenixdiag.core.diag.Evidence.of("the configuration that implies the flow", l)));
            out.add(b.build());
        }
        return out;
    }

    private static String remedy(DeploymentModel model, IntendedFlow f, Verdict v) {
        String srcAddr = model.topology().addressOf(f.source()).orElse("");
        String dstAddr = model.topology().addressOf(f.destination()).orElse(f.externalAddress());
        if (decidedByRule(v) && v.state() != VerdictState.BLOCKED_HOST_FORWARD) {
            // first match wins: an ACCEPT appended after the dropping rule is never reached
            String add = v.state() == VerdictState.BLOCKED_SOURCE_EGRESS
                    ? where(f.source()) + ": {\"type\": \"out\", \"action\": \"ACCEPT\""
                            + (dstAddr.isEmpty() ? "" : ", \"dest\": \"" + dstAddr + "\"")
                    : where(f.destination()) + ": {\"type\": \"in\", \"action\": \"ACCEPT\""
                            + (srcAddr.isEmpty() ? "" : ", \"source\": \"" + srcAddr + "\"");
            return "Change or delete " + v.decidedBy() + ", which drops the flow (the first matching rule wins),"
                    + " or add before it in " + add + ", \"proto\": \"" + f.protocol() + "\", \"port\": \""
                    + f.port() + "\"}.";
        }
        return switch (v.state()) {
            case BLOCKED_SOURCE_EGRESS -> "Add to " + where(f.source()) + ": {\"type\": \"out\", \"action\": \"ACCEPT\""
                    + (dstAddr.isEmpty() ? "" : ", \"dest\": \"" + dstAddr + "\"") + ", \"proto\": \"" + f.protocol()
                    + "\", \"port\": \"" + f.port() + "\"}.";
            case BLOCKED_HOST_FORWARD -> "Allow the flow in the host's forward rules.";
            default -> "Add to " + where(f.destination()) + ": {\"type\": \"in\", \"action\": \"ACCEPT\""
                    + (srcAddr.isEmpty() ? "" : ", \"source\": \"" + srcAddr + "\"") + ", \"proto\": \"" + f.protocol()
                    + "\", \"port\": \"" + f.port() + "\"}.";
        };
    }

    /** Whether an explicit rule (not a default policy or an implicit conntrack step) blocked the flow. */
    private static boolean decidedByRule(Verdict v) {
        if (v.trace().isEmpty()) {
            return false;
        }
        String step = v.trace().get(v.trace().size() - 1).step();
        return !step.contains("policy_") && !step.contains("implicit: ");
    }

    private static String where(Endpoint e) {
        return switch (e.kind()) {
            case HOST -> "the global firewall rules (shared_volumes.firewall.global_firewall_rules)";
            case LXC -> "the firewall.rules of " + e + " in phoenix_lxc_configs.json";
            case VM -> "the firewall.rules of " + e + " in phoenix_vm_configs.json (or its stack's firewall_rules)";
            case EXTERNAL -> "the rules of the external network";
        };
    }
}
