package io.phoenixdiag.pki.truststore;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import io.phoenixdiag.core.diag.Finding;
import io.phoenixdiag.core.diag.Location;
import io.phoenixdiag.core.diag.Severity;
import io.phoenixdiag.pki.pem.KeyStoreContents;
import io.phoenixdiag.pki.pem.PasswordRequiredException;
import io.phoenixdiag.pki.pem.PemBundle;
import io.phoenixdiag.pki.pem.PkiLoader;
import io.phoenixdiag.pki.pem.PkiParseException;

/**
 * Answers "is this CA trusted in that root filesystem?" for Debian and Ubuntu trees, offline.
 *
 * <p>Places checked, all resolved inside the root ({@link RootFs}):
 * <ol>
 *   <li>{@code /etc/ssl/certs/ca-certificates.crt}, the bundle written by {@code update-ca-certificates(8)};</li>
 *   <li>the OpenSSL CApath links {@code /etc/ssl/certs/HHHHHHHH.N} for the CA's subject hash
 *       ({@link OpenSslNameHash}, {@code openssl-rehash(1)}), which must resolve to the CA certificate;</li>
 *   <li>{@code /usr/local/share/ca-certificates}, searched recursively: {@code update-ca-certificates} adds
 *       only {@code *.crt} files there to the bundle;</li>
 *   <li>Java keystores: {@code /etc/ssl/certs/java/cacerts} (written by {@code ca-certificates-java}) and each
 *       {@code /usr/lib/jvm/NAME/lib/security/cacerts} and {@code /usr/lib/jvm/NAME/jre/lib/security/cacerts},
 *       read with the public default store password; a keystore reached through several names is reported once.</li>
 * </ol>
 *
 * <p>Findings (subject: the root's label; location: the file on the inspecting machine):
 * <table>
 *   <caption>Check ids</caption>
 *   <tr><th>check id</th><th>severity</th><th>when</th></tr>
 *   <tr><td>{@value #CA_NOT_TRUSTED}</td><td>ERROR</td><td>the bundle lacks the CA and no local file holds it</td></tr>
 *   <tr><td>{@value #CA_NOT_ACTIVATED}</td><td>ERROR</td><td>a local file holds the CA but the bundle lacks it</td></tr>
 *   <tr><td>{@value #CA_STALE}</td><td>ERROR</td><td>the bundle holds another certificate with the CA's subject, not the CA</td></tr>
 *   <tr><td>{@value #HASH_LINK}</td><td>WARNING</td><td>the bundle trusts the CA but no hashed link resolves to it</td></tr>
 *   <tr><td>{@value #JAVA_NOT_TRUSTED}</td><td>WARNING</td><td>a Java keystore lacks the CA</td></tr>
 *   <tr><td>{@value #UNREADABLE}</td><td>WARNING</td><td>a place exists but could not be read; the others are still checked</td></tr>
 * </table>
 * Stateless and thread-safe; all methods read files only.
 */
public final class TrustStoreInspector {
    /** Check id: the CA is not trusted in the tree. */
    public static final String CA_NOT_TRUSTED = "pki.ca-not-trusted";
    /** Check id: the CA sits in {@code /usr/local/share/ca-certificates} but is not in the bundle. */
    public static final String CA_NOT_ACTIVATED = "pki.ca-not-activated";
    /** Check id: the bundle trusts another certificate with the CA's subject. */
    public static final String CA_STALE = "pki.ca-stale";
    /** Check id: the OpenSSL hashed link for the CA is missing, dangling or points at another certificate. */
    public static final String HASH_LINK = "pki.ca-hash-link-missing";
    /** Check id: a Java {@code cacerts} keystore lacks the CA. */
    public static final String JAVA_NOT_TRUSTED = "pki.java-ca-not-trusted";
    /** Check id: a trust-store place could not be read. */
    public static final String UNREADABLE = "pki.truststore-unreadable";

    static final String BUNDLE = "/etc/ssl/certs/ca-certificates.crt";
    static final String CERTS_DIR = "/etc/ssl/certs";
    static final String LOCAL_DIR = "/usr/local/share/ca-certificates";
    static final String JAVA_CACERTS = "/etc/ssl/certs/java/cacerts";
    static final String JVM_DIR = "/usr/lib/jvm";
    /** The JDK's documented default {@code cacerts} store password (keytool docs): public, not a secret. */
    private static final char[] CACERTS_DEFAULT_PASSWORD = {'c', 'h', 'a', 'n', 'g', 'e', 'i', 't'};

