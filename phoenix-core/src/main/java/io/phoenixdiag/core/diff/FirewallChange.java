package io.phoenixdiag.core.diff;

import java.util.Objects;

/**
 * A line of the declared Proxmox VE firewall that was added or removed. Lines are compared as a
 * multiset per file, so a changed rule shows as one removed and one added line; a rule that only moved
 * within its file is not reported (its verdict changes are, in {@link DeploymentDiff#verdicts()}).
 *
 * @param scope  the file and section the line belongs to, as pve-firewall names them:
 *               {@code cluster.fw}, {@code cluster.fw [group NAME]}, {@code host.fw} or {@code VMID.fw}
 * @param change {@link ChangeKind#ADDED} or {@link ChangeKind#REMOVED}
 * @param line   the line in {@code .fw} syntax: an option ({@code policy_in: DROP}), a rule
 *               ({@code IN ACCEPT -p tcp -dport 443}), an alias ({@code [ALIASES] NAME CIDR}) or an
 *               IPSet entry ({@code [IPSET NAME] CIDR})
 */
public record FirewallChange(String scope, ChangeKind change, String line) {
    /**
     * Validates the components.
     *
     * @param scope  the file and section
     * @param change added or removed
     * @param line   the line
     * @throws NullPointerException     if a component is null
     * @throws IllegalArgumentException if {@code change} is {@link ChangeKind#CHANGED}
     */
    public FirewallChange {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(change, "change");
        Objects.requireNonNull(line, "line");
        if (change == ChangeKind.CHANGED) {
            throw new IllegalArgumentException("a firewall line is added or removed, not changed");
        }
    }

    /**
     * The same change seen from the other side.
     *
     * @return the change with its kind inverted
     */
    public FirewallChange inverse() {
        return new FirewallChange(scope, change.inverse(), line);
    }
}
