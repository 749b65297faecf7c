package io.phoenixdiag.core.firewall;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A rule's {@code dport} or {@code sport} in Proxmox syntax, kept as written and parsed
 * (pve-firewall {@code parse_port_name_number_or_range}): a comma-separated list of port numbers
 * (0..65535), ranges {@code a:b} and service names from {@code /etc/services} (a built-in table of
 * the common Debian names; see {@link #SERVICE_PORTS_NOTE}). At most 15 entries, a range counting
 * as two (the iptables multiport limit).
 *
 * <p>For ICMP rules pve-firewall stores the ICMP type in {@code dport}; {@link FirewallRule} reads
 * it from the text then, and the {@code errors} here do not apply. Immutable and thread-safe.
 *
 * @param text       the text as written, {@code ""} for any port
 * @param ranges     the parsed ranges in written order (service names resolved); empty for any
 *                   port or when invalid
 * @param entryCount the multiport entry count (a range counts as two)
 * @param errors     why the text is invalid; empty when valid
 */
public record PortSpec(String text, List<PortRange> ranges, int entryCount, List<String> errors) {

    /** How service names are resolved. */
    public static final String SERVICE_PORTS_NOTE =
            "service names are resolved with a built-in copy of the common Debian /etc/services entries";

    private static final PortSpec ANY = new PortSpec("", List.of(), 0, List.of());

    /**
     * An inclusive port range.
     *
     * @param from first port, 0..65535
     * @param to   last port, {@code from..65535}
     */
    public record PortRange(int from, int to) {
        /**
         * Validates the bounds.
         *
         * @param from first port
         * @param to last port
         * @throws IllegalArgumentException if out of 0..65535 or backwards
         */
        public PortRange {
            if (from < 0 || to > 65535 || from > to) {
                throw new IllegalArgumentException("invalid port range " + from + ":" + to);
            }
        }

        /**
         * Renders as Proxmox writes it.
         *
         * @return {@code 80} or {@code 8000:8010}
         */
        @Override
        public String toString() {
            return from == to ? Integer.toString(from) : from + ":" + to;
        }
    }

    /**
     * Validates and copies the components.
     *
     * @param text the text
     * @param ranges the ranges
     * @param entryCount the multiport entry count
     * @param errors the errors
     * @throws NullPointerException if a component is null
     */
    public PortSpec {
        Objects.requireNonNull(text, "text");
        ranges = List.copyOf(ranges);
        errors = List.copyOf(errors);
    }

    /**
     * Any port.
     *
     * @return the spec without restriction
     */
    public static PortSpec any() {
        return ANY;
    }

    /**
     * Parses a port text; never throws for bad input (errors are data).
     *
     * @param text the text as written; null or blank means any port
     * @return the parsed spec
     */
    public static PortSpec parse(String text) {
        if (text == null || text.isBlank()) {
            return ANY;
        }
        String s = text.trim();
        String[] items = s.split(",", -1);
        List<PortRange> ranges = new ArrayList<>();
        int count = 0;
        for (String item : items) {
            if (item.isEmpty()) {
                return invalid(s, "extraneous commas in list");
            }
            int colon = item.indexOf(':');
            if (colon >= 0) {
                String a = item.substring(0, colon);
                String b = item.substring(colon + 1);
                if (!isDigits(a) || !isDigits(b)) {
                    return invalid(s, "invalid port '" + item + "'");
                }
                long p1 = Long.parseLong(a);
                long p2 = Long.parseLong(b);
                if (p1 > 65535) {
                    return invalid(s, "invalid port '" + a + "'");
                }
                if (p2 > 65535) {
                    return invalid(s, "invalid port '" + b + "'");
                }
                if (p1 > p2) {
                    return invalid(s, "backwards range '" + item + "' not allowed, did you mean '" + b + ":" + a + "'?");
                }
                ranges.add(new PortRange((int) p1, (int) p2));
                count += 2;
            } else if (isDigits(item)) {
                long p = Long.parseLong(item);
                if (p > 65535) {
                    return invalid(s, "invalid port '" + item + "'");
                }
                ranges.add(new PortRange((int) p, (int) p));
                count += 1;
            } else {
                Integer port = Tables.SERVICES.get(item);
                if (port == null) {
                    return invalid(s, "invalid port '" + item + "' (not a number, range or known service name)");
                }
                ranges.add(new PortRange(port, port));
                count += 1;
            }
        }
        if (count > 15) {
            return new PortSpec(s, ranges, count, List.of("too many entries in port list (> 15 numbers)"));
        }
        return new PortSpec(s, ranges, count, List.of());
    }

    private static boolean isDigits(String s) {
        if (s.isEmpty() || s.length() > 9) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static PortSpec invalid(String text, String error) {
        return new PortSpec(text, List.of(), 0, List.of(error));
    }

    /**
     * Whether the spec restricts nothing.
     *
     * @return true when the text is empty
     */
    public boolean isAny() {
        return text.isEmpty();
    }

    /**
     * Whether a port is in the spec (true for any port when {@link #isAny()}).
     *
     * @param port 0..65535
     * @return whether it matches
     */
    public boolean contains(int port) {
        if (isAny()) {
            return true;
        }
        for (PortRange r : ranges) {
            if (port >= r.from() && port <= r.to()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Renders the canonical text (numbers and {@code a:b} ranges, service names resolved).
     * {@code parse(render())} gives the same ranges for every valid spec.
     *
     * @return the canonical text; the original text when invalid
     */
    public String render() {
        if (!errors.isEmpty() && ranges.isEmpty()) {
            return text;
        }
        StringBuilder sb = new StringBuilder();
        for (PortRange r : ranges) {
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(r);
        }
        return sb.toString();
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
