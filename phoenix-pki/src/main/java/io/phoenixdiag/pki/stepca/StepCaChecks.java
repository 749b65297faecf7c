package io.phoenixdiag.pki.stepca;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.phoenixdiag.core.diag.Finding;
import io.phoenixdiag.core.diag.Location;
import io.phoenixdiag.core.diag.Severity;
import io.phoenixdiag.pki.name.ReferenceIdentity;
import io.phoenixdiag.pki.path.FailureReason;
import io.phoenixdiag.pki.path.PathValidator;
import io.phoenixdiag.pki.path.ValidationFailure;
import io.phoenixdiag.pki.pem.PkiLoader;
import io.phoenixdiag.pki.truststore.CertificateFingerprint;
import io.phoenixdiag.pki.truststore.RootFs;
import io.phoenixdiag.pki.truststore.TrustStoreInspector;
import io.phoenixdiag.pki.truststore.TrustStoreReport;

/**
 * Checks that a Step-CA and its clients agree on the root: the CA answers and is healthy; the root it serves
 * ({@code /roots}) is the fingerprint-checked root; its own TLS certificate chains to that root and carries the
 * CA's DNS name from the hypervisor config ({@code step_ca.dns_name}); each root filesystem trusts it
 * ({@link TrustStoreInspector}); and every step client configuration found there names it.
 *
 * <p>Step client configurations are searched, inside each root filesystem, at {@code STEPPATH/config/defaults.json}
 * and {@code STEPPATH/authorities/NAME/config/defaults.json} (step's contexts) for these STEPPATH values:
 * {@code /root/.step}, {@code /home/USER/.step} for every directory under {@code /home}, {@code /etc/step},
 * {@code /etc/step-ca}, {@code /var/lib/step-ca/.step}, and every {@code STEPPATH=DIR} assignment in
 * {@code /etc/environment} and {@code /etc/profile.d/*.sh} (step CLI: {@code $STEPPATH}, default {@code $HOME/.step}).
 *
 * <table>
 *   <caption>Check ids</caption>
 *   <tr><th>check id</th><th>severity</th><th>when</th></tr>
 *   <tr><td>{@value #UNREACHABLE}</td><td>ERROR</td><td>the CA cannot be reached, times out or answers malformed data</td></tr>
 *   <tr><td>{@value #FINGERPRINT_MISMATCH}</td><td>CRITICAL</td><td>the CA serves a root with another fingerprint</td></tr>
 *   <tr><td>{@value #TLS_UNTRUSTED}</td><td>ERROR</td><td>the CA's TLS certificate does not chain to its root</td></tr>
 *   <tr><td>{@value #TLS_NAME_MISMATCH}</td><td>ERROR</td><td>the CA's TLS certificate lacks {@code step_ca.dns_name}</td></tr>
 *   <tr><td>{@value #UNHEALTHY}</td><td>ERROR</td><td>{@code /health} is not {@code ok}</td></tr>
 *   <tr><td>{@value #ROOTS_MISMATCH}</td><td>ERROR</td><td>{@code /roots} does not include the root</td></tr>
 *   <tr><td>{@value #CLIENT_FINGERPRINT}</td><td>ERROR</td><td>a client's {@code fingerprint} is another root's</td></tr>
 *   <tr><td>{@value #CLIENT_ROOT}</td><td>ERROR</td><td>a client's {@code root} file is missing, unreadable or another certificate</td></tr>
 *   <tr><td>{@value #CLIENT_CA_URL}</td><td>WARNING</td><td>a client's {@code ca-url} names another host</td></tr>
 *   <tr><td>{@value #CLIENT_INVALID}</td><td>WARNING</td><td>a client configuration is not a JSON object</td></tr>
 * </table>
 * plus the trust-store check ids of {@link TrustStoreInspector}. Stateless and thread-safe.
 */
public final class StepCaChecks {
    /** Check id: the CA cannot be used. */
    public static final String UNREACHABLE = "pki.stepca-unreachable";
    /** Check id: the CA's root has another fingerprint. */
    public static final String FINGERPRINT_MISMATCH = "pki.stepca-fingerprint-mismatch";
    /** Check id: the CA's TLS certificate does not chain to the root. */
    public static final String TLS_UNTRUSTED = "pki.stepca-tls-untrusted";
    /** Check id: the CA's TLS certificate does not name the CA's DNS name. */
    public static final String TLS_NAME_MISMATCH = "pki.stepca-tls-name-mismatch";
    /** Check id: the CA reports itself unhealthy. */
    public static final String UNHEALTHY = "pki.stepca-unhealthy";
    /** Check id: {@code /roots} does not serve the root. */
    public static final String ROOTS_MISMATCH = "pki.stepca-roots-mismatch";
    /** Check id: a step client trusts another fingerprint. */
    public static final String CLIENT_FINGERPRINT = "pki.step-client-fingerprint-mismatch";
    /** Check id: a step client's root file is not the CA's root. */
    public static final String CLIENT_ROOT = "pki.step-client-root-mismatch";
    /** Check id: a step client talks to another CA URL. */
    public static final String CLIENT_CA_URL = "pki.step-client-ca-url-mismatch";
    /** Check id: a step client configuration cannot be read. */
    public static final String CLIENT_INVALID = "pki.step-client-config-invalid";

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern STEPPATH = Pattern.compile("^\\s*(?:export\\s+)?STEPPATH=[\"']?([^\"'\\s]+)", Pattern.MULTILINE);

