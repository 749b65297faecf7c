package io.phoenixdiag.net.probe;

import io.phoenixdiag.core.diag.Finding;
import io.phoenixdiag.core.diag.Severity;

import java.util.List;
import java.util.Objects;

/**
 * The result of one HTTP(S) probe. Immutable and thread-safe; JSON form through {@link ProbeJson}, properties
 * in component order.
 *
 * @param target         the endpoint as {@code address:port/tcp}
 * @param url            {@code http://host/path} or {@code https://host/path}, host being the Host header sent
 * @param method         the request method
 * @param outcome        the outcome
 * @param status         the response status code; 0 when no response was read
 * @param expectedStatus the expected status code
 * @param bodyCheck      the description of the body check, {@code ""} when the body is not checked
 * @param bodyExcerpt    the first 256 characters of the body (UTF-8), {@code ""} when none
 * @param detail         what was observed, one sentence
 * @param connectMs      milliseconds the TCP connect (and for HTTPS the TLS handshake) took
 * @param responseMs     milliseconds from sending the request to the complete response (or the failure)
 * @param tls            for HTTPS, the TLS probe's result (one element); empty for plain HTTP
 * @param remediation    what to do, one or more sentences; {@code ""} for {@link HttpOutcome#OK}
 * @param preset         the preset the request came from, such as {@code traefik.routers}; {@code ""} for none
 * @param entries        for the Traefik API presets, every router or service listed with its status and errors;
 *                       empty otherwise
 */
public record HttpProbeResult(String target, String url, String method, HttpOutcome outcome, int status,
                              int expectedStatus, String bodyCheck, String bodyExcerpt, String detail, long connectMs,
                              long responseMs, List<TlsProbeResult> tls, String remediation, String preset,
                              List<ApiEntry> entries) {

    /**
     * Validates and copies the components.
     *
     * @param target the target
     * @param url the URL
     * @param method the method
     * @param outcome the outcome
     * @param status the status, 0 or 100..999
     * @param expectedStatus the expected status
     * @param bodyCheck the body check description
     * @param bodyExcerpt the body excerpt
     * @param detail the detail
     * @param connectMs the connect time in ms
     * @param responseMs the response time in ms
     * @param tls the TLS result, at most one
     * @param remediation the remediation
     * @param preset the preset name, {@code ""} or null for none
     * @param entries the API entries, null for none
     * @throws NullPointerException if a component other than {@code preset} and {@code entries} is null
     * @throws IllegalArgumentException if a time is negative, {@code status} is out of range or {@code tls} has
     *                                  more than one element
     */
    public HttpProbeResult {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(bodyCheck, "bodyCheck");
        Objects.requireNonNull(bodyExcerpt, "bodyExcerpt");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(remediation, "remediation");
        tls = List.copyOf(tls);
        preset = preset == null ? "" : preset;
        entries = entries == null ? List.of() : List.copyOf(entries);
        if (connectMs < 0 || responseMs < 0) {
            throw new IllegalArgumentException("times must be >= 0");
        }
        if (status != 0 && (status < 100 || status > 999)) {
            throw new IllegalArgumentException("status must be 0 or 100..999: " + status);
        }
        if (tls.size() > 1) {
            throw new IllegalArgumentException("at most one TLS result");
        }
    }

    /**
     * A result without preset facts (the form before presets existed).
     *
     * @param target the target
     * @param url the URL
     * @param method the method
     * @param outcome the outcome
     * @param status the status, 0 or 100..999
     * @param expectedStatus the expected status
     * @param bodyCheck the body check description
     * @param bodyExcerpt the body excerpt
     * @param detail the detail
     * @param connectMs the connect time in ms
     * @param responseMs the response time in ms
     * @param tls the TLS result, at most one
     * @param remediation the remediation
     * @throws NullPointerException if a component is null
     * @throws IllegalArgumentException if a time is negative, {@code status} is out of range or {@code tls} has
     *                                  more than one element
     */
    public HttpProbeResult(String target, String url, String method, HttpOutcome outcome, int status,
                           int expectedStatus, String bodyCheck, String bodyExcerpt, String detail, long connectMs,
                           long responseMs, List<TlsProbeResult> tls, String remediation) {
        this(target, url, method, outcome, status, expectedStatus, bodyCheck, bodyExcerpt, detail, connectMs,
                responseMs, tls, remediation, "", List.of());
    }

    /**
     * This result as a report finding {@code probe.http}: INFO when OK, ERROR otherwise; the JSON form is the
     * evidence.
     *
     * @return the finding
     */
    public Finding toFinding() {
        return Findings.of("probe.http", outcome == HttpOutcome.OK ? Severity.INFO : Severity.ERROR,
                method + " " + url + ": " + outcome + (status == 0 ? "" : " (" + status + ")"), detail, target,
                ProbeJson.toJson(this), remediation);
    }
}
