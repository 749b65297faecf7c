package io.phoenixdiag.pki.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.NameConstraints;

import io.phoenixdiag.pki.name.NameMatcher;

/**
 * RFC 5280 section 4.2.1.10 name constraints of one CA applied to one subordinate certificate:
 * dNSName, iPAddress, directoryName, rfc822Name and URI constraints; other constraint types fail closed when
 * the certificate carries a name of that type. The number of name/constraint comparisons is bounded.
 */
final class NameConstraintsCheck {
    /** Maximum name x constraint comparisons per certificate pair (a denial-of-service bound). */
    static final int MAX_COMPARISONS = 4096;

    private NameConstraintsCheck() {
    }

    /** Checks constraint syntax; returns a problem or null. */
    static String malformedConstraint(NameConstraints nc) {
        GeneralSubtree[] p = nc.getPermittedSubtrees();
        GeneralSubtree[] x = nc.getExcludedSubtrees();
        if ((p == null || p.length == 0) && (x == null || x.length == 0)) {
            return "nameConstraints has neither permittedSubtrees nor excludedSubtrees (RFC 5280 4.2.1.10)";
        }
        for (GeneralSubtree[] set : new GeneralSubtree[][] {p, x}) {
            if (set == null) {
                continue;
            }
            for (GeneralSubtree t : set) {
                GeneralName g = t.getBase();
                switch (g.getTagNo()) {
                    case GeneralName.dNSName -> {
                        String c = str(g);
                        if (!c.isEmpty() && !NameMatcher.isValidHostName(c)) {
                            return "malformed dNSName constraint '" + c + "'";
                        }
                    }
                    case GeneralName.iPAddress -> {
                        byte[] b = ASN1OctetString.getInstance(g.getName()).getOctets();
                        if ((b.length != 8 && b.length != 32) || !contiguousMask(b)) {
                            return "malformed iPAddress constraint (" + b.length + " octets; need address and contiguous mask,"
                                    + " 8 or 32 octets)";
                        }
                    }
                    case GeneralName.rfc822Name -> {
                        String c = str(g);
                        if (!validEmailConstraint(c)) {
                            return "malformed rfc822Name constraint '" + c + "'";
                        }
                    }
                    default -> {
                        // other types are checked when a certificate carries such a name
                    }
                }
            }
        }
        return null;
    }

    /**
     * Checks the names of {@code subject} against {@code nc}.
     *
     * @return null when allowed, else a sentence naming the offending name and constraint
     */
    static String check(NameConstraints nc, CertInfo subject) {
        List<GeneralName> names = new ArrayList<>();
        if (subject.san != null) {
            names.addAll(List.of(subject.san.getNames()));
        }
        X500Name dn = X500Name.getInstance(subject.subject.getEncoded());
        if (dn.getRDNs().length > 0) {
            names.add(new GeneralName(dn));
        }
        GeneralSubtree[] permitted = nc.getPermittedSubtrees();
        GeneralSubtree[] excluded = nc.getExcludedSubtrees();
        int total = names.size() * ((permitted == null ? 0 : permitted.length) + (excluded == null ? 0 : excluded.length));
        if (total > MAX_COMPARISONS) {
            return "name constraint check needs " + total + " comparisons, over the limit of " + MAX_COMPARISONS;
        }
        for (GeneralName n : names) {
            String bad = malformedName(n);
            if (excluded != null) {
                for (GeneralSubtree t : excluded) {
                    if (t.getBase().getTagNo() != n.getTagNo()) {
                        continue;
                    }
                    if (bad != null) {
                        return bad;
                    }
                    Boolean m = matches(t.getBase(), n);
                    if (m == null) {
                        return "name " + text(n) + " cannot be evaluated against the constraint";
                    }
                    if (m || wildcardMayMatch(t.getBase(), n)) {
                        return "name " + text(n) + " is in excluded subtree " + text(t.getBase());
                    }
                }
            }
            if (permitted != null) {
                boolean anyOfType = false;
                boolean ok = false;
                for (GeneralSubtree t : permitted) {
                    if (t.getBase().getTagNo() != n.getTagNo()) {
                        continue;
                    }
                    anyOfType = true;
                    if (bad != null) {
                        return bad;
                    }
                    Boolean m = matches(t.getBase(), n);
                    if (m == null) {
                        return "name " + text(n) + " cannot be evaluated against the constraint";
                    }
                    if (m) {
                        ok = true;
                        break;
                    }
                }
                if (anyOfType && !ok) {
                    return "name " + text(n) + " is not in any permitted subtree";
                }
            }
        }
        return null;
    }

    /**
     * A wildcard dNSName {@code *.X} stands for every {@code L.X}; it meets an excluded subtree {@code L.X}
     * even though the literal name does not (CVE-2025-61727: be defensive).
     */
    private static boolean wildcardMayMatch(GeneralName constraint, GeneralName name) {
        if (name.getTagNo() != GeneralName.dNSName) {
            return false;
        }
        String n = str(name).toLowerCase(Locale.ROOT);
        if (!n.startsWith("*.")) {
            return false;
        }
        String c = str(constraint).toLowerCase(Locale.ROOT);
        int dot = c.indexOf('.');
        return dot > 0 && c.substring(dot + 1).equals(n.substring(2));
    }

