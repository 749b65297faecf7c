package io.phoenixdiag.pki.name;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The name a client expects a server to have (RFC 9525 section 2: the "reference identity"): a DNS
 * domain name or an IP address. Immutable and thread-safe.
 *
 * @param type  whether it is a DNS name or an IP address
 * @param value the DNS name in lower case without a trailing dot, or the IP address in its canonical text
 *              form ({@code 10.0.0.1}, {@code fd00:0:0:0:0:0:0:1})
 */
public record ReferenceIdentity(Type type, String value) {

    /** The kind of reference identity (RFC 9525 section 6.1). */
    public enum Type {
        /** A DNS domain name (DNS-ID), matched against SAN dNSName entries. */
        DNS,
        /** An IPv4 or IPv6 address (IP-ID), matched against SAN iPAddress entries. */
        IP
    }

    /**
     * Validates the components.
     *
     * @param type  the type
     * @param value the canonical value
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code value} is empty
     */
    public ReferenceIdentity {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
        if (value.isEmpty()) {
            throw new IllegalArgumentException("reference identity must not be empty");
        }
    }

    /**
     * A DNS-ID.
     *
     * @param name an ASCII DNS name (A-labels for internationalised names), optionally with a trailing dot;
     *             case-insensitive
     * @return the identity, lower-cased, trailing dot removed
     * @throws IllegalArgumentException if {@code name} is not a syntactically valid host name (letters, digits,
     *                                  hyphens; labels of 1 to 63 characters; no wildcard)
     */
    public static ReferenceIdentity dns(String name) {
        String n = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        n = n.toLowerCase(Locale.ROOT);
        if (!NameMatcher.isValidHostName(n)) {
            throw new IllegalArgumentException("not a valid DNS name: '" + name + "'");
        }
        return new ReferenceIdentity(Type.DNS, n);
    }

    /**
     * An IP-ID.
     *
     * @param address an IPv4 dotted quad or an IPv6 literal (no brackets, no zone); no name lookup is made
     * @return the identity
     * @throws IllegalArgumentException if {@code address} is not an IP literal
     */
    public static ReferenceIdentity ip(String address) {
        byte[] b = parseIp(address).orElseThrow(() -> new IllegalArgumentException("not an IP address: '" + address + "'"));
        return new ReferenceIdentity(Type.IP, format(b));
    }

    /**
     * Parses an IP literal if {@code text} is one, else a DNS name.
     *
     * @param text a DNS name or IP literal
     * @return the identity
     * @throws IllegalArgumentException if it is neither
     */
    public static ReferenceIdentity parse(String text) {
        return parseIp(text).isPresent() ? ip(text) : dns(text);
    }

    /**
     * The address bytes of an IP-ID.
     *
     * @return 4 or 16 bytes, or empty for a DNS-ID
     */
    public Optional<byte[]> addressBytes() {
        return type == Type.IP ? parseIp(value) : Optional.empty();
    }

    /**
     * The value.
     *
     * @return the canonical value
     */
    @Override
    public String toString() {
        return value;
    }

    /**
     * Parses an IPv4 dotted quad (exactly four decimal parts, no leading zeros) or an IPv6 literal,
     * without any name lookup.
     *
     * @param s the text
     * @return 4 or 16 bytes, or empty when {@code s} is not an IP literal
     */
    public static Optional<byte[]> parseIp(String s) {
        if (s.matches("(0|[1-9]\\d{0,2})(\\.(0|[1-9]\\d{0,2})){3}")) {
            byte[] b = new byte[4];
            String[] p = s.split("\\.");
            for (int i = 0; i < 4; i++) {
                int v = Integer.parseInt(p[i]);
                if (v > 255) {
                    return Optional.empty();
                }
                b[i] = (byte) v;
            }
            return Optional.of(b);
        }
        if (s.indexOf(':') >= 0 && s.matches("[0-9A-Fa-f:.]+")) {
            try {
                byte[] b = InetAddress.getByName(s).getAddress();
                return b.length == 16 ? Optional.of(b) : Optional.empty();
            } catch (UnknownHostException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /**
     * Formats address bytes.
     *
     * @param address 4 or 16 bytes
     * @return dotted quad, or the JDK's full IPv6 form
     */
    public static String format(byte[] address) {
        try {
            return InetAddress.getByAddress(address).getHostAddress();
        } catch (UnknownHostException e) {
            return Arrays.toString(address);
        }
    }
}
