package io.phoenixdiag.pki.path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.phoenixdiag.core.diag.Severity;
import io.phoenixdiag.pki.cert.CertificateBuilder;
import io.phoenixdiag.pki.cert.ChainBuilder;
import io.phoenixdiag.pki.cert.ChainDefect;
import io.phoenixdiag.pki.cert.IssuedCertificate;
import io.phoenixdiag.pki.cert.IssuedChain;
import io.phoenixdiag.pki.cert.KeyPurpose;
import io.phoenixdiag.pki.cert.KeyUsageBit;
import io.phoenixdiag.pki.name.ReferenceIdentity;
import io.phoenixdiag.pki.pem.PkiLoader;

class PathValidatorTest {
    static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final String NAME = "nginx.phoenix.lan";
    static final IssuedChain GOOD = ChainBuilder.stepCa(NAME, "10.0.0.10").clock(CLOCK).build();

    static PathValidator validator(IssuedCertificate root) {
        return PathValidator.builder().trustAnchors(root.certificate()).clock(CLOCK).build();
    }

    static ValidationFailure fail(ValidationResult r, FailureReason reason, X509Certificate atFault, int position) {
        assertFalse(r.isValid(), "expected " + reason + " but the path validated");
        ValidationFailure f = r.failure().orElseThrow();
        assertEquals(reason, f.reason(), f.toString());
        assertEquals(CertificateRef.of(atFault), f.certificate());
        assertEquals(position, f.position());
        return f;
    }

    static ValidationFailure check(IssuedChain chain, FailureReason reason, X509Certificate atFault, int position) {
        return fail(validator(chain.root()).validate(chain.presentedChain(), Optional.of(ReferenceIdentity.dns(NAME))),
                reason, atFault, position);
    }

    @Test
    void validChainYieldsFullPath() {
        ValidationResult r = validator(GOOD.root()).validate(GOOD.presentedChain(), Optional.of(ReferenceIdentity.dns(NAME)));
        assertTrue(r.isValid(), () -> r.failure().toString());
        assertEquals(List.of(GOOD.leaf().certificate(), GOOD.intermediates().get(0).certificate(), GOOD.root().certificate()),
                r.path());
        assertEquals(Optional.empty(), r.reason());
        assertTrue(validator(GOOD.root()).validate(GOOD.leaf().certificate(), GOOD.intermediateCertificates(),
                ReferenceIdentity.ip("10.0.0.10")).isValid());
        assertEquals(Severity.INFO, r.toFinding("nginx").severity());
        assertEquals("pki.chain-valid", r.toFinding("nginx").checkId());
    }

    @Test
    void unknownIssuerWhenIntermediateAbsent() {
        ValidationFailure f = fail(validator(GOOD.root()).validate(GOOD.leaf().certificate(), List.of()),
                FailureReason.UNKNOWN_ISSUER, GOOD.leaf().certificate(), 0);
        assertEquals("No presented or trusted certificate is the issuer CN=Phoenix Intermediate CA of CN=nginx.phoenix.lan.",
                f.detail());
        assertEquals("Present the intermediate chain with the certificate, or trust the CA that issued it.", f.remediation());
    }

    @Test
    void missingIntermediateWhenKnownToTheCa() {
        X509Certificate inter = GOOD.intermediates().get(0).certificate();
        PathValidator v = PathValidator.builder().trustAnchors(GOOD.root().certificate()).knownIntermediates(List.of(inter))
                .clock(CLOCK).build();
        ValidationFailure f = fail(v.validate(GOOD.leaf().certificate(), List.of()), FailureReason.MISSING_INTERMEDIATE,
                GOOD.leaf().certificate(), 0);
        assertEquals("The issuer of CN=nginx.phoenix.lan, CN=Phoenix Intermediate CA (sha256 "
                + GOOD.intermediates().get(0).fingerprint() + "), is known to the CA but was not presented.", f.detail());
        assertEquals("Configure the server to send the intermediate certificate after its own certificate (a full chain file).",
                f.remediation());
    }

