package io.phoenixdiag.pki.manifest;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeSet;

import io.phoenixdiag.core.diag.Finding;
import io.phoenixdiag.core.diag.Location;
import io.phoenixdiag.core.diag.Severity;
import io.phoenixdiag.pki.pem.PkiLoader;
import io.phoenixdiag.pki.pem.PkiParseException;
import io.phoenixdiag.pki.truststore.RootFs;

/**
 * Compliance of {@code certificate-manifest.json} entries, statically (the manifest alone) and against the files
 * of a root filesystem.
 *
 * <p>{@link #checkStatic(List)} needs no files. {@link #check} reads {@code cert_path} and {@code key_path} inside
 * a {@link RootFs} and checks, in order: both exist and parse; the key matches the certificate (a signature made
 * with the key verifies with the certificate's public key); the SAN dNSName/iPAddress entries equal
 * {@link ManifestEntry#expectedSans()} (case-insensitive, RFC 4343); the certificate chains to the Step-CA root
 * (RFC 5280 section 6, through intermediates of the file and of {@link StepCaRoot#intermediates()}, at an instant
 * inside the leaf's validity so that expiry is reported once, below); the remaining lifetime
 * ({@link ManifestPolicy}); owner and mode of both files against the manifest, with names resolved through the
 * root's own {@code /etc/passwd} and {@code /etc/group}; and that the key is not readable by others.
 *
 * <table>
 *   <caption>Check ids (subjects: the root's label and the file as seen inside it)</caption>
 *   <tr><th>check id</th><th>severity</th><th>when</th></tr>
 *   <tr><td>{@value #MANIFEST_INVALID}</td><td>ERROR</td><td>an entry field is malformed (mode not octal, path not absolute, owner empty)</td></tr>
 *   <tr><td>{@value #KEY_MODE_TOO_OPEN}</td><td>ERROR</td><td>static: the manifest's {@code permissions} give others access to the key</td></tr>
 *   <tr><td>{@value #FILE_MISSING}</td><td>ERROR</td><td>the certificate or key file does not exist</td></tr>
 *   <tr><td>{@value #CERT_INVALID}</td><td>ERROR</td><td>the certificate file holds no readable certificate</td></tr>
 *   <tr><td>{@value #KEY_INVALID}</td><td>ERROR</td><td>the key file holds no readable unencrypted private key</td></tr>
 *   <tr><td>{@value #KEY_MISMATCH}</td><td>ERROR</td><td>the key does not belong to the certificate</td></tr>
 *   <tr><td>{@value #SAN_MISMATCH}</td><td>ERROR</td><td>the certificate's SAN differs from the manifest's names</td></tr>
 *   <tr><td>{@value #CHAIN_INVALID}</td><td>ERROR</td><td>the certificate does not chain to the Step-CA root</td></tr>
 *   <tr><td>{@value #CHAIN_NOT_CHECKED}</td><td>INFO</td><td>only the root's fingerprint is known and the file does not hold the root</td></tr>
 *   <tr><td>{@value #EXPIRED}</td><td>CRITICAL</td><td>the certificate has expired</td></tr>
 *   <tr><td>{@value #NOT_YET_VALID}</td><td>ERROR</td><td>the certificate is not valid yet</td></tr>
 *   <tr><td>{@value #RENEWAL_FAILING}</td><td>WARNING</td><td>less than {@link ManifestPolicy#warnBelowFraction()} of the lifetime remains</td></tr>
 *   <tr><td>{@value #OWNER_MISMATCH}</td><td>WARNING</td><td>a file's owner or group differs from the manifest's</td></tr>
 *   <tr><td>{@value #OWNER_UNKNOWN}</td><td>WARNING</td><td>the manifest names a user or group the root's passwd/group lacks</td></tr>
 *   <tr><td>{@value #MODE_MISMATCH}</td><td>WARNING</td><td>a file's mode differs from the manifest's</td></tr>
 *   <tr><td>{@value #KEY_READABLE}</td><td>ERROR</td><td>the key file on disk is readable by others (pointing at the manifest when it asks for that)</td></tr>
 * </table>
 * No finding ever contains key material. Stateless and thread-safe.
 */
