package io.phoenixdiag.core.firewall;

import io.phoenixdiag.core.diag.Location;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A Proxmox IPSet ({@code [IPSET name]} in {@code cluster.fw} or a guest's {@code <vmid>.fw}):
 * addresses, networks and alias names, each possibly negated with {@code !} (nomatch). Membership
 * follows the kernel's {@code hash:net} type: the most specific matching entry decides, and a nomatch
 * entry excludes its network (ipset(8), "nomatch"). The standard sets {@code management},
 * {@code blacklist} and {@code ipfilter-netN} have the meanings of the Proxmox VE Admin Guide
 * ("Standard IP set ...").
 *
 * <p>{@code entries} is empty-but-known for an empty set (which matches nothing), while
 * {@link #contentsKnown()} false means the set exists but its contents were not given (references make
 * a verdict UNKNOWN). Immutable and thread-safe.
 *
 * @param name          the lower-cased set name
 * @param entries       the entries in written order
 * @param contentsKnown whether {@code entries} is the full contents
 * @param comment       the comment, or {@code ""}
 * @param origin        where the set was defined
 */
public record IpSet(String name, List<Entry> entries, boolean contentsKnown, String comment,
                    Optional<Location> origin) {

    /**
     * One IPSet entry.
     *
     * @param cidr    the address, network ({@code a/n}) or alias name as written
     * @param nomatch true for a {@code !} entry
     * @param comment the comment, or {@code ""}
     * @param range   the parsed address or network; empty for an alias name or invalid text
     * @param errors  why the entry is invalid (pve-firewall skips it); empty when valid
     */
    public record Entry(String cidr, boolean nomatch, String comment, Optional<IpRange> range, List<String> errors) {
        /**
         * Validates and copies the components.
         *
         * @param cidr the text
         * @param nomatch the nomatch flag
         * @param comment the comment
         * @param range the parsed range
         * @param errors the errors
         * @throws NullPointerException if a component is null
         */
        public Entry {
            Objects.requireNonNull(cidr, "cidr");
            Objects.requireNonNull(comment, "comment");
            Objects.requireNonNull(range, "range");
            errors = List.copyOf(errors);
        }

        /**
         * Parses an entry (an address, a CIDR network or an alias name; ranges are not allowed in IPSets).
         *
         * @param cidr    the text as written (without the {@code !})
         * @param nomatch true for a {@code !} entry
         * @return the entry, with errors as data
         */
        public static Entry of(String cidr, boolean nomatch) {
            String s = cidr == null ? "" : cidr.trim();
            if (AddressSpec.isName(s.startsWith("dc/") ? s.substring(3) : s.startsWith("guest/") ? s.substring(6) : s)) {
                return new Entry(s, nomatch, "", Optional.empty(), List.of());
            }
            Optional<IpRange> r = s.indexOf('-') >= 0 ? Optional.empty() : IpRange.tryParse(s);
            if (r.isEmpty()) {
                return new Entry(s, nomatch, "", Optional.empty(),
                        List.of("value '" + s + "' does not look like a valid IP address or CIDR network"));
            }
            if (s.endsWith("/0")) {
                return new Entry(s, nomatch, "", Optional.empty(), List.of("a zero prefix is not allowed in ipset entries"));
            }
            return new Entry(s, nomatch, "", r, List.of());
        }

        /**
         * Whether the entry names an alias.
         *
         * @return true when the text is an alias name
         */
        public boolean isAlias() {
            return range.isEmpty() && errors.isEmpty();
        }
    }

    /**
     * Validates and copies the components.
     *
     * @param name the name
     * @param entries the entries
     * @param contentsKnown whether the entries are known
     * @param comment the comment
     * @param origin the origin
     * @throws NullPointerException if a component is null
     * @throws IllegalArgumentException if the name is blank
     */
    public IpSet {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(comment, "comment");
        Objects.requireNonNull(origin, "origin");
        if (name.isBlank()) {
            throw new IllegalArgumentException("IPSet name must not be blank");
        }
        name = name.trim().toLowerCase(Locale.ROOT);
        entries = List.copyOf(entries);
    }

    /**
     * An IPSet with known contents, parsed from entry texts such as {@code 10.0.0.0/24},
     * {@code !10.0.0.5} or {@code myalias}.
     *
     * @param name    the set name
     * @param entries entry texts; a leading {@code !} marks nomatch
     * @return the set
     */
    public static IpSet of(String name, String... entries) {
        Entry[] parsed = new Entry[entries.length];
        for (int i = 0; i < entries.length; i++) {
            String e = entries[i].trim();
            parsed[i] = e.startsWith("!") ? Entry.of(e.substring(1).trim(), true) : Entry.of(e, false);
        }
        return new IpSet(name, List.of(parsed), true, "", Optional.empty());
    }

    /**
     * An IPSet that exists but whose contents were not given: references to it are UNKNOWN.
     *
     * @param name the set name
     * @return the set
     */
    public static IpSet unknownContents(String name) {
        return new IpSet(name, List.of(), false, "", Optional.empty());
    }
}
