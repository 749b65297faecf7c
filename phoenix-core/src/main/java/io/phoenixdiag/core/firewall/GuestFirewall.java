package io.phoenixdiag.core.firewall;

import io.phoenixdiag.core.diag.Location;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A guest's firewall ({@code /etc/pve/firewall/<vmid>.fw}: options, rules, local IPSets and aliases)
 * with the NICs of its config. A guest without a firewall config is modelled with
 * {@link GuestOptions#defaults()} ({@code enable} off), which pve-firewall treats the same: not filtered.
 * Immutable and thread-safe; build with {@link #builder(GuestKind, int)}.
 *
 * @param kind    LXC or VM
 * @param vmid    the VMID/CTID
 * @param options the options
 * @param rules   the rules in order (IN, OUT and GROUP)
 * @param ipsets  local IPSets by lower-cased name
 * @param aliases local aliases by lower-cased name
 * @param nics    NICs by key ({@code net0}...)
 * @param origin  where the guest's firewall was defined
 */
public record GuestFirewall(GuestKind kind, int vmid, GuestOptions options, List<FirewallRule> rules,
                            Map<String, IpSet> ipsets, Map<String, Alias> aliases, Map<String, GuestNic> nics,
                            Optional<Location> origin) {

    /**
     * Validates and copies the components.
     *
     * @param kind the kind
     * @param vmid the id
     * @param options the options
     * @param rules the rules
     * @param ipsets the IPSets
     * @param aliases the aliases
     * @param nics the NICs
     * @param origin the origin
     * @throws NullPointerException if a component is null
     */
    public GuestFirewall {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(origin, "origin");
        rules = List.copyOf(rules);
        ipsets = io.phoenixdiag.core.internal.OrderedMaps.copy(ipsets);
        aliases = io.phoenixdiag.core.internal.OrderedMaps.copy(aliases);
        nics = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(nics));
    }

    /**
     * The report subject.
     *
     * @return {@code lxc:<id>} or {@code vm:<id>}
     */
    public String subject() {
        return kind.subject(vmid);
    }

    /**
     * Starts a builder.
     *
     * @param kind LXC or VM
     * @param vmid the VMID/CTID
     * @return a new builder; not thread-safe
     */
    public static Builder builder(GuestKind kind, int vmid) {
        return new Builder(kind, vmid);
    }

    /** Builder for {@link GuestFirewall}. Not thread-safe. */
    public static final class Builder {
        private final GuestKind kind;
        private final int vmid;
        private GuestOptions options = GuestOptions.defaults();
        private final List<FirewallRule> rules = new ArrayList<>();
        private final Map<String, IpSet> ipsets = new LinkedHashMap<>();
        private final Map<String, Alias> aliases = new LinkedHashMap<>();
        private final Map<String, GuestNic> nics = new LinkedHashMap<>();
        private Location origin;

        private Builder(GuestKind kind, int vmid) {
            this.kind = Objects.requireNonNull(kind);
            this.vmid = vmid;
        }

        /**
         * Sets the options.
         *
         * @param options the options
         * @return this builder
         */
        public Builder options(GuestOptions options) {
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
         * Adds (or replaces) a local IPSet.
         *
         * @param ipset the set
         * @return this builder
         */
        public Builder ipset(IpSet ipset) {
            this.ipsets.put(ipset.name(), ipset);
            return this;
        }

        /**
         * Adds (or replaces) a local alias.
         *
         * @param alias the alias
         * @return this builder
         */
        public Builder alias(Alias alias) {
            this.aliases.put(alias.name(), alias);
            return this;
        }

        /**
         * Adds (or replaces) a NIC.
         *
         * @param nic the NIC
         * @return this builder
         */
        public Builder nic(GuestNic nic) {
            this.nics.put(nic.name(), nic);
            return this;
        }

        /**
         * Sets where the guest's firewall was defined.
         *
         * @param origin the location, or null
         * @return this builder
         */
        public Builder origin(Location origin) {
            this.origin = origin;
            return this;
        }

        /**
         * Builds the guest firewall.
         *
         * @return the guest firewall
         */
        public GuestFirewall build() {
            return new GuestFirewall(kind, vmid, options, rules, ipsets, aliases, nics, Optional.ofNullable(origin));
        }
    }
}
