package io.phoenixdiag.examples.doctor;

import io.phoenixdiag.core.diag.AcceptedFinding;
import io.phoenixdiag.core.diag.Baseline;
import io.phoenixdiag.core.diag.Check;
import io.phoenixdiag.core.diag.CheckContext;
import io.phoenixdiag.core.diag.CheckRunner;
import io.phoenixdiag.core.diag.Finding;
import io.phoenixdiag.core.diag.Report;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import picocli.CommandLine.Option;

/**
 * The report options of {@code phoenix-doctor} commands that write a diagnosis report, as a picocli
 * {@code @Mixin}: {@code --only}/{@code --skip} by check id, {@code --baseline FILE} and {@code --verbose}.
 *
 * <p>Use: {@link #checkRunner(ClassLoader)} before the diagnosis (it validates the ids and gives the runner
 * of the discovered checks, without the skipped ones), then {@link #apply(Report, PrintWriter)} on the
 * report. Not thread-safe (one instance per command invocation, as picocli makes it).
 *
 * <h2>Check ids</h2>
 * An id given to {@code --only} or {@code --skip} selects a finding when the finding's check id is the id,
 * or starts with the id and a dot (so {@code firewall} selects every {@code firewall.*} finding), or when
 * the finding was produced by the discovered check of that id (e.g. {@code firewall.rule-set} produces
 * {@code firewall.broad-ingress}). A known id is a discovered check's id or a namespace (the part before the
 * first dot) of a discovered check or of a producer outside the checks ({@code config}: the loader;
 * {@code diag}: failed checks; {@code baseline}: stale baseline entries; {@code capture}: capture triage);
 * an id whose namespace is unknown is a usage error listing the known ids, and so is an empty id
 * ({@code --only ,,}) and an {@code --only} id that a {@code --skip} id equals or contains (nothing of it could
 * be reported). {@code --skip} of a check id
 * also keeps that check from running. The baseline is applied before the filters, so a filtered-out
 * finding is neither shown nor reported as a stale baseline entry.
 */
public final class ReportOptions {

    /** Namespaces of findings not made by a discovered {@link Check}. */
    static final Set<String> OTHER_NAMESPACES = Set.of("config", "diag", "baseline", "capture", "iptables", "kernlog",
            "live", "probe");

    // split by hand (not picocli's split, which drops empty items): "--only ,,," is an empty id, a usage error
    @Option(names = "--only", paramLabel = "ID[,ID...]",
            description = "Report only findings of these check ids or namespaces (comma-separated, repeatable),"
                    + " e.g. --only firewall,pki.rootfs. Default: all.")
    private List<String> only = new ArrayList<>();

    @Option(names = "--skip", paramLabel = "ID[,ID...]",
            description = "Leave out findings of these check ids or namespaces (comma-separated, repeatable);"
                    + " a skipped check does not run. Default: none.")
    private List<String> skip = new ArrayList<>();

    @Option(names = "--baseline", paramLabel = "FILE",
            description = "JSON baseline of accepted findings: [{\"findingId\" or \"fingerprint\": ...,"
                    + " \"justification\": \"why\"}]. Accepted findings are shown as ACCEPTED and do not change"
                    + " the exit code. Default: none.")
    private Path baseline;

    @Option(names = {"-v", "--verbose"},
            description = "Also print to standard error what ran, what the filters and the baseline did, and the"
                    + " id and fingerprint of every finding (for writing a baseline). Default: off.")
    private boolean verbose;

    private final Map<Finding, String> producedBy = new ConcurrentHashMap<>();
    private final Set<String> checkIds = new TreeSet<>();

    /** Creates the options (picocli instantiates them). */
    public ReportOptions() {
    }

    /**
     * Whether {@code --verbose} was given.
     *
     * @return {@code true} when verbose
     */
    public boolean verbose() {
        return verbose;
    }

    /**
     * Validates {@code --only}/{@code --skip} against the discovered checks and makes the check runner.
     *
     * @param loader where to discover checks ({@code META-INF/services/io.phoenixdiag.core.diag.Check})
     * @return a runner of the discovered checks less the skipped ones, recording which check made which finding
     * @throws DoctorCommand.UsageException if an id is malformed or unknown (the message lists the known ids)
     */
    public CheckRunner checkRunner(ClassLoader loader) throws DoctorCommand.UsageException {
        CheckRunner discovered = CheckRunner.discover(loader);
        Set<String> namespaces = new TreeSet<>(OTHER_NAMESPACES);
        for (Check c : discovered.checks()) {
            checkIds.add(c.id());
            namespaces.add(namespace(c.id()));
        }
        only = items(only);
        skip = items(skip);
        for (String option : List.of("--only", "--skip")) {
            for (String id : option.equals("--only") ? only : skip) {
                if (!id.matches("[a-z0-9]+([.-][a-z0-9]+)*")) {
                    throw new DoctorCommand.UsageException(option + " '" + id + "': a check id is dotted lower-case,"
                            + " e.g. firewall.flow-blocked");
                }
                if (!checkIds.contains(id) && !namespaces.contains(namespace(id))) {
                    throw new DoctorCommand.UsageException(option + " " + id + ": unknown check id; known check ids: "
                            + String.join(", ", checkIds) + "; namespaces: " + String.join(", ", namespaces));
                }
            }
        }
        List<String> overlap = only.stream()
                .filter(o -> skip.stream().anyMatch(s -> o.equals(s) || o.startsWith(s + "."))).distinct().toList();
        if (!overlap.isEmpty()) {
            throw new DoctorCommand.UsageException("--only " + String.join(",", overlap) + " is also left out by --skip "
                    + String.join(",", skip) + ": nothing of it could be reported");
        }
        CheckRunner.Builder b = CheckRunner.builder();
        for (Check c : discovered.checks()) {
            if (!skip.contains(c.id())) {
                b.check(new Recording(c));
            }
        }
        return b.build();
    }

