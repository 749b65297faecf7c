package io.phoenixdiag.core.firewall;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A rule's {@code source} or {@code dest} as Proxmox writes it, kept as written and parsed
 * (pve-firewall {@code parse_address_list}; Proxmox VE Admin Guide, "Firewall Rules").
 *
 * <p>Forms: empty (any address); a comma-separated list of addresses and CIDR networks of one IP
 * version; a single range {@code a-b} (a range cannot be part of a list); an IPSet reference
 * {@code +name}, {@code +dc/name}, {@code +guest/name} or {@code +sdn/name}; an alias name
 * {@code name}, {@code dc/name} or {@code guest/name}. A text that fits none of these keeps its
 * {@code text} and carries the reason in {@code errors} (pve-firewall refuses such a rule).
 * Names are matched case-insensitively, as pve-firewall lower-cases them. Immutable and thread-safe.
 *
 * @param text   the text as written, {@code ""} for any address
 * @param kind   what the text names
 * @param ranges for {@link Kind#LIST}: the parsed addresses, networks or the one range; else empty
 * @param name   for {@link Kind#IPSET} and {@link Kind#ALIAS}: the lower-cased name without scope or {@code +}; else {@code ""}
 * @param scope  for references: the scope prefix as written
 * @param errors why the text is invalid; empty when valid
 */
public record AddressSpec(String text, Kind kind, List<IpRange> ranges, String name, Scope scope,
                          List<String> errors) {

    /** What an address text names. */
    public enum Kind {
        /** No restriction ({@code text} is empty). */
        ANY,
        /** Literal addresses, networks or one range. */
        LIST,
        /** An IPSet reference ({@code +name}). */
        IPSET,
        /** An alias name. */
        ALIAS,
        /** Text that could not be read; see {@code errors}. */
        INVALID
    }

    /** The scope prefix of an IPSet or alias reference. */
    public enum Scope {
        /** No prefix: the guest's own definition first, then the datacenter's. */
        NONE,
        /** {@code dc/}: only the datacenter's definition. */
        DC,
        /** {@code guest/}: only the guest's own definition. */
        GUEST,
        /** {@code sdn/}: an SDN-generated IPSet (IPSets only). */
        SDN
    }

    private static final AddressSpec ANY = new AddressSpec("", Kind.ANY, List.of(), "", Scope.NONE, List.of());

    /**
     * Validates and copies the components.
     *
     * @param text the text
     * @param kind the kind
     * @param ranges the ranges
     * @param name the name
     * @param scope the scope
     * @param errors the errors
     * @throws NullPointerException if a component is null
     */
    public AddressSpec {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(scope, "scope");
        ranges = List.copyOf(ranges);
        errors = List.copyOf(errors);
    }

    /**
     * No address restriction.
     *
     * @return the spec for any address
     */
    public static AddressSpec any() {
        return ANY;
    }

    /**
     * Parses an address text; never throws for bad input (errors are data).
     *
     * @param text the text as written; null or blank means any address
     * @return the parsed spec
     */
    public static AddressSpec parse(String text) {
        if (text == null || text.isBlank()) {
            return ANY;
        }
        String s = text.trim();
        if (s.charAt(0) == '+') {
            String rest = s.substring(1);
            Scope scope = Scope.NONE;
            for (Scope sc : new Scope[] {Scope.DC, Scope.GUEST, Scope.SDN}) {
                String prefix = sc.name().toLowerCase(Locale.ROOT) + "/";
                if (rest.startsWith(prefix)) {
                    scope = sc;
                    rest = rest.substring(prefix.length());
                }
            }
            if (!isName(rest)) {
                return invalid(s, "invalid ipset name '" + s + "'");
            }
            if (rest.length() > 64) {
                return invalid(s, "ipset name too long");
            }
            return new AddressSpec(s, Kind.IPSET, List.of(), rest.toLowerCase(Locale.ROOT), scope, List.of());
        }
        String rest = s;
        Scope scope = Scope.NONE;
        if (s.startsWith("dc/")) {
            scope = Scope.DC;
            rest = s.substring(3);
        } else if (s.startsWith("guest/")) {
            scope = Scope.GUEST;
            rest = s.substring(6);
        }
        if (isName(rest)) {
            if (s.length() > 64) {
                return invalid(s, "alias name too long");
            }
            return new AddressSpec(s, Kind.ALIAS, List.of(), rest.toLowerCase(Locale.ROOT), scope, List.of());
        }
        String[] elements = s.split(",", -1);
        List<IpRange> ranges = new ArrayList<>();
        int version = 0;
        boolean hasRange = false;
        for (String e : elements) {
            if (e.isEmpty()) {
                return invalid(s, "extraneous commas in list");
            }
            Optional<IpRange> r = IpRange.tryParse(e);
            if (r.isEmpty()) {
                return invalid(s, "invalid IP address '" + e + "'");
            }
            int slash = e.indexOf('/');
            if (slash > 0 && !IpAddress.parse(e.substring(0, slash)).equals(r.get().first())) {
                return invalid(s, "invalid IP address '" + e + "': host bits set in a network prefix");
            }
            if (e.indexOf('-') > 0) {
                hasRange = true;
            }
            if (version != 0 && version != r.get().version()) {
                return invalid(s, "detected mixed ipv4/ipv6 addresses in address list '" + s + "'");
            }
            version = r.get().version();
            ranges.add(r.get());
        }
        if (hasRange && elements.length > 1) {
            return invalid(s, "you can't use a range in a list");
        }
        return new AddressSpec(s, Kind.LIST, ranges, "", Scope.NONE, List.of());
    }

    private static AddressSpec invalid(String text, String error) {
        return new AddressSpec(text, Kind.INVALID, List.of(), "", Scope.NONE, List.of(error));
    }

    /**
     * Whether a text is an IPSet/alias/security-group name ({@code [A-Za-z][A-Za-z0-9_-]+}, pve-firewall's pattern).
     *
     * @param s the text
     * @return true when it is a valid name
     */
    static boolean isName(String s) {
        if (s.length() < 2 || !isAsciiLetter(s.charAt(0))) {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!isAsciiLetter(c) && !(c >= '0' && c <= '9') && c != '-' && c != '_') {
                return false;
            }
        }
        return true;
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    /**
     * Whether the spec restricts nothing.
     *
     * @return true for {@link Kind#ANY}
     */
    public boolean isAny() {
        return kind == Kind.ANY;
    }

    /**
     * The IP version the literal addresses fix.
     *
     * @return 4 or 6 for a {@link Kind#LIST}; 0 otherwise (any, or decided by the referenced IPSet/alias)
     */
    public int ipVersion() {
        return kind == Kind.LIST ? ranges.get(0).version() : 0;
    }

    /**
     * Renders the canonical text: the reference as written (name lower-cased) or the parsed list.
     * {@code parse(render())} gives an equal spec for every valid spec.
     *
     * @return the canonical text; {@code ""} for any address; the original text when invalid
     */
    public String render() {
        switch (kind) {
            case ANY:
                return "";
            case IPSET:
                return "+" + scopePrefix() + name;
            case ALIAS:
                return scopePrefix() + name;
            case LIST: {
                StringBuilder sb = new StringBuilder();
                for (IpRange r : ranges) {
                    if (sb.length() > 0) {
                        sb.append(',');
                    }
                    sb.append(r);
                }
                return sb.toString();
            }
            default:
                return text;
        }
    }

    private String scopePrefix() {
        return scope == Scope.NONE ? "" : scope.name().toLowerCase(Locale.ROOT) + "/";
    }

    /**
     * The text as written.
     *
     * @return {@link #text()}
     */
    @Override
    public String toString() {
        return text;
    }
}
