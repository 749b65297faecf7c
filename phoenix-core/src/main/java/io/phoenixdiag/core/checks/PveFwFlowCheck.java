package io.phoenixdiag.core.checks;

import io.phoenixdiag.core.analysis.DeploymentModel;
import io.phoenixdiag.core.analysis.Diagnosis;
import io.phoenixdiag.core.analysis.FlowEvaluation;
import io.phoenixdiag.core.analysis.FlowLayerSource;
import io.phoenixdiag.core.diag.Check;
import io.phoenixdiag.core.diag.CheckContext;
import io.phoenixdiag.core.diag.Evidence;
import io.phoenixdiag.core.diag.Finding;
import io.phoenixdiag.core.diag.FlowLayer;
import io.phoenixdiag.core.diag.FlowVerdict;
import io.phoenixdiag.core.diag.Severity;
import io.phoenixdiag.core.firewall.GuestFirewall;
import io.phoenixdiag.core.firewall.HostFirewall;
import io.phoenixdiag.core.firewall.PveFirewall;
import io.phoenixdiag.core.firewall.PveFirewallEvaluator;
import io.phoenixdiag.core.firewall.Verdict;
import io.phoenixdiag.core.firewall.VerdictState;
import io.phoenixdiag.core.firewall.pvefile.PveFwEvidence;
import io.phoenixdiag.core.topology.IntendedFlow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The intended flows against the real Proxmox firewall files ({@link PveFwEvidence}, e.g. from
 * {@code phoenix-doctor doctor --pve-fw DIR}), evaluated with the same {@link PveFirewallEvaluator}
 * that decides the Phoenix JSON intent.
 *
 * <p>Findings: the reader's own findings ({@code firewall.fw-syntax}, {@code firewall.rule-refused}...,
 * passed through); {@code firewall.pve-fw-flow-blocked} (ERROR when both ends run, INFO otherwise) for a
 * flow the files block, naming the deciding rule with its file and line; {@code firewall.intent-drift}
 * (WARNING) where the JSON intent allows a flow the files block, or blocks one they allow;
 * {@code firewall.pve-fw-borrowed} (INFO) when the files lack a guest's NICs or the node's local network
 * and the JSON's are used instead. UNKNOWN verdicts make no blocked or drift finding.
 *
 * <p>Without {@link PveFwEvidence} in the context it reports nothing (the evidence is optional, so the
 * check is not listed as not run).
 *
 * <p>As a {@link FlowLayerSource} (register with {@link Diagnosis.Builder#layer(FlowLayerSource)}) it adds
 * each flow's verdict in the {@code pve-fw} layer of the flow matrix. Stateless and thread-safe.
 */
public final class PveFwFlowCheck implements Check, FlowLayerSource {
    /** Creates the check (for {@link java.util.ServiceLoader}). */
    public PveFwFlowCheck() {
    }

    @Override
    public String id() {
        return "firewall.pve-fw-flows";
    }

    @Override
    public String description() {
        return "Intended flows evaluated against the real Proxmox .fw files, and drift from the JSON intent";
    }

    @Override
    public Set<Class<?>> requires() {
        return Set.of(DeploymentModel.class);
    }

    @Override
    public List<Finding> run(CheckContext context) {
        DeploymentModel model = context.require(DeploymentModel.class);
        if (!context.has(PveFwEvidence.class)) {
            return List.of();
        }
        PveFwEvidence ev = context.require(PveFwEvidence.class);
        List<Finding> out = new ArrayList<>(ev.loaded().findings());
        List<String> borrowed = new ArrayList<>();
        Map<String, Verdict> verdicts = evaluate(model, ev, borrowed);
        if (!borrowed.isEmpty()) {
            out.add(Finding.builder("firewall.pve-fw-borrowed", Severity.INFO)
                    .title("Facts the .fw files lack were taken from the Phoenix JSON")
                    .message(ev.source() + " does not say " + String.join("; ", borrowed)
                            + "; the flows are evaluated with the values of the Phoenix JSON.")
                    .subject(ev.source()).build());
        }
        for (IntendedFlow f : model.flows()) {
            Verdict real = verdicts.get(f.id());
            if (real == null || real.state() == VerdictState.UNKNOWN) {
                continue;
            }
            String what = LayerFindings.describe(f);
            if (!real.allowed()) {
                Finding.Builder b = Finding.builder("firewall.pve-fw-flow-blocked", f.active() ? Severity.ERROR : Severity.INFO)
                        .title("The Proxmox firewall files block " + what)
                        .message(f.purpose() + ", but the firewall files in " + ev.source() + " drop it ("
                                + real.state().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + "): "
                                + real.decidedBy() + ".")
                        .subject(f.source().subject(), f.destination().subject()).evidence("flow " + f.id());
                real.location().ifPresent(l -> b.location(l).evidence(Evidence.of("the deciding rule or policy", l)));
                out.add(b.build());
            }
            model.verdict(f).flatMap(intent -> LayerFindings.drift("firewall.intent-drift", f, intent,
                    real.allowed(), real.decidedBy(), real.location(), "the Proxmox firewall files", "the files in " + ev.source(),
                    "the .fw files' deciding rule", "Re-apply the Phoenix firewall configuration to the node, or update"
                            + " the JSON to what the node really runs.")).ifPresent(out::add);
        }
        return out;
    }

    @Override
    public Map<String, FlowVerdict> verdicts(DeploymentModel model, CheckContext evidence) {
        Map<String, FlowVerdict> out = new LinkedHashMap<>();
        evidence.get(PveFwEvidence.class).ifPresent(ev -> evaluate(model, ev, new ArrayList<>())
                .forEach((id, v) -> out.put(id, Diagnosis.toFlowVerdict(v, FlowLayer.PVE_FW))));
        return out;
    }

    /** The .fw verdict of every flow; facts the files lack are taken from the JSON translation. */
    private static Map<String, Verdict> evaluate(DeploymentModel model, PveFwEvidence ev, List<String> borrowed) {
        PveFirewall files = ev.loaded().value();
        PveFirewall json = model.firewall();
        PveFirewall.Builder b = PveFirewall.builder().datacenter(files.datacenter()).complete(files.complete());
        HostFirewall host = files.host();
        if (host.localNetwork().isEmpty() && !json.host().localNetwork().isEmpty()
                && !files.datacenter().aliases().containsKey("local_network")) {
            borrowed.add("the node's local network (" + json.host().localNetwork() + ")");
            HostFirewall.Builder hb = HostFirewall.builder().options(host.options()).rules(host.rules())
                    .localNetwork(json.host().localNetwork()).origin(host.origin().orElse(null));
            host.corosync().forEach(l -> hb.corosync(l.localAddress(), l.peerAddress()));
            host = hb.build();
        }
        b.host(host);
        for (GuestFirewall g : files.guests().values()) {
            GuestFirewall fromJson = json.guests().get(g.vmid());
            if (g.nics().isEmpty() && fromJson != null && !fromJson.nics().isEmpty()) {
                borrowed.add("the NICs of " + g.subject());
                GuestFirewall.Builder gb = GuestFirewall.builder(fromJson.kind(), g.vmid()).options(g.options())
                        .rules(g.rules()).origin(g.origin().orElse(null));
                g.ipsets().values().forEach(gb::ipset);
                g.aliases().values().forEach(gb::alias);
                fromJson.nics().values().forEach(gb::nic);
                b.guest(gb.build());
            } else {
                b.guest(g);
            }
        }
        return FlowEvaluation.evaluate(PveFirewallEvaluator.compile(b.build()), model.topology(), model.flows());
    }
}