public final class ManifestChecks {
    /** Check id: a manifest field is malformed. */
    public static final String MANIFEST_INVALID = "pki.manifest-invalid";
    /** Check id: the manifest's permissions let others read (or write, or execute) the key. */
    public static final String KEY_MODE_TOO_OPEN = "pki.manifest-key-mode-too-open";
    /** Check id: a file named by the manifest is missing. */
    public static final String FILE_MISSING = "pki.manifest-file-missing";
    /** Check id: the certificate file cannot be read. */
    public static final String CERT_INVALID = "pki.manifest-cert-invalid";
    /** Check id: the key file cannot be read. */
    public static final String KEY_INVALID = "pki.manifest-key-invalid";
    /** Check id: key and certificate do not match. */
    public static final String KEY_MISMATCH = "pki.manifest-key-mismatch";
    /** Check id: SAN names differ from the manifest. */
    public static final String SAN_MISMATCH = "pki.manifest-san-mismatch";
    /** Check id: the certificate does not chain to the Step-CA root. */
    public static final String CHAIN_INVALID = "pki.manifest-chain-invalid";
    /** Check id: the chain could not be checked for lack of the root certificate. */
    public static final String CHAIN_NOT_CHECKED = "pki.manifest-chain-not-checked";
    /** Check id: the certificate has expired. */
    public static final String EXPIRED = "pki.cert-expired";
    /** Check id: the certificate is not valid yet. */
    public static final String NOT_YET_VALID = "pki.cert-not-yet-valid";
    /** Check id: less than the policy's fraction of the lifetime remains. */
    public static final String RENEWAL_FAILING = "pki.renewal-failing";
    /** Check id: owner or group differs. */
    public static final String OWNER_MISMATCH = "pki.manifest-owner-mismatch";
    /** Check id: the manifest's user or group is unknown in the root. */
    public static final String OWNER_UNKNOWN = "pki.manifest-owner-unknown";
    /** Check id: mode differs. */
    public static final String MODE_MISMATCH = "pki.manifest-mode-mismatch";
    /** Check id: the key on disk is readable by others. */
    public static final String KEY_READABLE = "pki.key-readable-by-others";

    private static final SecureRandom RANDOM = new SecureRandom();

    private ManifestChecks() {
    }

    /**
     * Parses a manifest's {@code permissions} value.
     *
     * @param mode three or four octal digits, such as {@code 640} or {@code 0640}
     * @return the permission bits (0 to 07777), or empty when malformed
     */
    public static Optional<Integer> parseMode(String mode) {
        if (!mode.matches("[0-7]{3,4}")) {
            return Optional.empty();
        }
        return Optional.of(Integer.parseInt(mode, 8));
    }

    /**
     * Checks the manifest alone: malformed fields, and keys whose requested mode gives others any access
     * (for example {@code 644} is an ERROR, {@code 640} with a service group is fine).
     *
     * @param entries the manifest entries
     * @return the findings, each located at the entry field's JSON pointer, in entry order
     */
    public static List<Finding> checkStatic(List<ManifestEntry> entries) {
        List<Finding> out = new ArrayList<>();
        for (ManifestEntry e : entries) {
            Optional<Integer> mode = parseMode(e.mode());
            if (mode.isEmpty()) {
                out.add(invalid(e, "permissions", "'" + e.mode() + "' is not an octal mode (expected 3 or 4 digits 0-7, such as 640)"));
            } else if ((mode.get() & 07) != 0) {
                out.add(Finding.builder(KEY_MODE_TOO_OPEN, Severity.ERROR)
                        .title("Manifest makes the private key of " + e.commonName() + " readable by others")
                        .message("The manifest asks for mode " + e.mode() + " on " + e.keyPath() + ", which gives every"
                                + " local user " + othersAccess(mode.get()) + " access to the private key.")
                        .subject(e.keyPath())
                        .evidence(io.phoenixdiag.core.diag.Evidence.of("permissions is \"" + e.mode() + "\"", e.fieldLocation("permissions")))
                        .remediation("Set \"permissions\" to \"640\" with a group the service runs in (or \"600\") in the manifest.")
                        .location(e.fieldLocation("permissions"))
                        .build());
            }
            if (e.owner().isBlank()) {
                out.add(invalid(e, "owner", "the owner is empty (expected user:group)"));
            }
            if (!e.certPath().startsWith("/")) {
                out.add(invalid(e, "cert_path", "'" + e.certPath() + "' is not an absolute path"));
            }
            if (!e.keyPath().startsWith("/")) {
                out.add(invalid(e, "key_path", "'" + e.keyPath() + "' is not an absolute path"));
            }
        }
        return out;
    }

