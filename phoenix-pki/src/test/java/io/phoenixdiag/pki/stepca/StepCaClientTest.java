package io.phoenixdiag.pki.stepca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.phoenixdiag.core.diag.Finding;
import io.phoenixdiag.core.diag.Location;
import io.phoenixdiag.core.diag.Severity;
import io.phoenixdiag.pki.cert.CertificateBuilder;
import io.phoenixdiag.pki.cert.ChainBuilder;
import io.phoenixdiag.pki.cert.IssuedCertificate;
import io.phoenixdiag.pki.cert.IssuedChain;
import io.phoenixdiag.pki.truststore.CertificateFingerprint;
import io.phoenixdiag.pki.truststore.RootFs;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StepCaClientTest {
    static final String DNS = "ca.internal.homelab.example";
    static final Clock CLOCK = Clock.systemUTC();
    static IssuedChain chain;
    static StepCaStandIn ca;
    static CertificateFingerprint fp;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() throws Exception {
        chain = ChainBuilder.stepCa(DNS, "127.0.0.1").caName("Homelab Internal CA").build();
        ca = StepCaStandIn.start(chain);
        fp = CertificateFingerprint.of(chain.root().certificate());
    }

    @AfterAll
    static void stop() {
        ca.close();
    }

    @BeforeEach
    void reset() {
        ca.intermediatesConfigured(true);
        ca.htmlHealth(false);
        ca.lieAboutRoot(false);
        ca.delayMs(0);
    }

    private static StepCaClient.Builder client() {
        return StepCaClient.builder(ca.url()).rootFingerprint(fp).serverName(DNS).connectTimeoutMs(2000).requestTimeoutMs(5000);
    }

    @Test
    void bootstrapsByFingerprintAndReadsEveryEndpoint() throws Exception {
        StepCaClient c = client().build();
        assertEquals(chain.root().certificate(), c.rootCertificate());
        assertEquals("ok", c.health());
        assertEquals(new CaVersion("0.28.1", false), c.version());
        assertEquals(List.of(chain.root().certificate()), c.roots());
        assertEquals(List.of(chain.root().certificate()), c.rootsPem());
        assertEquals(chain.intermediateCertificates(), c.intermediates());
        assertEquals(chain.intermediateCertificates(), c.intermediatesPem());
        assertEquals(chain.root().certificate(), c.root(fp));
        assertEquals(ca.presented(), c.presentedChain());
    }

    @Test
    void noIntermediatesIs501AndAnEmptyList() throws Exception {
        ca.intermediatesConfigured(false);
        StepCaClient c = client().build();
        assertEquals(List.of(), c.intermediates());
        assertEquals(List.of(), c.intermediatesPem());
    }

    @Test
    void unknownFingerprintIsStepCas404() {
        CertificateFingerprint other = CertificateFingerprint.of(CertificateBuilder.root("x").build().certificate());
        StepCaException e = assertThrows(StepCaException.class,
                () -> StepCaClient.builder(ca.url()).rootFingerprint(other).serverName(DNS).build().health());
        assertEquals(StepCaException.Kind.HTTP_ERROR, e.kind());
        assertEquals(404, e.status());
        assertEquals("HTTP_ERROR " + ca.url() + "/root/" + other.hex() + ": HTTP 404 \"root certificate with fingerprint \""
                + other.hex() + "\" was not found\", expected [200]", e.getMessage());
    }

    @Test
    void aCaServingAnotherRootFailsTheFingerprintCheck() {
        ca.lieAboutRoot(true);
        CertificateFingerprint other = CertificateFingerprint.of(CertificateBuilder.root("x").build().certificate());
        StepCaException e = assertThrows(StepCaException.class,
                () -> StepCaClient.builder(ca.url()).rootFingerprint(other).serverName(DNS).build().rootCertificate());
        assertEquals(StepCaException.Kind.FINGERPRINT_MISMATCH, e.kind());
        assertEquals("FINGERPRINT_MISMATCH " + ca.url() + "/root/" + other.hex() + ": the CA served a root with SHA-256 "
                + fp.hex() + ", expected " + other.hex(), e.getMessage());
    }

    @Test
    void htmlInsteadOfJsonIsNotJson() {
        ca.htmlHealth(true);
        StepCaException e = assertThrows(StepCaException.class, () -> client().build().health());
        assertEquals(StepCaException.Kind.NOT_JSON, e.kind());
        assertEquals("NOT_JSON " + ca.url() + "/health: expected a JSON object, got 41 bytes of text/html", e.getMessage());
    }

    @Test
    void tlsForAnotherNameOrRootIsRefused() {
        StepCaClient wrongName = StepCaClient.builder(ca.url()).rootCertificate(chain.root().certificate())
                .serverName("other.homelab.example").build();
        StepCaException e = assertThrows(StepCaException.class, wrongName::health);
        assertEquals(StepCaException.Kind.TLS_NAME_MISMATCH, e.kind());
        assertEquals(ca.presented(), wrongName.presentedChain());

        IssuedCertificate otherRoot = CertificateBuilder.root("Homelab Internal CA Root CA").build();
        StepCaException u = assertThrows(StepCaException.class, () -> StepCaClient.builder(ca.url())
                .rootCertificate(otherRoot.certificate()).serverName(DNS).build().health());
        assertEquals(StepCaException.Kind.TLS_UNTRUSTED, u.kind());
        assertTrue(u.getMessage().contains("WRONG_ROOT"), u.getMessage());
    }

    @Test
    void closedPortIsUnreachableAndSlowAnswerTimesOut() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            port = s.getLocalPort();
        }
        StepCaException e = assertThrows(StepCaException.class, () -> StepCaClient.builder(
                URI.create("https://127.0.0.1:" + port)).rootFingerprint(fp).build().health());
        assertEquals(StepCaException.Kind.UNREACHABLE, e.kind());

        ca.delayMs(3000);
        StepCaException t = assertThrows(StepCaException.class, () -> client().requestTimeoutMs(300).build().health());
        assertEquals(StepCaException.Kind.TIMEOUT, t.kind());
        assertEquals("TIMEOUT " + ca.url() + "/root/" + fp.hex() + ": no answer within 300 ms", t.getMessage());
    }

    @Test
    void builderRejectsImpossibleSettings() {
        assertThrows(IllegalArgumentException.class, () -> StepCaClient.builder(URI.create("http://ca:9000")));
        assertThrows(IllegalArgumentException.class, () -> client().connectTimeoutMs(0));
        assertThrows(IllegalStateException.class, () -> StepCaClient.builder(ca.url()).build());
    }

    @Test
    void checksCompareTheServedRootWithTrustStoresAndStepClients() throws Exception {
        Path lxc = tmp.resolve("102");
        IssuedCertificate old = CertificateBuilder.root("Homelab Internal CA Root CA").build();
        CertificateFingerprint oldFp = CertificateFingerprint.of(old.certificate());
        write(lxc, "/etc/ssl/certs/ca-certificates.crt", old.certificatePem());
        write(lxc, "/root/.step/certs/root_ca.crt", chain.rootPem());
        write(lxc, "/root/.step/config/defaults.json", "{\"ca-url\":\"https://" + DNS + "\",\"fingerprint\":\""
                + fp.colonSeparated() + "\",\"root\":\"/root/.step/certs/root_ca.crt\"}");
        write(lxc, "/home/admin/.step/certs/root_ca.crt", old.certificatePem());
        write(lxc, "/home/admin/.step/config/defaults.json", "{\"ca-url\":\"https://" + DNS + ":443\",\"fingerprint\":\""
                + oldFp.hex() + "\",\"root\":\"/home/admin/.step/certs/root_ca.crt\"}");
        write(lxc, "/etc/environment", "PATH=/usr/bin\nSTEPPATH=\"/opt/step\"\n");
        write(lxc, "/opt/step/config/defaults.json", "{\"ca-url\":\"https://ca.old.example\"}");
        write(lxc, "/etc/step/config/defaults.json", "not json");

        StepCaReport r = StepCaChecks.check(client().build(), DNS, List.of(RootFs.of(lxc, "lxc:102")), CLOCK);

        assertEquals(chain.root().certificate(), r.root().orElseThrow());
        assertEquals(ca.presented(), r.tlsChain());
        assertEquals(List.of("/root/.step/config/defaults.json", "/home/admin/.step/config/defaults.json",
                "/opt/step/config/defaults.json"), r.clientConfigs().stream().map(StepClientConfig::path).toList());
        assertEquals(List.of("pki.ca-stale", "pki.step-client-config-invalid", "pki.step-client-fingerprint-mismatch",
                "pki.step-client-root-mismatch", "pki.step-client-ca-url-mismatch"),
                r.findings().stream().map(Finding::checkId).toList());
        Finding f = r.findings().get(2);
        assertEquals(Severity.ERROR, f.severity());
        assertEquals("/home/admin/.step/config/defaults.json in lxc:102 has fingerprint \"" + oldFp.hex()
                + "\", the CA's root is " + fp.hex() + ".", f.message());
        assertEquals(List.of(new Location(lxc.resolve("home/admin/.step/config/defaults.json").toString(), "/fingerprint", 0, 0)),
                f.locations());
        assertEquals("Run 'step ca bootstrap --ca-url " + ca.url() + " --fingerprint " + fp.hex() + " --force' in lxc:102.",
                f.remediation());
    }

    @Test
    void caTlsCertificateWithoutTheDnsNameIsReported() throws Exception {
        IssuedChain ipOnly = ChainBuilder.stepCa("127.0.0.1").caName("Homelab Internal CA").build();
        try (StepCaStandIn other = StepCaStandIn.start(ipOnly)) {
            StepCaClient c = StepCaClient.builder(other.url())
                    .rootFingerprint(CertificateFingerprint.of(ipOnly.root().certificate())).build();
            StepCaReport r = StepCaChecks.check(c, DNS, List.of(), CLOCK);
            assertEquals(List.of("pki.stepca-tls-name-mismatch"), r.findings().stream().map(Finding::checkId).toList());
            assertEquals("Add " + DNS + " to \"dnsNames\" in step-ca's ca.json and restart step-ca.",
                    r.findings().get(0).remediation());
        }
    }

    @Test
    void unreachableCaIsAFindingNotAnException() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            port = s.getLocalPort();
        }
        StepCaReport r = StepCaChecks.check(StepCaClient.builder(URI.create("https://127.0.0.1:" + port))
                .rootFingerprint(fp).build(), DNS, List.of(), CLOCK);
        assertEquals(List.of("pki.stepca-unreachable"), r.findings().stream().map(Finding::checkId).toList());
        assertEquals("Check that step-ca runs and that the firewall lets this host reach 127.0.0.1:" + port + ".",
                r.findings().get(0).remediation());
    }

    private static void write(Path root, String inRoot, String content) throws Exception {
        Path p = root.resolve(inRoot.substring(1));
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
    }
}
