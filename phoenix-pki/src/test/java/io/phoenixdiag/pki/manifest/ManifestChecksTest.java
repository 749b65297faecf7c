package io.phoenixdiag.pki.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.phoenixdiag.core.diag.Finding;
import io.phoenixdiag.core.diag.Location;
import io.phoenixdiag.core.diag.Severity;
import io.phoenixdiag.pki.cert.CertificateBuilder;
import io.phoenixdiag.pki.cert.ChainBuilder;
import io.phoenixdiag.pki.cert.IssuedChain;
import io.phoenixdiag.pki.pem.PemEncoder;
import io.phoenixdiag.pki.truststore.CertificateFingerprint;
import io.phoenixdiag.pki.truststore.RootFs;

class ManifestChecksTest {
    static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final String CN = "nginx.internal.homelab.example";
    static final IssuedChain CHAIN = ChainBuilder.stepCa(CN, "portainer.internal.homelab.example")
            .caName("Homelab Internal CA").clock(CLOCK).build();
    static final String CERT = "/mnt/pve/quickOS/lxc-persistent-data/101/ssl/" + CN + ".crt";
    static final String KEY = "/mnt/pve/quickOS/lxc-persistent-data/101/ssl/" + CN + ".key";
    static final boolean ROOT_USER = "root".equals(System.getProperty("user.name"));
    static final boolean CI = "true".equals(System.getenv("CI"));

    @TempDir
    Path tmp;
    Path rootDir;
    RootFs rootFs;

    @BeforeEach
    void setUp() throws Exception {
        rootDir = tmp.resolve("host");
        Files.createDirectories(rootDir.resolve("etc"));
        Files.writeString(rootDir.resolve("etc/passwd"),
                "root:x:0:0:root:/root:/bin/bash\nwww-data:x:33:33:www-data:/var/www:/usr/sbin/nologin\n"
                        + "nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n");
        Files.writeString(rootDir.resolve("etc/group"), "root:x:0:\nwww-data:x:33:\nnogroup:x:65534:\n");
        rootFs = RootFs.of(rootDir, "host");
    }

    private static ManifestEntry entry(String owner, String mode) {
        return ManifestEntry.of(CN, List.of(CN, "portainer.internal.homelab.example"), CERT, KEY, owner, mode,
                "pct exec 101 -- systemctl reload nginx", Location.ofPointer("certificate-manifest.json", "/0"));
    }

