package io.phoenixdiag.core.checks;

import io.phoenixdiag.core.analysis.DeploymentModel;
import io.phoenixdiag.core.diag.Finding;
import io.phoenixdiag.core.diag.Severity;
import io.phoenixdiag.core.topology.Endpoint;
import io.phoenixdiag.core.topology.Guest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Cyclic {@code dependencies} between guests: no start order satisfies them.
 *
 * <p>Finds the strongly connected components of the dependency graph (Tarjan's algorithm) and reports
 * each component with more than one guest, or a guest that depends on itself, as
 * {@code topology.dependency-cycle} (ERROR). A dependency id resolves to the container with that id,
 * else the VM. Stateless and thread-safe.
 */
public final class DependencyCycleCheck extends ModelCheck {
    /** Creates the check (for {@link java.util.ServiceLoader}). */
    public DependencyCycleCheck() {
    }

    @Override
    public String id() {
        return "topology.dependency-cycle";
    }

    @Override
    public String description() {
        return "Cyclic dependencies between guests";
    }

    @Override
    List<Finding> run(DeploymentModel model) {
        Map<Endpoint, List<Endpoint>> edges = new HashMap<>();
        for (Guest g : model.topology().guests()) {
            List<Endpoint> to = new ArrayList<>();
            for (String d : g.dependencies()) {
                resolve(model, d).ifPresent(to::add);
            }
            edges.put(g.endpoint(), to);
        }
        List<Finding> out = new ArrayList<>();
        for (List<Endpoint> scc : new Tarjan(edges).components(model.topology().guests().stream()
                .map(Guest::endpoint).toList())) {
            Endpoint first = scc.get(0);
            boolean selfLoop = scc.size() == 1 && edges.getOrDefault(first, List.of()).contains(first);
            if (scc.size() < 2 && !selfLoop) {
                continue;
            }
            List<String> names = cycleThrough(first, scc, edges).stream().map(Endpoint::subject).toList();
            Finding.Builder b = Finding.builder("topology.dependency-cycle", Severity.ERROR)
                    .title("Dependency cycle: " + String.join(" -> ", names) + " -> " + first.subject())
                    .message("These guests depend on each other in a circle, so no start order satisfies their"
                            + " dependencies; the orchestrator cannot create or start them in order.")
                    .remediation("Remove one dependency of the cycle (usually the one pointing back at an"
                            + " infrastructure guest).");
            for (Endpoint e : scc) {
                Guest g = model.topology().guest(e).orElseThrow();
                b.subject(e.subject()).evidence(e.subject() + " depends on " + g.dependencies())
                        .location(UnknownReferenceCheck.at(g.declared(), "/dependencies"));
            }
            out.add(b.build());
        }
        return out;
    }

    /**
     * A shortest cycle from {@code first} back to itself inside its strongly connected component, in
     * dependency order (each element depends on the next), starting with {@code first}.
     */
    static List<Endpoint> cycleThrough(Endpoint first, List<Endpoint> scc, Map<Endpoint, List<Endpoint>> edges) {
        java.util.Set<Endpoint> members = new java.util.HashSet<>(scc);
        Map<Endpoint, Endpoint> parent = new HashMap<>();
        Deque<Endpoint> queue = new ArrayDeque<>();
        queue.add(first);
        while (!queue.isEmpty()) {
            Endpoint v = queue.poll();
            for (Endpoint w : edges.getOrDefault(v, List.of())) {
                if (w.equals(first)) {
                    List<Endpoint> path = new ArrayList<>();
                    for (Endpoint x = v; x != null; x = parent.get(x)) {
                        path.add(0, x);
                    }
                    return path;
                }
                if (members.contains(w) && !parent.containsKey(w)) {
                    parent.put(w, v);
                    queue.add(w);
                }
            }
        }
        return scc; // unreachable for a component of two or more guests or a self-loop
    }

    private static Optional<Endpoint> resolve(DeploymentModel model, String id) {
        try {
            int n = Integer.parseInt(id.trim());
            if (n <= 0) {
                return Optional.empty();
            }
            Endpoint lxc = Endpoint.lxc(n);
            if (model.topology().guest(lxc).isPresent()) {
                return Optional.of(lxc);
            }
            Endpoint vm = Endpoint.vm(n);
            return model.topology().guest(vm).isPresent() ? Optional.of(vm) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Iterative Tarjan SCC, so deep chains cannot overflow the stack. */
    private static final class Tarjan {
        private final Map<Endpoint, List<Endpoint>> edges;
        private final Map<Endpoint, Integer> index = new HashMap<>();
        private final Map<Endpoint, Integer> low = new HashMap<>();
        private final Deque<Endpoint> stack = new ArrayDeque<>();
        private final java.util.Set<Endpoint> onStack = new java.util.HashSet<>();
        private final List<List<Endpoint>> result = new ArrayList<>();
        private int counter;

        Tarjan(Map<Endpoint, List<Endpoint>> edges) {
            this.edges = edges;
        }

        List<List<Endpoint>> components(List<Endpoint> nodes) {
            for (Endpoint n : nodes) {
                if (!index.containsKey(n)) {
                    visit(n);
                }
            }
            return result;
        }

        private void visit(Endpoint root) {
            Deque<Object[]> work = new ArrayDeque<>();
            work.push(new Object[] {root, 0});
            open(root);
            while (!work.isEmpty()) {
                Object[] frame = work.peek();
                Endpoint v = (Endpoint) frame[0];
                int i = (Integer) frame[1];
                List<Endpoint> next = edges.getOrDefault(v, List.of());
                if (i < next.size()) {
                    frame[1] = i + 1;
                    Endpoint w = next.get(i);
                    if (!index.containsKey(w)) {
                        open(w);
                        work.push(new Object[] {w, 0});
                    } else if (onStack.contains(w)) {
                        low.put(v, Math.min(low.get(v), index.get(w)));
                    }
                    continue;
                }
                work.pop();
                if (!work.isEmpty()) {
                    Endpoint parent = (Endpoint) work.peek()[0];
                    low.put(parent, Math.min(low.get(parent), low.get(v)));
                }
                if (low.get(v).equals(index.get(v))) {
                    List<Endpoint> scc = new ArrayList<>();
                    Endpoint w;
                    do {
                        w = stack.pop();
                        onStack.remove(w);
                        scc.add(w);
                    } while (!w.equals(v));
                    scc.sort(null);
                    result.add(scc);
                }
            }
        }

        private void open(Endpoint v) {
            index.put(v, counter);
            low.put(v, counter);
            counter++;
            stack.push(v);
            onStack.add(v);
        }
    }
}
