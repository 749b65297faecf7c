package io.phoenixdiag.pki.truststore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.phoenixdiag.pki.cert.CertificateBuilder;
import io.phoenixdiag.pki.pem.PemEncoder;

class OpenSslNameHashTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {
        "CN=Homelab Internal CA",
        "CN=  Homelab   INTERNAL\tCA  ,O=Phoenix Lab,C=DE",
        "CN=ca.internal.homelab.example+OU=PKI,O=MiXeD Case",
        "CN=Zürich Wurzel-CA ÄÖÜ,O=Grüße",
        "E=admin@homelab.example,CN=Mail CA",
        ""
    })
    void matchesOpensslX509Hash(String dn) throws Exception {
        boolean ci = "true".equals(System.getenv("CI"));
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")) || ci, "openssl not installed");
        X509Certificate c = dn.isEmpty()
                ? CertificateBuilder.leaf(CertificateBuilder.root("x").build(), "a.example").subject("").build().certificate()
                : CertificateBuilder.root("x").subject(dn).build().certificate();
        Path pem = tmp.resolve("c.pem");
        Files.writeString(pem, PemEncoder.certificate(c));
        String expected = FakeRoot.run("openssl", "x509", "-hash", "-noout", "-in", pem.toString()).strip();
        assertEquals(expected, OpenSslNameHash.subjectHash(c));
    }

    @org.junit.jupiter.api.Test
    void rejectsBytesThatAreNotAName() {
        assertThrows(IllegalArgumentException.class, () -> OpenSslNameHash.hash(new byte[] {1, 2, 3}));
    }
}
