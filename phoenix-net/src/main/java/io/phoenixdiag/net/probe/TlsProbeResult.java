package io.phoenixdiag.net.probe;

import io.phoenixdiag.core.diag.Finding;
import io.phoenixdiag.core.diag.Severity;

import java.util.List;
import java.util.Objects;

/**
 * The result of one TLS probe. Immutable and thread-safe; JSON form through {@link ProbeJson}, with the
 * properties in component order. Absent texts are {@code ""}.
 *
 * @param target          the probed endpoint as {@code address:port/tcp}
 * @param sni             the server name sent in the SNI extension (RFC 6066 section 3), {@code ""} when none
 * @param alpnOffered     the ALPN protocols offered (RFC 7301), in preference order
 * @param outcome         the outcome
 * @param alert           for {@link TlsOutcome#ALERT}, the RFC 8446 alert name such as {@code handshake_failure}
 * @param untrustedReason for {@link TlsOutcome#UNTRUSTED}, the phoenix-pki
 *                        {@link io.phoenixdiag.pki.path.FailureReason} name such as {@code EXPIRED}
 * @param detail          what was observed, one or more sentences
 * @param protocol        the negotiated protocol such as {@code TLSv1.3}, when the handshake completed
 * @param cipherSuite     the negotiated cipher suite such as {@code TLS_AES_128_GCM_SHA256}, when the handshake completed
 * @param alpn            the protocol the server selected by ALPN, {@code ""} when none
 * @param connectMs       milliseconds the TCP connect took (until it failed, for connect failures)
 * @param tlsMs           milliseconds from connected to the end of the handshake (until it failed); 0 when not started
 * @param chain           facts about the served chain, {@link ChainFacts#NONE} when none was received
 * @param remediation     what to do, one or more sentences; {@code ""} for {@link TlsOutcome#OK}
 * @param clientCertificateRequested whether the server asked for a client certificate (sent a
 *                        CertificateRequest, RFC 8446 section 4.3.2)
 * @param clientCertificate the subject DN (RFC 4514) of the client certificate sent, {@code ""} when none was
 *                        sent (none configured, not asked for, or of a key type the server does not accept)
 * @param postHandshakeMs milliseconds spent after the handshake waiting for the server's verdict on the client
 *                        certificate (TLS 1.3, see {@link TlsProbeRequest}); 0 when the probe did not wait
 */
public record TlsProbeResult(String target, String sni, List<String> alpnOffered, TlsOutcome outcome, String alert,
                             String untrustedReason, String detail, String protocol, String cipherSuite, String alpn,
                             long connectMs, long tlsMs, ChainFacts chain, String remediation,
                             boolean clientCertificateRequested, String clientCertificate, long postHandshakeMs) {

    /**
     * Validates and copies the components.
     *
     * @param target the target
     * @param sni the SNI sent
     * @param alpnOffered the ALPN protocols offered
     * @param outcome the outcome
     * @param alert the alert name
     * @param untrustedReason the path validation reason
     * @param detail the detail
     * @param protocol the protocol
     * @param cipherSuite the cipher suite
     * @param alpn the selected ALPN protocol
     * @param connectMs the connect time in ms, at least 0
     * @param tlsMs the handshake time in ms, at least 0
     * @param chain the chain facts
     * @param remediation the remediation
     * @param clientCertificateRequested whether the server asked for a client certificate
     * @param clientCertificate the client certificate's subject, {@code ""} or null when none was sent
     * @param postHandshakeMs the post-handshake wait in ms, at least 0
     * @throws NullPointerException if a component other than {@code clientCertificate} is null
     * @throws IllegalArgumentException if a time is negative
     */
    public TlsProbeResult {
        clientCertificate = clientCertificate == null ? "" : clientCertificate;
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(sni, "sni");
        alpnOffered = List.copyOf(alpnOffered);
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(alert, "alert");
        Objects.requireNonNull(untrustedReason, "untrustedReason");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(cipherSuite, "cipherSuite");
        Objects.requireNonNull(alpn, "alpn");
        Objects.requireNonNull(chain, "chain");
        Objects.requireNonNull(remediation, "remediation");
        if (connectMs < 0 || tlsMs < 0 || postHandshakeMs < 0) {
            throw new IllegalArgumentException("times must be >= 0");
        }
    }

    /**
     * A result without client-certificate facts (the form before mutual TLS was supported).
     *
     * @param target the target
     * @param sni the SNI sent
     * @param alpnOffered the ALPN protocols offered
     * @param outcome the outcome
     * @param alert the alert name
     * @param untrustedReason the path validation reason
     * @param detail the detail
     * @param protocol the protocol
     * @param cipherSuite the cipher suite
     * @param alpn the selected ALPN protocol
     * @param connectMs the connect time in ms, at least 0
     * @param tlsMs the handshake time in ms, at least 0
     * @param chain the chain facts
     * @param remediation the remediation
     * @throws NullPointerException if a component is null
     * @throws IllegalArgumentException if a time is negative
     */
    public TlsProbeResult(String target, String sni, List<String> alpnOffered, TlsOutcome outcome, String alert,
                          String untrustedReason, String detail, String protocol, String cipherSuite, String alpn,
                          long connectMs, long tlsMs, ChainFacts chain, String remediation) {
        this(target, sni, alpnOffered, outcome, alert, untrustedReason, detail, protocol, cipherSuite, alpn, connectMs,
                tlsMs, chain, remediation, false, "", 0);
    }

    /**
     * This result as a report finding {@code probe.tls}: INFO when OK, WARNING when OK but less than a third
     * of the end-entity certificate's lifetime is left (step-ca renews at two thirds, so renewal is
     * overdue), ERROR otherwise; the JSON form is the evidence.
     *
     * @return the finding
     */
    public Finding toFinding() {
        boolean renewalOverdue = outcome == TlsOutcome.OK && chain.lifetimeLeftFraction() < 1.0 / 3.0;
        Severity severity = outcome != TlsOutcome.OK ? Severity.ERROR
                : renewalOverdue ? Severity.WARNING : Severity.INFO;
        String what = outcome == TlsOutcome.ALERT ? "ALERT(" + alert + ")"
                : outcome == TlsOutcome.UNTRUSTED ? "UNTRUSTED(" + untrustedReason + ")" : outcome.name();
        String rem = renewalOverdue ? "Renew the certificate now and check that automatic renewal runs." : remediation;
        return Findings.of("probe.tls", severity, "TLS " + target + (sni.isEmpty() ? "" : " (SNI " + sni + ")")
                + ": " + what, detail, target, ProbeJson.toJson(this), rem);
    }
}
