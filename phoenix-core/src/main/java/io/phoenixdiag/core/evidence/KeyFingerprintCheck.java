package io.phoenixdiag.core.evidence;

import io.phoenixdiag.core.config.CertificateEntry;
import io.phoenixdiag.core.config.Deployment;
import io.phoenixdiag.core.diag.Check;
import io.phoenixdiag.core.diag.CheckContext;
import io.phoenixdiag.core.diag.Evidence;
import io.phoenixdiag.core.diag.Finding;
import io.phoenixdiag.core.diag.Location;
import io.phoenixdiag.core.diag.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Whether each manifest certificate matches its private key, from an evidence archive that holds the
 * certificate but, by design, not the key: the collector records the SHA-256 of the key's public half
 * (DER SubjectPublicKeyInfo, RFC 5280 4.1.2.7), compared here with the certificate's
 * {@code subjectPublicKeyInfo} (the first certificate of the PEM file, the end-entity).
 *
 * <p>Findings: {@code evidence.key-mismatch} (ERROR) when they differ (a server would fail every TLS
 * handshake); {@code evidence.key-unverified} (INFO) when the fingerprint is unknown ({@code ?}: an encrypted
 * key, no openssl on the host). Entries whose certificate or key the archive lacks are left to the PKI
 * checks. Without {@link CollectedEvidence} it reports nothing. Stateless and thread-safe.
 */
public final class KeyFingerprintCheck implements Check {
    /** Creates the check (for {@link java.util.ServiceLoader}). */
    public KeyFingerprintCheck() {
    }

    @Override
    public String id() {
        return "evidence.key-fingerprint";
    }

    @Override
    public String description() {
        return "Manifest certificates against the public-key fingerprints of their private keys in an evidence archive";
    }

    @Override
    public List<Finding> run(CheckContext context) {
        Optional<CollectedEvidence> ev = context.get(CollectedEvidence.class);
        Optional<Deployment> d = context.get(Deployment.class);
        if (ev.isEmpty() || d.isEmpty() || d.get().certificateManifest().isEmpty() || ev.get().hostRoot().isEmpty()) {
            return List.of();
        }
        Path hostRoot = ev.get().hostRoot().get();
        String keysFile = ev.get().source() + "!/keys/private-keys.tsv";
        List<Finding> out = new ArrayList<>();
        for (CertificateEntry e : d.get().certificateManifest().get().entries()) {
            Optional<CollectedEvidence.KeyFileInfo> key = ev.get().keys().stream()
                    .filter(k -> k.path().equals(e.keyPath())).findFirst();
            Path cert = hostRoot.resolve(e.certPath().replaceFirst("^/+", "")).normalize();
            if (key.isEmpty() || !cert.startsWith(hostRoot) || !Files.isRegularFile(cert)) {
                continue;
            }
            Location keyLine = Location.ofLine(keysFile, key.get().line(), 1);
            if (key.get().publicKeySha256().equals("?")) {
                out.add(Finding.builder("evidence.key-unverified", Severity.INFO)
                        .title("Whether " + e.keyPath() + " matches its certificate is unknown")
                        .message("The collector could not derive the public key of " + e.keyPath()
                                + " (an encrypted key, or no openssl on the host).")
                        .subject(e.keyPath()).location(keyLine).build());
                continue;
            }
            String certFp;
            try (InputStream in = Files.newInputStream(cert)) {
                X509Certificate c = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
                certFp = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(c.getPublicKey().getEncoded()));
            } catch (IOException | GeneralSecurityException | ClassCastException ex) {
                continue; // an unreadable certificate is the PKI checks' finding
            }
            if (!certFp.equals(key.get().publicKeySha256())) {
                out.add(Finding.builder("evidence.key-mismatch", Severity.ERROR)
                        .title(e.keyPath() + " is not the key of " + e.certPath())
                        .message("The public key of " + e.keyPath() + " (SHA-256 " + key.get().publicKeySha256()
                                + ") differs from the one in " + e.certPath() + " (SHA-256 " + certFp + "): a server"
                                + " using this pair fails every TLS handshake.")
                        .remediation("Re-issue the certificate for this key, or install the key it was issued for.")
                        .subject(e.keyPath(), e.certPath()).location(keyLine).location(e.location())
                        .evidence(Evidence.of("the manifest entry", e.location())).build());
            }
        }
        return out;
    }
}