    private Path write(String inRoot, String content, String mode, int uid, int gid) throws Exception {
        Path p = rootDir.resolve(inRoot.substring(1));
        Files.createDirectories(p.getParent());
        Files.writeString(p, content, StandardCharsets.US_ASCII);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(mode));
        if (ROOT_USER) {
            Files.setAttribute(p, "unix:uid", uid);
            Files.setAttribute(p, "unix:gid", gid);
        }
        return p;
    }

    private void files(IssuedChain chain, String keyMode) throws Exception {
        write(CERT, chain.presentedChainPem(), "rw-r-----", 0, 33);
        write(KEY, chain.leaf().privateKeyPem(), keyMode, 0, 33);
    }

    private static ManifestPolicy at(Duration afterNow) {
        return ManifestPolicy.defaults(Clock.offset(CLOCK, afterNow));
    }

    private static List<String> ids(EntryReport r) {
        return r.findings().stream().map(Finding::checkId).toList();
    }

    @Test
    void compliantEntryHasNoFindingAndItsRemainingLifetime() throws Exception {
        assumeTrue(ROOT_USER || CI, "chown needs root");
        files(CHAIN, "rw-r-----");
        EntryReport r = ManifestChecks.check(entry("root:www-data", "640"), rootFs,
                StepCaRoot.of(CHAIN.root().certificate()), at(Duration.ofHours(1)));
        assertEquals(List.of(), r.findings());
        assertTrue(r.compliant());
        assertEquals(CHAIN.leaf().certificate(), r.certificate().orElseThrow());
        // leaf lives 24 h from NOW - 1 min; at NOW + 1 h, 22 h 59 min remain
        assertEquals((22 * 3600 + 59 * 60) / 86400.0, r.remainingFraction().orElseThrow(), 1e-9);
    }

    @Test
    void lessThanHalfTheLifetimeLeftIsRenewalFailingAndExpiredIsCritical() throws Exception {
        files(CHAIN, "rw-r-----");
        StepCaRoot anchor = StepCaRoot.of(CHAIN.root().certificate());
        EntryReport warn = ManifestChecks.check(entry("root:www-data", "640"), rootFs, anchor, at(Duration.ofHours(13)));
        Finding w = warn.findings().stream().filter(f -> f.checkId().equals("pki.renewal-failing")).findFirst().orElseThrow();
        assertEquals(Severity.WARNING, w.severity());
        assertEquals(CERT + " has 10h 59m of its 1d 0h lifetime left (46%, below 50%): renewal should have happened already.",
                w.message());
        assertEquals("Check the renewal manager (renewal, then: pct exec 101 -- systemctl reload nginx) and the CA's"
                + " reachability.", w.remediation());

        EntryReport fine = ManifestChecks.check(entry("root:www-data", "640"), rootFs, anchor,
                new ManifestPolicy(Clock.offset(CLOCK, Duration.ofHours(13)), 0.25));
        assertFalse(ids(fine).contains("pki.renewal-failing"));

        EntryReport expired = ManifestChecks.check(entry("root:www-data", "640"), rootFs, anchor, at(Duration.ofHours(30)));
        Finding x = expired.findings().stream().filter(f -> f.checkId().equals("pki.cert-expired")).findFirst().orElseThrow();
        assertEquals(Severity.CRITICAL, x.severity());
        assertEquals(CERT + " expired at 2025-06-02T11:59:00Z, 6h 01m ago.", x.message());
        assertFalse(ids(expired).contains("pki.manifest-chain-invalid"), "expiry is reported once");
        assertTrue(expired.remainingFraction().orElseThrow() < 0);
    }

    @Test
    void worldReadableKeyRequestedByTheManifestPointsAtIt() throws Exception {
        files(CHAIN, "rw-r--r--");
        EntryReport r = ManifestChecks.check(entry("root:www-data", "644"), rootFs,
                StepCaRoot.of(CHAIN.root().certificate()), at(Duration.ofHours(1)));
        Finding f = r.findings().stream().filter(x -> x.checkId().equals("pki.key-readable-by-others")).findFirst().orElseThrow();
        assertEquals(Severity.ERROR, f.severity());
        assertEquals(List.of(Location.ofPointer("certificate-manifest.json", "/0/permissions"),
                Location.ofFile(rootDir.resolve(KEY.substring(1)).toString())), f.locations());
        assertEquals(KEY + " in host has mode 644: every local user of host can read the private key, because the"
                + " manifest asks for 644.", f.message());
        assertEquals(List.of("host", CN), f.subjects());
        String keyB64 = CHAIN.leaf().privateKeyPem().split("\n")[1];
        assertFalse(r.findings().toString().contains(keyB64));
    }

    @Test
    void everyDefectOfOneEntryIsReported() throws Exception {
        assumeTrue(ROOT_USER || CI, "chown needs root");
        IssuedChain other = ChainBuilder.stepCa("wrong.example").caName("Homelab Internal CA").clock(CLOCK).build();
        write(CERT, other.presentedChainPem(), "rw-r-----", 65534, 65534);
        write(KEY, CHAIN.leaf().privateKeyPem(), "rw-r--r--", 0, 0);

        EntryReport r = ManifestChecks.check(entry("root:www-data", "640"), rootFs,
                StepCaRoot.of(CHAIN.root().certificate()), at(Duration.ofHours(1)));

        assertEquals(List.of("pki.manifest-key-mismatch", "pki.manifest-san-mismatch", "pki.manifest-chain-invalid",
                "pki.manifest-owner-mismatch", "pki.manifest-owner-mismatch", "pki.manifest-mode-mismatch",
                "pki.key-readable-by-others"), ids(r));
        assertEquals("The certificate in " + CERT + " has SAN [wrong.example], the manifest wants"
                + " [nginx.internal.homelab.example, portainer.internal.homelab.example]; missing"
                + " [nginx.internal.homelab.example, portainer.internal.homelab.example]; extra [wrong.example].",
                r.findings().get(1).message());
        assertTrue(r.findings().get(2).message().contains(": WRONG_ROOT at "),
                r.findings().get(2).message());
        assertEquals(CERT + " in host is owned by nobody:nogroup (uid 65534, gid 65534), the manifest wants root:www-data.",
                r.findings().get(3).message());
        assertEquals("chown root:www-data " + CERT + " in host.", r.findings().get(3).remediation());
        assertEquals(List.of(Location.ofFile(rootDir.resolve(KEY.substring(1)).toString())),
                r.findings().get(6).locations());
    }

    @Test
    void missingIntermediateAndMissingKeyAreFindingsNotExceptions() throws Exception {
        write(CERT, CHAIN.leaf().certificatePem(), "rw-r-----", 0, 33);
        EntryReport r = ManifestChecks.check(entry("root:www-data", "640"), rootFs,
                StepCaRoot.of(CHAIN.root().certificate()), at(Duration.ofHours(1)));
        assertEquals(List.of("pki.manifest-file-missing", "pki.manifest-chain-invalid"),
                ids(r).stream().filter(i -> !i.equals("pki.manifest-owner-mismatch")).toList());
        assertEquals(KEY + " in host does not exist.", r.findings().get(0).message());
        assertEquals(CERT + " does not validate to the root with SHA-256 " + CertificateFingerprint.of(CHAIN.root().certificate())
                + ": UNKNOWN_ISSUER at CN=nginx.internal.homelab.example: No presented or trusted certificate is the issuer"
                + " CN=Homelab Internal CA Intermediate CA of CN=nginx.internal.homelab.example.", r.findings().get(1).message());

        EntryReport withCaIntermediates = ManifestChecks.check(entry("root:www-data", "640"), rootFs,
                StepCaRoot.of(CHAIN.root().certificate()).withIntermediates(CHAIN.intermediateCertificates()),
                at(Duration.ofHours(1)));
        Finding missing = withCaIntermediates.findings().stream()
                .filter(f -> f.checkId().equals("pki.manifest-chain-invalid")).findFirst().orElseThrow();
        assertTrue(missing.message().contains(": MISSING_INTERMEDIATE at CN=nginx.internal.homelab.example: "),
                missing.message());
    }

    @Test
    void fingerprintOnlyAnchorChecksTheChainWhenTheFileHoldsTheRoot() throws Exception {
        files(CHAIN, "rw-r-----");
        StepCaRoot byFp = StepCaRoot.of(CertificateFingerprint.of(CHAIN.root().certificate()));
        EntryReport r = ManifestChecks.check(entry("root:www-data", "640"), rootFs, byFp, at(Duration.ofHours(1)));
        assertTrue(ids(r).contains("pki.manifest-chain-not-checked"));

        write(CERT, CHAIN.presentedChainPem() + CHAIN.rootPem(), "rw-r-----", 0, 33);
        EntryReport r2 = ManifestChecks.check(entry("root:www-data", "640"), rootFs, byFp, at(Duration.ofHours(1)));
        assertFalse(ids(r2).contains("pki.manifest-chain-not-checked"));
        assertFalse(ids(r2).contains("pki.manifest-chain-invalid"));
    }

    @Test
    void unknownOwnerIsResolvedWithTheInspectedRootNotTheJvm() throws Exception {
        files(CHAIN, "rw-r-----");
        EntryReport r = ManifestChecks.check(entry("traefik:traefik", "640"), rootFs,
                StepCaRoot.of(CHAIN.root().certificate()), at(Duration.ofHours(1)));
        Finding f = r.findings().stream().filter(x -> x.checkId().equals("pki.manifest-owner-unknown")).findFirst().orElseThrow();
        assertEquals(List.of(Location.ofPointer("certificate-manifest.json", "/0/owner")), f.locations());
        assertTrue(f.message().startsWith("user 'traefik' is not in /etc/passwd of host; "), f.message());
    }

    @Test
    void keyMatchWorksForRsaAndRejectsOtherKeys() {
        IssuedChain rsa = ChainBuilder.stepCa("rsa.example").keyType(io.phoenixdiag.pki.cert.KeyType.RSA_2048).build();
        assertTrue(ManifestChecks.matches(rsa.leaf().keyPair().getPrivate(), rsa.leaf().certificate().getPublicKey()));
        assertFalse(ManifestChecks.matches(rsa.leaf().keyPair().getPrivate(), CHAIN.leaf().certificate().getPublicKey()));
        assertFalse(ManifestChecks.matches(CHAIN.intermediates().get(0).keyPair().getPrivate(),
                CHAIN.leaf().certificate().getPublicKey()));
    }

    @Test
    void staticCheckOfTheReferenceManifestFlagsTheWorldReadableTraefikKey() throws Exception {
        Path shared = Path.of(System.getProperty("phoenix.shared", "../../shared"));
        Path manifest = shared.resolve("reference/phoenix/certificate-manifest.json");
        if (!CI) {
            assumeTrue(Files.isRegularFile(manifest), "shared reference deployment absent");
        }
        List<ManifestEntry> entries = ManifestReader.read(Files.readAllBytes(manifest), "certificate-manifest.json");
        assertEquals(3, entries.size());
        assertEquals(List.of("nginx.internal.homelab.example", "portainer.internal.homelab.example"),
                entries.get(0).expectedSans());
        assertEquals(List.of("portainer.internal.homelab.example"), entries.get(1).expectedSans());
        assertEquals("nobody", entries.get(1).owner());
        assertEquals("nogroup", entries.get(1).group());
        List<Finding> findings = ManifestChecks.checkStatic(entries);
        assertEquals(1, findings.size());
        Finding f = findings.get(0);
        assertEquals("pki.manifest-key-mode-too-open", f.checkId());
        assertEquals(Severity.ERROR, f.severity());
        assertEquals(List.of(Location.ofPointer("certificate-manifest.json", "/2/permissions")), f.locations());
        assertEquals("The manifest asks for mode 644 on /mnt/pve/quickOS/lxc-persistent-data/102/certs/"
                + "traefik.internal.homelab.example.key, which gives every local user read access to the private key.",
                f.message());
    }

    @Test
    void malformedManifestsAreTypedErrorsWithPointers() {
        ManifestFormatException e = assertThrows(ManifestFormatException.class, () -> ManifestReader.read(
                "[{\"common_name\":\"a\",\"cert_path\":\"/a\",\"key_path\":\"/k\",\"owner\":\"root:root\",\"permissions\":600}]"
                        .getBytes(StandardCharsets.UTF_8), "m.json"));
        assertEquals("m.json#/0/permissions: expected a string \"permissions\", got NUMBER", e.getMessage());
        ManifestFormatException syntax = assertThrows(ManifestFormatException.class,
                () -> ManifestReader.read("[\n{,".getBytes(StandardCharsets.UTF_8), "m.json"));
        assertTrue(syntax.getMessage().startsWith("m.json:2:"), syntax.getMessage());
        assertEquals(List.of("pki.manifest-invalid", "pki.manifest-invalid"), ManifestChecks.checkStatic(List.of(
                ManifestEntry.of("a", List.of(), "rel/a.crt", "/a.key", "root:root", "rw-r-----", "",
                        Location.ofPointer("m.json", "/0")))).stream().map(Finding::checkId).toList());
    }
}
