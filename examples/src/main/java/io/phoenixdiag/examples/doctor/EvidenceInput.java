package io.phoenixdiag.examples.doctor;

import io.phoenixdiag.core.analysis.Diagnosis;
import io.phoenixdiag.examples.doctor.DoctorCommand.UsageException;
import io.phoenixdiag.core.checks.PveFwFlowCheck;
import io.phoenixdiag.core.diag.Finding;
import io.phoenixdiag.core.diag.Report;
import io.phoenixdiag.core.diag.Severity;
import io.phoenixdiag.core.evidence.CollectedEvidence;
import io.phoenixdiag.core.evidence.EvidenceArchive;
import io.phoenixdiag.core.firewall.pvefile.PveFirewallFiles;
import io.phoenixdiag.core.firewall.pvefile.PveFwEvidence;
import io.phoenixdiag.net.fwlayer.IptablesEvidence;
import io.phoenixdiag.net.fwlayer.IptablesFlowCheck;
import io.phoenixdiag.pki.truststore.CertificateFingerprint;
import io.phoenixdiag.pki.manifest.StepCaRoot;
import io.phoenixdiag.pki.truststore.RootFs;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The evidence archive behind {@code phoenix-doctor doctor --evidence ARCHIVE}: unpacks it and feeds its
 * parts to the same machinery as {@code --config}, {@code --pve-fw}, {@code --iptables-save} and
 * {@code --rootfs}, plus the archive's own evidence ({@link CollectedEvidence}: guest configs, clocks, key
 * facts). Close it to delete the unpacked copy. Not thread-safe.
 */
final class EvidenceInput implements AutoCloseable {
    private final EvidenceArchive archive;

    private EvidenceInput(EvidenceArchive archive) {
        this.archive = archive;
    }

    /**
     * Opens an archive written by {@code phoenix-collect.sh}.
     *
     * @param file the archive (tar.gz, tar, zip) or an unpacked directory
     * @return the input
     * @throws UsageException if it cannot be read or holds no Phoenix JSON directory
     */
    public static EvidenceInput open(Path file) throws UsageException {
        EvidenceArchive a;
        try {
            a = EvidenceArchive.open(file);
        } catch (IOException e) {
            throw new UsageException("--evidence " + file + ": " + PhoenixDoctor.oneLine(e));
        }
        if (a.phoenixDirectory().isEmpty()) {
            a.close();
            throw new UsageException("--evidence " + file + ": the archive holds no phoenix/ directory (the Phoenix"
                    + " JSON files); was it written by phoenix-collect.sh?");
        }
        return new EvidenceInput(a);
    }

    /**
     * The unpacked Phoenix JSON directory.
     *
     * @return the directory
     */
    public Path phoenixDirectory() {
        return archive.phoenixDirectory().orElseThrow();
    }

    /**
     * The archive.
     *
     * @return the opened archive
     */
    public EvidenceArchive archive() {
        return archive;
    }

