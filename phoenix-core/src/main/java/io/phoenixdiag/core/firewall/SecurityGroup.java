package io.phoenixdiag.core.firewall;

import io.phoenixdiag.core.diag.Location;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A datacenter security group ({@code [group name]} in {@code cluster.fw}): IN and OUT rules that a
 * {@code GROUP name} rule expands in place. Inside a group, IPSets and aliases resolve against the
 * datacenter only (pve-firewall {@code generate_group_rules}). Immutable and thread-safe.
 *
 * @param name    the lower-cased group name
 * @param rules   the group's rules in order (GROUP rules inside a group are invalid)
 * @param comment the comment, or {@code ""}
 * @param origin  where it was defined
 */
public record SecurityGroup(String name, List<FirewallRule> rules, String comment, Optional<Location> origin) {

    /**
     * Validates and copies the components.
     *
     * @param name the name
     * @param rules the rules
     * @param comment the comment
     * @param origin the origin
     * @throws NullPointerException if a component is null
     */
    public SecurityGroup {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(comment, "comment");
        Objects.requireNonNull(origin, "origin");
        name = name.trim().toLowerCase(Locale.ROOT);
        rules = List.copyOf(rules);
    }

    /**
     * A group without comment or location.
     *
     * @param name  the group name
     * @param rules its rules
     * @return the group
     */
    public static SecurityGroup of(String name, List<FirewallRule> rules) {
        return new SecurityGroup(name, rules, "", Optional.empty());
    }
}
