package io.phoenixdiag.core.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.phoenixdiag.core.config.Deployment;
import io.phoenixdiag.core.config.LoadResult;
import io.phoenixdiag.core.config.PhoenixLoader;
import io.phoenixdiag.core.diag.Location;
import io.phoenixdiag.core.firewall.Verdict;
import io.phoenixdiag.core.firewall.VerdictState;
import io.phoenixdiag.core.testing.Fixtures;
import io.phoenixdiag.core.topology.Endpoint;
import io.phoenixdiag.core.topology.IntendedFlow;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Properties of flow inference and the intent verdicts on random small deployments, against an
 * independent oracle of Proxmox guest ingress: the first IN rule matching source, protocol and port
 * decides; with none, the guest's {@code policy_in DROP} does; a guest with its firewall off filters nothing.
 */
class FlowEvaluationPropertiesTest {

    private static final List<Integer> PORTS = List.of(22, 80, 443);
    private static final List<String> PROTOS = List.of("tcp", "udp");

    /** One IN rule: source "" (any), an address or a CIDR. */
    record Rule(String action, String source, String proto, int port) {
        String json() {
            return Fixtures.rule("in", action, source, proto, String.valueOf(port));
        }

        boolean matches(String srcAddress, String p, int dport) {
            boolean src = source.isEmpty() || source.equals(srcAddress)
                    || source.equals("10.0.0.0/24") && srcAddress.startsWith("10.0.0.");
            return src && proto.equals(p) && port == dport;
        }
    }

    /** A random container. */
    record G(int ctid, boolean firewall, boolean active, List<String> features, List<Rule> rules) {
        String address() {
            return "10.0.0." + (ctid - 80);
        }

        String json() {
            return Fixtures.lxc(ctid, "g" + ctid, address(), "'start_at_boot': " + active + ", 'features': ["
                    + String.join(", ", features.stream().map(f -> "'" + f + "'").toList()) + "], "
                    + Fixtures.firewall(firewall, String.join(", ", rules.stream().map(Rule::json).toList())));
        }
    }