    private StepCaChecks() {
    }

    /**
     * Runs every check.
     *
     * @param client    the CA client (pinned by fingerprint or root file)
     * @param caDnsName the CA's DNS name from the hypervisor config ({@code step_ca.dns_name})
     * @param trees     root filesystems whose trust stores and step clients to compare, possibly empty
     * @param clock     the clock for validating the CA's TLS certificate
     * @return the report; never throws for an unreachable CA (that is a finding)
     */
    public static StepCaReport check(StepCaClient client, String caDnsName, List<RootFs> trees, Clock clock) {
        List<Finding> findings = new ArrayList<>();
        String subject = "step-ca " + caDnsName;
        X509Certificate root = null;
        try {
            root = client.rootCertificate();
        } catch (StepCaException e) {
            findings.add(caFinding(e, subject, caDnsName));
            return new StepCaReport(Optional.empty(), client.presentedChain(), List.of(), List.of(), findings);
        }
        try {
            String status = client.health();
            if (!status.equals("ok")) {
                findings.add(Finding.builder(UNHEALTHY, Severity.ERROR).title("Step-CA reports itself unhealthy")
                        .message(client.caUrl() + "/health answered status \"" + status + "\", expected \"ok\".")
                        .subject(subject).remediation("Look at the step-ca service logs (journalctl -u step-ca).").build());
            }
            List<X509Certificate> served = client.roots();
            if (!served.contains(root)) {
                findings.add(Finding.builder(ROOTS_MISMATCH, Severity.ERROR).title("Step-CA does not serve its root in /roots")
                        .message(client.caUrl() + "/roots lists " + served.stream().map(c -> CertificateFingerprint.of(c).hex()).toList()
                                + ", not the root " + CertificateFingerprint.of(root) + ".")
                        .subject(subject).remediation("Check \"root\" in step-ca's ca.json.").build());
            }
        } catch (StepCaException e) {
            findings.add(caFinding(e, subject, caDnsName));
        }
        tlsCheck(client.presentedChain(), root, caDnsName, clock, subject).ifPresent(findings::add);
        List<TrustStoreReport> stores = new ArrayList<>();
        List<StepClientConfig> configs = new ArrayList<>();
        for (RootFs tree : trees) {
            TrustStoreReport r = TrustStoreInspector.inspect(tree, root);
            stores.add(r);
            findings.addAll(r.findings());
            List<StepClientConfig> found = new ArrayList<>();
            findings.addAll(checkClients(tree, root, client.caUrl(), caDnsName, found));
            configs.addAll(found);
        }
        return new StepCaReport(Optional.of(root), client.presentedChain(), stores, configs, findings);
    }

    /**
     * Validates the CA's presented TLS chain to its root for the CA's DNS name (RFC 5280, RFC 9525).
     *
     * @param chain     the presented chain, end-entity first
     * @param root      the CA's root
     * @param caDnsName the expected DNS name
     * @param clock     the clock
     * @param subject   the finding subject
     * @return a {@value #TLS_UNTRUSTED} or {@value #TLS_NAME_MISMATCH} finding, or empty when valid (or no chain)
     */
    public static Optional<Finding> tlsCheck(List<X509Certificate> chain, X509Certificate root, String caDnsName,
                                             Clock clock, String subject) {
        if (chain.isEmpty()) {
            return Optional.empty();
        }
        Optional<ValidationFailure> f = PathValidator.builder().trustAnchors(root).clock(clock).build()
                .validate(chain, Optional.of(ReferenceIdentity.parse(caDnsName))).failure();
        return f.map(v -> {
            boolean name = v.reason() == FailureReason.NAME_MISMATCH;
            return Finding.builder(name ? TLS_NAME_MISMATCH : TLS_UNTRUSTED, Severity.ERROR)
                    .title(name ? "Step-CA's TLS certificate does not name " + caDnsName
                            : "Step-CA's TLS certificate does not chain to its root")
                    .message("The certificate the CA presents (" + v.certificate().subject() + ") fails: " + v + "")
                    .subject(subject)
                    .remediation(name ? "Add " + caDnsName + " to \"dnsNames\" in step-ca's ca.json and restart step-ca."
                            : v.remediation())
                    .build();
        });
    }

