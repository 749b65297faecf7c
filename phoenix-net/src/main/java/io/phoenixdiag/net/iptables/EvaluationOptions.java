package io.phoenixdiag.net.iptables;

import io.phoenixdiag.net.iptables.internal.Values;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What the evaluator may know beyond the rules and the packet. Whatever is not given here makes the
 * matches that need it UNKNOWN (never a guess).
 *
 * <p>Immutable and thread-safe; build with {@link #builder()}, {@link #defaults()} has nothing.
 *
 * @param ipsets                 ipset contents by set name: each entry an address, a prefix {@code a/len} or a
 *                               range {@code a-b} (hash:ip, hash:net, bitmap:ip); sets not listed are unknown
 * @param localAddresses         the host's own addresses ({@code addrtype LOCAL}); empty Optional = unknown
 * @param broadcastAddresses     the host's broadcast addresses ({@code addrtype BROADCAST}, beside
 *                               255.255.255.255)
 * @param strictLimits           false (default): {@code limit}/{@code hashlimit} match, as they do for a single
 *                               packet within the burst; true: they are UNKNOWN
 * @param emptyRecentLists       true: {@code recent --rcheck/--update} find no entry (the lists are empty);
 *                               false (default): they are UNKNOWN
 * @param maxUndecided           how many undecidable matches one evaluation explores both ways before giving
 *                               UNKNOWN (default 64)
 */
public record EvaluationOptions(Map<String, List<String>> ipsets, Optional<Set<InetAddress>> localAddresses,
                                Set<InetAddress> broadcastAddresses, boolean strictLimits, boolean emptyRecentLists,
                                int maxUndecided) {
    /**
     * Validates and copies the components.
     *
     * @param ipsets             set contents
     * @param localAddresses     local addresses, if known
     * @param broadcastAddresses broadcast addresses
     * @param strictLimits       whether limits are undecidable
     * @param emptyRecentLists   whether recent lists are known to be empty
     * @param maxUndecided       the exploration budget (&gt;= 0)
     * @throws IllegalArgumentException if {@code maxUndecided} is negative
     */
    public EvaluationOptions {
        ipsets = Map.copyOf(ipsets);
        localAddresses = localAddresses.map(Set::copyOf);
        broadcastAddresses = Set.copyOf(broadcastAddresses);
        if (maxUndecided < 0) {
            throw new IllegalArgumentException("maxUndecided must be >= 0");
        }
    }

    /**
     * No extra knowledge.
     *
     * @return the default options
     */
    public static EvaluationOptions defaults() {
        return builder().build();
    }

    /**
     * Starts options.
     *
     * @return a new builder; not thread-safe
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builder for {@link EvaluationOptions}; not thread-safe. */
    public static final class Builder {
        private final Map<String, List<String>> ipsets = new LinkedHashMap<>();
        private Set<InetAddress> local;
        private final Set<InetAddress> broadcast = new LinkedHashSet<>();
        private boolean strictLimits;
        private boolean emptyRecentLists;
        private int maxUndecided = 64;

        private Builder() {
        }

        /**
         * Gives the contents of an ipset.
         *
         * @param name    the set name as in {@code --match-set NAME}
         * @param entries addresses, prefixes {@code a/len} or ranges {@code a-b}
         * @return this builder
         */
        public Builder ipset(String name, List<String> entries) {
            ipsets.put(Objects.requireNonNull(name, "name"), new ArrayList<>(entries));
            return this;
        }

        /**
         * Gives the host's own addresses.
         *
         * @param literals address literals
         * @return this builder
         * @throws IllegalArgumentException if one is not a literal
         */
        public Builder localAddresses(String... literals) {
            if (local == null) {
                local = new LinkedHashSet<>();
            }
            for (String l : literals) {
                local.add(Values.literal(l));
            }
            return this;
        }

        /**
         * Gives the host's subnet broadcast addresses.
         *
         * @param literals address literals
         * @return this builder
         * @throws IllegalArgumentException if one is not a literal
         */
        public Builder broadcastAddresses(String... literals) {
            for (String l : literals) {
                broadcast.add(Values.literal(l));
            }
            return this;
        }

        /**
         * Makes limit matches UNKNOWN.
         *
         * @param strict true for strict
         * @return this builder
         */
        public Builder strictLimits(boolean strict) {
            this.strictLimits = strict;
            return this;
        }

        /**
         * Declares the recent lists empty.
         *
         * @param empty true when no address is on any list
         * @return this builder
         */
        public Builder emptyRecentLists(boolean empty) {
            this.emptyRecentLists = empty;
            return this;
        }

        /**
         * Sets the exploration budget.
         *
         * @param max undecidable matches explored both ways per evaluation
         * @return this builder
         */
        public Builder maxUndecided(int max) {
            this.maxUndecided = max;
            return this;
        }

        /**
         * Builds the options.
         *
         * @return the options
         * @throws IllegalArgumentException if the budget is negative
         */
        public EvaluationOptions build() {
            return new EvaluationOptions(ipsets, Optional.ofNullable(local), broadcast, strictLimits,
                    emptyRecentLists, maxUndecided);
        }
    }
}