    /**
     * Checks every entry against a root filesystem; see {@link #check}.
     *
     * @param entries the entries
     * @param root    the root filesystem holding the files
     * @param anchor  the Step-CA root
     * @param policy  the thresholds and clock
     * @return one report per entry, in entry order
     */
    public static List<EntryReport> checkAll(List<ManifestEntry> entries, RootFs root, StepCaRoot anchor,
                                             ManifestPolicy policy) {
        return entries.stream().map(e -> check(e, root, anchor, policy)).toList();
    }

    /**
     * Checks one entry against the files of a root filesystem. Never throws for bad files: every problem is a
     * finding, and the checks that do not depend on the bad part still run.
     *
     * @param entry  the entry
     * @param root   the root filesystem holding {@code cert_path} and {@code key_path}
     * @param anchor the Step-CA root, or null when unknown (the chain is then not checked)
     * @param policy the thresholds and clock
     * @return the report
     */
    public static EntryReport check(ManifestEntry entry, RootFs root, StepCaRoot anchor, ManifestPolicy policy) {
        return new Run(entry, root, anchor, policy).run();
    }

    private static Finding invalid(ManifestEntry e, String field, String what) {
        return Finding.builder(MANIFEST_INVALID, Severity.ERROR)
                .title("Manifest entry for " + e.commonName() + " has an invalid " + field)
                .message("Field \"" + field + "\": " + what + ".")
                .subject(e.location().file())
                .remediation("Fix \"" + field + "\" in the manifest.")
                .location(e.fieldLocation(field))
                .build();
    }

    static String othersAccess(int mode) {
        StringBuilder sb = new StringBuilder();
        if ((mode & 04) != 0) {
            sb.append("read");
        }
        if ((mode & 02) != 0) {
            sb.append(sb.length() > 0 ? "/" : "").append("write");
        }
        if ((mode & 01) != 0) {
            sb.append(sb.length() > 0 ? "/" : "").append("execute");
        }
        return sb.toString();
    }

    /** One entry's check; confined to the calling thread. */
    private static final class Run {
        private final ManifestEntry e;
        private final RootFs root;
        private final StepCaRoot anchor;
        private final ManifestPolicy policy;
        private final List<Finding> findings = new ArrayList<>();

        Run(ManifestEntry e, RootFs root, StepCaRoot anchor, ManifestPolicy policy) {
            this.e = e;
            this.root = root;
            this.anchor = anchor;
            this.policy = policy;
        }

