package io.phoenixdiag.examples.probe;

import java.util.regex.Pattern;

import io.netty.util.NetUtil;

/**
 * Up-front checks of probe arguments, so that a bad argument is a usage error (exit 2) and not a probe
 * that did not run. Stateless.
 */
final class ProbeArguments {
    /** An LDH label (RFC 1123 section 2.1, RFC 5890 section 2.3.1): letters, digits, inner hyphens, 1..63. */
    private static final Pattern LDH_LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");

    private ProbeArguments() {
    }

    /**
     * Whether {@code text} is an IPv4 or IPv6 address literal (no brackets, no name).
     *
     * @param text the text
     * @return true for an address literal
     */
    static boolean isIpLiteral(String text) {
        return NetUtil.isValidIpV4Address(text) || NetUtil.isValidIpV6Address(text);
    }

    /**
     * Why {@code sni} is not a server name RFC 6066 section 3 allows, or "" when it is: a DNS host name of
     * LDH labels separated by dots, at most 253 characters, no trailing dot, not an IP address literal.
     *
     * @param sni the server name
     * @return the reason, or "" when valid
     */
    static String sniProblem(String sni) {
        if (isIpLiteral(sni) || sni.matches("[0-9.]+")) {
            return "an IP address literal is not a server name (RFC 6066 section 3); leave --sni out to check the address";
        }
        if (sni.length() > 253) {
            return "longer than 253 characters";
        }
        if (sni.endsWith(".")) {
            return "a server name has no trailing dot (RFC 6066 section 3)";
        }
        for (String label : sni.split("\\.", -1)) {
            if (!LDH_LABEL.matcher(label).matches()) {
                return "expected a DNS host name of letters, digits and inner hyphens in dot-separated labels of"
                        + " 1 to 63 characters (RFC 6066 section 3)";
            }
        }
        return "";
    }

    /**
     * {@code text} quoted for a one-line message, with control and bidi characters as {@code \\uXXXX}.
     *
     * @param text the user's text
     * @return the quoted text
     */
    static String shown(String text) {
        StringBuilder sb = new StringBuilder("'");
        text.chars().forEach(c -> sb.append(Character.isISOControl(c) || Character.getType(c) == Character.FORMAT
                || Character.isSurrogate((char) c) ? String.format("\\u%04x", c) : String.valueOf((char) c)));
        return sb.append('\'').toString();
    }
}