    @Provide
    Arbitrary<List<G>> deployments() {
        Arbitrary<String> sources = Arbitraries.of("", "10.0.0.20", "10.0.0.21", "10.0.0.22", "10.0.0.23",
                "10.0.0.0/24", "10.0.1.5");
        Arbitrary<Rule> rules = Combinators.combine(Arbitraries.of("ACCEPT", "ACCEPT", "DROP", "REJECT"), sources,
                Arbitraries.of(PROTOS), Arbitraries.of(PORTS)).as(Rule::new);
        Arbitrary<List<String>> features = Arbitraries.of("step_cli", "trusted_ca", "step_ca", "traefik", "nginx")
                .list().uniqueElements().ofMaxSize(2);
        return Arbitraries.integers().between(2, 4).flatMap(n -> {
            List<Arbitrary<G>> gs = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int ctid = 100 + i;
                gs.add(Combinators.combine(Arbitraries.of(true, true, true, false), Arbitraries.of(true, true, false),
                        features, rules.list().ofMaxSize(4)).as((fw, on, fs, rs) -> new G(ctid, fw, on, fs, rs)));
            }
            return Combinators.combine(gs).as(List::copyOf);
        });
    }

    private static Diagnosis.Builder diagnosis(List<G> guests) {
        String hv = Fixtures.hypervisor(Fixtures.globalFirewall(""), "");
        String lxc = Fixtures.lxcFile(guests.stream().map(G::json).toArray(String[]::new));
        Deployment d = new Deployment("mem", PhoenixLoader.HYPERVISOR.load(hv, "hv.json").value(),
                PhoenixLoader.LXC.load(lxc, "lxc.json").value(), Optional.empty(), Optional.empty(), Map.of(),
                Optional.empty(), List.of());
        return Diagnosis.builder().deployment(new LoadResult<>(d, List.of()));
    }

    @Property(tries = 150)
    void ingressVerdictsFollowTheFirstMatchingInRule(@ForAll("deployments") List<G> guests) {
        Diagnosis.Builder b = diagnosis(guests);
        List<IntendedFlow> probes = new ArrayList<>();
        Location at = Location.ofFile("probe");
        for (G src : guests) {
            for (G dst : guests) {
                if (src == dst) {
                    continue;
                }
                for (String proto : PROTOS) {
                    for (int port : PORTS) {
                        IntendedFlow f = IntendedFlow.of(Endpoint.lxc(src.ctid()), Endpoint.lxc(dst.ctid()), proto, port,
                                "", "probe", List.of(at), true);
                        probes.add(f);
                        b.addFlow(f);
                    }
                }
            }
        }
        DeploymentModel m = b.build().analyse();
        for (IntendedFlow f : probes) {
            G src = guests.get(f.source().guestId() - 100);
            G dst = guests.get(f.destination().guestId() - 100);
            Verdict v = m.verdict(f).orElseThrow();
            if (!dst.firewall()) {
                assertEquals(VerdictState.ALLOWED, v.state(), f.id() + " " + v.decidedBy());
                continue;
            }
            int first = -1;
            for (int i = 0; i < dst.rules().size() && first < 0; i++) {
                if (dst.rules().get(i).matches(src.address(), f.protocol(), f.port())) {
                    first = i;
                }
            }
            if (first < 0) {
                assertEquals(VerdictState.BLOCKED_DESTINATION_INGRESS, v.state(), f.id());
                assertEquals("lxc:" + dst.ctid() + " policy_in DROP", v.decidedBy(), f.id());
                continue;
            }
            boolean accept = dst.rules().get(first).action().equals("ACCEPT");
            assertEquals(accept ? VerdictState.ALLOWED : VerdictState.BLOCKED_DESTINATION_INGRESS, v.state(),
                    f.id() + " " + v.decidedBy() + " rules " + dst.rules());
            assertTrue(v.decidedBy().startsWith("lxc:" + dst.ctid() + " IN rule " + (first + 1) + " "),
                    f.id() + " " + v.decidedBy());
            assertEquals("lxc.json#/lxc_configs/" + dst.ctid() + "/firewall/rules/" + first,
                    v.location().map(l -> l.file() + "#" + l.pointer()).orElse(""));
        }
    }

    @Property(tries = 150)
    void inferredFlowsAreUniqueOrderedActiveOnlyBetweenRunningEndsAndAllDecided(
            @ForAll("deployments") List<G> guests) {
        DeploymentModel m = diagnosis(guests).build().analyse();
        Set<String> ids = new HashSet<>();
        for (IntendedFlow f : m.flows()) {
            assertTrue(ids.add(f.id()), "duplicate " + f.id());
            assertNotEquals(f.source(), f.destination(), f.id());
            assertEquals(m.topology().isActive(f.source()) && m.topology().isActive(f.destination()), f.active(), f.id());
            assertFalse(f.impliedBy().isEmpty(), f.id());
            assertEquals(f.impliedBy().size(), new HashSet<>(f.impliedBy()).size(), f.id());
            assertTrue(m.verdict(f).isPresent(), f.id());
        }
        Comparator<IntendedFlow> order = Comparator.comparing(IntendedFlow::source).thenComparing(IntendedFlow::destination)
                .thenComparing(IntendedFlow::protocol).thenComparingInt(IntendedFlow::port);
        List<IntendedFlow> sorted = new ArrayList<>(m.flows());
        sorted.sort(order);
        assertEquals(sorted, m.flows());
        // every CA client reaches every CA on 9000, and the host does too
        for (Endpoint ca : m.roles().holders(io.phoenixdiag.core.topology.Role.CA)) {
            assertTrue(ids.contains("host->" + ca + "/tcp/9000"));
            for (G g : guests) {
                boolean client = g.features().contains("step_cli") || g.features().contains("trusted_ca");
                if (client && !Endpoint.lxc(g.ctid()).equals(ca)) {
                    assertTrue(ids.contains("lxc:" + g.ctid() + "->" + ca + "/tcp/9000"), ids::toString);
                }
            }
        }
    }
}