        EntryReport run() {
            Optional<Path> certFile = existing(e.certPath(), "certificate");
            Optional<Path> keyFile = existing(e.keyPath(), "private key");
            List<X509Certificate> certs = certFile.map(this::readCerts).orElse(List.of());
            Optional<PrivateKey> key = keyFile.flatMap(this::readKey);
            Optional<X509Certificate> leaf = certs.isEmpty() ? Optional.empty() : Optional.of(certs.get(0));
            OptionalDouble fraction = OptionalDouble.empty();
            if (leaf.isPresent()) {
                X509Certificate c = leaf.get();
                key.ifPresent(k -> keyMatch(k, c, keyFile.get()));
                sans(c, certFile.get());
                chain(c, certs, certFile.get());
                fraction = OptionalDouble.of(lifetime(c, certFile.get()));
            }
            Accounts accounts = null;
            try {
                accounts = Accounts.read(root);
            } catch (IOException ex) {
                add(OWNER_UNKNOWN, Severity.WARNING, "Users and groups of " + root.label() + " cannot be read",
                        "/etc/passwd or /etc/group of " + root.label() + " could not be read: " + ex.getMessage() + ".",
                        "Check the root filesystem.", e.location());
            }
            if (accounts != null) {
                Accounts a = accounts;
                certFile.ifPresent(f -> ownership(f, e.certPath(), false, a));
                keyFile.ifPresent(f -> ownership(f, e.keyPath(), true, a));
            }
            return new EntryReport(e, leaf, fraction, findings);
        }

        private Optional<Path> existing(String inRoot, String what) {
            try {
                Path p = root.resolve(inRoot);
                if (Files.isRegularFile(p)) {
                    return Optional.of(p);
                }
            } catch (IOException ex) {
                // reported as missing below, with the reason
                add(FILE_MISSING, Severity.ERROR, "The " + what + " of " + e.commonName() + " cannot be reached",
                        root.describe(inRoot) + " cannot be resolved: " + ex.getMessage() + ".",
                        "Fix the symbolic links on the way to the file.", Location.ofFile(inRoot));
                return Optional.empty();
            }
            add(FILE_MISSING, Severity.ERROR, "The " + what + " of " + e.commonName() + " is missing",
                    root.describe(inRoot) + " does not exist.",
                    "Issue the certificate again (step ca certificate " + e.commonName() + ") or fix the path in the manifest.",
                    e.location());
            return Optional.empty();
        }

        private List<X509Certificate> readCerts(Path file) {
            try {
                return PkiLoader.certificates(Files.readAllBytes(file), root.describe(e.certPath()));
            } catch (PkiParseException ex) {
                add(CERT_INVALID, Severity.ERROR, "Certificate of " + e.commonName() + " cannot be read",
                        ex.getMessage() + ".", "Issue the certificate again.", Location.ofFile(file.toString()));
            } catch (IOException ex) {
                add(CERT_INVALID, Severity.ERROR, "Certificate of " + e.commonName() + " cannot be read",
                        root.describe(e.certPath()) + ": " + ex.getClass().getSimpleName() + ".",
                        "Check the file's permissions.", Location.ofFile(file.toString()));
            }
            return List.of();
        }

        private Optional<PrivateKey> readKey(Path file) {
            try {
                return Optional.of(PkiLoader.privateKey(Files.readAllBytes(file), root.describe(e.keyPath()), null));
            } catch (PkiParseException ex) {
                add(KEY_INVALID, Severity.ERROR, "Private key of " + e.commonName() + " cannot be read",
                        ex.getMessage() + ".", "Issue the certificate and key again (services need an unencrypted key).",
                        Location.ofFile(file.toString()));
            } catch (IOException ex) {
                add(KEY_INVALID, Severity.ERROR, "Private key of " + e.commonName() + " cannot be read",
                        root.describe(e.keyPath()) + ": " + ex.getClass().getSimpleName() + ".",
                        "Check the file's permissions.", Location.ofFile(file.toString()));
            }
            return Optional.empty();
        }

        private void keyMatch(PrivateKey key, X509Certificate cert, Path keyFile) {
            if (!matches(key, cert.getPublicKey())) {
                add(KEY_MISMATCH, Severity.ERROR, "Private key does not match the certificate of " + e.commonName(),
                        root.describe(e.keyPath()) + " is not the key of the certificate in " + e.certPath()
                                + " (a " + key.getAlgorithm() + " signature made with it does not verify with the"
                                + " certificate's " + cert.getPublicKey().getAlgorithm() + " public key).",
                        "Issue the certificate and key again together; services fail to start with a mismatched pair.",
                        Location.ofFile(keyFile.toString()));
            }
        }

