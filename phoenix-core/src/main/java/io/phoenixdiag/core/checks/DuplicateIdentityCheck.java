package io.phoenixdiag.core.checks;

import io.phoenixdiag.core.analysis.DeploymentModel;
import io.phoenixdiag.core.config.LxcContainer;
import io.phoenixdiag.core.config.VirtualMachine;
import io.phoenixdiag.core.diag.Finding;
import io.phoenixdiag.core.diag.Location;
import io.phoenixdiag.core.diag.Severity;
import io.phoenixdiag.core.topology.Guest;
import io.phoenixdiag.core.topology.Topology;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Duplicate guest ids, IP addresses and MAC addresses.
 *
 * <p>Proxmox VE allocates one id space to containers and VMs (a CTID may not equal a VMID,
 * {@code pvesh get /cluster/nextid}); two running guests with one address or MAC break ARP on the
 * bridge. Findings: {@code topology.duplicate-id} (ERROR), {@code topology.duplicate-address} and
 * {@code topology.duplicate-mac} (ERROR when two active components share the value, WARNING when an
 * inactive guest such as a template is involved). Stateless and thread-safe.
 */
public final class DuplicateIdentityCheck extends ModelCheck {
    /** Creates the check (for {@link java.util.ServiceLoader}). */
    public DuplicateIdentityCheck() {
    }

    @Override
    public String id() {
        return "topology.duplicates";
    }

    @Override
    public String description() {
        return "Duplicate guest ids, IP addresses and MAC addresses";
    }

    @Override
    List<Finding> run(DeploymentModel model) {
        List<Finding> out = new ArrayList<>();
        Map<Integer, List<Location>> ids = new LinkedHashMap<>();
        Map<Integer, java.util.Set<String>> kinds = new LinkedHashMap<>();
        for (LxcContainer c : model.deployment().containers().values()) {
            ids.computeIfAbsent(c.ctid(), k -> new ArrayList<>()).add(c.location());
            kinds.computeIfAbsent(c.ctid(), k -> new java.util.LinkedHashSet<>()).add("lxc:" + c.ctid());
        }
        for (VirtualMachine vm : model.deployment().vms()) {
            ids.computeIfAbsent(vm.vmid(), k -> new ArrayList<>()).add(vm.location());
            kinds.computeIfAbsent(vm.vmid(), k -> new java.util.LinkedHashSet<>()).add("vm:" + vm.vmid());
        }
        ids.forEach((id, where) -> {
            if (where.size() > 1) {
                Finding.Builder b = Finding.builder("topology.duplicate-id", Severity.ERROR)
                        .title("Guest id " + id + " is declared " + where.size() + " times")
                        .message("Proxmox VE gives containers and VMs one id space, so id " + id
                                + " can belong to one guest only; the diagnosis keeps the first declaration.")
                        .remediation("Give each guest its own id.");
                kinds.get(id).forEach(b::subject);
                where.forEach(l -> b.evidence("declared at " + l).location(l));
                out.add(b.build());
            }
        });
        Topology t = model.topology();
        duplicates(t, Guest::address, "topology.duplicate-address", "IP address", out);
        duplicates(t, g -> g.mac().isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(g.mac()),
                "topology.duplicate-mac", "MAC address", out);
        return out;
    }

    private static void duplicates(Topology t, Function<Guest, java.util.Optional<String>> key, String checkId,
                                   String what, List<Finding> out) {
        Map<String, List<Guest>> byValue = new LinkedHashMap<>();
        for (Guest g : t.guests()) {
            key.apply(g).ifPresent(v -> byValue.computeIfAbsent(v, k -> new ArrayList<>()).add(g));
        }
        boolean address = checkId.endsWith("address");
        byValue.forEach((value, guests) -> {
            boolean hostToo = address && t.host().address().filter(value::equals).isPresent();
            if (guests.size() < 2 && !hostToo) {
                return;
            }
            long active = guests.stream().filter(Guest::active).count() + (hostToo ? 1 : 0);
            Severity sev = active >= 2 ? Severity.ERROR : Severity.WARNING;
            Finding.Builder b = Finding.builder(checkId, sev)
                    .title(what + " " + value + " is used by " + (guests.size() + (hostToo ? 1 : 0)) + " components")
                    .message(active >= 2
                            ? "Two running components with one " + what + " break ARP on the bridge: traffic reaches"
                              + " whichever answered last."
                            : "Only one of them runs now, but starting another (a template clone, a stopped guest)"
                              + " will take the " + what + " of a running one.")
                    .remediation("Give each guest its own " + what + ".");
            if (hostToo) {
                b.subject("host").evidence("the host has " + value).location(t.host().declared());
            }
            for (Guest g : guests) {
                b.subject(g.endpoint().subject())
                        .evidence(g.endpoint().subject() + " " + g.name() + (g.active() ? "" : " (inactive: "
                                + g.inactiveReason() + ")") + " has " + value)
                        .location(g.declared());
            }
            out.add(b.build());
        });
    }
}
