package io.phoenixdiag.core.firewall;

import java.util.Map;
import java.util.Objects;

/**
 * Guest options ({@code [OPTIONS]} of {@code <vmid>.fw}; pve-firewall {@code parse_vmfw_option}).
 * Immutable and thread-safe; build with {@link #builder()}.
 *
 * @param enable    whether the guest firewall is on (default false); it filters only NICs with {@code firewall=1}
 * @param policyIn  inbound policy (default DROP)
 * @param policyOut outbound policy (default ACCEPT)
 * @param ipfilter  {@code ipfilter}: drop outgoing packets whose source is not in the NIC's
 *                  {@code ipfilter-netN} IPSet (implicit when absent: the NIC's configured addresses for
 *                  containers, and the MAC-derived IPv6 link-local address); an {@code ipfilter-netN} IPSet
 *                  filters even when this option is off (default false)
 * @param macfilter {@code macfilter}: drop outgoing frames with another source MAC (default true)
 * @param dhcp      {@code dhcp}: accept DHCP (default true)
 * @param ndp       {@code ndp}: accept IPv6 neighbour discovery (default true)
 * @param radv      {@code radv}: allow the guest to send router advertisements (default false)
 * @param other     options kept as written but not modelled ({@code ips}, {@code log_level_in}...)
 */
public record GuestOptions(boolean enable, Action policyIn, Action policyOut, boolean ipfilter, boolean macfilter,
                           boolean dhcp, boolean ndp, boolean radv, Map<String, String> other) {

    /**
     * Validates and copies the components.
     *
     * @param enable guest firewall on
     * @param policyIn inbound policy
     * @param policyOut outbound policy
     * @param ipfilter IP filter
     * @param macfilter MAC filter
     * @param dhcp DHCP accepted
     * @param ndp NDP accepted
     * @param radv router advertisements allowed
     * @param other unmodelled options
     * @throws NullPointerException if a component is null
     */
    public GuestOptions {
        Objects.requireNonNull(policyIn, "policyIn");
        Objects.requireNonNull(policyOut, "policyOut");
        other = io.phoenixdiag.core.internal.OrderedMaps.copy(other);
    }

    /**
     * The defaults (disabled, DROP in, ACCEPT out, macfilter/dhcp/ndp on, ipfilter/radv off).
     *
     * @return the default options
     */
    public static GuestOptions defaults() {
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

    /** Builder for {@link GuestOptions}. Not thread-safe. */
    public static final class Builder {
        private boolean enable;
        private Action policyIn = Action.DROP;
        private Action policyOut = Action.ACCEPT;
        private boolean ipfilter;
        private boolean macfilter = true;
        private boolean dhcp = true;
        private boolean ndp = true;
        private boolean radv;
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
         * Sets {@code policy_in}.
         *
         * @param policy the policy
         * @return this builder
         */
        public Builder policyIn(Action policy) {
            this.policyIn = Objects.requireNonNull(policy);
            return this;
        }

        /**
         * Sets {@code policy_out}.
         *
         * @param policy the policy
         * @return this builder
         */
        public Builder policyOut(Action policy) {
            this.policyOut = Objects.requireNonNull(policy);
            return this;
        }

        /**
         * Sets {@code ipfilter}.
         *
         * @param v the value
         * @return this builder
         */
        public Builder ipfilter(boolean v) {
            this.ipfilter = v;
            return this;
        }

        /**
         * Sets {@code macfilter}.
         *
         * @param v the value
         * @return this builder
         */
        public Builder macfilter(boolean v) {
            this.macfilter = v;
            return this;
        }

        /**
         * Sets {@code dhcp}.
         *
         * @param v the value
         * @return this builder
         */
        public Builder dhcp(boolean v) {
            this.dhcp = v;
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
         * Sets {@code radv}.
         *
         * @param v the value
         * @return this builder
         */
        public Builder radv(boolean v) {
            this.radv = v;
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
        public GuestOptions build() {
            return new GuestOptions(enable, policyIn, policyOut, ipfilter, macfilter, dhcp, ndp, radv, other);
        }
    }
}