        private void sans(X509Certificate cert, Path certFile) {
            Set<String> actual = new TreeSet<>(sanNames(cert));
            Set<String> expected = new TreeSet<>(e.expectedSans().stream().map(Run::normalise).toList());
            if (actual.equals(expected)) {
                return;
            }
            Set<String> missing = new TreeSet<>(expected);
            missing.removeAll(actual);
            Set<String> extra = new TreeSet<>(actual);
            extra.removeAll(expected);
            add(SAN_MISMATCH, Severity.ERROR, "SAN of " + e.commonName() + " differs from the manifest",
                    "The certificate in " + e.certPath() + " has SAN " + actual + ", the manifest wants " + expected
                            + (missing.isEmpty() ? "" : "; missing " + missing) + (extra.isEmpty() ? "" : "; extra " + extra) + ".",
                    "Issue the certificate again with --san for each manifest name.",
                    Location.ofFile(certFile.toString()), e.fieldLocation(e.sans().isEmpty() ? "common_name" : "sans"));
        }

        private void chain(X509Certificate leaf, List<X509Certificate> certs, Path certFile) {
            if (anchor == null) {
                return; // no root known: the caller reports that once, not per entry
            }
            Optional<X509Certificate> rootCert = anchor.certificate()
                    .or(() -> certs.stream().filter(anchor.fingerprint()::matches).findFirst());
            if (rootCert.isEmpty()) {
                add(CHAIN_NOT_CHECKED, Severity.INFO, "Chain of " + e.commonName() + " not checked",
                        "Only the root's fingerprint " + anchor.fingerprint() + " is known and " + e.certPath()
                                + " does not hold the root.",
                        "Give the root certificate file or let the doctor fetch it from the CA.",
                        Location.ofFile(certFile.toString()));
                return;
            }
            Instant now = policy.clock().instant();
            Instant nb = leaf.getNotBefore().toInstant();
            Instant na = leaf.getNotAfter().toInstant();
            Instant at = now.isBefore(nb) ? nb : now.isAfter(na) ? na : now;
            ChainCheck.validate(leaf, certs.subList(1, certs.size()), anchor.intermediates(), rootCert.get(), at)
                    .ifPresent(failure -> add(CHAIN_INVALID, Severity.ERROR,
                            "Certificate of " + e.commonName() + " does not chain to the Step-CA root",
                            e.certPath() + " does not validate to the root with SHA-256 " + anchor.fingerprint() + ": "
                                    + failure.reason() + " at " + failure.certificate().subject() + ": " + failure.detail(),
                            failure.remediation(), Location.ofFile(certFile.toString())));
        }

        private double lifetime(X509Certificate c, Path certFile) {
            Instant now = policy.clock().instant();
            Instant nb = c.getNotBefore().toInstant();
            Instant na = c.getNotAfter().toInstant();
            long total = Math.max(1, Duration.between(nb, na).toMillis());
            double fraction = (double) Duration.between(now, na).toMillis() / total;
            Location loc = Location.ofFile(certFile.toString());
            String fix = "Check the renewal manager (" + (e.postRenewalCommand().isEmpty() ? "step ca renew"
                    : "renewal, then: " + e.postRenewalCommand()) + ") and the CA's reachability.";
            if (now.isAfter(na)) {
                add(EXPIRED, Severity.CRITICAL, "Certificate of " + e.commonName() + " has expired",
                        e.certPath() + " expired at " + na + ", " + human(Duration.between(na, now)) + " ago.",
                        fix, loc);
            } else if (now.isBefore(nb)) {
                add(NOT_YET_VALID, Severity.ERROR, "Certificate of " + e.commonName() + " is not valid yet",
                        e.certPath() + " is valid from " + nb + ", in " + human(Duration.between(now, nb))
                                + " (clock skew between the CA and " + root.label() + "?).",
                        "Synchronise the clocks (chrony/NTP) of the CA and " + root.label() + ".", loc);
            } else if (fraction < policy.warnBelowFraction()) {
                add(RENEWAL_FAILING, Severity.WARNING, "Certificate of " + e.commonName() + " is not being renewed",
                        e.certPath() + " has " + human(Duration.between(now, na)) + " of its "
                                + human(Duration.between(nb, na)) + " lifetime left ("
                                + String.format(Locale.ROOT, "%.0f%%", fraction * 100) + ", below "
                                + String.format(Locale.ROOT, "%.0f%%", policy.warnBelowFraction() * 100)
                                + "): renewal should have happened already.", fix, loc);
            }
            return fraction;
        }

