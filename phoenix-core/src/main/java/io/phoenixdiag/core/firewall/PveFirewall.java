package io.phoenixdiag.core.firewall;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A Proxmox VE firewall configuration: the datacenter ({@code cluster.fw}), one host ({@code host.fw})
 * and the guests ({@code <vmid>.fw} plus their NICs). Filled from Phoenix JSON (the configured intent)
 * or from {@code .fw} files; evaluate it with {@link PveFirewallEvaluator}.
 *
 * <p>{@code complete} says whether every IPSet and alias that exists is in the model. With
 * {@code .fw} files it is true: a reference to a name that is not defined is a missing IPSet/alias and
 * pve-firewall skips the rule when it compiles the ruleset, and so does the evaluator. With partial
 * input (Phoenix JSON, which defines no IPSets) it is false: such a reference is UNKNOWN. Immutable
 * and thread-safe; build with {@link #builder()}.
 *
 * @param datacenter the datacenter firewall
 * @param host       the host firewall
 * @param guests     guests by VMID/CTID (sorted)
 * @param complete   whether undefined IPSet/alias names are missing (true) or merely not given (false)
 */
public record PveFirewall(DatacenterFirewall datacenter, HostFirewall host, Map<Integer, GuestFirewall> guests,
                          boolean complete) {

    /**
     * Validates and copies the components.
     *
     * @param datacenter the datacenter
     * @param host the host
     * @param guests the guests
     * @param complete whether the model is complete
     * @throws NullPointerException if a component is null
     */
    public PveFirewall {
        Objects.requireNonNull(datacenter, "datacenter");
        Objects.requireNonNull(host, "host");
        guests = Collections.unmodifiableMap(new TreeMap<>(guests));
    }

    /**
     * Starts a builder (datacenter disabled, default host, no guests, complete).
     *
     * @return a new builder; not thread-safe
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builder for {@link PveFirewall}. Not thread-safe. */
    public static final class Builder {
        private DatacenterFirewall datacenter = DatacenterFirewall.builder().build();
        private HostFirewall host = HostFirewall.defaults();
        private final Map<Integer, GuestFirewall> guests = new TreeMap<>();
        private boolean complete = true;

        private Builder() {
        }

        /**
         * Sets the datacenter firewall.
         *
         * @param datacenter the datacenter
         * @return this builder
         */
        public Builder datacenter(DatacenterFirewall datacenter) {
            this.datacenter = Objects.requireNonNull(datacenter);
            return this;
        }

        /**
         * Sets the host firewall.
         *
         * @param host the host
         * @return this builder
         */
        public Builder host(HostFirewall host) {
            this.host = Objects.requireNonNull(host);
            return this;
        }

        /**
         * Adds (or replaces) guests.
         *
         * @param guests the guests
         * @return this builder
         */
        public Builder guest(GuestFirewall... guests) {
            for (GuestFirewall g : guests) {
                this.guests.put(g.vmid(), g);
            }
            return this;
        }

        /**
         * Adds (or replaces) guests.
         *
         * @param guests the guests
         * @return this builder
         */
        public Builder guests(List<GuestFirewall> guests) {
            guests.forEach(this::guest);
            return this;
        }

        /**
         * Sets whether the model holds every IPSet and alias that exists.
         *
         * @param complete true for a full set of {@code .fw} files, false for partial input such as Phoenix JSON
         * @return this builder
         */
        public Builder complete(boolean complete) {
            this.complete = complete;
            return this;
        }

        /**
         * Builds the model.
         *
         * @return the model
         */
        public PveFirewall build() {
            return new PveFirewall(datacenter, host, guests, complete);
        }
    }
}