    private TrustStoreInspector() {
    }

    /**
     * Inspects a tree for a CA certificate.
     *
     * @param root the root filesystem
     * @param ca   the CA certificate (normally a self-signed root)
     * @return the places with their states and the findings; never throws for unreadable places (they are
     *         {@link TrustState#UNREADABLE} with a {@value #UNREADABLE} finding)
     */
    public static TrustStoreReport inspect(RootFs root, X509Certificate ca) {
        return new Inspection(root, CertificateFingerprint.of(ca), Optional.of(ca)).run();
    }

    /**
     * Inspects a tree for a CA known only by its SHA-256 fingerprint. The certificate is looked up in the
     * tree's own stores to learn its subject; when no store holds it, the hashed links are
     * {@link TrustState#NOT_CHECKED} and stale copies cannot be recognised.
     *
     * @param root the root filesystem
     * @param ca   the CA's fingerprint
     * @return the places with their states and the findings
     */
    public static TrustStoreReport inspect(RootFs root, CertificateFingerprint ca) {
        return new Inspection(root, ca, Optional.empty()).run();
    }

    /** One run; not thread-safe, confined to the calling thread. */
    private static final class Inspection {
        private final RootFs root;
        private final CertificateFingerprint fp;
        private Optional<X509Certificate> ca;
        private final List<TrustStorePlace> places = new ArrayList<>();
        private final List<Finding> findings = new ArrayList<>();

        Inspection(RootFs root, CertificateFingerprint fp, Optional<X509Certificate> ca) {
            this.root = root;
            this.fp = fp;
            this.ca = ca;
        }

        TrustStoreReport run() {
            PlaceResult bundle = bundle();
            List<PlaceResult> locals = locals(bundle.place.state() == TrustState.TRUSTED);
            PlaceResult links = hashedLinks();
            List<PlaceResult> javas = javaStores();
            places.add(bundle.place);
            places.add(links.place);
            locals.forEach(p -> places.add(p.place));
            javas.forEach(p -> places.add(p.place));
            bundleFindings(bundle, locals);
            if (bundle.place.state() == TrustState.TRUSTED && links.place.state() != TrustState.TRUSTED
                    && links.place.state() != TrustState.UNREADABLE) {
                findings.add(finding(HASH_LINK, Severity.WARNING, "OpenSSL hashed link for the CA is missing in " + root.label(),
                        "The bundle trusts " + caName() + " but " + CERTS_DIR + " has no subject-hash link to it ("
                                + links.place.detail() + "); OpenSSL clients that use a CApath (such as 'openssl s_client"
                                + " -CApath' and some language runtimes) will not find it.",
                        "Run update-ca-certificates (or 'openssl rehash /etc/ssl/certs') " + where() + ".", links.file));
            }
            for (PlaceResult j : javas) {
                TrustState s = j.place.state();
                if (s == TrustState.ABSENT || s == TrustState.STALE) {
                    findings.add(finding(JAVA_NOT_TRUSTED, Severity.WARNING, "Java keystore lacks the CA in " + root.label(),
                            "Java applications " + where() + " using " + j.place.path() + " do not trust " + caName()
                                    + " (" + j.place.detail() + ").",
                            "Run update-ca-certificates " + where() + " (the ca-certificates-java hook rewrites "
                                    + JAVA_CACERTS + "), or import the root with 'keytool -importcert -cacerts'.", j.file));
                }
            }
            for (TrustStorePlace p : places) {
                if (p.state() == TrustState.UNREADABLE) {
                    findings.add(finding(UNREADABLE, Severity.WARNING, "Trust store cannot be read in " + root.label(),
                            root.describe(p.path()) + " could not be read: " + p.detail() + ".",
                            "Check the file's permissions and contents.", Optional.empty()));
                }
            }
            String subject = ca.map(c -> c.getSubjectX500Principal().getName()).orElse("");
            return new TrustStoreReport(root.label(), fp, subject, places, findings);
        }

