package io.phoenixdiag.net.live;

import io.phoenixdiag.core.diag.Finding;
import io.phoenixdiag.core.diag.Severity;
import io.phoenixdiag.net.probe.ProbeJson;

import java.util.Objects;
import java.util.Optional;

/**
 * The result of one {@link ProbeSpec}, as any {@link ProbeExecutor} returns it. Immutable and thread-safe; JSON
 * form through {@link LiveJson}.
 *
 * @param id           the spec's id
 * @param kind         the probe kind
 * @param target       the destination, {@code address:port/tcp} (or {@code /udp} for DNS)
 * @param vantage      where the probe ran, e.g. {@code local} or {@code netns:phx-lab-1234-1}
 * @param outcome      the probe's own outcome name ({@code OPEN}, {@code ALERT(bad_certificate)},
 *                     {@code UNTRUSTED(...)}, {@code WRONG_ADDRESS}...), or {@code NOT_RUN}
 * @param ok           whether the outcome is the good one (TCP {@code OPEN}, TLS and HTTP {@code OK}, DNS {@code MATCH})
 * @param reachability what the result says about the network path
 * @param detail       what was observed, one sentence
 * @param remediation  what to do, one sentence; {@code ""} when nothing
 * @param resultJson   the typed result ({@link io.phoenixdiag.net.probe.TcpProbeResult} and friends) in its
 *                     {@link ProbeJson} form; {@code ""} when the probe did not run
 */
public record LiveResult(String id, ProbeKind kind, String target, String vantage, String outcome, boolean ok,
                         Reachability reachability, String detail, String remediation, String resultJson) {

    /**
     * Validates the components.
     *
     * @param id           the id
     * @param kind         the kind
     * @param target       the target
     * @param vantage      the vantage point
     * @param outcome      the outcome name
     * @param ok           whether the outcome is good
     * @param reachability the reachability
     * @param detail       the detail
     * @param remediation  the remediation
     * @param resultJson   the typed result's JSON or {@code ""}
     * @throws NullPointerException if a component is null
     */
    public LiveResult {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(vantage, "vantage");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(reachability, "reachability");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(remediation, "remediation");
        Objects.requireNonNull(resultJson, "resultJson");
    }

    /**
     * A result for a probe that did not run.
     *
     * @param spec    the spec
     * @param vantage where it should have run
     * @param why     why it did not run, one sentence
     * @return a {@link Reachability#NOT_RUN} result
     */
    public static LiveResult notRun(ProbeSpec spec, String vantage, String why) {
        return new LiveResult(spec.id(), spec.kind(), spec.target(), vantage, "NOT_RUN", false, Reachability.NOT_RUN,
                why, "", "");
    }

    /**
     * The probe's own finding ({@code probe.tcp}, {@code probe.tls}, {@code probe.http}, {@code probe.dns}), as the
     * typed result makes it ({@code toFinding()}), with the vantage point added to its message.
     *
     * @return the finding, or empty when the probe did not run or its JSON cannot be read
     */
    public Optional<Finding> toFinding() {
        if (resultJson.isEmpty()) {
            return Optional.empty();
        }
        try {
            Finding f = switch (kind) {
                case TCP -> ProbeJson.tcpFromJson(resultJson).toFinding();
                case TLS -> ProbeJson.tlsFromJson(resultJson).toFinding();
                case HTTP -> ProbeJson.httpFromJson(resultJson).toFinding();
                case DNS -> ProbeJson.dnsFromJson(resultJson).toFinding();
            };
            return Optional.of(f);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * Whether the probe's finding is worth reporting: a failed outcome, or a good one with a warning (such as a
     * TLS certificate past two thirds of its lifetime).
     *
     * @return {@code true} when {@link #toFinding()} holds a finding above {@link Severity#INFO}
     */
    public boolean hasProblem() {
        return toFinding().map(f -> f.severity() != Severity.INFO).orElse(false);
    }
}