        private void ownership(Path file, String inRoot, boolean isKey, Accounts accounts) {
            PosixFileAttributes attrs;
            int uid;
            int gid;
            try {
                attrs = Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                uid = (Integer) Files.getAttribute(file, "unix:uid", LinkOption.NOFOLLOW_LINKS);
                gid = (Integer) Files.getAttribute(file, "unix:gid", LinkOption.NOFOLLOW_LINKS);
            } catch (IOException | UnsupportedOperationException ex) {
                add(OWNER_MISMATCH, Severity.WARNING, "Owner of " + inRoot + " cannot be read",
                        root.describe(inRoot) + ": " + ex.getClass().getSimpleName() + ".",
                        "Inspect the root filesystem on a POSIX file system.", Location.ofFile(file.toString()));
                return;
            }
            int mode = toMode(attrs.permissions());
            Optional<Integer> wantMode = parseMode(e.mode());
            Location fileLoc = Location.ofFile(file.toString());
            String actualOwner = accounts.userName(uid) + ":" + accounts.groupName(gid);
            Optional<Integer> wantUid = accounts.uid(e.owner());
            Optional<Integer> wantGid = e.group().isEmpty() ? Optional.of(gid) : accounts.gid(e.group());
            if (wantUid.isEmpty() || wantGid.isEmpty()) {
                add(OWNER_UNKNOWN, Severity.WARNING, "Manifest owner of " + e.commonName() + " is unknown in " + root.label(),
                        (wantUid.isEmpty() ? "user '" + e.owner() + "'" : "group '" + e.group() + "'")
                                + " is not in /etc/" + (wantUid.isEmpty() ? "passwd" : "group") + " of " + root.label()
                                + "; " + inRoot + " is owned by " + actualOwner + ".",
                        "Create the account in " + root.label() + " or fix \"owner\" in the manifest.", e.fieldLocation("owner"));
            } else if (wantUid.get() != uid || wantGid.get() != gid) {
                add(OWNER_MISMATCH, Severity.WARNING, "Owner of " + inRoot + " differs from the manifest",
                        root.describe(inRoot) + " is owned by " + actualOwner + " (uid " + uid + ", gid " + gid
                                + "), the manifest wants " + e.owner() + (e.group().isEmpty() ? "" : ":" + e.group()) + ".",
                        "chown " + e.owner() + (e.group().isEmpty() ? "" : ":" + e.group()) + " " + inRoot + " in "
                                + root.label() + ".", fileLoc, e.fieldLocation("owner"));
            }
            boolean manifestTooOpen = isKey && wantMode.isPresent() && (wantMode.get() & 07) != 0;
            if (wantMode.isPresent() && wantMode.get() != mode && !manifestTooOpen) {
                add(MODE_MISMATCH, Severity.WARNING, "Mode of " + inRoot + " differs from the manifest",
                        root.describe(inRoot) + " has mode " + octal(mode) + ", the manifest wants " + e.mode() + ".",
                        "chmod " + e.mode() + " " + inRoot + " in " + root.label() + ".", fileLoc, e.fieldLocation("permissions"));
            } else if (manifestTooOpen && wantMode.get() != mode && (mode & 07) == 0) {
                // the file is tighter than a manifest that would expose the key: never advise loosening it
                add(MODE_MISMATCH, Severity.WARNING, "The manifest would make the key " + inRoot + " readable by others",
                        root.describe(inRoot) + " has the safe mode " + octal(mode) + ", but the manifest asks for "
                                + e.mode() + " and the next renewal will apply it.",
                        "Set \"permissions\" to \"600\" (or \"640\" with the service's group) in the manifest; keep "
                                + inRoot + " as it is.", e.fieldLocation("permissions"), fileLoc);
            }
            if (isKey && (mode & 04) != 0) {
                boolean manifestAsks = wantMode.isPresent() && (wantMode.get() & 04) != 0;
                List<Location> locs = new ArrayList<>();
                if (manifestAsks) {
                    locs.add(e.fieldLocation("permissions"));
                }
                locs.add(fileLoc);
                add(KEY_READABLE, Severity.ERROR, "Private key of " + e.commonName() + " is readable by others",
                        root.describe(inRoot) + " has mode " + octal(mode) + ": every local user of " + root.label()
                                + " can read the private key" + (manifestAsks ? ", because the manifest asks for "
                                + e.mode() : "") + ".",
                        (manifestAsks ? "Set \"permissions\" to \"600\" (or \"640\" with the service's group) in the"
                                + " manifest, then " : "")
                                + "chmod " + (wantMode.isPresent() && (wantMode.get() & 07) == 0 ? e.mode() : "600")
                                + " " + inRoot + " in " + root.label()
                                + " and consider the key exposed: issue a new certificate and key.",
                        locs.toArray(Location[]::new));
            }
        }