        private void bundleFindings(PlaceResult bundle, List<PlaceResult> locals) {
            TrustState bs = bundle.place.state();
            if (bs == TrustState.TRUSTED || bs == TrustState.UNREADABLE) {
                return;
            }
            Optional<PlaceResult> notActivated = locals.stream()
                    .filter(l -> l.place.state() == TrustState.PRESENT_NOT_ACTIVATED).findFirst();
            if (bs == TrustState.STALE) {
                findings.add(finding(CA_STALE, Severity.ERROR, "Trust store holds an old copy of the CA in " + root.label(),
                        root.describe(BUNDLE) + " trusts another certificate named like " + caName() + " ("
                                + bundle.place.detail() + ") but not the CA itself (SHA-256 " + fp + ").",
                        "Replace the old root file under " + LOCAL_DIR + " with the current root and run"
                                + " 'update-ca-certificates --fresh' " + where() + ".", bundle.file));
            } else if (notActivated.isPresent()) {
                String how = bs == TrustState.NO_STORE
                        ? "Install the ca-certificates package " + where() + ", then run update-ca-certificates."
                        : "Run update-ca-certificates " + where() + ".";
                findings.add(finding(CA_NOT_ACTIVATED, Severity.ERROR, "CA is present but not activated in " + root.label(),
                        root.describe(notActivated.get().place.path()) + " holds " + caName() + " but "
                                + root.describe(BUNDLE) + " does not (" + bundle.place.detail() + "); "
                                + notActivated.get().place.detail(),
                        how, notActivated.get().file));
            } else {
                findings.add(finding(CA_NOT_TRUSTED, Severity.ERROR, "CA is not trusted in " + root.label(),
                        caName() + " (SHA-256 " + fp + ") is in neither " + BUNDLE + " nor " + LOCAL_DIR + " "
                                + where() + " (" + bundle.place.detail() + ").",
                        "Copy the root certificate to " + LOCAL_DIR + "/<name>.crt " + where()
                                + " and run update-ca-certificates.", bundle.file));
            }
        }

        private String where() {
            return root.label().equals("host") ? "on the host" : "in " + root.label();
        }

        private String caName() {
            return ca.map(c -> "'" + c.getSubjectX500Principal().getName() + "'").orElse("the CA");
        }

        private Finding finding(String id, Severity sev, String title, String message, String remediation,
                                Optional<Path> file) {
            Finding.Builder b = Finding.builder(id, sev).title(title).message(message).remediation(remediation)
                    .subject(root.label()).evidence(message);
            file.ifPresent(f -> b.location(Location.ofFile(f.toString())));
            return b.build();
        }

        // ------------------------------------------------------------------ places

        private PlaceResult bundle() {
            Path file;
            try {
                file = root.resolve(BUNDLE);
            } catch (IOException e) {
                return PlaceResult.of(TrustStoreKind.CA_BUNDLE, BUNDLE, TrustState.UNREADABLE, e.getMessage(), null);
            }
            if (!Files.isRegularFile(file)) {
                return PlaceResult.of(TrustStoreKind.CA_BUNDLE, BUNDLE, TrustState.NO_STORE,
                        "the bundle does not exist (is the ca-certificates package installed?)", file);
            }
            PemBundle pem;
            try {
                pem = PkiLoader.read(Files.readAllBytes(file), root.describe(BUNDLE));
            } catch (IOException e) {
                return PlaceResult.of(TrustStoreKind.CA_BUNDLE, BUNDLE, TrustState.UNREADABLE, ioMessage(e), file);
            }
            if (pem.certificates().isEmpty() && !pem.problems().isEmpty()) {
                return PlaceResult.of(TrustStoreKind.CA_BUNDLE, BUNDLE, TrustState.UNREADABLE,
                        pem.problems().get(0).getMessage(), file);
            }
            return classify(TrustStoreKind.CA_BUNDLE, BUNDLE, pem.certificates(), file,
                    pem.certificates().size() + " certificates");
        }

        /** Compares a set of certificates with the CA, learning the CA certificate when only a fingerprint was known. */
        private PlaceResult classify(TrustStoreKind kind, String path, List<X509Certificate> certs, Path file,
                                     String what) {
            for (X509Certificate c : certs) {
                if (fp.matches(c)) {
                    if (ca.isEmpty()) {
                        ca = Optional.of(c);
                    }
                    return PlaceResult.of(kind, path, TrustState.TRUSTED, what + ", including the CA", file);
                }
            }
            if (ca.isPresent()) {
                for (X509Certificate c : certs) {
                    if (c.getSubjectX500Principal().equals(ca.get().getSubjectX500Principal())) {
                        return PlaceResult.of(kind, path, TrustState.STALE, "another certificate with the same subject,"
                                + " SHA-256 " + CertificateFingerprint.of(c) + ", expires " + c.getNotAfter().toInstant(), file);
                    }
                }
            }
            return PlaceResult.of(kind, path, TrustState.ABSENT, what + ", none is the CA", file);
        }

