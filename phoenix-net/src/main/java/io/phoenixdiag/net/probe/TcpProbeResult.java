package io.phoenixdiag.net.probe;

import io.phoenixdiag.core.diag.Finding;
import io.phoenixdiag.core.diag.Severity;

import java.util.Objects;

/**
 * The result of one TCP probe. Immutable and thread-safe; JSON form through {@link ProbeJson}, with the
 * properties in component order.
 *
 * @param target      the probed endpoint as {@code address:port/tcp} ({@code [v6]:port/tcp} for IPv6)
 * @param outcome     what happened
 * @param connectMs   milliseconds from the start of the connect until it succeeded or failed (for
 *                    {@link TcpOutcome#TIMEOUT} about the configured timeout)
 * @param detail      what was observed, such as the socket error text; {@code ""} when nothing to add
 * @param remediation what to do, one sentence; {@code ""} for {@link TcpOutcome#OPEN}
 */
public record TcpProbeResult(String target, TcpOutcome outcome, long connectMs, String detail, String remediation) {

    /**
     * Validates the components.
     *
     * @param target the target
     * @param outcome the outcome
     * @param connectMs the connect time in ms, at least 0
     * @param detail the detail
     * @param remediation the remediation
     * @throws NullPointerException if a component is null
     * @throws IllegalArgumentException if {@code connectMs} is negative
     */
    public TcpProbeResult {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(remediation, "remediation");
        if (connectMs < 0) {
            throw new IllegalArgumentException("connectMs must be >= 0");
        }
    }

    /**
     * The standard remediation sentence for an outcome.
     *
     * @param outcome the outcome
     * @param target  the target as in {@link #target()}
     * @return one sentence, {@code ""} for {@link TcpOutcome#OPEN}
     */
    public static String remediationFor(TcpOutcome outcome, String target) {
        return switch (outcome) {
            case OPEN -> "";
            case REFUSED -> "Start the service that should listen on " + target
                    + " (check it binds this address, not only 127.0.0.1), or remove the firewall rule that rejects it.";
            case TIMEOUT -> "Check the firewall between source and " + target
                    + " (Proxmox policy_in DROP or a DROP rule, host and guest level) and that the host is up.";
            case UNREACHABLE -> "Check routing to " + target
                    + " (bridge, gateway, VLAN) and any firewall answering with ICMP unreachable.";
        };
    }

    /**
     * This result as a report finding {@code probe.tcp}: INFO when OPEN, ERROR otherwise; the JSON form is
     * the evidence.
     *
     * @return the finding
     */
    public Finding toFinding() {
        return Findings.of("probe.tcp", outcome == TcpOutcome.OPEN ? Severity.INFO : Severity.ERROR,
                "TCP " + target + ": " + outcome, detail, target, ProbeJson.toJson(this), remediation);
    }
}
