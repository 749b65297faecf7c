package io.phoenixdiag.core.diff;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

import io.phoenixdiag.core.analysis.DeploymentModel;
import io.phoenixdiag.core.analysis.Diagnosis;
import io.phoenixdiag.core.config.LoadResult;
import io.phoenixdiag.core.diag.Finding;

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
 * @param beforeLoadErrors the loader's ERROR or CRITICAL findings on the older side (a file that is not
 *                  well-formed JSON, cannot be read or has the wrong shape; each names the file, line and
 *                  column): empty when that side loaded completely. A file that failed to load reads as
 *                  empty, so its contents show up as removed: check {@link #complete()} before trusting the diff
 * @param afterLoadErrors  the same for the newer side
 */
public record DeploymentDiff(String before, String after, List<GuestChange> guests, List<FirewallChange> firewall,
                             List<FlowChange> flows, List<VerdictChange> verdicts, List<Finding> beforeLoadErrors,
                             List<Finding> afterLoadErrors) {
    /**
     * Validates and copies the components.
     *
     * @param before   the older directory
     * @param after    the newer directory
     * @param guests   the guest changes
     * @param firewall the firewall line changes
     * @param flows    the flow changes
     * @param verdicts the verdict changes
     * @param beforeLoadErrors the older side's load errors
     * @param afterLoadErrors  the newer side's load errors
     * @throws NullPointerException if a component is null
     */
    public DeploymentDiff {
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
        guests = List.copyOf(guests);
        firewall = List.copyOf(firewall);
        flows = List.copyOf(flows);
        verdicts = List.copyOf(verdicts);
        beforeLoadErrors = List.copyOf(beforeLoadErrors);
        afterLoadErrors = List.copyOf(afterLoadErrors);
    }

    /**
     * A diff of two completely loaded sides (no load errors).
     *
     * @param before   the older directory
     * @param after    the newer directory
     * @param guests   the guest changes
     * @param firewall the firewall line changes
     * @param flows    the flow changes
     * @param verdicts the verdict changes
     * @throws NullPointerException if a component is null
     */
    public DeploymentDiff(String before, String after, List<GuestChange> guests, List<FirewallChange> firewall,
                          List<FlowChange> flows, List<VerdictChange> verdicts) {
        this(before, after, guests, firewall, flows, verdicts, List.of(), List.of());
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
     * Loading never throws: a missing or unreadable file leaves that part of the deployment empty, and the
     * loader's ERROR and CRITICAL findings on each side (malformed JSON with file, line and column...) are in
     * {@link #beforeLoadErrors()} and {@link #afterLoadErrors()}; {@link #complete()} tells whether both sides
     * loaded completely (a missing file is not a load error).
     *
     * @param before the older deployment directory
     * @param after  the newer deployment directory
     * @return the differences
     * @throws NullPointerException if an argument is null
     */
    public static DeploymentDiff between(Path before, Path after) {
        Diagnosis b = Diagnosis.of(before);
        Diagnosis a = Diagnosis.of(after);
        DeploymentDiff d = between(b.analyse(), a.analyse());
        return new DeploymentDiff(d.before, d.after, d.guests, d.firewall, d.flows, d.verdicts,
                loadErrors(b.loaded()), loadErrors(a.loaded()));
    }

    private static List<Finding> loadErrors(LoadResult<?> loaded) {
        return loaded.findings().stream().filter(f -> f.severity().isProblem()).toList();
    }

    /**
     * Whether both sides loaded completely: no file that exists failed to load.
     *
     * @return true when {@link #beforeLoadErrors()} and {@link #afterLoadErrors()} are empty
     */
    public boolean complete() {
        return beforeLoadErrors.isEmpty() && afterLoadErrors.isEmpty();
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
                verdicts.stream().map(VerdictChange::inverse).toList(), afterLoadErrors, beforeLoadErrors);
    }
}