    /** The comma-separated items of every occurrence of an option, empty items kept (a usage error later). */
    private static List<String> items(List<String> values) {
        List<String> out = new ArrayList<>();
        for (String v : values) {
            out.addAll(List.of(v.split(",", -1)));
        }
        return out;
    }

    private static String namespace(String id) {
        int dot = id.indexOf('.');
        return dot < 0 ? id : id.substring(0, dot);
    }

    private boolean selects(List<String> ids, Finding f) {
        for (String id : ids) {
            if (f.checkId().equals(id) || f.checkId().startsWith(id + ".") || id.equals(producedBy.get(f))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Applies the baseline, then {@code --only} and {@code --skip}, and prints the {@code --verbose} notes.
     *
     * @param report the report of the diagnosis
     * @param err    where verbose notes go (standard error)
     * @return the report to render
     * @throws DoctorCommand.UsageException if the baseline file cannot be read or is not a baseline (the
     *         message names the file and the JSON pointer)
     */
    public Report apply(Report report, PrintWriter err) throws DoctorCommand.UsageException {
        Report r = report;
        if (baseline != null) {
            try {
                r = Baseline.read(baseline).apply(r);
            } catch (IOException e) {
                throw new DoctorCommand.UsageException("--baseline: " + e.getMessage());
            }
        }
        Predicate<Finding> keep = f -> (only.isEmpty() || selects(only, f)) && !selects(skip, f);
        List<Finding> findings = r.findings().stream().filter(keep).toList();
        List<AcceptedFinding> accepted = r.accepted().stream().filter(a -> keep.test(a.finding())).toList();
        int left = r.findings().size() - findings.size() + r.accepted().size() - accepted.size();
        if (!only.isEmpty() || !skip.isEmpty()) {
            Report.Builder b = r.toBuilder();
            if (!only.isEmpty()) {
                b.notRun("findings other than " + String.join(", ", only), "left out at the user's request (--only)");
            }
            for (String id : skip) {
                b.notRun(id, "skipped at the user's request (--skip)");
            }
            r = b.build();
        }
        r = r.withFindings(findings, accepted);
        if (verbose) {
            err.println("phoenix-doctor: checks: " + String.join(", ", checkIds));
            if (!only.isEmpty() || !skip.isEmpty()) {
                err.println("phoenix-doctor: --only/--skip left out " + left + " finding(s)");
            }
            if (baseline != null) {
                err.println("phoenix-doctor: baseline " + baseline + ": " + r.accepted().size() + " finding(s) accepted, "
                        + r.findings().stream().filter(f -> f.checkId().equals(Baseline.UNMATCHED)).count()
                        + " entr(ies) matched nothing");
            }
            for (Finding f : r.findings()) {
                err.println("phoenix-doctor: " + f.severity() + " " + f.findingId() + " fingerprint " + f.fingerprint());
            }
            err.println("phoenix-doctor: " + (r.hasProblems() ? "exit 1: an ERROR or CRITICAL finding is not accepted"
                    : "exit 0: no ERROR or CRITICAL finding left"));
            err.flush();
        }
        return r;
    }

    /** A check that remembers which findings it made, for {@code --only}/{@code --skip} by check id. */
    private final class Recording implements Check {
        private final Check check;

        Recording(Check check) {
            this.check = check;
        }

        @Override
        public String id() {
            return check.id();
        }

        @Override
        public String description() {
            return check.description();
        }

        @Override
        public Set<Class<?>> requires() {
            return check.requires();
        }

        @Override
        public String evidenceHint() {
            return check.evidenceHint();
        }

        @Override
        public List<Finding> run(CheckContext context) {
            List<Finding> findings = check.run(context);
            if (findings != null) {
                findings.forEach(f -> producedBy.putIfAbsent(f, check.id()));
            }
            return findings;
        }

        @Override
        public String toString() {
            return check.toString();
        }
    }
}