    @Test
    void selfSignedLeafIsUntrustedRoot() {
        IssuedChain c = ChainBuilder.stepCa(NAME).clock(CLOCK).defect(ChainDefect.SELF_SIGNED_LEAF).build();
        ValidationFailure f = check(c, FailureReason.UNTRUSTED_ROOT, c.leaf().certificate(), 0);
        assertEquals("The end-entity certificate CN=nginx.phoenix.lan is self-signed and not trusted.", f.detail());
        assertEquals("Issue the certificate from the internal CA instead of self-signing it.", f.remediation());
    }

    @Test
    void chainToAnotherRootIsUntrustedRoot() {
        IssuedChain other = ChainBuilder.stepCa(NAME).caName("Other").clock(CLOCK).build();
        List<X509Certificate> presented = List.of(other.leaf().certificate(), other.intermediates().get(0).certificate(),
                other.root().certificate());
        ValidationFailure f = fail(validator(GOOD.root()).validate(presented, Optional.empty()), FailureReason.UNTRUSTED_ROOT,
                other.root().certificate(), 2);
        assertEquals("The path ends at self-signed CN=Other Root CA (sha256 " + other.root().fingerprint()
                + "), which is not a trust anchor.", f.detail());
    }

    @Test
    void sameNameOtherKeyIsWrongRoot() {
        IssuedChain reinitialised = ChainBuilder.stepCa(NAME).clock(CLOCK).build();
        ValidationResult r = validator(GOOD.root()).validate(reinitialised.presentedChain(), Optional.empty());
        ValidationFailure f = fail(r, FailureReason.WRONG_ROOT, reinitialised.intermediates().get(0).certificate(), 1);
        assertTrue(f.detail().startsWith("CN=Phoenix Intermediate CA names issuer CN=Phoenix Root CA with key identifier "),
                f.detail());
        assertTrue(f.detail().endsWith(" (sha256 " + GOOD.root().fingerprint() + ") and its key does not verify the signature:"
                + " it was issued by another CA with the same name."), f.detail());
        // the presented root of the same name is reported the same way
        List<X509Certificate> withRoot = List.of(reinitialised.leaf().certificate(),
                reinitialised.intermediates().get(0).certificate(), reinitialised.root().certificate());
        assertEquals(FailureReason.WRONG_ROOT,
                validator(GOOD.root()).validate(withRoot, Optional.empty()).reason().orElseThrow());
    }

    @Test
    void corruptedSignatureIsBadSignature() throws Exception {
        byte[] der = GOOD.leaf().certificate().getEncoded();
        der[der.length - 3] ^= 0x01;
        X509Certificate corrupt = PkiLoader.certificate(der, "corrupt.der");
        ValidationFailure f = fail(validator(GOOD.root()).validate(corrupt, GOOD.intermediateCertificates()),
                FailureReason.BAD_SIGNATURE, corrupt, 0);
        assertEquals("The signature of CN=nginx.phoenix.lan does not verify with the key of CN=Phoenix Intermediate CA (sha256 "
                + GOOD.intermediates().get(0).fingerprint() + ").", f.detail());
    }

    @Test
    void expiredAndNotYetValid() {
        IssuedChain expired = ChainBuilder.stepCa(NAME).clock(CLOCK).defect(ChainDefect.EXPIRED_LEAF).build();
        ValidationFailure f = check(expired, FailureReason.EXPIRED, expired.leaf().certificate(), 0);
        assertEquals("CN=nginx.phoenix.lan expired at 2025-06-01T11:00:00Z; validation time is 2025-06-01T12:00:00Z.",
                f.detail());
        assertEquals("Renew the certificate (check that the renewal service, such as step ca renew --daemon, runs).",
                f.remediation());

        IssuedChain early = ChainBuilder.stepCa(NAME).clock(CLOCK).defect(ChainDefect.NOT_YET_VALID_LEAF).build();
        f = check(early, FailureReason.NOT_YET_VALID, early.leaf().certificate(), 0);
        assertEquals("CN=nginx.phoenix.lan is not valid before 2025-06-01T13:00:00Z; validation time is 2025-06-01T12:00:00Z.",
                f.detail());

        IssuedChain ica = ChainBuilder.stepCa(NAME).clock(CLOCK).defect(ChainDefect.EXPIRED_INTERMEDIATE).build();
        f = check(ica, FailureReason.EXPIRED, ica.intermediates().get(0).certificate(), 1);
        assertEquals("Replace the expired CA certificate and re-issue the certificates below it.", f.remediation());
        assertEquals(Severity.CRITICAL, validator(ica.root()).validate(ica.presentedChain(), Optional.empty())
                .toFinding("x").severity());
    }