        private void add(String id, Severity sev, String title, String message, String fix, Location... locations) {
            Finding.Builder b = Finding.builder(id, sev).title(title).message(message).remediation(fix)
                    .subject(root.label(), e.commonName()).evidence(message);
            for (Location l : locations) {
                b.location(l);
            }
            findings.add(b.build());
        }

        private static String normalise(String name) {
            String n = name.toLowerCase(Locale.ROOT);
            if (n.contains(":") || n.matches("[0-9.]+")) {
                try {
                    return InetAddress.getByName(n).getHostAddress();
                } catch (IOException ex) {
                    return n;
                }
            }
            return n;
        }

        private static List<String> sanNames(X509Certificate cert) {
            Collection<List<?>> sans;
            try {
                sans = cert.getSubjectAlternativeNames();
            } catch (CertificateParsingException ex) {
                return List.of();
            }
            if (sans == null) {
                return List.of();
            }
            List<String> out = new ArrayList<>();
            for (List<?> s : sans) {
                int type = (Integer) s.get(0);
                if (type == 2 || type == 7) {
                    out.add(normalise(String.valueOf(s.get(1))));
                }
            }
            return out;
        }
    }

    /** Whether a private key belongs to a public key: a fresh signature made with it verifies. */
    static boolean matches(PrivateKey key, PublicKey pub) {
        if (!key.getAlgorithm().equals(pub.getAlgorithm())) {
            return false;
        }
        String alg = switch (key.getAlgorithm()) {
            case "EC" -> "SHA256withECDSA";
            case "RSA" -> "SHA256withRSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            default -> "";
        };
        if (alg.isEmpty()) {
            return false;
        }
        try {
            byte[] challenge = new byte[32];
            RANDOM.nextBytes(challenge);
            Signature s = Signature.getInstance(alg);
            s.initSign(key);
            s.update(challenge);
            byte[] sig = s.sign();
            Signature v = Signature.getInstance(alg);
            v.initVerify(pub);
            v.update(challenge);
            return v.verify(sig);
        } catch (GeneralSecurityException ex) {
            return false;
        }
    }

    static int toMode(Set<PosixFilePermission> perms) {
        int m = 0;
        for (PosixFilePermission p : perms) {
            m |= 0400 >> p.ordinal();
        }
        return m;
    }

    static String octal(int mode) {
        return String.format(Locale.ROOT, "%03o", mode);
    }

    static String human(Duration d) {
        long s = Math.abs(d.getSeconds());
        if (s >= 86400) {
            return String.format(Locale.ROOT, "%dd %dh", s / 86400, s % 86400 / 3600);
        }
        return String.format(Locale.ROOT, "%dh %02dm", s / 3600, s % 3600 / 60);
    }
}
