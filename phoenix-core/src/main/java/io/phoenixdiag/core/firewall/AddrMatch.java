package io.phoenixdiag.core.firewall;

/**
 * Three-valued address matcher: addresses in {@code yes} match, addresses in {@code unknown} cannot be
 * decided (with {@code reason}), all others do not match. Package-private engine type.
 */
final class AddrMatch {
    static final int NO = 0;
    static final int YES = 1;
    static final int UNK = 2;

    final AddrSet yes;
    final AddrSet unknown;
    final String reason;

    AddrMatch(AddrSet yes, AddrSet unknown, String reason) {
        this.yes = yes;
        this.unknown = unknown.minus(yes);
        this.reason = reason;
    }

    static AddrMatch of(AddrSet yes) {
        return new AddrMatch(yes, AddrSet.EMPTY, "");
    }

    static AddrMatch unknownAll(String reason) {
        return new AddrMatch(AddrSet.EMPTY, AddrSet.ALL, reason);
    }

    int test(IpAddress a) {
        if (yes.contains(a)) {
            return YES;
        }
        return unknown.isEmpty() || !unknown.contains(a) ? NO : UNK;
    }

    /** The complement (for "not in set" matches such as the ipfilter). */
    AddrMatch negate() {
        return new AddrMatch(AddrSet.ALL.minus(yes).minus(unknown), unknown, reason);
    }

    AddrMatch restrict(int versionMask) {
        return new AddrMatch(yes.restrictToVersions(versionMask), unknown.restrictToVersions(versionMask), reason);
    }
}
