package io.phoenixdiag.pki.pem;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.phoenixdiag.pki.cert.ChainBuilder;
import io.phoenixdiag.pki.cert.IssuedChain;
import io.phoenixdiag.pki.cert.KeyType;
import io.phoenixdiag.pki.internal.Bc;

class PkiLoaderTest {
    private static final IssuedChain EC = ChainBuilder.stepCa("nginx.phoenix.lan").build();
    private static final IssuedChain RSA = ChainBuilder.stepCa("traefik.phoenix.lan").keyType(KeyType.RSA_2048).build();
    private static final char[] PW = "s3cret-pass".toCharArray();

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void bundleWithJunkBetweenBlocksKeepsOrderAndSkipsKeys() {
        String text = "Certificate:\n    Data: (openssl text output)\n" + EC.leaf().certificatePem()
                + "garbage line\n" + EC.leaf().privateKeyPem() + "\n\n" + EC.intermediates().get(0).certificatePem()
                + "trailing";
        PemBundle b = PkiLoader.read(bytes(text), "fullchain.pem");
        assertEquals(List.of(EC.leaf().certificate(), EC.intermediates().get(0).certificate()), b.certificates());
        assertEquals(List.of(), b.problems());
        assertEquals(1, b.skippedBlocks());
        assertEquals("fullchain.pem", b.source());
    }

    @Test
    void badBase64InSecondBlockIsReportedAndGoodBlocksKept() {
        String text = EC.leaf().certificatePem() + "-----BEGIN CERTIFICATE-----\n!!!!\n-----END CERTIFICATE-----\n"
                + EC.rootPem();
        PemBundle b = PkiLoader.read(bytes(text), "bundle.pem");
        assertEquals(2, b.certificates().size());
        assertEquals(1, b.problems().size());
        PkiParseException e = b.problems().get(0);
        assertEquals("bundle.pem: PEM block 2 (CERTIFICATE): invalid base64 (Illegal base64 character 21)", e.getMessage());
        assertEquals(2, e.blockIndex());
        assertEquals("CERTIFICATE", e.blockType());
        assertEquals("bundle.pem", e.source());
        PkiParseException strict = assertThrows(PkiParseException.class,
                () -> PkiLoader.certificates(bytes(text), "bundle.pem"));
        assertEquals(e.getMessage(), strict.getMessage());
    }

    @Test
    void malformedCertificateDerNamesBlockAndProblem() {
        String text = EC.rootPem() + PemEncoder.block("CERTIFICATE", new byte[] {0x30, 0x03, 0x02, 0x01, 0x01});
        PkiParseException e = assertThrows(PkiParseException.class, () -> PkiLoader.certificates(bytes(text), "x.pem"));
        assertTrue(e.getMessage().startsWith("x.pem: PEM block 2 (CERTIFICATE): malformed certificate ("), e.getMessage());
        assertEquals(2, e.blockIndex());
    }

    @Test
    void missingEndLine() {
        String pem = EC.rootPem();
        String cut = pem.substring(0, pem.indexOf("-----END"));
        PkiParseException e = assertThrows(PkiParseException.class, () -> PkiLoader.certificates(bytes(cut), "cut.pem"));
        assertEquals("cut.pem: PEM block 1 (CERTIFICATE): BEGIN CERTIFICATE at line 1 has no matching END line",
                e.getMessage());
    }

    @Test
    void emptyAndCertificateLessInputs() {
        assertEquals("empty.pem: input is empty", assertThrows(PkiParseException.class,
                () -> PkiLoader.certificates(new byte[0], "empty.pem")).getMessage());
        assertEquals("key.pem: no certificate found", assertThrows(PkiParseException.class,
                () -> PkiLoader.certificates(bytes(EC.leaf().privateKeyPem()), "key.pem")).getMessage());
        assertEquals("notes.txt: neither PEM nor DER (no '-----BEGIN' line and not an ASN.1 SEQUENCE)",
                assertThrows(PkiParseException.class,
                        () -> PkiLoader.certificates(bytes("hello"), "notes.txt")).getMessage());
    }

