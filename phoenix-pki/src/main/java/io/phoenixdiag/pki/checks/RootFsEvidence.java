package io.phoenixdiag.pki.checks;

import io.phoenixdiag.pki.manifest.StepCaRoot;
import io.phoenixdiag.pki.truststore.RootFs;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Offline PKI evidence for the doctor: root filesystems to inspect (the host's {@code /}, or a guest's
 * root filesystem such as an LXC rootfs) and, when known, the Step-CA root that certificates must chain
 * to. Immutable and thread-safe.
 *
 * @param roots  the root filesystems; the one labelled {@code host} is where the certificate manifest's
 *               paths (host paths such as {@code /mnt/pve/...}) are read
 * @param caRoot the internal root (a certificate, or only its SHA-256 fingerprint), when given
 */
public record RootFsEvidence(List<RootFs> roots, Optional<StepCaRoot> caRoot) {
    /**
     * Validates and copies the components.
     *
     * @param roots  the root filesystems
     * @param caRoot the CA root
     */
    public RootFsEvidence {
        roots = List.copyOf(roots);
        Objects.requireNonNull(caRoot, "caRoot");
    }

    /**
     * The root filesystem whose label is {@code host}.
     *
     * @return it, when given
     */
    public Optional<RootFs> host() {
        return roots.stream().filter(r -> r.label().equals("host")).findFirst();
    }
}
