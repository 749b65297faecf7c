package io.phoenixdiag.core.firewall.pvefile;

import io.phoenixdiag.core.config.LoadResult;
import io.phoenixdiag.core.firewall.PveFirewall;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Real Proxmox firewall files as evidence for a diagnosis ({@code Diagnosis.Builder#evidence}): the
 * model read from them and the reader's findings. The check {@code io.phoenixdiag.core.checks.PveFwFlowCheck}
 * evaluates the intended flows against it. Immutable and thread-safe.
 *
 * @param source where the files were read, e.g. {@code /etc/pve}
 * @param loaded the model and the reader's findings
 */
public record PveFwEvidence(String source, LoadResult<PveFirewall> loaded) {
    /**
     * Validates the components.
     *
     * @param source where the files were read
     * @param loaded the model and findings
     * @throws NullPointerException if a component is null
     */
    public PveFwEvidence {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(loaded, "loaded");
    }

    /**
     * Reads a directory with {@link PveFirewallFiles#parseDirectory(Path)}.
     *
     * @param directory the directory
     * @return the evidence; an unreadable directory gives an ERROR finding inside, never an exception
     * @throws NullPointerException if {@code directory} is null
     */
    public static PveFwEvidence read(Path directory) {
        return new PveFwEvidence(directory.toString(), PveFirewallFiles.parseDirectory(directory));
    }
}