    /**
     * The step client configurations of a root filesystem (see the class comment for where they are searched).
     *
     * @param tree     the root filesystem
     * @param problems receives a {@value #CLIENT_INVALID} finding per unreadable file
     * @return the configurations found, in search order
     */
    public static List<StepClientConfig> findClientConfigs(RootFs tree, List<Finding> problems) {
        List<StepClientConfig> out = new ArrayList<>();
        for (String file : candidateFiles(tree)) {
            Path p;
            try {
                p = tree.resolve(file);
            } catch (IOException e) {
                continue;
            }
            if (!Files.isRegularFile(p)) {
                continue;
            }
            try {
                JsonNode n = MAPPER.readTree(Files.readAllBytes(p));
                if (n == null || !n.isObject()) {
                    throw new IOException("not a JSON object");
                }
                out.add(new StepClientConfig(file, n.path("ca-url").asText(""), n.path("fingerprint").asText(""),
                        n.path("root").asText("")));
            } catch (IOException e) {
                problems.add(Finding.builder(CLIENT_INVALID, Severity.WARNING).title("Step client configuration cannot be read")
                        .message(tree.describe(file) + " is not a JSON object (" + e.getClass().getSimpleName() + ").")
                        .subject(tree.label()).remediation("Run 'step ca bootstrap --force' " + "in " + tree.label() + ".")
                        .location(Location.ofFile(p.toString())).build());
            }
        }
        return out;
    }

    private static Set<String> candidateFiles(RootFs tree) {
        Set<String> steppaths = new LinkedHashSet<>(List.of("/root/.step"));
        try {
            Path home = tree.resolve("/home");
            if (Files.isDirectory(home)) {
                try (DirectoryStream<Path> ds = Files.newDirectoryStream(home)) {
                    List<String> users = new ArrayList<>();
                    ds.forEach(u -> users.add(u.getFileName().toString()));
                    users.sort(null);
                    users.forEach(u -> steppaths.add("/home/" + u + "/.step"));
                }
            }
        } catch (IOException e) {
            // an unreadable /home only hides configurations there
        }
        steppaths.addAll(List.of("/etc/step", "/etc/step-ca", "/var/lib/step-ca/.step"));
        List<String> envFiles = new ArrayList<>(List.of("/etc/environment"));
        try {
            Path pd = tree.resolve("/etc/profile.d");
            if (Files.isDirectory(pd)) {
                try (DirectoryStream<Path> ds = Files.newDirectoryStream(pd, "*.sh")) {
                    ds.forEach(f -> envFiles.add("/etc/profile.d/" + f.getFileName()));
                }
            }
        } catch (IOException e) {
            // as above
        }
        for (String f : envFiles) {
            try {
                Path p = tree.resolve(f);
                if (Files.isRegularFile(p)) {
                    Matcher m = STEPPATH.matcher(Files.readString(p, StandardCharsets.UTF_8));
                    while (m.find()) {
                        if (m.group(1).startsWith("/")) {
                            steppaths.add(m.group(1));
                        }
                    }
                }
            } catch (IOException e) {
                // skip unreadable environment files
            }
        }
        Set<String> files = new LinkedHashSet<>();
        for (String sp : steppaths) {
            String base = sp.endsWith("/") ? sp.substring(0, sp.length() - 1) : sp;
            files.add(base + "/config/defaults.json");
            try {
                Path auth = tree.resolve(base + "/authorities");
                if (Files.isDirectory(auth)) {
                    try (DirectoryStream<Path> ds = Files.newDirectoryStream(auth)) {
                        List<String> names = new ArrayList<>();
                        ds.forEach(a -> names.add(a.getFileName().toString()));
                        names.sort(null);
                        names.forEach(a -> files.add(base + "/authorities/" + a + "/config/defaults.json"));
                    }
                }
            } catch (IOException e) {
                // skip
            }
        }
        return files;
    }