    @Test
    void clockSkewIsHonoured() {
        IssuedChain expired = ChainBuilder.stepCa(NAME).clock(CLOCK).defect(ChainDefect.EXPIRED_LEAF).build();
        PathValidator v = PathValidator.builder().trustAnchors(expired.root().certificate()).clock(CLOCK)
                .clockSkew(Duration.ofMinutes(61)).build();
        assertTrue(v.validate(expired.presentedChain(), Optional.empty()).isValid());
        PathValidator tight = PathValidator.builder().trustAnchors(expired.root().certificate()).clock(CLOCK)
                .clockSkew(Duration.ofMinutes(59)).build();
        assertEquals(Optional.of(FailureReason.EXPIRED), tight.validate(expired.presentedChain(), Optional.empty()).reason());
    }

    @Test
    void wrongNameIsNameMismatch() {
        IssuedChain c = ChainBuilder.stepCa(NAME).clock(CLOCK).defect(ChainDefect.WRONG_NAME).build();
        ValidationFailure f = check(c, FailureReason.NAME_MISMATCH, c.leaf().certificate(), 0);
        assertEquals("CN=wrong.nginx.phoenix.lan does not match name nginx.phoenix.lan: it has subjectAltName"
                + " DNS:wrong.nginx.phoenix.lan.", f.detail());
        assertEquals("Re-issue the certificate with DNS:nginx.phoenix.lan in its subjectAltName, or connect using a name it lists.",
                f.remediation());
        ValidationFailure ip = fail(validator(GOOD.root()).validate(GOOD.leaf().certificate(), GOOD.intermediateCertificates(),
                ReferenceIdentity.ip("10.0.0.11")), FailureReason.NAME_MISMATCH, GOOD.leaf().certificate(), 0);
        assertEquals("CN=nginx.phoenix.lan does not match IP address 10.0.0.11: it has subjectAltName DNS:nginx.phoenix.lan,"
                + " IP:10.0.0.10.", ip.detail());
    }

    @Test
    void nonCaIntermediateIsNotACa() {
        IssuedChain c = ChainBuilder.stepCa(NAME).clock(CLOCK).defect(ChainDefect.NON_CA_INTERMEDIATE).build();
        ValidationFailure f = check(c, FailureReason.NOT_A_CA, c.intermediates().get(0).certificate(), 1);
        assertEquals("CN=Phoenix Intermediate CA issues certificates but is not a CA: its basicConstraints says CA:FALSE"
                + " (RFC 5280 6.1.4 (k)).", f.detail());
    }

    @Test
    void pathLengthExceeded() {
        IssuedCertificate root = CertificateBuilder.root("Tight Root").clock(CLOCK).pathLength(0).build();
        IssuedChain c = ChainBuilder.stepCa(NAME).clock(CLOCK).root(root).intermediates(2).build();
        ValidationFailure f = fail(validator(root).validate(c.presentedChain(), Optional.empty()),
                FailureReason.PATH_LENGTH_EXCEEDED, root.certificate(), 3);
        assertEquals("CN=Tight Root allows 0 intermediate(s) below it (pathLenConstraint) but the path has 2"
                + " (RFC 5280 6.1.4 (l), (m)).", f.detail());
    }

