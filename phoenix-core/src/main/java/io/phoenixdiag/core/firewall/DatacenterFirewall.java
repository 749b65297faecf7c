package io.phoenixdiag.core.firewall;

import io.phoenixdiag.core.diag.Location;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The datacenter firewall ({@code /etc/pve/firewall/cluster.fw}): options, rules, IPSets, aliases and
 * security groups. Its rules filter the hosts (nodes) only, never guest traffic: pve-firewall appends
 * them to each node's {@code PVEFW-HOST-IN}/{@code -OUT} chains after the node's own rules.
 * Immutable and thread-safe; build with {@link #builder()}.
 *
 * @param options the options
 * @param rules   the rules in order
 * @param ipsets  IPSets by lower-cased name
 * @param aliases aliases by lower-cased name
 * @param groups  security groups by lower-cased name
 * @param origin  where it was defined
 */
public record DatacenterFirewall(DatacenterOptions options, List<FirewallRule> rules, Map<String, IpSet> ipsets,
                                 Map<String, Alias> aliases, Map<String, SecurityGroup> groups,
                                 Optional<Location> origin) {

    /**
     * Validates and copies the components.
     *
     * @param options the options
     * @param rules the rules
     * @param ipsets the IPSets
     * @param aliases the aliases
     * @param groups the security groups
     * @param origin the origin
     * @throws NullPointerException if a component is null
     */
    public DatacenterFirewall {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(origin, "origin");
        rules = List.copyOf(rules);
        ipsets = io.phoenixdiag.core.internal.OrderedMaps.copy(ipsets);
        aliases = io.phoenixdiag.core.internal.OrderedMaps.copy(aliases);
        groups = io.phoenixdiag.core.internal.OrderedMaps.copy(groups);
    }

    /**
     * Starts a builder (default options: disabled).
     *
     * @return a new builder; not thread-safe
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builder for {@link DatacenterFirewall}. Not thread-safe. */
    public static final class Builder {
        private DatacenterOptions options = DatacenterOptions.defaults();
        private final List<FirewallRule> rules = new ArrayList<>();
        private final Map<String, IpSet> ipsets = new LinkedHashMap<>();
        private final Map<String, Alias> aliases = new LinkedHashMap<>();
        private final Map<String, SecurityGroup> groups = new LinkedHashMap<>();
        private Location origin;

        private Builder() {
        }

        /**
         * Sets the options.
         *
         * @param options the options
         * @return this builder
         */
        public Builder options(DatacenterOptions options) {
            this.options = Objects.requireNonNull(options);
            return this;
        }

        /**
         * Appends rules.
         *
         * @param rules the rules, in order
         * @return this builder
         */
        public Builder rule(FirewallRule... rules) {
            this.rules.addAll(List.of(rules));
            return this;
        }

        /**
         * Appends rules.
         *
         * @param rules the rules, in order
         * @return this builder
         */
        public Builder rules(List<FirewallRule> rules) {
            this.rules.addAll(rules);
            return this;
        }

        /**
         * Adds (or replaces) an IPSet.
         *
         * @param ipset the set
         * @return this builder
         */
        public Builder ipset(IpSet ipset) {
            this.ipsets.put(ipset.name(), ipset);
            return this;
        }

        /**
         * Adds (or replaces) an alias.
         *
         * @param alias the alias
         * @return this builder
         */
        public Builder alias(Alias alias) {
            this.aliases.put(alias.name(), alias);
            return this;
        }

        /**
         * Adds (or replaces) a security group.
         *
         * @param group the group
         * @return this builder
         */
        public Builder group(SecurityGroup group) {
            this.groups.put(group.name(), group);
            return this;
        }

        /**
         * Sets where the datacenter firewall was defined.
         *
         * @param origin the location, or null
         * @return this builder
         */
        public Builder origin(Location origin) {
            this.origin = origin;
            return this;
        }

        /**
         * Builds the datacenter firewall.
         *
         * @return the datacenter firewall
         */
        public DatacenterFirewall build() {
            return new DatacenterFirewall(options, rules, ipsets, aliases, groups, Optional.ofNullable(origin));
        }
    }
}
