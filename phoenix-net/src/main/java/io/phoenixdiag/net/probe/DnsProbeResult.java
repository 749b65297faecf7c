package io.phoenixdiag.net.probe;

import io.phoenixdiag.core.diag.Finding;
import io.phoenixdiag.core.diag.Severity;

import java.util.List;
import java.util.Objects;

/**
 * The result of one DNS probe. Immutable and thread-safe; JSON form through {@link ProbeJson}, properties in
 * component order.
 *
 * @param nameserver  the nameserver asked, as {@code address:port/udp}
 * @param name        the name asked for, as given (no search domains applied)
 * @param type        the record type asked for
 * @param outcome     the outcome
 * @param got         the answers of the asked type in the answer section, in answer order: RFC 5952 addresses
 *                    for A/AAAA, lower-case names without the final dot for CNAME/PTR
 * @param expected    the answers expected, same forms, in the caller's order; empty when any answer is accepted
 * @param rcode       the response code name such as {@code NOERROR}, {@code NXDOMAIN}; {@code ""} on timeout
 * @param responseMs  milliseconds from sending the query to the answer (or to the timeout)
 * @param detail      what was observed, one sentence
 * @param remediation what to do, one sentence; {@code ""} for {@link DnsOutcome#MATCH}
 * @param overTcp     the UDP answer was truncated (TC bit) and this result comes from the retry over TCP
 *                    (RFC 7766 section 5)
 */
public record DnsProbeResult(String nameserver, String name, DnsQueryType type, DnsOutcome outcome, List<String> got,
                             List<String> expected, String rcode, long responseMs, String detail, String remediation,
                             boolean overTcp) {

    /**
     * Validates and copies the components.
     *
     * @param nameserver the nameserver
     * @param name the name
     * @param type the type
     * @param outcome the outcome
     * @param got the addresses got
     * @param expected the addresses expected
     * @param rcode the response code name
     * @param responseMs the response time in ms, at least 0
     * @param detail the detail
     * @param remediation the remediation
     * @param overTcp whether the answer came over TCP
     * @throws NullPointerException if a component is null
     * @throws IllegalArgumentException if {@code responseMs} is negative
     */
    public DnsProbeResult {
        Objects.requireNonNull(nameserver, "nameserver");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(outcome, "outcome");
        got = List.copyOf(got);
        expected = List.copyOf(expected);
        Objects.requireNonNull(rcode, "rcode");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(remediation, "remediation");
        if (responseMs < 0) {
            throw new IllegalArgumentException("responseMs must be >= 0");
        }
    }

    /**
     * A result of a UDP exchange (the form before the TCP fallback existed).
     *
     * @param nameserver the nameserver
     * @param name the name
     * @param type the type
     * @param outcome the outcome
     * @param got the answers got
     * @param expected the answers expected
     * @param rcode the response code name
     * @param responseMs the response time in ms, at least 0
     * @param detail the detail
     * @param remediation the remediation
     * @throws NullPointerException if a component is null
     * @throws IllegalArgumentException if {@code responseMs} is negative
     */
    public DnsProbeResult(String nameserver, String name, DnsQueryType type, DnsOutcome outcome, List<String> got,
                          List<String> expected, String rcode, long responseMs, String detail, String remediation) {
        this(nameserver, name, type, outcome, got, expected, rcode, responseMs, detail, remediation, false);
    }

    /**
     * This result as a report finding {@code probe.dns}: INFO when MATCH, ERROR otherwise; the JSON form is
     * the evidence.
     *
     * @return the finding
     */
    public Finding toFinding() {
        return Findings.of("probe.dns", outcome == DnsOutcome.MATCH ? Severity.INFO : Severity.ERROR,
                "DNS " + name + " " + type + " at " + nameserver + ": " + outcome, detail, nameserver,
                ProbeJson.toJson(this), remediation);
    }
}
