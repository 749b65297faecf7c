package io.phoenixdiag.pki.describe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.phoenixdiag.pki.cert.CertificateBuilder;
import io.phoenixdiag.pki.cert.IssuedCertificate;
import io.phoenixdiag.pki.cert.KeyType;

class CertificateDescriptionTest {
    static final Clock BUILT = Clock.fixed(Instant.parse("2025-06-01T12:00:00Z"), ZoneOffset.UTC);
    static final Clock LATER = Clock.fixed(Instant.parse("2025-06-01T18:30:00Z"), ZoneOffset.UTC);
    static final IssuedCertificate ROOT = CertificateBuilder.root("Phoenix Root CA").clock(BUILT).build();
    static final IssuedCertificate INTER = CertificateBuilder.intermediate("Phoenix Intermediate CA", ROOT).clock(BUILT).build();
    static final IssuedCertificate LEAF = CertificateBuilder.leaf(INTER, "nginx.phoenix.lan", "10.0.0.10").clock(BUILT)
            .serial(new BigInteger("1f2e3d", 16)).build();

    @Test
    void leafSummaryLikeStepInspect() {
        CertificateDescription d = CertificateDescription.of(LEAF.certificate(), LATER);
        CertificateDescription i = CertificateDescription.of(INTER.certificate(), LATER);
        assertEquals(i.subjectKeyId(), d.authorityKeyId());
        assertEquals(40, d.subjectKeyId().length());
        assertEquals(LEAF.fingerprint(), d.sha256Fingerprint());
        assertEquals("Certificate:\n"
                + "    Subject:            CN=nginx.phoenix.lan\n"
                + "    Issuer:             CN=Phoenix Intermediate CA\n"
                + "    Serial:             0x1f2e3d\n"
                + "    Not Before:         2025-06-01T11:59:00Z\n"
                + "    Not After:          2025-06-02T11:59:00Z (17h29m left of 1d0h0m)\n"
                + "    SANs:               DNS:nginx.phoenix.lan, IP:10.0.0.10\n"
                + "    Public Key:         EC P-256 (256 bits)\n"
                + "    Signature:          SHA256withECDSA\n"
                + "    Basic Constraints:  CA:FALSE\n"
                + "    Key Usage:          digitalSignature\n"
                + "    Ext Key Usage:      serverAuth, clientAuth\n"
                + "    Subject Key ID:     " + d.subjectKeyId() + "\n"
                + "    Authority Key ID:   " + i.subjectKeyId() + "\n"
                + "    SHA-256:            " + LEAF.fingerprint() + "\n"
                + "    SPKI SHA-256:       " + d.spkiSha256() + "\n", d.toText());
        assertEquals(62940, d.secondsLeft());
        assertEquals(86400, d.lifetimeSeconds());
    }

    @Test
    void rootAndRsaAndExpired() {
        CertificateDescription r = CertificateDescription.of(ROOT.certificate(),
                Clock.fixed(Instant.parse("2036-01-01T00:00:00Z"), ZoneOffset.UTC));
        assertEquals(true, r.ca());
        assertEquals(1, r.pathLength());
        assertEquals(true, r.selfSigned());
        assertEquals(List.of("keyCertSign", "cRLSign"), r.keyUsage());
        assertEquals(List.of(), r.extendedKeyUsage());
        assertEquals(r.subjectKeyId(), r.authorityKeyId());
        assertEquals("    Not After:          2035-05-30T11:59:00Z (expired 215d12h1m ago)",
                r.toText().lines().filter(l -> l.contains("Not After")).findFirst().orElseThrow());
        IssuedCertificate rsa = CertificateBuilder.root("RSA Root").keyType(KeyType.RSA_2048).clock(BUILT).build();
        CertificateDescription d = CertificateDescription.of(rsa.certificate(), BUILT);
        assertEquals("RSA", d.keyAlgorithm());
        assertEquals(2048, d.keyBits());
        assertEquals("", d.curve());
    }

    @Test
    void jsonHasComponentNamesAsKeys() throws Exception {
        CertificateDescription d = CertificateDescription.of(LEAF.certificate(), LATER);
        JsonNode j = new ObjectMapper().readTree(d.toJson());
        assertEquals("CN=nginx.phoenix.lan", j.get("subject").asText());
        assertEquals("1f2e3d", j.get("serial").asText());
        assertEquals(62940, j.get("secondsLeft").asLong());
        assertEquals("DNS:nginx.phoenix.lan", j.get("subjectAlternativeNames").get(0).asText());
        assertEquals("IP:10.0.0.10", j.get("subjectAlternativeNames").get(1).asText());
        assertEquals("P-256", j.get("curve").asText());
        assertEquals(-1, j.get("pathLength").asInt());
        assertEquals(LEAF.fingerprint(), j.get("sha256Fingerprint").asText());
        assertEquals(22, j.size());
    }
}
