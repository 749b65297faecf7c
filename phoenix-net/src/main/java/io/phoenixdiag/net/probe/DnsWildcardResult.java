package io.phoenixdiag.net.probe;

import io.phoenixdiag.core.diag.Finding;
import io.phoenixdiag.core.diag.Severity;

import java.util.Objects;

/**
 * Whether a nameserver answers every name under a domain (a wildcard, RFC 4592, or dnsmasq's
 * {@code address=/domain/ip}), found by asking for a random label that nobody declared. A wildcard makes a
 * mistyped or forgotten host name resolve instead of failing with NXDOMAIN, so clients reach the wrong host.
 * Immutable and thread-safe; JSON form through {@link ProbeJson}.
 *
 * @param domain      the domain examined, such as {@code phoenix.lan}
 * @param wildcard    the random name resolved (NOERROR with addresses)
 * @param conclusive  the answer settles the question (NOERROR or NXDOMAIN); false on TIMEOUT, SERVFAIL and other
 *                    errors
 * @param query       the probe of the random name (its {@code got} lists the wildcard's addresses)
 * @param detail      what was observed, one sentence
 * @param remediation what to do, one sentence; {@code ""} when no wildcard was found
 */
public record DnsWildcardResult(String domain, boolean wildcard, boolean conclusive, DnsProbeResult query,
                                String detail, String remediation) {

    /**
     * Validates the components.
     *
     * @param domain the domain
     * @param wildcard whether a wildcard answered
     * @param conclusive whether the answer is conclusive
     * @param query the probe of the random name
     * @param detail the detail
     * @param remediation the remediation
     * @throws NullPointerException if a component is null
     */
    public DnsWildcardResult {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(remediation, "remediation");
    }

    /**
     * This result as a report finding {@code probe.dns.wildcard}: WARNING for a wildcard, INFO when none,
     * WARNING when inconclusive; the JSON form is the evidence.
     *
     * @return the finding
     */
    public Finding toFinding() {
        Severity s = wildcard || !conclusive ? Severity.WARNING : Severity.INFO;
        return Findings.of("probe.dns.wildcard", s, "DNS wildcard under " + domain + " at " + query.nameserver() + ": "
                + (!conclusive ? "UNKNOWN (" + query.outcome() + ")" : wildcard ? "YES" : "NO"), detail,
                query.nameserver(), ProbeJson.toJson(this), remediation);
    }
}