    @Test
    void caWithoutKeyCertSignIsKeyUsage() {
        IssuedCertificate inter = CertificateBuilder.intermediate("No Sign CA", GOOD.root()).clock(CLOCK)
                .keyUsage(KeyUsageBit.DIGITAL_SIGNATURE).build();
        IssuedCertificate leaf = CertificateBuilder.leaf(inter, NAME).clock(CLOCK).build();
        ValidationFailure f = fail(validator(GOOD.root()).validate(leaf.certificate(), List.of(inter.certificate())),
                FailureReason.KEY_USAGE, inter.certificate(), 1);
        assertEquals("CN=No Sign CA is a CA but its keyUsage lacks keyCertSign (RFC 5280 6.1.4 (n)).", f.detail());
        PathValidator needsKe = PathValidator.builder().trustAnchors(GOOD.root().certificate()).clock(CLOCK)
                .requiredKeyUsage(KeyUsageBit.KEY_ENCIPHERMENT).build();
        assertEquals(Optional.of(FailureReason.KEY_USAGE), needsKe.validate(GOOD.presentedChain(), Optional.empty()).reason());
    }

    @Test
    void wrongEkuIsEkuMismatch() {
        IssuedChain c = ChainBuilder.stepCa(NAME).clock(CLOCK).defect(ChainDefect.WRONG_EKU).build();
        ValidationFailure f = check(c, FailureReason.EKU_MISMATCH, c.leaf().certificate(), 0);
        assertEquals("CN=nginx.phoenix.lan has extended key usage codeSigning, which does not include serverAuth.", f.detail());
        PathValidator client = PathValidator.builder().trustAnchors(GOOD.root().certificate()).clock(CLOCK)
                .purpose(KeyPurpose.CLIENT_AUTH).build();
        assertTrue(client.validate(GOOD.presentedChain(), Optional.empty()).isValid());
        PathValidator any = PathValidator.builder().trustAnchors(c.root().certificate()).clock(CLOCK)
                .purpose(KeyPurpose.ANY).build();
        assertTrue(any.validate(c.presentedChain(), Optional.empty()).isValid());
    }

    @Test
    void crlRevocationAndInvalidCrl() {
        IssuedCertificate inter = GOOD.intermediates().get(0);
        X509CRL crl = inter.issueCrl(NOW.minusSeconds(3600), NOW.plusSeconds(3600), List.of(GOOD.leaf().certificate()));
        PathValidator v = PathValidator.builder().trustAnchors(GOOD.root().certificate()).crls(List.of(crl)).clock(CLOCK).build();
        ValidationFailure f = fail(v.validate(GOOD.presentedChain(), Optional.empty()), FailureReason.REVOKED,
                GOOD.leaf().certificate(), 0);
        assertEquals("CN=nginx.phoenix.lan (serial " + GOOD.leaf().certificate().getSerialNumber().toString(16)
                + ") was revoked at 2025-06-01T11:00:00Z (KEY_COMPROMISE) according to the CRL of CN=Phoenix Intermediate CA.",
                f.detail());

        X509CRL empty = inter.issueCrl(NOW.minusSeconds(3600), NOW.plusSeconds(3600), List.of());
        assertTrue(PathValidator.builder().trustAnchors(GOOD.root().certificate()).crls(List.of(empty)).clock(CLOCK).build()
                .validate(GOOD.presentedChain(), Optional.empty()).isValid());

        IssuedCertificate impostor = CertificateBuilder.intermediate("Phoenix Intermediate CA", GOOD.root()).clock(CLOCK).build();
        X509CRL forged = impostor.issueCrl(NOW.minusSeconds(3600), NOW.plusSeconds(3600), List.of());
        ValidationFailure bad = fail(PathValidator.builder().trustAnchors(GOOD.root().certificate()).crls(List.of(forged))
                .clock(CLOCK).build().validate(GOOD.presentedChain(), Optional.empty()), FailureReason.CRL_INVALID,
                GOOD.leaf().certificate(), 0);
        assertEquals("The CRL of CN=Phoenix Intermediate CA cannot be used to check CN=nginx.phoenix.lan: its signature does"
                + " not verify with the issuer's key.", bad.detail());
    }

