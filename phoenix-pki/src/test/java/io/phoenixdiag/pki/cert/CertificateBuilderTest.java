package io.phoenixdiag.pki.cert;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

class CertificateBuilderTest {
    static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @Test
    void rootIntermediateLeafHaveStepCaShape() throws Exception {
        IssuedChain c = ChainBuilder.stepCa("nginx.phoenix.lan", "10.0.0.10").clock(CLOCK).build();
        X509Certificate root = c.root().certificate();
        X509Certificate inter = c.intermediates().get(0).certificate();
        X509Certificate leaf = c.leaf().certificate();

        assertEquals("CN=Phoenix Root CA", root.getSubjectX500Principal().getName());
        assertEquals(root.getSubjectX500Principal(), root.getIssuerX500Principal());
        assertEquals(1, root.getBasicConstraints());
        assertEquals(0, inter.getBasicConstraints());
        assertEquals(-1, leaf.getBasicConstraints());
        assertEquals("CN=Phoenix Intermediate CA", inter.getSubjectX500Principal().getName());
        assertEquals("CN=nginx.phoenix.lan", leaf.getSubjectX500Principal().getName());
        assertEquals(inter.getSubjectX500Principal(), leaf.getIssuerX500Principal());
        assertEquals(Instant.parse("2025-06-01T11:59:00Z"), leaf.getNotBefore().toInstant());
        assertEquals(Instant.parse("2025-06-02T11:59:00Z"), leaf.getNotAfter().toInstant());
        assertEquals(Instant.parse("2035-05-30T11:59:00Z"), root.getNotAfter().toInstant());
        assertEquals(List.of(List.of(2, "nginx.phoenix.lan"), List.of(7, "10.0.0.10")),
                List.copyOf(leaf.getSubjectAlternativeNames()));
        assertEquals(List.of("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2"), leaf.getExtendedKeyUsage());
        assertArrayEquals(new boolean[] {true, false, false, false, false, false, false, false, false}, leaf.getKeyUsage());
        assertArrayEquals(new boolean[] {false, false, false, false, false, true, true, false, false}, root.getKeyUsage());
        assertEquals("SHA256withECDSA", leaf.getSigAlgName());
        assertEquals(1, leaf.getSerialNumber().signum());
        assertEquals(128, leaf.getSerialNumber().bitLength());
        leaf.verify(inter.getPublicKey());
        inter.verify(root.getPublicKey());
        root.verify(root.getPublicKey());
        // AKI(leaf) == SKI(intermediate)
        byte[] ski = inter.getExtensionValue("2.5.29.14");
        byte[] aki = leaf.getExtensionValue("2.5.29.35");
        byte[] skiId = java.util.Arrays.copyOfRange(ski, 4, ski.length);
        byte[] akiId = java.util.Arrays.copyOfRange(aki, 6, aki.length);
        assertArrayEquals(skiId, akiId);
    }

    @Test
    void toStringNeverShowsPrivateKey() {
        IssuedCertificate leaf = ChainBuilder.stepCa("a.example").clock(CLOCK).build().leaf();
        String s = leaf.toString();
        String keyB64 = Base64.getEncoder().encodeToString(leaf.keyPair().getPrivate().getEncoded());
        assertFalse(s.contains(keyB64.substring(40, 60)));
        assertTrue(s.startsWith("IssuedCertificate[subject=CN=a.example, serial="), s);
        assertTrue(s.endsWith(", privateKey=<masked>]"), s);
        assertFalse(new IssuedChain(leaf, List.of(), leaf).toString().contains(keyB64.substring(40, 60)));
    }

    @Test
    void rsaChain() {
        IssuedChain c = ChainBuilder.stepCa("rsa.example").keyType(KeyType.RSA_2048).clock(CLOCK).build();
        assertEquals("SHA256withRSA", c.leaf().certificate().getSigAlgName());
        assertEquals("RSA", c.leaf().certificate().getPublicKey().getAlgorithm());
        assertArrayEquals(new boolean[] {true, false, true, false, false, false, false, false, false},
                c.leaf().certificate().getKeyUsage());
    }

    @Test
    void defectsProduceTheDocumentedCertificates() {
        ChainBuilder b = ChainBuilder.stepCa("svc.example").clock(CLOCK);
        assertEquals(Instant.parse("2025-06-01T11:00:00Z"),
                b.defect(ChainDefect.EXPIRED_LEAF).build().leaf().certificate().getNotAfter().toInstant());
        assertEquals(Instant.parse("2025-06-01T13:00:00Z"),
                b.defect(ChainDefect.NOT_YET_VALID_LEAF).build().leaf().certificate().getNotBefore().toInstant());
        assertEquals(Instant.parse("2025-06-01T11:00:00Z"), b.defect(ChainDefect.EXPIRED_INTERMEDIATE).build()
                .intermediates().get(0).certificate().getNotAfter().toInstant());
        assertEquals(-1, b.defect(ChainDefect.NON_CA_INTERMEDIATE).build()
                .intermediates().get(0).certificate().getBasicConstraints());
        try {
            assertEquals(List.of("1.3.6.1.5.5.7.3.3"),
                    b.defect(ChainDefect.WRONG_EKU).build().leaf().certificate().getExtendedKeyUsage());
            assertEquals(List.of(List.of(2, "wrong.svc.example")), List.copyOf(
                    b.defect(ChainDefect.WRONG_NAME).build().leaf().certificate().getSubjectAlternativeNames()));
        } catch (java.security.cert.CertificateParsingException e) {
            throw new AssertionError(e);
        }
        X509Certificate self = b.defect(ChainDefect.SELF_SIGNED_LEAF).build().leaf().certificate();
        assertEquals(self.getSubjectX500Principal(), self.getIssuerX500Principal());
        assertEquals(-1, self.getBasicConstraints());
        assertNull(self.getExtensionValue("2.5.29.35"));
    }

    @Test
    void optionsAndValidation() throws Exception {
        IssuedCertificate root = CertificateBuilder.root("R").clock(CLOCK).serial(BigInteger.TEN)
                .permittedSubtrees("phoenix.lan", "10.0.0.0/8").excludedSubtrees("bad.phoenix.lan")
                .extension("1.3.6.1.4.1.55738.666.1", true, new byte[] {0x05, 0x00}).build();
        assertEquals(BigInteger.TEN, root.certificate().getSerialNumber());
        assertTrue(root.certificate().getCriticalExtensionOIDs().contains("2.5.29.30"));
        assertTrue(root.certificate().getCriticalExtensionOIDs().contains("1.3.6.1.4.1.55738.666.1"));
        assertThrows(IllegalArgumentException.class, () -> CertificateBuilder.root("R").pathLength(-1));
        assertThrows(IllegalArgumentException.class,
                () -> CertificateBuilder.root("R").validity(NOW, NOW.minusSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> ChainBuilder.stepCa());
        IssuedCertificate p384 = CertificateBuilder.root("P").keyType(KeyType.EC_P384).build();
        assertEquals("SHA384withECDSA", p384.certificate().getSigAlgName());
    }
}
