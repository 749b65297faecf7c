package io.phoenixdiag.pki.truststore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
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
import io.phoenixdiag.pki.cert.IssuedCertificate;
import io.phoenixdiag.pki.pem.PemEncoder;

class TrustStoreInspectorTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2025-06-01T12:00:00Z"), ZoneOffset.UTC);
    static final IssuedCertificate ROOT = CertificateBuilder.root("Homelab Internal CA").clock(CLOCK).build();
    static final IssuedCertificate OLD_ROOT = CertificateBuilder.root("Homelab Internal CA").clock(CLOCK).build();
    static final IssuedCertificate OTHER = CertificateBuilder.root("ISRG Root X1").clock(CLOCK).build();

    @TempDir
    Path tmp;
    FakeRoot fs;
    X509Certificate root;

    @BeforeEach
    void setUp() throws Exception {
        fs = new FakeRoot(tmp.resolve("rootfs"));
        root = ROOT.certificate();
    }

    private static boolean ci() {
        return "true".equals(System.getenv("CI"));
    }

    private String opensslHash(X509Certificate c) throws Exception {
        assumeTrue(FakeRoot.hasOpenssl() || ci(), "openssl not installed");
        Path pem = tmp.resolve("hash-" + System.nanoTime() + ".pem");
        Files.writeString(pem, PemEncoder.certificate(c));
        return FakeRoot.run("openssl", "x509", "-hash", "-noout", "-in", pem.toString()).strip();
    }

    /** Lays out what update-ca-certificates leaves behind for a local CA (absolute links, as Debian makes them). */
    private void activated() throws Exception {
        fs.file("/usr/local/share/ca-certificates/homelab.crt", ROOT.certificatePem());
        fs.link("/etc/ssl/certs/homelab.pem", "/usr/local/share/ca-certificates/homelab.crt");
        fs.link("/etc/ssl/certs/" + opensslHash(root) + ".0", "homelab.pem");
        fs.bundle(OTHER.certificate(), root);
        fs.javaCacerts("/etc/ssl/certs/java/cacerts", "changeit".toCharArray(), OTHER.certificate(), root);
        fs.link("/usr/lib/jvm/java-17-openjdk-amd64/lib/security/cacerts", "/etc/ssl/certs/java/cacerts");
    }

    @Test
    void fullyTrustedTreeHasEveryPlaceTrustedAndNoFinding() throws Exception {
        activated();
        String hash = opensslHash(root);
        TrustStoreReport r = TrustStoreInspector.inspect(fs.rootFs("lxc:102"), root);

        assertEquals(List.of(
                new TrustStorePlace(TrustStoreKind.CA_BUNDLE, "/etc/ssl/certs/ca-certificates.crt", TrustState.TRUSTED,
                        "2 certificates, including the CA"),
                new TrustStorePlace(TrustStoreKind.HASHED_LINK, "/etc/ssl/certs/" + hash + ".0", TrustState.TRUSTED,
                        hash + ".0 -> /usr/local/share/ca-certificates/homelab.crt"),
                new TrustStorePlace(TrustStoreKind.LOCAL_CA_CERTIFICATE, "/usr/local/share/ca-certificates/homelab.crt",
                        TrustState.TRUSTED, "activated: the bundle holds it"),
                new TrustStorePlace(TrustStoreKind.JAVA_CACERTS, "/etc/ssl/certs/java/cacerts", TrustState.TRUSTED,
                        "JKS keystore with 2 certificates, including the CA")), r.places());
        assertEquals(List.of(), r.findings());
        assertTrue(r.trusted());
        assertEquals("lxc:102", r.label());
        assertEquals("CN=Homelab Internal CA", r.caSubject());
        assertEquals(CertificateFingerprint.of(root), r.ca());
    }

    @Test
    void localCaMissingFromBundleIsPresentNotActivated() throws Exception {
        fs.file("/usr/local/share/ca-certificates/homelab.crt", ROOT.certificatePem());
        fs.bundle(OTHER.certificate());
        fs.file("/etc/ssl/certs/.keep", "");

        TrustStoreReport r = TrustStoreInspector.inspect(fs.rootFs("lxc:102"), root);

        assertEquals(TrustState.ABSENT, r.places(TrustStoreKind.CA_BUNDLE).get(0).state());
        assertEquals("1 certificates, none is the CA", r.places(TrustStoreKind.CA_BUNDLE).get(0).detail());
        assertEquals(List.of(new TrustStorePlace(TrustStoreKind.LOCAL_CA_CERTIFICATE,
                "/usr/local/share/ca-certificates/homelab.crt", TrustState.PRESENT_NOT_ACTIVATED,
                "update-ca-certificates has not added it to the bundle")), r.places(TrustStoreKind.LOCAL_CA_CERTIFICATE));
        assertEquals(TrustState.ABSENT, r.places(TrustStoreKind.HASHED_LINK).get(0).state());
        assertEquals(List.of(), r.places(TrustStoreKind.JAVA_CACERTS));
        assertFalse(r.trusted());
        assertEquals(1, r.findings().size());
        Finding f = r.findings().get(0);
        assertEquals("pki.ca-not-activated", f.checkId());
        assertEquals(Severity.ERROR, f.severity());
        assertEquals("CA is present but not activated in lxc:102", f.title());
        assertEquals("Run update-ca-certificates in lxc:102.", f.remediation());
        assertEquals(List.of("lxc:102"), f.subjects());
        assertEquals(List.of(Location.ofFile(fs.dir.resolve("usr/local/share/ca-certificates/homelab.crt").toString())),
                f.locations());
    }

    @Test
    void caKnownOnlyByFingerprintAndNowhereIsNotTrusted() throws Exception {
        fs.bundle(OTHER.certificate());
        TrustStoreReport r = TrustStoreInspector.inspect(fs.rootFs("host"), CertificateFingerprint.of(root));

        assertEquals(List.of(TrustState.ABSENT, TrustState.NOT_CHECKED, TrustState.NO_STORE),
                r.places().stream().map(TrustStorePlace::state).toList());
        assertEquals("", r.caSubject());
        assertEquals(List.of("pki.ca-not-trusted"), r.findings().stream().map(Finding::checkId).toList());
        assertEquals("Copy the root certificate to /usr/local/share/ca-certificates/<name>.crt on the host"
                + " and run update-ca-certificates.", r.findings().get(0).remediation());
    }

    @Test
    void fingerprintIsEnoughWhenTheTreeHoldsTheCertificate() throws Exception {
        activated();
        TrustStoreReport r = TrustStoreInspector.inspect(fs.rootFs("lxc:102"), CertificateFingerprint.of(root));
        assertEquals("CN=Homelab Internal CA", r.caSubject());
        assertEquals(List.of(TrustState.TRUSTED, TrustState.TRUSTED, TrustState.TRUSTED, TrustState.TRUSTED),
                r.places().stream().map(TrustStorePlace::state).toList());
    }

    @Test
    void oldRootWithSameSubjectIsStale() throws Exception {
        fs.bundle(OTHER.certificate(), OLD_ROOT.certificate());
        fs.file("/usr/local/share/ca-certificates/homelab.crt", OLD_ROOT.certificatePem());
        fs.link("/etc/ssl/certs/" + opensslHash(root) + ".0", "/usr/local/share/ca-certificates/homelab.crt");

        TrustStoreReport r = TrustStoreInspector.inspect(fs.rootFs("lxc:103"), root);

        TrustStorePlace bundle = r.places(TrustStoreKind.CA_BUNDLE).get(0);
        assertEquals(TrustState.STALE, bundle.state());
        assertEquals("another certificate with the same subject, SHA-256 " + CertificateFingerprint.of(OLD_ROOT.certificate())
                + ", expires 2035-05-30T11:59:00Z", bundle.detail());
        assertEquals(TrustState.STALE, r.places(TrustStoreKind.HASHED_LINK).get(0).state());
        assertEquals(TrustState.ABSENT, r.places(TrustStoreKind.LOCAL_CA_CERTIFICATE).get(0).state());
        assertEquals(List.of("pki.ca-stale"), r.findings().stream().map(Finding::checkId).toList());
        assertEquals("Replace the old root file under /usr/local/share/ca-certificates with the current root and run"
                + " 'update-ca-certificates --fresh' in lxc:103.", r.findings().get(0).remediation());
    }

    @Test
    void missingHashLinkAndJavaStoreWithoutCaAreWarnings() throws Exception {
        fs.bundle(root);
        fs.link("/etc/ssl/certs/" + opensslHash(root) + ".0", "/nowhere.pem");
        fs.javaCacerts("/usr/lib/jvm/java-21/lib/security/cacerts", "changeit".toCharArray(), OTHER.certificate());

        TrustStoreReport r = TrustStoreInspector.inspect(fs.rootFs("vm:1001"), root);

        assertEquals(TrustState.BROKEN_LINK, r.places(TrustStoreKind.HASHED_LINK).get(0).state());
        assertEquals(opensslHash(root) + ".0 -> /nowhere.pem (missing)", r.places(TrustStoreKind.HASHED_LINK).get(0).detail());
        assertEquals(List.of(new TrustStorePlace(TrustStoreKind.JAVA_CACERTS, "/usr/lib/jvm/java-21/lib/security/cacerts",
                TrustState.ABSENT, "JKS keystore with 1 certificates, none is the CA")), r.places(TrustStoreKind.JAVA_CACERTS));
        assertEquals(List.of("pki.ca-hash-link-missing", "pki.java-ca-not-trusted"),
                r.findings().stream().map(Finding::checkId).toList());
        assertEquals(List.of(Severity.WARNING, Severity.WARNING), r.findings().stream().map(Finding::severity).toList());
    }

    @Test
    void unreadablePlacesAreReportedAndTheOthersStillChecked() throws Exception {
        fs.file("/etc/ssl/certs/ca-certificates.crt", "-----BEGIN CERTIFICATE-----\n@@@@\n-----END CERTIFICATE-----\n");
        fs.file("/usr/local/share/ca-certificates/homelab.crt", ROOT.certificatePem());
        fs.javaCacerts("/etc/ssl/certs/java/cacerts", "s3cret-pass".toCharArray(), root);

        TrustStoreReport r = TrustStoreInspector.inspect(fs.rootFs("lxc:104"), root);

        assertEquals(TrustState.UNREADABLE, r.places(TrustStoreKind.CA_BUNDLE).get(0).state());
        assertEquals(TrustState.PRESENT_NOT_ACTIVATED, r.places(TrustStoreKind.LOCAL_CA_CERTIFICATE).get(0).state());
        assertEquals(new TrustStorePlace(TrustStoreKind.JAVA_CACERTS, "/etc/ssl/certs/java/cacerts", TrustState.UNREADABLE,
                "the store password is not the JDK's public default"), r.places(TrustStoreKind.JAVA_CACERTS).get(0));
        assertEquals(List.of("pki.truststore-unreadable", "pki.truststore-unreadable"),
                r.findings().stream().map(Finding::checkId).toList());
        assertFalse(r.findings().toString().contains("s3cret"));
        assertFalse(r.findings().toString().contains("changeit"));
    }

    @Test
    void localFileWithoutCrtExtensionIsNotActivated() throws Exception {
        fs.bundle(OTHER.certificate());
        fs.file("/usr/local/share/ca-certificates/sub/homelab.pem", ROOT.certificatePem());
        TrustStoreReport r = TrustStoreInspector.inspect(fs.rootFs("lxc:105"), root);
        assertEquals(List.of(new TrustStorePlace(TrustStoreKind.LOCAL_CA_CERTIFICATE,
                "/usr/local/share/ca-certificates/sub/homelab.pem", TrustState.PRESENT_NOT_ACTIVATED,
                "update-ca-certificates reads only files named *.crt: rename it")), r.places(TrustStoreKind.LOCAL_CA_CERTIFICATE));
        assertEquals(List.of("pki.ca-not-activated"), r.findings().stream().map(Finding::checkId).toList());
    }

    @Test
    void linksMadeByRealOpensslRehashAreFollowed() throws Exception {
        assumeTrue(FakeRoot.hasOpenssl() || ci(), "openssl not installed");
        fs.bundle(OTHER.certificate(), root);
        fs.file("/etc/ssl/certs/homelab.pem", ROOT.certificatePem());
        fs.file("/etc/ssl/certs/other.pem", OTHER.certificatePem());
        FakeRoot.run("openssl", "rehash", fs.dir.resolve("etc/ssl/certs").toString());
        TrustStoreReport r = TrustStoreInspector.inspect(fs.rootFs("host"), root);
        String hash = opensslHash(root);
        assertEquals(new TrustStorePlace(TrustStoreKind.HASHED_LINK, "/etc/ssl/certs/" + hash + ".0", TrustState.TRUSTED,
                hash + ".0 -> /etc/ssl/certs/homelab.pem"), r.places(TrustStoreKind.HASHED_LINK).get(0));
    }
}