    @Test
    void derCertificateCrlAndPkcs7() throws Exception {
        X509Certificate leaf = EC.leaf().certificate();
        assertEquals(List.of(leaf), PkiLoader.certificates(leaf.getEncoded(), "leaf.der"));

        X509CRL crl = EC.root().issueCrl(Instant.parse("2025-01-01T00:00:00Z"), Instant.parse("2025-02-01T00:00:00Z"),
                List.of(EC.intermediates().get(0).certificate()));
        PemBundle der = PkiLoader.read(crl.getEncoded(), "root.crl");
        assertEquals(List.of(crl), der.crls());
        assertEquals(List.of(), der.problems());
        PemBundle pem = PkiLoader.read(bytes(PemEncoder.crl(crl)), "root.crl.pem");
        assertEquals(List.of(crl), pem.crls());

        byte[] p7 = Bc.x509Factory().generateCertPath(EC.presentedChain()).getEncoded("PKCS7");
        // PKCS#7 holds certificates in a DER SET: order is not preserved
        assertEquals(java.util.Set.copyOf(EC.presentedChain()),
                java.util.Set.copyOf(PkiLoader.read(p7, "chain.p7b").certificates()));
        assertEquals(2, PkiLoader.read(p7, "chain.p7b").certificates().size());
        assertEquals(java.util.Set.copyOf(EC.presentedChain()), java.util.Set.copyOf(
                PkiLoader.read(bytes(PemEncoder.block("PKCS7", p7)), "chain.p7b.pem").certificates()));
    }

    @Test
    void privateKeysInEveryFormat() throws Exception {
        PrivateKey ec = EC.leaf().keyPair().getPrivate();
        PrivateKey rsa = RSA.leaf().keyPair().getPrivate();
        assertArrayEquals(ec.getEncoded(), PkiLoader.privateKey(bytes(EC.leaf().privateKeyPem()), "k", null).getEncoded());
        assertArrayEquals(rsa.getEncoded(), PkiLoader.privateKey(bytes(RSA.leaf().privateKeyPem()), "k", null).getEncoded());
        assertEquals("EC", PkiLoader.privateKey(bytes(EC.leaf().traditionalPrivateKeyPem()), "k", null).getAlgorithm());
        assertTrue(EC.leaf().traditionalPrivateKeyPem().startsWith("-----BEGIN EC PRIVATE KEY-----\n"));
        assertArrayEquals(((java.security.interfaces.ECPrivateKey) ec).getS().toByteArray(),
                ((java.security.interfaces.ECPrivateKey) PkiLoader.privateKey(
                        bytes(EC.leaf().traditionalPrivateKeyPem()), "k", null)).getS().toByteArray());
        assertTrue(RSA.leaf().traditionalPrivateKeyPem().startsWith("-----BEGIN RSA PRIVATE KEY-----\n"));
        assertArrayEquals(rsa.getEncoded(),
                PkiLoader.privateKey(bytes(RSA.leaf().traditionalPrivateKeyPem()), "k", null).getEncoded());
        // DER PKCS#8
        assertArrayEquals(ec.getEncoded(), PkiLoader.privateKey(ec.getEncoded(), "k.der", null).getEncoded());
        // key after a certificate in the same file
        String combined = EC.leaf().certificatePem() + EC.leaf().privateKeyPem();
        assertArrayEquals(ec.getEncoded(), PkiLoader.privateKey(bytes(combined), "combined.pem", null).getEncoded());
    }

