package io.phoenixdiag.pki.checks;

import io.phoenixdiag.core.config.Deployment;
import io.phoenixdiag.core.diag.Check;
import io.phoenixdiag.core.diag.CheckContext;
import io.phoenixdiag.core.diag.Finding;
import io.phoenixdiag.core.diag.Severity;
import io.phoenixdiag.pki.manifest.EntryReport;
import io.phoenixdiag.pki.manifest.ManifestChecks;
import io.phoenixdiag.pki.manifest.ManifestEntry;
import io.phoenixdiag.pki.manifest.ManifestPolicy;
import io.phoenixdiag.pki.manifest.StepCaRoot;
import io.phoenixdiag.pki.truststore.RootFs;
import io.phoenixdiag.pki.truststore.TrustStoreInspector;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Certificates and trust stores on disk, offline: every {@code certificate-manifest.json} entry read
 * under the {@code host} root filesystem ({@link ManifestChecks#check}: files exist and parse, key
 * matches, SANs, chain to the Step-CA root, remaining lifetime, owner and mode), and, for every root
 * filesystem, whether the Step-CA root is trusted there ({@link TrustStoreInspector}).
 *
 * <p>Needs {@link RootFsEvidence} and the {@link Deployment} in the context; without a CA root the
 * chain and trust-store parts report {@code pki.ca-root-unknown} (INFO) instead. Time comes from the
 * context's clock. Stateless and thread-safe.
 */
public final class RootFsCheck implements Check {
    /** Creates the check (for {@link java.util.ServiceLoader}). */
    public RootFsCheck() {
    }

    @Override
    public String id() {
        return "pki.rootfs";
    }

    @Override
    public String description() {
        return "Manifest certificates and trust stores in the given root filesystems";
    }

    @Override
    public Set<Class<?>> requires() {
        return Set.of(RootFsEvidence.class, Deployment.class);
    }

    @Override
    public String evidenceHint() {
        return "give root filesystems to inspect (phoenix-doctor --rootfs DIR, with --ca-root FILE)";
    }

    @Override
    public List<Finding> run(CheckContext context) {
        RootFsEvidence ev = context.require(RootFsEvidence.class);
        Deployment d = context.require(Deployment.class);
        List<Finding> out = new ArrayList<>();
        if (ev.caRoot().isEmpty()) {
            out.add(Finding.builder("pki.ca-root-unknown", Severity.INFO)
                    .title("No Step-CA root given: chains and trust stores were not checked")
                    .message("Without the internal root (a PEM file or its SHA-256 fingerprint) the diagnosis cannot"
                            + " tell whether certificates chain to it or whether guests trust it.")
                    .remediation("Pass --ca-root FILE (e.g. the CA's roots.pem) or --ca-fingerprint HEX"
                            + " (as `step certificate fingerprint root_ca.crt` prints it).")
                    .subject("host").build());
        }
        List<ManifestEntry> entries = d.certificateManifest().map(ManifestEntry::from).orElse(List.of());
        ev.host().ifPresent(host -> {
            ManifestPolicy policy = ManifestPolicy.defaults(context.clock());
            StepCaRoot anchor = ev.caRoot().orElse(null);
            for (ManifestEntry e : entries) {
                EntryReport r = ManifestChecks.check(e, host, anchor, policy);
                out.addAll(r.findings());
            }
        });
        ev.caRoot().ifPresent(ca -> {
            for (RootFs root : ev.roots()) {
                out.addAll(ca.certificate().map(c -> TrustStoreInspector.inspect(root, c))
                        .orElseGet(() -> TrustStoreInspector.inspect(root, ca.fingerprint())).findings());
            }
        });
        return out;
    }

}
