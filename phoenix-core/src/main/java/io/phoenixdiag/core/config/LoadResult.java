package io.phoenixdiag.core.config;

import io.phoenixdiag.core.diag.Finding;
import java.util.List;
import java.util.Objects;

/**
 * A loaded value and the findings met while loading it (warnings as data): the first oddity is
 * never an exception.
 *
 * <p>Immutable and thread-safe when {@code T} is.
 *
 * @param value    what was loaded (an {@link java.util.Optional} that is empty when a single file could not be read
 *                 at all)
 * @param findings the findings in the order met (malformed JSON, duplicate keys, invalid values,
 *                 unknown fields, schema deviations, missing files)
 * @param <T>      the loaded type
 */
public record LoadResult<T>(T value, List<Finding> findings) {

    /**
     * Validates and copies the components.
     *
     * @param value the loaded value
     * @param findings the findings
     * @throws NullPointerException if an argument is null
     */
    public LoadResult {
        Objects.requireNonNull(value, "value");
        findings = List.copyOf(findings);
    }

    /**
     * Whether any finding is an ERROR or CRITICAL (a file could not be read).
     *
     * @return {@code true} when some finding {@link io.phoenixdiag.core.diag.Severity#isProblem() is a problem}
     */
    public boolean hasErrors() {
        return findings.stream().anyMatch(f -> f.severity().isProblem());
    }

    /**
     * The findings with a given check id.
     *
     * @param checkId e.g. {@code config.duplicate-key}
     * @return those findings in order
     */
    public List<Finding> findings(String checkId) {
        return findings.stream().filter(f -> f.checkId().equals(checkId)).collect(java.util.stream.Collectors.toUnmodifiableList());
    }
}
