package io.phoenixdiag.core.firewall;

import io.phoenixdiag.core.diag.Location;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The node's firewall ({@code /etc/pve/nodes/<node>/host.fw}: options and rules) with the facts
 * pve-firewall reads from the node: its local network (the {@code local_network} alias unless the
 * datacenter defines one) and its corosync links. Immutable and thread-safe; build with {@link #builder()}.
 *
 * @param options      the options
 * @param rules        the rules in order (IN, OUT, FORWARD and GROUP)
 * @param localNetwork the detected local network CIDR ({@code pve-firewall localnet}), or {@code ""} when unknown
 * @param corosync     the corosync links (for each peer of the cluster, the local ring address and the peer's)
 * @param origin       where the host firewall was defined
 */
public record HostFirewall(HostOptions options, List<FirewallRule> rules, String localNetwork,
                           List<CorosyncLink> corosync, Optional<Location> origin) {

    /**
     * One corosync ring between this node and a peer: pve-firewall accepts udp/5404:5405 from the
     * peer's ring address to the local one (and back).
     *
     * @param localAddress this node's ring address
     * @param peerAddress  the peer node's ring address
     */
    public record CorosyncLink(String localAddress, String peerAddress) {
        /**
         * Validates the components.
         *
         * @param localAddress local address
         * @param peerAddress peer address
         * @throws NullPointerException if an argument is null
         */
        public CorosyncLink {
            Objects.requireNonNull(localAddress, "localAddress");
            Objects.requireNonNull(peerAddress, "peerAddress");
        }
    }

    /**
     * Validates and copies the components.
     *
     * @param options the options
     * @param rules the rules
     * @param localNetwork the local network
     * @param corosync the corosync links
     * @param origin the origin
     * @throws NullPointerException if a component is null
     */
    public HostFirewall {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(localNetwork, "localNetwork");
        Objects.requireNonNull(origin, "origin");
        rules = List.copyOf(rules);
        corosync = List.copyOf(corosync);
    }

    /**
     * A host without rules, with default options and an unknown local network.
     *
     * @return the host firewall
     */
    public static HostFirewall defaults() {
        return builder().build();
    }

    /**
     * Starts a builder.
     *
     * @return a new builder; not thread-safe
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builder for {@link HostFirewall}. Not thread-safe. */
    public static final class Builder {
        private HostOptions options = HostOptions.defaults();
        private final List<FirewallRule> rules = new ArrayList<>();
        private String localNetwork = "";
        private final List<CorosyncLink> corosync = new ArrayList<>();
        private Location origin;

        private Builder() {
        }

        /**
         * Sets the options.
         *
         * @param options the options
         * @return this builder
         */
        public Builder options(HostOptions options) {
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
         * Sets the detected local network.
         *
         * @param cidr such as {@code 172.16.1.0/24}; null or blank for unknown
         * @return this builder
         */
        public Builder localNetwork(String cidr) {
            this.localNetwork = cidr == null ? "" : cidr.trim();
            return this;
        }

        /**
         * Adds a corosync link.
         *
         * @param localAddress this node's ring address
         * @param peerAddress  the peer's ring address
         * @return this builder
         */
        public Builder corosync(String localAddress, String peerAddress) {
            this.corosync.add(new CorosyncLink(localAddress, peerAddress));
            return this;
        }

        /**
         * Sets where the host firewall was defined.
         *
         * @param origin the location, or null
         * @return this builder
         */
        public Builder origin(Location origin) {
            this.origin = origin;
            return this;
        }

        /**
         * Builds the host firewall.
         *
         * @return the host firewall
         */
        public HostFirewall build() {
            return new HostFirewall(options, rules, localNetwork, corosync, Optional.ofNullable(origin));
        }
    }
}
