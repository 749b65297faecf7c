package io.phoenixdiag.pki.path;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.phoenixdiag.core.diag.Finding;
import io.phoenixdiag.core.diag.Severity;

/**
 * The outcome of {@link PathValidator#validate}: the path, and the reason when it failed. Immutable and
 * thread-safe.
 *
 * @param path    when valid, the validated path from the end-entity certificate (index 0) to the trust anchor
 *                (last); when invalid, the path on which the reported failure was found (possibly ending short
 *                of any anchor), never empty
 * @param failure empty when the path is valid
 */
public record ValidationResult(List<X509Certificate> path, Optional<ValidationFailure> failure) {

    /**
     * Validates and copies the components.
     *
     * @param path the path
     * @param failure the failure, if any
     * @throws NullPointerException if a component is null
     * @throws IllegalArgumentException if {@code path} is empty
     */
    public ValidationResult {
        path = List.copyOf(path);
        Objects.requireNonNull(failure, "failure");
        if (path.isEmpty()) {
            throw new IllegalArgumentException("path must not be empty");
        }
    }

    /**
     * Whether the path validated.
     *
     * @return {@code true} when there is no failure
     */
    public boolean isValid() {
        return failure.isEmpty();
    }

    /**
     * The failure reason.
     *
     * @return the reason, or empty when valid
     */
    public Optional<FailureReason> reason() {
        return failure.map(ValidationFailure::reason);
    }

    /**
     * The path as certificate references, end-entity first.
     *
     * @return one reference per certificate
     */
    public List<CertificateRef> pathRefs() {
        return path.stream().map(CertificateRef::of).toList();
    }

    /**
     * The result as a report finding: INFO {@code pki.chain-valid} when valid, ERROR {@code pki.chain-invalid}
     * (CRITICAL for {@link FailureReason#EXPIRED} of a CA) otherwise.
     *
     * @param subject what was validated, such as a file name or {@code 10.0.0.10:443/tcp}
     * @return the finding
     */
    public Finding toFinding(String subject) {
        Finding.Builder b;
        if (failure.isEmpty()) {
            b = Finding.builder("pki.chain-valid", Severity.INFO).title("Certificate chain of " + subject + " is valid")
                    .message("The path " + pathText() + " validates.");
        } else {
            ValidationFailure f = failure.get();
            boolean criticalCa = f.reason() == FailureReason.EXPIRED && f.position() > 0;
            b = Finding.builder("pki.chain-invalid", criticalCa ? Severity.CRITICAL : Severity.ERROR)
                    .title("Certificate chain of " + subject + " is invalid: " + f.reason())
                    .message(f.detail()).remediation(f.remediation())
                    .evidence("certificate at fault: " + f.certificate());
        }
        b.subject(subject);
        for (CertificateRef r : pathRefs()) {
            b.evidence("path: " + r);
        }
        return b.build();
    }

    private String pathText() {
        return String.join(" -> ", pathRefs().stream().map(r -> r.subject().isEmpty() ? "<empty>" : r.subject()).toList());
    }
}
