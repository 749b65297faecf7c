package io.phoenixdiag.core.gateway.internal;

import io.phoenixdiag.core.diag.Finding;
import io.phoenixdiag.core.diag.Location;
import io.phoenixdiag.core.diag.Severity;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Keeps the gateway readers inside the directory they were given: a file (an nginx site, an {@code include}
 * target, a Traefik file) whose real path, after resolving every symbolic link, leaves that directory is not
 * read; a finding names the file and says so. This stops a link such as {@code traefik/dynamic/c.yml ->
 * /etc/shadow} from being parsed and echoed into a report. Thread-safe (stateless).
 */
public final class Confined {

    private Confined() {
    }

    /**
     * Checks that a file stays inside a directory.
     *
     * @param file the file as found (may be a symbolic link); need not exist
     * @param directory the directory it must stay in
     * @param checkId the check id of the finding
     * @param from where the file is referenced from (an {@code include} line), or empty for a discovered file
     * @return empty when the file's real path is inside the directory's real path, or when the file does not
     *         exist (the caller reports that); else one ERROR finding naming the file
     * @throws NullPointerException if an argument is null
     */
    public static Optional<Finding> outside(Path file, Path directory, String checkId, Optional<Location> from) {
        Objects.requireNonNull(checkId, "checkId");
        Objects.requireNonNull(from, "from");
        Path real;
        Path base;
        try {
            real = file.toRealPath();
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
        try {
            base = directory.toRealPath();
        } catch (IOException | SecurityException e) {
            base = directory.toAbsolutePath().normalize();
        }
        if (real.startsWith(base)) {
            return Optional.empty();
        }
        String label = file.toString();
        Location at = from.orElse(Location.ofFile(label));
        return Optional.of(Finding.builder(checkId, Severity.ERROR)
                .title("Gateway file points outside the deployment")
                .message(label + (from.isPresent() ? " (referenced at " + at + ")" : "")
                        + " points outside " + directory + " (through a symbolic link or an absolute or ../ path);"
                        + " it is not read and its configuration is not checked.")
                .subject(label).location(at)
                .remediation("Copy the file into " + directory + " instead of linking to it, or remove the link.")
                .build());
    }
}
