package io.phoenixdiag.core.diff;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

import io.phoenixdiag.core.analysis.DeploymentModel;
import io.phoenixdiag.core.analysis.Diagnosis;

/**
 * What changed between two versions of a deployment: guests, declared firewall lines, intended flows
 * and firewall verdicts. Build it with {@link #between(DeploymentModel, DeploymentModel)} or
 * {@link #between(Path, Path)}; render it with {@link DiffRenderer}.
 *
 * <pre>{@code
 * DeploymentDiff d = DeploymentDiff.between(Path.of("v1"), Path.of("v2"));
 * d.verdicts().stream().filter(VerdictChange::broke).forEach(System.out::println);
 * }</pre>
 *
 * <p>Ordering is stable: guests by endpoint (host, LXC by CTID, VM by VMID), firewall lines by scope
 * ({@code cluster.fw}, its groups by name, {@code host.fw}, guests' files by VMID) then line text, flows
 * and verdicts by flow key. The diff of a deployment with itself {@link #isEmpty() is empty}, and
 * {@code between(b, a)} equals {@code between(a, b).inverse()}. Immutable and thread-safe.
 *
 * @param before    the older deployment's directory, as loaded
 * @param after     the newer deployment's directory, as loaded
 * @param guests    guests added, removed or changed
 * @param firewall  lines of the declared Proxmox firewall added or removed
 * @param flows     intended flows added, removed or changed
 * @param verdicts  flows whose verdict state changed
 */
public record DeploymentDiff(String before, String after, List<GuestChange> guests, List<FirewallChange> firewall,
                             List<FlowChange> flows, List<VerdictChange> verdicts) {
    /**
     * Validates and copies the components.
     *
     * @param before   the older directory
     * @param after    the newer directory
     * @param guests   the guest changes
     * @param firewall the firewall line changes
     * @param flows    the flow changes
     * @param verdicts the verdict changes
     * @throws NullPointerException if a component is null
     */
    public DeploymentDiff {
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
        guests = List.copyOf(guests);
        firewall = List.copyOf(firewall);
        flows = List.copyOf(flows);
        verdicts = List.copyOf(verdicts);
    }

    /**
     * Compares two analysed deployments (see {@link Diagnosis#analyse()}).
     *
     * @param before the older deployment
     * @param after  the newer deployment
     * @return the differences, in stable order
     * @throws NullPointerException if an argument is null
     */
    public static DeploymentDiff between(DeploymentModel before, DeploymentModel after) {
        return Differ.diff(Objects.requireNonNull(before, "before"), Objects.requireNonNull(after, "after"));
    }

    /**
     * Loads and analyses two deployment directories with the default settings and compares them.
     * Loading never throws: a missing or unreadable file leaves that part of the deployment empty (the
     * loader's findings are in {@link Diagnosis#loaded()} when you need them).
     *
     * @param before the older deployment directory
     * @param after  the newer deployment directory
     * @return the differences
     * @throws NullPointerException if an argument is null
     */
    public static DeploymentDiff between(Path before, Path after) {
        return between(Diagnosis.of(before).analyse(), Diagnosis.of(after).analyse());
    }

    /**
     * Whether nothing changed at all.
     *
     * @return true when every list is empty
     */
    public boolean isEmpty() {
        return guests.isEmpty() && firewall.isEmpty() && flows.isEmpty() && verdicts.isEmpty();
    }

    /**
     * Whether any flow's verdict changed.
     *
     * @return true when {@link #verdicts()} is not empty
     */
    public boolean verdictsChanged() {
        return !verdicts.isEmpty();
    }

    /**
     * The verdict changes that broke a flow ({@link VerdictChange#broke()}).
     *
     * @return the breaking changes, in flow order
     */
    public List<VerdictChange> broken() {
        return verdicts.stream().filter(VerdictChange::broke).toList();
    }

    /**
     * The diff seen from the other side: what changed from {@code after} to {@code before}.
     *
     * @return a diff with both sides swapped and every change inverted, in the same order
     */
    public DeploymentDiff inverse() {
        return new DeploymentDiff(after, before, guests.stream().map(GuestChange::inverse).toList(),
                firewall.stream().map(FirewallChange::inverse).toList(),
                flows.stream().map(FlowChange::inverse).toList(),
                verdicts.stream().map(VerdictChange::inverse).toList());
    }
}
