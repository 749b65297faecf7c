package io.phoenixdiag.net.fwlayer;

import io.phoenixdiag.core.analysis.DeploymentModel;
import io.phoenixdiag.core.analysis.FlowEvaluation;
import io.phoenixdiag.core.analysis.FlowLayerSource;
import io.phoenixdiag.core.checks.LayerFindings;
import io.phoenixdiag.core.diag.Check;
import io.phoenixdiag.core.diag.CheckContext;
import io.phoenixdiag.core.diag.Evidence;
import io.phoenixdiag.core.diag.Finding;
import io.phoenixdiag.core.diag.FlowLayer;
import io.phoenixdiag.core.diag.FlowState;
import io.phoenixdiag.core.diag.FlowVerdict;
import io.phoenixdiag.core.diag.Severity;
import io.phoenixdiag.core.firewall.Endpoint;
import io.phoenixdiag.core.firewall.Verdict;
import io.phoenixdiag.core.firewall.VerdictState;
import io.phoenixdiag.core.topology.IntendedFlow;
import io.phoenixdiag.core.topology.Topology;
import io.phoenixdiag.net.iptables.EvaluationOptions;
import io.phoenixdiag.net.iptables.NetfilterEvaluator;
import io.phoenixdiag.net.iptables.Packet;
import io.phoenixdiag.net.pvecompile.NodeVerdict;
import io.phoenixdiag.net.pvecompile.PveNodeEvaluator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The intended flows against the netfilter rules loaded on the node ({@link IptablesEvidence}, e.g. from
 * {@code phoenix-doctor doctor --iptables-save FILE}), walked with {@link PveNodeEvaluator} through the
 * node's bridge layout (the guests' NICs and {@code firewall=1} flags come from the deployment's
 * firewall model).
 *
 * <p>Findings: the dumps' parse errors and warnings (ids {@code iptables.parse.*}, passed through);
 * {@code iptables.flow-blocked} (ERROR when both ends run, INFO otherwise) for a flow the loaded rules drop
 * or reject, naming the deciding rule with the dump's file and line; {@code iptables.intent-drift}
 * (WARNING) where the JSON intent allows a flow the kernel rules block, or blocks one they allow. UNKNOWN
 * verdicts (an ipset whose contents are not in the dump, a match that cannot be decided) make neither.
 * Each flow is one packet as {@link FlowEvaluation} builds it: conntrack NEW, TCP SYN, source port 40000.
 * The host's local addresses ({@code addrtype LOCAL}) are taken to be its configured address and loopback.
 *
 * <p>Without {@link IptablesEvidence} in the context it reports nothing. As a {@link FlowLayerSource}
 * it adds each flow's verdict in the {@code iptables} layer. Stateless and thread-safe.
 */
public final class IptablesFlowCheck implements Check, FlowLayerSource {
    /** Creates the check (for {@link java.util.ServiceLoader}). */
    public IptablesFlowCheck() {
    }

    @Override
    public String id() {
        return "firewall.iptables-flows";
    }

    @Override
    public String description() {
        return "Intended flows evaluated against the node's loaded netfilter rules (iptables-save), and drift from the JSON intent";
    }

    @Override
    public Set<Class<?>> requires() {
        return Set.of(DeploymentModel.class);
    }