    @Test
    void encryptedPkcs8NeedsPasswordAndRejectsWrongOne() throws Exception {
        String enc = EC.leaf().encryptedPrivateKeyPem(PW);
        PasswordRequiredException missing = assertThrows(PasswordRequiredException.class,
                () -> PkiLoader.privateKey(bytes(enc), "leaf.key", null));
        assertEquals("leaf.key: PEM block 1 (ENCRYPTED PRIVATE KEY): encrypted PKCS#8 private key needs a password",
                missing.getMessage());
        PasswordRequiredException wrong = assertThrows(PasswordRequiredException.class,
                () -> PkiLoader.privateKey(bytes(enc), "leaf.key", "nope".toCharArray()));
        assertEquals("leaf.key: PEM block 1 (ENCRYPTED PRIVATE KEY): wrong password for encrypted PKCS#8 private key",
                wrong.getMessage());
        assertFalse(wrong.getMessage().contains("s3cret"));
        assertArrayEquals(EC.leaf().keyPair().getPrivate().getEncoded(),
                PkiLoader.privateKey(bytes(enc), "leaf.key", PW).getEncoded());
    }

    @Test
    void keyErrorsNeverEchoKeyMaterial() {
        String pem = EC.leaf().privateKeyPem();
        String body = pem.split("\n")[1];
        // corrupt the DER inside valid base64: flip the first inner SEQUENCE length
        byte[] der = Base64.getDecoder().decode(pem.replaceAll("-----[A-Z ]+-----|\n", ""));
        der[der.length - 1] ^= 0x55;
        byte[] truncated = java.util.Arrays.copyOf(der, der.length - 20);
        PkiParseException e = assertThrows(PkiParseException.class, () -> PkiLoader.privateKey(
                bytes(PemEncoder.block("PRIVATE KEY", truncated)), "bad.key", null));
        assertTrue(e.getMessage().startsWith("bad.key: PEM block 1 (PRIVATE KEY): malformed private key ("), e.getMessage());
        assertFalse(e.getMessage().contains(body.substring(0, 16)));
        assertEquals("nokey.pem: no private key found (expected a PEM block PRIVATE KEY, RSA PRIVATE KEY,"
                        + " EC PRIVATE KEY or ENCRYPTED PRIVATE KEY)",
                assertThrows(PkiParseException.class,
                        () -> PkiLoader.privateKey(bytes(EC.rootPem()), "nokey.pem", null)).getMessage());
    }

    @Test
    void pkcs12AndJksKeystores() throws Exception {
        for (String type : List.of("PKCS12", "JKS")) {
            KeyStore ks = KeyStore.getInstance(type);
            ks.load(null, null);
            ks.setKeyEntry("nginx", EC.leaf().keyPair().getPrivate(), PW,
                    EC.presentedChain().toArray(new Certificate[0]));
            ks.setCertificateEntry("root", EC.root().certificate());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ks.store(out, PW);
            byte[] data = out.toByteArray();

            KeyStoreContents c = PkiLoader.keyStore(data, "store", PW);
            assertEquals(type, c.type());
            assertEquals(List.of("nginx", "root"), List.copyOf(c.chains().keySet()));
            // PKCS12 completes the chain with the root entry of the same store (JDK PKCS12KeyStore behaviour)
            assertEquals(EC.presentedChain(), c.chains().get("nginx").subList(0, 2));
            assertEquals(List.of(EC.root().certificate()), c.chains().get("root"));
            assertEquals(java.util.Set.of("nginx"), c.keyAliases());

            PasswordRequiredException wrong = assertThrows(PasswordRequiredException.class,
                    () -> PkiLoader.keyStore(data, "store." + type, "bad".toCharArray()));
            assertEquals("store." + type + ": wrong password for " + type + " keystore", wrong.getMessage());
        }
        assertEquals("x.p12: not a PKCS#12 or JKS keystore", assertThrows(PkiParseException.class,
                () -> PkiLoader.keyStore(bytes("hello"), "x.p12", PW)).getMessage());
        assertInstanceOf(java.security.cert.CertificateException.class, new PkiParseException("a", 0, "", "b", null));
    }
}
