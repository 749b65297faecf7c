package io.phoenixdiag.core.firewall;

import java.util.Map;
import java.util.Objects;

/**
 * Host options ({@code [OPTIONS]} of {@code host.fw}; pve-firewall {@code parse_hostfw_option}).
 * Immutable and thread-safe; build with {@link #builder()}.
 *
 * @param enable                  whether the host firewall is on (default true: only {@code enable: 0} turns it off)
 * @param smurfFilter             whether IPv4 packets with a multicast/broadcast source are dropped on input
 *                                (pve-firewall's {@code PVEFW-smurfs}; on unless {@code nosmurfs: 0})
 * @param tcpflags                {@code tcpflags}: drop illegal TCP flag combinations (default false)
 * @param ndp                     {@code ndp}: accept IPv6 neighbour discovery (default true)
 * @param nftables                {@code nftables}: the Proxmox VE 8 nftables firewall is used, which adds
 *                                FORWARD rules and {@code policy_forward} (default false)
 * @param nfConntrackAllowInvalid {@code nf_conntrack_allow_invalid}: do not drop INVALID packets on the
 *                                bridge forward path (default false)
 * @param other                   options kept as written but not modelled (log levels, conntrack limits...)
 */
public record HostOptions(boolean enable, boolean smurfFilter, boolean tcpflags, boolean ndp, boolean nftables,
                          boolean nfConntrackAllowInvalid, Map<String, String> other) {

    /**
     * Validates and copies the components.
     *
     * @param enable host firewall on
     * @param smurfFilter smurf filter on
     * @param tcpflags tcpflags filter on
     * @param ndp NDP accepted
     * @param nftables nftables firewall
     * @param nfConntrackAllowInvalid INVALID allowed on forward
     * @param other unmodelled options
     * @throws NullPointerException if {@code other} is null
     */
    public HostOptions {
        other = io.phoenixdiag.core.internal.OrderedMaps.copy(other);
    }

    /**
     * The defaults (enabled, smurf filter on, tcpflags off, ndp on, iptables firewall).
     *
     * @return the default options
     */
    public static HostOptions defaults() {
        return builder().build();
    }

    /**
     * Starts a builder holding the defaults.
     *
     * @return a new builder; not thread-safe
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builder for {@link HostOptions}. Not thread-safe. */
    public static final class Builder {
        private boolean enable = true;
        private boolean smurfFilter = true;
        private boolean tcpflags;
        private boolean ndp = true;
        private boolean nftables;
        private boolean nfConntrackAllowInvalid;
        private Map<String, String> other = Map.of();

        private Builder() {
        }

        /**
         * Sets {@code enable}.
         *
         * @param v the value
         * @return this builder
         */
        public Builder enable(boolean v) {
            this.enable = v;
            return this;
        }

        /**
         * Sets the smurf filter ({@code nosmurfs: 0} turns it off).
         *
         * @param v the value
         * @return this builder
         */
        public Builder smurfFilter(boolean v) {
            this.smurfFilter = v;
            return this;
        }

        /**
         * Sets {@code tcpflags}.
         *
         * @param v the value
         * @return this builder
         */
        public Builder tcpflags(boolean v) {
            this.tcpflags = v;
            return this;
        }

        /**
         * Sets {@code ndp}.
         *
         * @param v the value
         * @return this builder
         */
        public Builder ndp(boolean v) {
            this.ndp = v;
            return this;
        }

        /**
         * Sets {@code nftables}.
         *
         * @param v the value
         * @return this builder
         */
        public Builder nftables(boolean v) {
            this.nftables = v;
            return this;
        }

        /**
         * Sets {@code nf_conntrack_allow_invalid}.
         *
         * @param v the value
         * @return this builder
         */
        public Builder nfConntrackAllowInvalid(boolean v) {
            this.nfConntrackAllowInvalid = v;
            return this;
        }

        /**
         * Sets the unmodelled options.
         *
         * @param other option name -> value as written
         * @return this builder
         */
        public Builder other(Map<String, String> other) {
            this.other = Objects.requireNonNull(other);
            return this;
        }

        /**
         * Builds the options.
         *
         * @return the options
         */
        public HostOptions build() {
            return new HostOptions(enable, smurfFilter, tcpflags, ndp, nftables, nfConntrackAllowInvalid, other);
        }
    }
}