    @Override
    public List<Finding> run(CheckContext context) {
        DeploymentModel model = context.require(DeploymentModel.class);
        Optional<IptablesEvidence> evidence = context.get(IptablesEvidence.class);
        if (evidence.isEmpty()) {
            return List.of();
        }
        IptablesEvidence ev = evidence.get();
        List<Finding> out = new ArrayList<>();
        ev.dumps().forEach(d -> out.addAll(d.diagnostics()));
        Map<String, NodeVerdict> verdicts = evaluate(model, ev);
        for (IntendedFlow f : model.flows()) {
            NodeVerdict real = verdicts.get(f.id());
            if (real == null || real.flowState() == FlowState.UNKNOWN) {
                continue;
            }
            String what = LayerFindings.describe(f);
            if (!real.allowed()) {
                Finding.Builder b = Finding.builder("iptables.flow-blocked", f.active() ? Severity.ERROR : Severity.INFO)
                        .title("The netfilter rules loaded on the node block " + what)
                        .message(f.purpose() + ", but the rules in " + ev.source() + " "
                                + real.outcome().name().toLowerCase(Locale.ROOT) + " it ("
                                + real.flowState().name().toLowerCase(Locale.ROOT).replace('_', ' ') + "): "
                                + real.decidedBy())
                        .subject(f.source().subject(), f.destination().subject()).evidence("flow " + f.id());
                real.location().ifPresent(l -> b.location(l).evidence(Evidence.of("the deciding rule or policy", l)));
                out.add(b.build());
            }
            model.verdict(f).flatMap(intent -> LayerFindings.drift("iptables.intent-drift", f, intent,
                    real.allowed(), real.decidedBy(), real.location(), "the node's netfilter rules", "the rules in " + ev.source(),
                    "the loaded rule", "Re-apply the firewall (pve-firewall compile/restart) or find what else loads"
                            + " rules on the node (Docker, a VPN, a hand-written script).")).ifPresent(out::add);
        }
        return out;
    }

    @Override
    public Map<String, FlowVerdict> verdicts(DeploymentModel model, CheckContext evidence) {
        Map<String, FlowVerdict> out = new LinkedHashMap<>();
        evidence.get(IptablesEvidence.class).ifPresent(ev -> evaluate(model, ev).forEach((id, v) -> {
            FlowState s = v.flowState();
            out.put(id, v.location().map(l -> FlowVerdict.of(FlowLayer.IPTABLES, s, v.decidedBy(), l))
                    .orElseGet(() -> FlowVerdict.of(FlowLayer.IPTABLES, s, v.decidedBy())));
        }));
        return out;
    }

    /**
     * The iptables verdict of every flow whose ends have addresses of one IP version.
     *
     * @param model the analysed deployment
     * @param ev    the dumps
     * @return the verdicts by flow id; UNKNOWN verdicts for flows that cannot be made a packet
     */
    static Map<String, NodeVerdict> evaluate(DeploymentModel model, IptablesEvidence ev) {
        Topology t = model.topology();
        EvaluationOptions.Builder opts = EvaluationOptions.builder();
        t.addressOf(io.phoenixdiag.core.topology.Endpoint.HOST).ifPresent(h -> opts.localAddresses(h, "127.0.0.1", "::1"));
        PveNodeEvaluator node = PveNodeEvaluator.of(NetfilterEvaluator.of(ev.dumps(), opts.build()),
                ev.source(), model.firewall(), ev.hostBridge());
        Map<String, NodeVerdict> out = new LinkedHashMap<>();
        for (IntendedFlow f : model.flows()) {
            Optional<String> src = address(t, f.source(), f.externalAddress());
            Optional<String> dst = address(t, f.destination(), f.externalAddress());
            if (src.isEmpty() || dst.isEmpty() || src.get().contains(":") != dst.get().contains(":")) {
                out.put(f.id(), new NodeVerdict(io.phoenixdiag.net.iptables.Outcome.UNKNOWN, Optional.empty(),
                        "an end of the flow has no static address of the other end's IP version", Optional.empty(),
                        List.of()));
                continue;
            }
            int proto = f.protocol().equalsIgnoreCase("udp") ? 17 : 6;
            Packet.Builder p = (proto == 6 ? Packet.tcp(src.get(), 40000, dst.get(), f.port())
                    : Packet.udp(src.get(), 40000, dst.get(), f.port()));
            out.put(f.id(), node.evaluate(endpoint(f.source()), endpoint(f.destination()), p.build()));
        }
        return out;
    }

    private static Optional<String> address(Topology t, io.phoenixdiag.core.topology.Endpoint e, String external) {
        if (e.equals(io.phoenixdiag.core.topology.Endpoint.EXTERNAL)) {
            return Optional.of(external.isEmpty() ? FlowEvaluation.EXTERNAL_PLACEHOLDER : external);
        }
        return t.addressOf(e);
    }

    private static Endpoint endpoint(io.phoenixdiag.core.topology.Endpoint e) {
        return switch (e.kind()) {
            case HOST -> Endpoint.host();
            case EXTERNAL -> Endpoint.external();
            case LXC, VM -> Endpoint.guest(e.guestId(), "net0");
        };
    }
}