    /**
     * Adds the archive's evidence to a diagnosis: {@link CollectedEvidence}, the {@code .fw} files and guest
     * configs (with the {@code pve-fw} flow layer), the kernel's LOG lines, the {@code iptables-save} dumps that
     * hold rules (with the {@code iptables} flow layer).
     *
     * @param b the diagnosis builder
     * @throws UsageException if a dump cannot be read
     */
    public void addTo(Diagnosis.Builder b) throws UsageException {
        b.evidence(CollectedEvidence.class, archive.collected());
        Optional<Path> pve = archive.pveDirectory();
        if (pve.isPresent()) {
            b.evidence(PveFwEvidence.class, new PveFwEvidence(pve.get().toString(),
                    PveFirewallFiles.loader().nodeName(archive.nodeName()).load(pve.get())))
                    .layer(new PveFwFlowCheck());
        }
        Optional<Path> log = archive.kernelLog();
        if (log.isPresent()) {
            try {
                b.evidence(io.phoenixdiag.net.kernlog.KernelLog.class, io.phoenixdiag.net.kernlog.KernelLogParser.parse(
                        log.get().toString(), java.nio.file.Files.readString(log.get(), java.nio.charset.StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new UsageException("--evidence: cannot read " + archive.label() + "!/kernel/kernel-log.txt: "
                        + PhoenixDoctor.oneLine(e));
            }
        }
        List<Path> dumps = archive.netfilterDumps();
        if (!dumps.isEmpty()) {
            try {
                b.evidence(IptablesEvidence.class, IptablesEvidence.read(dumps)).layer(new IptablesFlowCheck());
            } catch (IOException e) {
                throw new UsageException("--evidence: cannot read " + archive.label() + " netfilter dumps: "
                        + PhoenixDoctor.oneLine(e));
            }
        }
    }

    /**
     * The archive's root filesystems ({@code host}, {@code lxc:<id>}).
     *
     * @return the roots, host first
     */
    public List<RootFs> rootFileSystems() {
        List<RootFs> out = new ArrayList<>();
        for (Map.Entry<String, Path> e : archive.rootFileSystems().entrySet()) {
            out.add(RootFs.of(e.getValue(), e.getKey()));
        }
        return out;
    }

    /**
     * The Step-CA root as the host's step client knows it: its root certificate ({@code step/host/root_ca.crt}),
     * else the {@code fingerprint} of its {@code defaults.json}.
     *
     * @return the root, when the archive holds one
     * @throws UsageException if the root certificate in the archive cannot be read
     */
    public Optional<StepCaRoot> stepCaRoot() throws UsageException {
        Optional<Path> cert = archive.stepRootCertificate();
        if (cert.isPresent()) {
            try {
                return Optional.of(StepCaRoot.fromFile(cert.get()));
            } catch (IOException | java.security.GeneralSecurityException e) {
                throw new UsageException("--evidence: " + archive.label() + "!/step/host/root_ca.crt: " + PhoenixDoctor.oneLine(e));
            }
        }
        return archive.stepRootFingerprint().map(fp -> StepCaRoot.of(CertificateFingerprint.parse(fp)));
    }

    /**
     * Finishes a report made from the archive: names its files as {@code <archive>!/path}
     * ({@link EvidenceArchive#relabel(Report)}), and turns the PKI check's "private key ... is missing"
     * ({@code pki.manifest-file-missing}) into {@code evidence.key-not-collected} (INFO) for each key whose facts
     * the archive holds: the collector leaves keys out by design, and {@code evidence.key-fingerprint} checks
     * the pair instead.
     *
     * @param report     the report
     * @param deployment the deployment read from the archive (its certificate manifest names the keys)
     * @return the finished report
     */
    public Report finish(Report report, io.phoenixdiag.core.config.Deployment deployment) {
        Report r = archive.relabel(report);
        java.util.Set<String> collectedKeys = new java.util.HashSet<>();
        archive.collected().keys().forEach(k -> collectedKeys.add(k.path()));
        Map<String, String> keyOfName = new java.util.HashMap<>();
        deployment.certificateManifest().ifPresent(m -> m.entries().forEach(e -> keyOfName.put(e.commonName(), e.keyPath())));
        List<Finding> findings = new ArrayList<>();
        for (Finding f : r.findings()) {
            String key = "";
            if (f.checkId().equals(io.phoenixdiag.pki.manifest.ManifestChecks.FILE_MISSING)
                    && f.title().startsWith("The private key of ") && f.title().endsWith(" is missing")) {
                key = keyOfName.getOrDefault(f.title().substring("The private key of ".length(),
                        f.title().length() - " is missing".length()), "");
            }
            if (key.isEmpty() || !collectedKeys.contains(key)) {
                findings.add(f);
                continue;
            }
            Finding.Builder b = Finding.builder("evidence.key-not-collected", Severity.INFO)
                    .title("The private key " + key + " is not in the archive, by design")
                    .message("The collector records only the mode, owner and public-key fingerprint of " + key
                            + "; whether it matches its certificate is checked by evidence.key-fingerprint.")
                    .subject(f.subjects().toArray(String[]::new));
            f.locations().forEach(b::location);
            findings.add(b.build());
        }
        findings.sort(Report.FINDING_ORDER);
        return new Report(r.schemaVersion(), r.tool(), r.subject(), findings, r.flows(), r.nodes(), r.roles(), r.notRun());
    }

    /** Deletes the unpacked copy. */
    @Override
    public void close() {
        archive.close();
    }
}
