package io.phoenixdiag.core.diag;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * A diagnostic check: looks at the evidence in a {@link CheckContext} and returns findings.
 *
 * <p>The service-provider interface of the diagnostics framework. Checks are plain objects, discovered
 * with {@link java.util.ServiceLoader} (list the implementation's binary name in
 * {@code META-INF/services/io.phoenixdiag.core.diag.Check}; it needs a public no-argument constructor)
 * or passed to {@link CheckRunner.Builder#check(Check...)} directly; a user's own check is a first-class
 * citizen.
 *
 * <p>Contract: {@link #id()} is stable across releases (findings, filters and reports refer to it);
 * {@link #run(CheckContext)} must not change the context's evidence, must not open network connections
 * unless it needs live evidence by design, and must be thread-safe when the same check instance is run
 * from several threads. It may throw: {@link CheckRunner} reports the failure and runs the other checks.
 * Texts in findings must never contain a secret.
 */
public interface Check {

    /**
     * The stable id of the check, dotted lower-case ({@code [a-z0-9]+([.-][a-z0-9]+)*}), e.g.
     * {@code firewall.flow-blocked}. Its findings usually carry the same id (or one starting with it).
     *
     * @return the id
     */
    String id();

    /**
     * What the check looks for, one line, e.g. {@code Intended flows the configured firewall blocks}.
     *
     * @return the description
     */
    String description();

    /**
     * The evidence types the check needs in the {@link CheckContext}; when one is missing the runner does
     * not run the check and reports it as not run ({@code needs X}).
     *
     * @return the required evidence types; empty by default
     */
    default Set<Class<?>> requires() {
        return Set.of();
    }

    /**
     * What a user does to supply the evidence {@link #requires()} names, appended to the {@code notRun}
     * reason when it is missing, e.g. {@code give root filesystems (phoenix-doctor --rootfs DIR)}.
     *
     * @return the hint, or {@code ""} (the default) for none
     */
    default String evidenceHint() {
        return "";
    }

    /**
     * Runs the check.
     *
     * @param context the evidence; holds at least every type of {@link #requires()}
     * @return the findings, possibly empty, never null
     * @throws MissingEvidenceException if the check asks for evidence it did not declare and the context
     *         lacks it (the runner reports the check as not run)
     * @throws RuntimeException on a bug or unexpected input; the runner reports it as a failed check
     */
    List<Finding> run(CheckContext context);

    /**
     * A check made of a function, for small checks and tests.
     *
     * @param id          the stable dotted lower-case id
     * @param description one line
     * @param requires    the evidence types needed
     * @param body        the check's logic; must not return null
     * @return the check
     * @throws NullPointerException if an argument is null
     */
    static Check of(String id, String description, Set<Class<?>> requires, Function<CheckContext, List<Finding>> body) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(description, "description");
        Set<Class<?>> required = Set.copyOf(requires);
        Objects.requireNonNull(body, "body");
        return new Check() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public String description() {
                return description;
            }

            @Override
            public Set<Class<?>> requires() {
                return required;
            }

            @Override
            public List<Finding> run(CheckContext context) {
                return body.apply(context);
            }

            @Override
            public String toString() {
                return "Check[" + id + "]";
            }
        };
    }
}
