package io.phoenixdiag.core.firewall;

import java.util.Map;
import java.util.Objects;

/**
 * Datacenter options ({@code [OPTIONS]} of {@code cluster.fw}; pve-firewall {@code parse_clusterfw_option}).
 * Immutable and thread-safe; build with {@link #builder()}.
 *
 * @param enable        the master switch: when false pve-firewall generates no rules at all and nothing
 *                      is filtered (default false: "The firewall is completely disabled by default")
 * @param policyIn      the host's inbound policy (default DROP)
 * @param policyOut     the host's outbound policy (default ACCEPT)
 * @param policyForward the policy for traffic routed by the host (nftables firewall; default ACCEPT)
 * @param other         options kept as written but not modelled ({@code ebtables}, {@code log_ratelimit}...)
 */
public record DatacenterOptions(boolean enable, Action policyIn, Action policyOut, Action policyForward,
                                Map<String, String> other) {

    /**
     * Validates and copies the components.
     *
     * @param enable the master switch
     * @param policyIn the inbound policy
     * @param policyOut the outbound policy
     * @param policyForward the forward policy
     * @param other unmodelled options
     * @throws NullPointerException if a component is null
     */
    public DatacenterOptions {
        Objects.requireNonNull(policyIn, "policyIn");
        Objects.requireNonNull(policyOut, "policyOut");
        Objects.requireNonNull(policyForward, "policyForward");
        other = io.phoenixdiag.core.internal.OrderedMaps.copy(other);
    }

    /**
     * The defaults: disabled, policy_in DROP, policy_out ACCEPT, policy_forward ACCEPT.
     *
     * @return the default options
     */
    public static DatacenterOptions defaults() {
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

    /** Builder for {@link DatacenterOptions}. Not thread-safe. */
    public static final class Builder {
        private boolean enable;
        private Action policyIn = Action.DROP;
        private Action policyOut = Action.ACCEPT;
        private Action policyForward = Action.ACCEPT;
        private Map<String, String> other = Map.of();

        private Builder() {
        }

        /**
         * Sets {@code enable}.
         *
         * @param enable the master switch
         * @return this builder
         */
        public Builder enable(boolean enable) {
            this.enable = enable;
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
         * Sets {@code policy_forward}.
         *
         * @param policy the policy
         * @return this builder
         */
        public Builder policyForward(Action policy) {
            this.policyForward = Objects.requireNonNull(policy);
            return this;
        }

        /**
         * Sets the unmodelled options.
         *
         * @param other option name -> value as written
         * @return this builder
         */
        public Builder other(Map<String, String> other) {
            this.other = io.phoenixdiag.core.internal.OrderedMaps.copy(other);
            return this;
        }

        /**
         * Builds the options.
         *
         * @return the options
         */
        public DatacenterOptions build() {
            return new DatacenterOptions(enable, policyIn, policyOut, policyForward, other);
        }
    }
}