        private List<PlaceResult> locals(boolean bundleTrusts) {
            List<PlaceResult> out = new ArrayList<>();
            Path dir;
            try {
                dir = root.resolve(LOCAL_DIR);
            } catch (IOException e) {
                out.add(PlaceResult.of(TrustStoreKind.LOCAL_CA_CERTIFICATE, LOCAL_DIR, TrustState.UNREADABLE, ioMessage(e), null));
                return out;
            }
            if (!Files.isDirectory(dir)) {
                out.add(PlaceResult.of(TrustStoreKind.LOCAL_CA_CERTIFICATE, LOCAL_DIR, TrustState.NO_STORE,
                        "the directory does not exist", dir));
                return out;
            }
            List<Path> files;
            try (Stream<Path> s = Files.walk(dir)) {
                files = s.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) || Files.isSymbolicLink(p))
                        .sorted().toList();
            } catch (IOException e) {
                out.add(PlaceResult.of(TrustStoreKind.LOCAL_CA_CERTIFICATE, LOCAL_DIR, TrustState.UNREADABLE, ioMessage(e), dir));
                return out;
            }
            int others = 0;
            for (Path f : files) {
                String inRoot = root.inside(f);
                PemBundle pem;
                Path real;
                try {
                    real = root.resolve(inRoot);
                    pem = PkiLoader.read(Files.readAllBytes(real), root.describe(inRoot));
                } catch (IOException e) {
                    out.add(PlaceResult.of(TrustStoreKind.LOCAL_CA_CERTIFICATE, inRoot, TrustState.UNREADABLE, ioMessage(e), f));
                    continue;
                }
                if (pem.certificates().stream().noneMatch(fp::matches)) {
                    others++;
                    continue;
                }
                if (ca.isEmpty()) {
                    ca = pem.certificates().stream().filter(fp::matches).findFirst();
                }
                if (!inRoot.endsWith(".crt")) {
                    out.add(PlaceResult.of(TrustStoreKind.LOCAL_CA_CERTIFICATE, inRoot, TrustState.PRESENT_NOT_ACTIVATED,
                            "update-ca-certificates reads only files named *.crt: rename it", f));
                } else if (bundleTrusts) {
                    out.add(PlaceResult.of(TrustStoreKind.LOCAL_CA_CERTIFICATE, inRoot, TrustState.TRUSTED,
                            "activated: the bundle holds it", f));
                } else {
                    out.add(PlaceResult.of(TrustStoreKind.LOCAL_CA_CERTIFICATE, inRoot, TrustState.PRESENT_NOT_ACTIVATED,
                            "update-ca-certificates has not added it to the bundle", f));
                }
            }
            if (out.isEmpty()) {
                out.add(PlaceResult.of(TrustStoreKind.LOCAL_CA_CERTIFICATE, LOCAL_DIR, TrustState.ABSENT,
                        others + " files, none holds the CA", dir));
            }
            return out;
        }

        private PlaceResult hashedLinks() {
            if (ca.isEmpty()) {
                return PlaceResult.of(TrustStoreKind.HASHED_LINK, CERTS_DIR, TrustState.NOT_CHECKED,
                        "the CA certificate is unknown, so its subject hash is too", null);
            }
            String hash = OpenSslNameHash.subjectHash(ca.get());
            String pattern = CERTS_DIR + "/" + hash + ".N";
            Path dir;
            try {
                dir = root.resolve(CERTS_DIR);
            } catch (IOException e) {
                return PlaceResult.of(TrustStoreKind.HASHED_LINK, pattern, TrustState.UNREADABLE, ioMessage(e), null);
            }
            if (!Files.isDirectory(dir)) {
                return PlaceResult.of(TrustStoreKind.HASHED_LINK, pattern, TrustState.NO_STORE,
                        CERTS_DIR + " does not exist", dir);
            }
            Set<String> names = new TreeSet<>();
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, hash + ".*")) {
                for (Path p : ds) {
                    String n = p.getFileName().toString();
                    if (n.substring(hash.length() + 1).matches("[0-9]+")) {
                        names.add(n);
                    }
                }
            } catch (IOException e) {
                return PlaceResult.of(TrustStoreKind.HASHED_LINK, pattern, TrustState.UNREADABLE, ioMessage(e), dir);
            }
            if (names.isEmpty()) {
                return PlaceResult.of(TrustStoreKind.HASHED_LINK, pattern, TrustState.ABSENT,
                        "no link named " + hash + ".N", dir);
            }
            List<String> seen = new ArrayList<>();
            TrustState worst = TrustState.ABSENT;
            for (String n : names) {
                String link = CERTS_DIR + "/" + n;
                try {
                    Path target = root.resolve(link);
                    String shown = n + " -> " + root.inside(target);
                    if (!Files.exists(target)) {
                        seen.add(shown + " (missing)");
                        worst = worst == TrustState.ABSENT ? TrustState.BROKEN_LINK : worst;
                        continue;
                    }
                    List<X509Certificate> certs = PkiLoader.read(Files.readAllBytes(target), root.describe(link)).certificates();
                    if (!certs.isEmpty() && fp.matches(certs.get(0))) {
                        return PlaceResult.of(TrustStoreKind.HASHED_LINK, link, TrustState.TRUSTED, shown, target);
                    }
                    if (!certs.isEmpty() && certs.get(0).getSubjectX500Principal().equals(ca.get().getSubjectX500Principal())) {
                        seen.add(shown + " (same subject, SHA-256 " + CertificateFingerprint.of(certs.get(0)) + ")");
                        worst = TrustState.STALE;
                    } else {
                        seen.add(shown + " (another subject)");
                    }
                } catch (IOException e) {
                    seen.add(n + " (" + ioMessage(e) + ")");
                }
            }
            return PlaceResult.of(TrustStoreKind.HASHED_LINK, pattern, worst, String.join("; ", seen), dir);
        }

        private List<PlaceResult> javaStores() {
            Set<String> candidates = new LinkedHashSet<>();
            candidates.add(JAVA_CACERTS);
            try {
                Path jvm = root.resolve(JVM_DIR);
                if (Files.isDirectory(jvm)) {
                    try (DirectoryStream<Path> ds = Files.newDirectoryStream(jvm)) {
                        List<String> jdks = new ArrayList<>();
                        ds.forEach(p -> jdks.add(p.getFileName().toString()));
                        jdks.sort(null);
                        for (String j : jdks) {
                            candidates.add(JVM_DIR + "/" + j + "/lib/security/cacerts");
                            candidates.add(JVM_DIR + "/" + j + "/jre/lib/security/cacerts");
                        }
                    }
                }
            } catch (IOException e) {
                return List.of(PlaceResult.of(TrustStoreKind.JAVA_CACERTS, JVM_DIR, TrustState.UNREADABLE, ioMessage(e), null));
            }
            List<PlaceResult> out = new ArrayList<>();
            Set<Path> done = new LinkedHashSet<>();
            for (String c : candidates) {
                Path file;
                try {
                    file = root.resolve(c);
                } catch (IOException e) {
                    out.add(PlaceResult.of(TrustStoreKind.JAVA_CACERTS, c, TrustState.UNREADABLE, ioMessage(e), null));
                    continue;
                }
                if (!Files.isRegularFile(file) || !done.add(file)) {
                    continue;
                }
                String label = root.describe(c);
                try {
                    KeyStoreContents ks = PkiLoader.keyStore(Files.readAllBytes(file), label, CACERTS_DEFAULT_PASSWORD);
                    String target = root.inside(file).equals(c) ? "" : " (-> " + root.inside(file) + ")";
                    out.add(classify(TrustStoreKind.JAVA_CACERTS, c, ks.certificates(), file,
                            ks.type() + " keystore" + target + " with " + ks.certificates().size() + " certificates"));
                } catch (PasswordRequiredException e) {
                    out.add(PlaceResult.of(TrustStoreKind.JAVA_CACERTS, c, TrustState.UNREADABLE,
                            "the store password is not the JDK's public default", file));
                } catch (PkiParseException e) {
                    out.add(PlaceResult.of(TrustStoreKind.JAVA_CACERTS, c, TrustState.UNREADABLE, e.problem(), file));
                } catch (IOException e) {
                    out.add(PlaceResult.of(TrustStoreKind.JAVA_CACERTS, c, TrustState.UNREADABLE, ioMessage(e), file));
                }
            }
            return out;
        }

        private String ioMessage(IOException e) {
            String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            String shown = root.root().getNameCount() == 0 ? m : m.replace(root.root().toString(), "");
            return shown.strip() + " (" + e.getClass().getSimpleName() + ")";
        }
    }

    /** A place and the file behind it (for locations). */
    private record PlaceResult(TrustStorePlace place, Optional<Path> file) {
        static PlaceResult of(TrustStoreKind kind, String path, TrustState state, String detail, Path file) {
            return new PlaceResult(new TrustStorePlace(kind, path, state, detail), Optional.ofNullable(file));
        }
    }
}
