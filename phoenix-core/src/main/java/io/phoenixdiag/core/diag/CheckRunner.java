package io.phoenixdiag.core.diag;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link Check}s against a {@link CheckContext} and collects their findings, never losing the
 * others when one fails.
 *
 * <p>Semantics of {@link #run(CheckContext)}, for each check in id order:
 * <ul>
 *   <li>if evidence of a {@link Check#requires() required} type is missing, the check is not run and is
 *       reported in {@link CheckResults#notRun()} as {@code what} = check id, {@code why} =
 *       {@code needs Type1, Type2} (simple class names, in name order); the same happens when the check
 *       itself throws {@link MissingEvidenceException};</li>
 *   <li>if the check throws anything else from {@link Check#requires()} or {@link Check#run(CheckContext)}
 *       (or returns null), its findings are dropped, it is reported in
 *       {@code notRun} with {@code why} = {@code failed: ExceptionClass: message}, and an
 *       {@link Severity#ERROR} finding {@value #CHECK_FAILED} is added with the check id as subject; the
 *       other checks still run. Only the exception's class and the first line of its message (at most
 *       {@value #MAX_MESSAGE_CHARS} characters after control characters are replaced by {@code ?} and the
 *       {@linkplain Builder#redactor(UnaryOperator) redactor} has run) reach the report; never a stack trace;</li>
 *   <li>{@link VirtualMachineError}s other than {@link StackOverflowError} are not caught.</li>
 * </ul>
 * Providers that {@link java.util.ServiceLoader} finds but cannot instantiate are reported in every run's
 * {@code notRun} ({@code what} = the provider's class name or {@code check discovery}), and discovery goes on.
 *
 * <p>Immutable and thread-safe: {@link #run(CheckContext)} runs the checks one after another on the
 * calling thread and may be called concurrently when the checks are thread-safe.
 */
public final class CheckRunner {

    /** The check id of the finding reported for a check that threw: {@value}. */
    public static final String CHECK_FAILED = "diag.check-failed";

    /** The most characters of an exception message a report shows: {@value}. */
    public static final int MAX_MESSAGE_CHARS = 200;

    private static final Logger LOG = LoggerFactory.getLogger(CheckRunner.class);
    private static final Pattern CHECK_ID = Pattern.compile("[a-z0-9]+([.-][a-z0-9]+)*");

    private final List<Check> checks;
    private final List<NotRun> discoveryProblems;
    private final UnaryOperator<String> redactor;

    private CheckRunner(List<Check> checks, List<NotRun> discoveryProblems, UnaryOperator<String> redactor) {
        this.checks = List.copyOf(checks);
        this.discoveryProblems = List.copyOf(discoveryProblems);
        this.redactor = redactor;
    }

    /**
     * Starts a runner with no checks.
     *
     * @return a new builder; not thread-safe
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A runner of every check registered with {@link ServiceLoader} visible to a class loader.
     *
     * @param loader the class loader to search ({@code META-INF/services/io.phoenixdiag.core.diag.Check})
     * @return the runner
     * @throws IllegalArgumentException if two discovered checks share an id or one has a malformed id
     */
    public static CheckRunner discover(ClassLoader loader) {
        return builder().discover(loader).build();
    }

    /**
     * The checks this runner runs.
     *
     * @return the checks, in id order
     */
    public List<Check> checks() {
        return checks;
    }

    /**
     * Runs every check (see the class documentation for the semantics).
     *
     * @param context the evidence
     * @return the findings, not-run entries and completed check ids
     */
    public CheckResults run(CheckContext context) {
        Objects.requireNonNull(context, "context");
        List<Finding> findings = new ArrayList<>();
        List<NotRun> notRun = new ArrayList<>(discoveryProblems);
        List<String> ran = new ArrayList<>();
        for (Check check : checks) {
            try {
                Set<String> missing = new TreeSet<>();
                for (Class<?> type : check.requires()) {
                    if (!context.has(type)) {
                        missing.add(type.getSimpleName());
                    }
                }
                if (!missing.isEmpty()) {
                    String hint = check.evidenceHint();
                    notRun.add(NotRun.of(check.id(), "needs " + String.join(", ", missing)
                            + (hint == null || hint.isBlank() ? "" : ": " + hint)));
                    continue;
                }
                List<Finding> result = check.run(context);
                if (result == null) {
                    throw new NullPointerException("run() returned null instead of a list");
                }
                List<Finding> copy = List.copyOf(result);
                findings.addAll(copy);
                ran.add(check.id());
            } catch (MissingEvidenceException e) {
                notRun.add(NotRun.of(check.id(), "needs " + simpleName(e.typeName())));
            } catch (StackOverflowError | RuntimeException | LinkageError | AssertionError e) {
                String cause = e.getClass().getName() + describe(e.getMessage());
                LOG.warn("check {} failed: {}", check.id(), cause);
                notRun.add(NotRun.of(check.id(), "failed: " + cause));
                findings.add(Finding.builder(CHECK_FAILED, Severity.ERROR)
                        .title("Check " + check.id() + " failed")
                        .message("The check stopped with " + cause + ". Its findings are missing from this report; the other checks ran.")
                        .subject(check.id())
                        .remediation("Report this to the check's authors with the input that caused it; the diagnosis is incomplete until it is fixed.")
                        .build());
            }
        }
        return new CheckResults(findings, notRun, ran);
    }

    private String describe(String message) {
        if (message == null || message.isBlank()) {
            return "";
        }
        String line = message.strip().lines().findFirst().orElse("");
        StringBuilder sb = new StringBuilder();
        line.codePoints().forEach(cp -> sb.appendCodePoint(Character.isISOControl(cp) ? '?' : cp));
        String redacted = redactor.apply(sb.toString()); // before truncating, so no secret is cut in half
        if (redacted == null || redacted.isEmpty()) {
            return "";
        }
        if (redacted.length() <= MAX_MESSAGE_CHARS) {
            return ": " + redacted;
        }
        int cut = Character.isHighSurrogate(redacted.charAt(MAX_MESSAGE_CHARS - 1)) ? MAX_MESSAGE_CHARS - 1 : MAX_MESSAGE_CHARS;
        return ": " + redacted.substring(0, cut) + "...";
    }

    private static String simpleName(String binaryName) {
        String name = binaryName.substring(binaryName.lastIndexOf('.') + 1);
        return name.substring(name.lastIndexOf('$') + 1);
    }

    /**
     * Builder for {@link CheckRunner}. Not thread-safe.
     */
    public static final class Builder {
        private final List<Check> checks = new ArrayList<>();
        private final List<NotRun> discoveryProblems = new ArrayList<>();
        private Predicate<String> filter = id -> true;
        private final Set<String> only = new LinkedHashSet<>();
        private UnaryOperator<String> redactor = UnaryOperator.identity();

        private Builder() {
        }

        /**
         * Adds checks.
         *
         * @param checks the checks
         * @return this builder
         */
        public Builder check(Check... checks) {
            for (Check c : checks) {
                this.checks.add(Objects.requireNonNull(c, "check"));
            }
            return this;
        }

        /**
         * Adds checks.
         *
         * @param checks the checks
         * @return this builder
         */
        public Builder checks(Iterable<? extends Check> checks) {
            checks.forEach(this::check);
            return this;
        }

        /**
         * Adds every check registered with {@link ServiceLoader} visible to a class loader. A provider that
         * cannot be loaded or instantiated becomes a not-run entry of every run, and discovery goes on.
         *
         * @param loader the class loader to search
         * @return this builder
         */
        public Builder discover(ClassLoader loader) {
            Iterator<Check> it = ServiceLoader.load(Check.class, loader).iterator();
            while (true) {
                try {
                    if (!it.hasNext()) {
                        break;
                    }
                    checks.add(it.next());
                } catch (ServiceConfigurationError e) {
                    String why = e.getMessage() == null ? e.getClass().getName() : e.getMessage().lines().findFirst().orElse("");
                    LOG.warn("check discovery: {}", why);
                    discoveryProblems.add(NotRun.of("check discovery", "could not load a check: " + why));
                }
            }
            return this;
        }

        /**
         * Keeps only checks whose id the predicate accepts (applied after {@link #only(String...)}).
         *
         * @param filter accepts the ids to run
         * @return this builder
         */
        public Builder filter(Predicate<String> filter) {
            this.filter = this.filter.and(Objects.requireNonNull(filter, "filter"));
            return this;
        }

        /**
         * Runs only the named checks.
         *
         * @param ids check ids; {@link #build()} fails when one names no known check
         * @return this builder
         */
        public Builder only(String... ids) {
            for (String id : ids) {
                only.add(Objects.requireNonNull(id, "id"));
            }
            return this;
        }

        /**
         * Sets a function applied to exception messages before they reach a report, e.g. one that masks
         * the deployment's known secret values. Must return a string (never null) and be thread-safe.
         *
         * @param redactor maps a message to what may be shown
         * @return this builder
         */
        public Builder redactor(UnaryOperator<String> redactor) {
            this.redactor = Objects.requireNonNull(redactor, "redactor");
            return this;
        }

        /**
         * Builds the runner.
         *
         * @return the immutable runner
         * @throws IllegalArgumentException if a check id is malformed (not dotted lower-case), two checks
         *         share an id, or {@link #only(String...)} names an unknown id (the message lists the known ids)
         */
        public CheckRunner build() {
            TreeMap<String, Check> byId = new TreeMap<>();
            for (Check c : checks) {
                String id = c.id();
                if (id == null || !CHECK_ID.matcher(id).matches()) {
                    throw new IllegalArgumentException("check " + c.getClass().getName() + " has a malformed id '" + id
                            + "', expected dotted lower-case like firewall.flow-blocked");
                }
                Check previous = byId.put(id, c);
                if (previous != null) {
                    throw new IllegalArgumentException("two checks have the id " + id + ": "
                            + previous.getClass().getName() + " and " + c.getClass().getName());
                }
            }
            List<String> unknown = only.stream().filter(id -> !byId.containsKey(id)).toList();
            if (!unknown.isEmpty()) {
                throw new IllegalArgumentException("unknown check id(s) " + String.join(", ", unknown)
                        + "; known: " + String.join(", ", byId.keySet()));
            }
            List<Check> selected = byId.values().stream()
                    .filter(c -> only.isEmpty() || only.contains(c.id()))
                    .filter(c -> filter.test(c.id()))
                    .sorted(Comparator.comparing(Check::id))
                    .toList();
            return new CheckRunner(selected, discoveryProblems, redactor);
        }
    }
}