    private static String malformedName(GeneralName n) {
        switch (n.getTagNo()) {
            case GeneralName.dNSName -> {
                String s = str(n);
                String h = s.startsWith("*.") ? s.substring(2) : s;
                return NameMatcher.isValidHostName(h) ? null : "malformed dNSName '" + s + "' cannot satisfy a dNSName constraint";
            }
            case GeneralName.iPAddress -> {
                int len = ASN1OctetString.getInstance(n.getName()).getOctets().length;
                return len == 4 || len == 16 ? null : "malformed iPAddress SAN of " + len + " octets";
            }
            case GeneralName.rfc822Name -> {
                String s = str(n);
                int at = s.indexOf('@');
                return at > 0 && at == s.lastIndexOf('@') && NameMatcher.isValidHostName(s.substring(at + 1))
                        ? null : "malformed rfc822Name '" + s + "'";
            }
            default -> {
                return null;
            }
        }
    }

    /** TRUE/FALSE, or null when the pair cannot be evaluated. */
    private static Boolean matches(GeneralName constraint, GeneralName name) {
        switch (name.getTagNo()) {
            case GeneralName.dNSName -> {
                String c = str(constraint).toLowerCase(Locale.ROOT);
                String n = str(name).toLowerCase(Locale.ROOT);
                return c.isEmpty() || n.equals(c) || n.endsWith("." + c);
            }
            case GeneralName.iPAddress -> {
                byte[] c = ASN1OctetString.getInstance(constraint.getName()).getOctets();
                byte[] n = ASN1OctetString.getInstance(name.getName()).getOctets();
                if (c.length != n.length * 2) {
                    return false;
                }
                for (int i = 0; i < n.length; i++) {
                    int mask = c[n.length + i];
                    if ((n[i] & mask) != (c[i] & mask)) {
                        return false;
                    }
                }
                return true;
            }
            case GeneralName.directoryName -> {
                RDN[] c = X500Name.getInstance(constraint.getName()).getRDNs();
                RDN[] n = X500Name.getInstance(name.getName()).getRDNs();
                if (c.length > n.length) {
                    return false;
                }
                for (int i = 0; i < c.length; i++) {
                    if (!IETFUtils.rDNAreEqual(c[i], n[i])) {
                        return false;
                    }
                }
                return true;
            }
            case GeneralName.rfc822Name -> {
                String c = str(constraint);
                String n = str(name);
                int at = n.lastIndexOf('@');
                String host = n.substring(at + 1).toLowerCase(Locale.ROOT);
                if (c.indexOf('@') >= 0) {
                    int cat = c.lastIndexOf('@');
                    return n.substring(0, at).equals(c.substring(0, cat))
                            && host.equals(c.substring(cat + 1).toLowerCase(Locale.ROOT));
                }
                String cl = c.toLowerCase(Locale.ROOT);
                if (cl.startsWith(".")) {
                    return host.endsWith(cl);
                }
                return host.equals(cl);
            }
            case GeneralName.uniformResourceIdentifier -> {
                String host = uriHost(str(name));
                if (host == null) {
                    return null;
                }
                String cl = str(constraint).toLowerCase(Locale.ROOT);
                return cl.startsWith(".") ? host.endsWith(cl) : host.equals(cl);
            }
            default -> {
                return null;
            }
        }
    }

    private static String uriHost(String uri) {
        try {
            String h = java.net.URI.create(uri).getHost();
            return h == null ? null : h.toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean validEmailConstraint(String c) {
        int at = c.indexOf('@');
        String host = at >= 0 ? c.substring(at + 1) : c.startsWith(".") ? c.substring(1) : c;
        if (at >= 0 && (at == 0 || c.indexOf('@', at + 1) >= 0)) {
            return false;
        }
        return NameMatcher.isValidHostName(host);
    }

    private static boolean contiguousMask(byte[] b) {
        int half = b.length / 2;
        boolean zero = false;
        for (int i = half; i < b.length; i++) {
            for (int bit = 7; bit >= 0; bit--) {
                boolean one = (b[i] >> bit & 1) == 1;
                if (one && zero) {
                    return false;
                }
                if (!one) {
                    zero = true;
                }
            }
        }
        return true;
    }

    static String str(GeneralName g) {
        ASN1Encodable v = g.getName();
        return v instanceof ASN1String s ? s.getString() : v.toString();
    }

    static String text(GeneralName g) {
        return switch (g.getTagNo()) {
            case GeneralName.dNSName -> "DNS:" + str(g);
            case GeneralName.rfc822Name -> "email:" + str(g);
            case GeneralName.uniformResourceIdentifier -> "URI:" + str(g);
            case GeneralName.directoryName -> "DirName:" + X500Name.getInstance(g.getName());
            case GeneralName.iPAddress -> {
                byte[] b = ASN1OctetString.getInstance(g.getName()).getOctets();
                if (b.length == 4 || b.length == 16) {
                    yield "IP:" + io.phoenixdiag.pki.name.ReferenceIdentity.format(b);
                }
                if (b.length == 8 || b.length == 32) {
                    byte[] a = java.util.Arrays.copyOf(b, b.length / 2);
                    int prefix = 0;
                    for (int i = b.length / 2; i < b.length; i++) {
                        prefix += Integer.bitCount(b[i] & 0xff);
                    }
                    yield "IP:" + io.phoenixdiag.pki.name.ReferenceIdentity.format(a) + "/" + prefix;
                }
                yield "IP:<" + b.length + " octets>";
            }
            case GeneralName.otherName -> "otherName";
            default -> "name of type " + g.getTagNo();
        };
    }
}