    private static List<Finding> checkClients(RootFs tree, X509Certificate root, URI caUrl, String caDnsName,
                                              List<StepClientConfig> found) {
        List<Finding> out = new ArrayList<>();
        CertificateFingerprint fp = CertificateFingerprint.of(root);
        found.addAll(findClientConfigs(tree, out));
        for (StepClientConfig c : found) {
            Location loc = Location.ofPointer(tree.root().resolve(c.path().substring(1)).toString(), "");
            String where = tree.describe(c.path());
            if (!c.fingerprint().isEmpty()) {
                Optional<CertificateFingerprint> got = parseFp(c.fingerprint());
                if (got.isEmpty() || !got.get().equals(fp)) {
                    out.add(clientFinding(CLIENT_FINGERPRINT, Severity.ERROR, "Step client trusts another root in " + tree.label(),
                            where + " has fingerprint \"" + c.fingerprint() + "\", the CA's root is " + fp + ".",
                            "Run 'step ca bootstrap --ca-url " + caUrl + " --fingerprint " + fp + " --force' in " + tree.label() + ".",
                            tree, new Location(loc.file(), "/fingerprint", 0, 0)));
                }
            }
            if (!c.root().isEmpty()) {
                String problem = "";
                try {
                    Path rf = tree.resolve(c.root());
                    if (!Files.isRegularFile(rf)) {
                        problem = "does not exist";
                    } else {
                        X509Certificate r = PkiLoader.certificate(Files.readAllBytes(rf), tree.describe(c.root()));
                        if (!fp.matches(r)) {
                            problem = "holds another certificate (SHA-256 " + CertificateFingerprint.of(r) + ")";
                        }
                    }
                } catch (IOException | java.security.cert.CertificateException e) {
                    problem = "cannot be read (" + e.getMessage() + ")";
                }
                if (!problem.isEmpty()) {
                    out.add(clientFinding(CLIENT_ROOT, Severity.ERROR, "Step client's root file is not the CA's root in " + tree.label(),
                            where + " names root " + c.root() + ", which " + problem + "; the CA's root is " + fp + ".",
                            "Run 'step ca bootstrap --ca-url " + caUrl + " --fingerprint " + fp + " --force' in " + tree.label() + ".",
                            tree, new Location(loc.file(), "/root", 0, 0)));
                }
            }
            if (!c.caUrl().isEmpty()) {
                String host = "";
                try {
                    host = Optional.ofNullable(URI.create(c.caUrl()).getHost()).orElse("");
                } catch (IllegalArgumentException e) {
                    host = "";
                }
                Set<String> ok = Set.of(caDnsName.toLowerCase(Locale.ROOT), Optional.ofNullable(caUrl.getHost()).orElse("").toLowerCase(Locale.ROOT));
                if (!ok.contains(host.toLowerCase(Locale.ROOT))) {
                    out.add(clientFinding(CLIENT_CA_URL, Severity.WARNING, "Step client talks to another CA in " + tree.label(),
                            where + " has ca-url \"" + c.caUrl() + "\", the CA is " + caDnsName + ".",
                            "Run 'step ca bootstrap --ca-url https://" + caDnsName + " --fingerprint " + fp + " --force' in "
                                    + tree.label() + ".", tree, new Location(loc.file(), "/ca-url", 0, 0)));
                }
            }
        }
        return out;
    }

    private static Optional<CertificateFingerprint> parseFp(String s) {
        try {
            return Optional.of(CertificateFingerprint.parse(s));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Finding clientFinding(String id, Severity sev, String title, String message, String fix, RootFs tree,
                                         Location loc) {
        return Finding.builder(id, sev).title(title).message(message).subject(tree.label()).evidence(message)
                .remediation(fix).location(loc).build();
    }

    private static Finding caFinding(StepCaException e, String subject, String caDnsName) {
        return switch (e.kind()) {
            case FINGERPRINT_MISMATCH -> Finding.builder(FINGERPRINT_MISMATCH, Severity.CRITICAL)
                    .title("Step-CA serves a different root than expected").message(e.getMessage() + ".")
                    .subject(subject).remediation("Find out whether the CA was re-initialised; if so, distribute the new"
                            + " root fingerprint (step ca bootstrap --force) and re-issue the certificates.").build();
            case TLS_UNTRUSTED -> Finding.builder(TLS_UNTRUSTED, Severity.ERROR)
                    .title("Step-CA's TLS certificate does not chain to its root").message(e.getMessage() + ".")
                    .subject(subject).remediation("Check that the address reaches the real step-ca and not a proxy,"
                            + " and that step-ca's TLS certificate was issued by its own intermediate.").build();
            case TLS_NAME_MISMATCH -> Finding.builder(TLS_NAME_MISMATCH, Severity.ERROR)
                    .title("Step-CA's TLS certificate does not name " + caDnsName).message(e.getMessage() + ".")
                    .subject(subject).remediation("Add " + caDnsName + " to \"dnsNames\" in step-ca's ca.json and restart step-ca.").build();
            default -> Finding.builder(UNREACHABLE, Severity.ERROR).title("Step-CA cannot be used")
                    .message(e.getMessage() + ".").subject(subject)
                    .remediation("Check that step-ca runs and that the firewall lets this host reach " + e.endpoint().getHost()
                            + ":" + e.endpoint().getPort() + ".").build();
        };
    }
}
