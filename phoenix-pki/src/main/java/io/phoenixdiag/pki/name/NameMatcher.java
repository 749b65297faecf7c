package io.phoenixdiag.pki.name;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Matches a {@link ReferenceIdentity} against a certificate's subject alternative names, per RFC 9525
 * section 6.3 (DNS-ID) and 6.4 (IP-ID), with no fallback to the subject common name (RFC 9525 section 6.2.1
 * forbids it when a SAN of the right type is present; web browsers never use it). Stateless and thread-safe.
 *
 * <p>Wildcard rules (RFC 9525 section 6.3): a presented dNSName may hold {@code *} only as its complete
 * left-most label, and must have at least two labels after it ({@code *.example.com}, not {@code *.com} or
 * {@code *}); the wildcard stands for exactly one non-empty label of the reference identity. Partial-label
 * wildcards ({@code f*.example.com}, {@code xn--*}) and wildcards in other positions never match.
 * Comparison is ASCII case-insensitive; presented names that are not valid host names (such as ones with
 * an underscore) never match.
 */
public final class NameMatcher {
    private NameMatcher() {
    }

    /**
     * Whether the certificate's SAN holds a name matching the reference identity.
     *
     * @param certificate the end-entity certificate
     * @param reference   the reference identity
     * @return {@code true} on a match; {@code false} when no SAN entry of the right type matches, when the
     *         certificate has no SAN, or when its SAN cannot be parsed
     */
    public static boolean matches(X509Certificate certificate, ReferenceIdentity reference) {
        Collection<List<?>> sans;
        try {
            sans = certificate.getSubjectAlternativeNames();
        } catch (CertificateParsingException e) {
            return false;
        }
        if (sans == null) {
            return false;
        }
        List<String> dns = new ArrayList<>();
        List<byte[]> ips = new ArrayList<>();
        for (List<?> san : sans) {
            int tag = (Integer) san.get(0);
            if (tag == 2 && san.get(1) instanceof String s) {
                dns.add(s);
            } else if (tag == 7 && san.get(1) instanceof String s) {
                ReferenceIdentity.parseIp(s).ifPresent(ips::add);
            }
        }
        return matches(dns, ips, reference);
    }

    /**
     * Whether any presented name matches the reference identity.
     *
     * @param dnsNames    presented SAN dNSName values
     * @param ipAddresses presented SAN iPAddress values (4 or 16 bytes each)
     * @param reference   the reference identity
     * @return {@code true} on a match
     */
    public static boolean matches(List<String> dnsNames, List<byte[]> ipAddresses, ReferenceIdentity reference) {
        if (reference.type() == ReferenceIdentity.Type.IP) {
            byte[] want = reference.addressBytes().orElseThrow();
            return ipAddresses.stream().anyMatch(b -> Arrays.equals(b, want));
        }
        return dnsNames.stream().anyMatch(p -> dnsMatches(p, reference.value()));
    }

    /**
     * Matches one presented dNSName against a DNS reference identity (RFC 9525 section 6.3).
     *
     * @param presented the SAN dNSName, possibly with a left-most {@code *} label
     * @param reference the reference DNS name, lower case without trailing dot
     * @return {@code true} on a match
     */
    public static boolean dnsMatches(String presented, String reference) {
        String p = presented.toLowerCase(Locale.ROOT);
        if (p.endsWith(".")) {
            p = p.substring(0, p.length() - 1);
        }
        String r = reference.toLowerCase(Locale.ROOT);
        if (!isValidHostName(r)) {
            return false;
        }
        if (p.startsWith("*.")) {
            String rest = p.substring(2);
            if (!isValidHostName(rest) || rest.indexOf('.') < 0) {
                return false;
            }
            int dot = r.indexOf('.');
            return dot > 0 && r.substring(dot + 1).equals(rest);
        }
        return isValidHostName(p) && p.equals(r);
    }

    /**
     * Whether a name is a syntactically valid host name: labels of 1 to 63 letters, digits and hyphens, not
     * starting or ending with a hyphen, at most 253 characters in all (RFC 1123 section 2.1; RFC 5890 A-labels).
     *
     * @param name the name, without trailing dot
     * @return {@code true} when valid
     */
    public static boolean isValidHostName(String name) {
        if (name.isEmpty() || name.length() > 253) {
            return false;
        }
        for (String label : name.split("\\.", -1)) {
            if (label.isEmpty() || label.length() > 63 || label.startsWith("-") || label.endsWith("-")) {
                return false;
            }
            for (int i = 0; i < label.length(); i++) {
                char c = label.charAt(i);
                boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
                if (!ok) {
                    return false;
                }
            }
        }
        return true;
    }
}
