package io.phoenixdiag.core.evidence;

import io.phoenixdiag.core.diag.Check;
import io.phoenixdiag.core.diag.CheckContext;
import io.phoenixdiag.core.diag.Finding;
import io.phoenixdiag.core.diag.Location;
import io.phoenixdiag.core.diag.Severity;
import java.util.ArrayList;
import java.util.List;

/**
 * Clock skew between the host and its guests, from the collector's readings ({@code date +%s} on the host
 * before and after each guest's, {@link CollectedEvidence#clocks()}). A guest reading outside
 * [first host reading - {@value #TOLERANCE_SECONDS} s, last host reading + {@value #TOLERANCE_SECONDS} s] is skewed by
 * the distance to that window. Step-CA's 24-hour certificates make skew matter: a guest clock ahead or behind
 * sees certificates as not yet valid or expired (RFC 5280 4.1.2.5), and renewal starts at the wrong time.
 *
 * <p>Findings: {@code evidence.clock-skew}, WARNING from {@value #TOLERANCE_SECONDS} s,
 * ERROR from {@value #ERROR_SECONDS} s; {@code evidence.clock-unknown} (INFO) when there is no host reading.
 * Without {@link CollectedEvidence} it reports nothing (the evidence is optional, so the check is not listed
 * as not run). Stateless and thread-safe.
 */
public final class ClockSkewCheck implements Check {
    /** Skew tolerated, seconds. */
    public static final long TOLERANCE_SECONDS = 60;
    /** Skew from which the finding is an ERROR, seconds (5 minutes, the usual TLS and Kerberos leeway). */
    public static final long ERROR_SECONDS = 300;

    /** Creates the check (for {@link java.util.ServiceLoader}). */
    public ClockSkewCheck() {
    }

    @Override
    public String id() {
        return "evidence.clock-skew";
    }

    @Override
    public String description() {
        return "Clock skew between the host and its guests in an evidence archive";
    }

    @Override
    public List<Finding> run(CheckContext context) {
        if (!context.has(CollectedEvidence.class)) {
            return List.of();
        }
        CollectedEvidence ev = context.require(CollectedEvidence.class);
        String file = ev.source() + "!/clock/clock.tsv";
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (CollectedEvidence.ClockReading r : ev.clocks()) {
            if (r.subject().equals("host")) {
                min = Math.min(min, r.epochSeconds());
                max = Math.max(max, r.epochSeconds());
            }
        }
        List<Finding> out = new ArrayList<>();
        if (min == Long.MAX_VALUE) {
            if (!ev.clocks().isEmpty()) {
                out.add(Finding.builder("evidence.clock-unknown", Severity.INFO).title("No host clock reading")
                        .message(file + " holds no host reading, so guest clocks cannot be compared.").subject(file)
                        .location(Location.ofFile(file)).build());
            }
            return out;
        }
        for (CollectedEvidence.ClockReading r : ev.clocks()) {
            if (r.subject().equals("host")) {
                continue;
            }
            long skew = r.epochSeconds() < min - TOLERANCE_SECONDS ? r.epochSeconds() - min
                    : r.epochSeconds() > max + TOLERANCE_SECONDS ? r.epochSeconds() - max : 0;
            if (skew == 0) {
                continue;
            }
            long abs = Math.abs(skew);
            out.add(Finding.builder("evidence.clock-skew", abs >= ERROR_SECONDS ? Severity.ERROR : Severity.WARNING)
                    .title("The clock of " + r.subject() + " is " + abs + " s " + (skew > 0 ? "ahead of" : "behind")
                            + " the host's")
                    .message(r.subject() + " read " + r.epochSeconds() + " while the host read " + min
                            + (max != min ? " to " + max : "") + " (seconds since the epoch). With 24-hour certificates"
                            + " a skewed clock sees them as not yet valid or expired, and renews at the wrong time.")
                    .remediation("Run time synchronisation (chrony/systemd-timesyncd) on the host; containers share"
                            + " the host's kernel clock, so a skewed container points at a VM or a faked time namespace.")
                    .subject(r.subject()).location(Location.ofLine(file, r.line(), 1)).build());
        }
        return out;
    }
}
