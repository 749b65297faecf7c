package io.phoenixdiag.core.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import io.phoenixdiag.core.analysis.DeploymentModel;
import io.phoenixdiag.core.diag.ReportFormat;
import io.phoenixdiag.core.testing.Fixtures;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Properties of {@link DeploymentDiff} on random small deployments. */
class DeploymentDiffPropertiesTest {

    /** A container: CTID, whether its firewall is on, and its IN rules as (action, port). */
    record Ct(int ctid, boolean firewall, List<String> rules) {
        String json() {
            String rs = String.join(", ", rules.stream()
                    .map(r -> Fixtures.rule("in", r.substring(0, r.indexOf(' ')), "", "tcp", r.substring(r.indexOf(' ') + 1)))
                    .toList());
            return Fixtures.lxc(ctid, "ct" + ctid, "10.0.0." + (ctid - 50), "'features': ['nginx'], "
                    + Fixtures.firewall(firewall, rs));
        }
    }

    @Provide
    Arbitrary<List<Ct>> deployments() {
        Arbitrary<String> rule = Combinators.combine(Arbitraries.of("ACCEPT", "DROP"), Arbitraries.of("80", "443", "22"))
                .as((a, p) -> a + " " + p);
        return Arbitraries.integers().between(100, 104).set().ofMaxSize(4).flatMap(ids -> {
            List<Arbitrary<Ct>> cts = new ArrayList<>();
            for (int id : new TreeSet<>(ids)) {
                cts.add(Combinators.combine(Arbitraries.of(true, false), rule.list().ofMaxSize(3))
                        .as((fw, rs) -> new Ct(id, fw, rs)));
            }
            return Combinators.combine(cts).as(List::copyOf);
        });
    }

    @Property(tries = 40)
    void aDeploymentEqualsItself(@ForAll("deployments") List<Ct> a) throws IOException {
        DeploymentModel m = model(a);
        DeploymentDiff d = DeploymentDiff.between(m, m);
        assertTrue(d.isEmpty(), () -> DiffRenderer.render(d, ReportFormat.TEXT));
        assertEquals("no changes", DiffRenderer.summary(d));
    }

    @Property(tries = 40)
    void reversedDiffMirrors(@ForAll("deployments") List<Ct> a, @ForAll("deployments") List<Ct> b) throws IOException {
        DeploymentModel ma = model(a);
        DeploymentModel mb = model(b);
        DeploymentDiff forward = DeploymentDiff.between(ma, mb);
        DeploymentDiff backward = DeploymentDiff.between(mb, ma);
        assertEquals(forward.inverse(), backward);
        assertEquals(forward, backward.inverse());
        assertEquals(forward.broken().size(), backward.verdicts().stream().filter(VerdictChange::fixed).count());
        // guests added/removed are exactly the set differences of the CTIDs
        assertEquals(subjects(b, a), subjects(forward, ChangeKind.ADDED));
        assertEquals(subjects(a, b), subjects(forward, ChangeKind.REMOVED));
    }

    private static Set<String> subjects(List<Ct> x, List<Ct> y) {
        Set<String> s = new TreeSet<>();
        x.forEach(c -> s.add("lxc:" + c.ctid()));
        y.forEach(c -> s.remove("lxc:" + c.ctid()));
        return s;
    }

    private static Set<String> subjects(DeploymentDiff d, ChangeKind kind) {
        Set<String> s = new TreeSet<>();
        d.guests().stream().filter(g -> g.change() == kind).forEach(g -> s.add(g.subject()));
        return s;
    }

    private static DeploymentModel model(List<Ct> cts) throws IOException {
        Path dir = Files.createTempDirectory("diff-prop");
        try {
            return Fixtures.in(dir).hypervisor(Fixtures.hypervisor(Fixtures.globalFirewall(""), ""))
                    .lxc(cts.stream().map(Ct::json).toArray(String[]::new)).model();
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
