package io.phoenixdiag.core.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A firewall port match in Proxmox VE syntax: a comma-separated list of ports and {@code first:last}
 * ranges such as {@code 80,443} or {@code 8000:8010} (Proxmox VE Administration Guide, "Firewall Rules":
 * {@code --dport}/{@code --sport}). Kept as written and parsed.
 *
 * <p>Service names from {@code /etc/services}, which Proxmox also accepts, are not resolved: such
 * text fails to parse. Immutable and thread-safe.
 *
 * @param text   the port match as written (numbers in JSON are rendered as their decimal text)
 * @param ranges the parsed ports and ranges, in written order; never empty
 */
public record PortSpec(String text, List<PortRange> ranges) {

    /**
     * Validates and copies the components.
     *
     * @param text the text as written
     * @param ranges the parsed ranges
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code ranges} is empty
     */
    public PortSpec {
        Objects.requireNonNull(text, "text");
        ranges = List.copyOf(ranges);
        if (ranges.isEmpty()) {
            throw new IllegalArgumentException("a port spec needs at least one port");
        }
    }

    /**
     * Parses Proxmox port syntax.
     *
     * @param text e.g. {@code 22}, {@code 80,443}, {@code 8000:8010}, {@code 80, 443} (spaces are ignored)
     * @return the parsed spec keeping {@code text} as given
     * @throws IllegalArgumentException if the text is empty, holds something other than ports 0..65535,
     *     service names pve-firewall knows (such as {@code https}), commas and colons, or a range runs
     *     backwards; the message says what was expected
     */
    public static PortSpec parse(String text) {
        Objects.requireNonNull(text, "text");
        List<PortRange> ranges = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            String p = part.strip();
            int colon = p.indexOf(':');
            int first = port(colon < 0 ? p : p.substring(0, colon), text);
            int last = colon < 0 ? first : port(p.substring(colon + 1), text);
            if (last < first) {
                throw new IllegalArgumentException("port range runs backwards in \"" + text + "\"");
            }
            ranges.add(new PortRange(first, last));
        }
        return new PortSpec(text, ranges);
    }

    private static boolean isDigits(String t) {
        if (t.isEmpty() || t.length() > 5) {
            return false;
        }
        for (int i = 0; i < t.length(); i++) {
            if (t.charAt(i) < '0' || t.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static int port(String s, String whole) {
        String t = s.strip();
        if (!t.isEmpty() && !isDigits(t)) { // a service name such as https, as pve-firewall accepts (/etc/services)
            io.phoenixdiag.core.firewall.PortSpec named = io.phoenixdiag.core.firewall.PortSpec.parse(t);
            if (named.errors().isEmpty() && named.ranges().size() == 1
                    && named.ranges().get(0).from() == named.ranges().get(0).to()) {
                return named.ranges().get(0).from();
            }
        }
        if (!isDigits(t) || Integer.parseInt(t) > 65535) {
            throw new IllegalArgumentException("expected ports 0..65535 as a list like 80,443 or a range like "
                    + "8000:8010, got \"" + whole + "\"");
        }
        return Integer.parseInt(t);
    }

    /**
     * Whether a port is matched.
     *
     * @param port a port number
     * @return {@code true} when one of the ranges holds it
     */
    public boolean matches(int port) {
        return ranges.stream().anyMatch(r -> r.contains(port));
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