    @Test
    void nameConstraintsViolated() {
        IssuedCertificate root = CertificateBuilder.root("Constrained Root").clock(CLOCK).permittedSubtrees("phoenix.lan").build();
        IssuedChain ok = ChainBuilder.stepCa(NAME).clock(CLOCK).root(root).build();
        assertTrue(validator(root).validate(ok.presentedChain(), Optional.empty()).isValid());
        IssuedChain evil = ChainBuilder.stepCa("evil.example.com").clock(CLOCK).root(root).build();
        ValidationFailure f = fail(validator(root).validate(evil.presentedChain(), Optional.empty()),
                FailureReason.NAME_CONSTRAINTS_VIOLATED, evil.leaf().certificate(), 0);
        assertEquals("CN=evil.example.com: name DNS:evil.example.com is not in any permitted subtree of the name constraints"
                + " of CN=Constrained Root.", f.detail());
    }

    @Test
    void unknownCriticalExtension() {
        IssuedCertificate leaf = CertificateBuilder.leaf(GOOD.intermediates().get(0), NAME).clock(CLOCK)
                .extension("1.3.6.1.4.1.55738.666.1", true, new byte[] {0x05, 0x00}).build();
        ValidationFailure f = fail(validator(GOOD.root()).validate(leaf.certificate(), GOOD.intermediateCertificates()),
                FailureReason.UNKNOWN_CRITICAL_EXTENSION, leaf.certificate(), 0);
        assertEquals("CN=nginx.phoenix.lan has critical extension 1.3.6.1.4.1.55738.666.1, which this validator does not"
                + " process (RFC 5280 6.1.4 (o)).", f.detail());
    }

    @Test
    void caCertificateAsEndEntity() {
        X509Certificate inter = GOOD.intermediates().get(0).certificate();
        fail(validator(GOOD.root()).validate(inter, List.of()), FailureReason.END_ENTITY_IS_CA, inter, 0);
    }

    @Test
    void weakRsaKeyIsWeakAlgorithm() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(1024);
        KeyPair weak = g.generateKeyPair();
        IssuedCertificate leaf = CertificateBuilder.leaf(GOOD.intermediates().get(0), NAME).clock(CLOCK).keyPair(weak).build();
        ValidationFailure f = fail(validator(GOOD.root()).validate(leaf.certificate(), GOOD.intermediateCertificates()),
                FailureReason.WEAK_ALGORITHM, leaf.certificate(), 0);
        assertEquals("CN=nginx.phoenix.lan: its RSA key has 1024 bits; at least 2048 are required.", f.detail());
    }

    @Test
    void missingAuthorityKeyIdIsNonconforming() {
        IssuedCertificate leaf = CertificateBuilder.leaf(GOOD.intermediates().get(0), NAME).clock(CLOCK)
                .noAuthorityKeyIdentifier().build();
        ValidationFailure f = fail(validator(GOOD.root()).validate(leaf.certificate(), GOOD.intermediateCertificates()),
                FailureReason.NONCONFORMING_CERTIFICATE, leaf.certificate(), 0);
        assertEquals("CN=nginx.phoenix.lan is rejected by TLS clients: it has no authorityKeyIdentifier (RFC 5280 4.2.1.1:"
                + " required except in self-signed certificates).", f.detail());
    }

    @Test
    void tooManyIntermediatesIsPathBuildingLimit() {
        PathValidator v = PathValidator.builder().trustAnchors(GOOD.root().certificate()).clock(CLOCK).maxIntermediates(0).build();
        ValidationFailure f = fail(v.validate(GOOD.presentedChain(), Optional.empty()), FailureReason.PATH_BUILDING_LIMIT,
                GOOD.leaf().certificate(), 0);
        assertEquals("The path would need more than 0 intermediates.", f.detail());
    }

    @Test
    void expiredCrossSignedPathGivesWayToValidOne() {
        // two intermediates with the same name and key: one expired, one valid; the valid one must win
        IssuedCertificate inter = GOOD.intermediates().get(0);
        IssuedCertificate expiredTwin = CertificateBuilder.intermediate("Phoenix Intermediate CA", GOOD.root())
                .keyPair(inter.keyPair()).validity(NOW.minus(Duration.ofDays(20)), NOW.minus(Duration.ofDays(10))).build();
        ValidationResult r = validator(GOOD.root()).validate(GOOD.leaf().certificate(),
                List.of(expiredTwin.certificate(), inter.certificate()));
        assertTrue(r.isValid(), () -> r.failure().toString());
        assertEquals(inter.certificate(), r.path().get(1));
    }
}
