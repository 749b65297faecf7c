package io.phoenixdiag.pki.internal;

import java.math.BigInteger;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;

import io.phoenixdiag.pki.cert.KeyPurpose;
import io.phoenixdiag.pki.cert.KeyUsageBit;
import io.phoenixdiag.pki.name.NameMatcher;
import io.phoenixdiag.pki.name.ReferenceIdentity;
import io.phoenixdiag.pki.path.CertificateRef;
import io.phoenixdiag.pki.path.FailureReason;
import io.phoenixdiag.pki.path.ValidationFailure;
import io.phoenixdiag.pki.path.ValidationResult;

/**
 * Path building (depth-first over name-matching issuers, trust anchors first, bounded work) and RFC 5280
 * section 6 validation with the web PKI profile. Immutable and thread-safe once constructed; each
 * {@link #validate} call keeps its state on the stack.
 */
public final class PathEngine {
    /** Most signature verifications one validation may spend on path building. */
    static final int MAX_SIGNATURE_CHECKS = 64;
    /** Most issuer candidates one validation may look at. */
    static final int MAX_CANDIDATES = 512;

    private static final Set<String> HANDLED_CRITICAL = Set.of(
            Extension.basicConstraints.getId(), Extension.keyUsage.getId(), Extension.extendedKeyUsage.getId(),
            Extension.subjectAlternativeName.getId(), Extension.nameConstraints.getId(),
            Extension.certificatePolicies.getId(), Extension.policyConstraints.getId(),
            Extension.inhibitAnyPolicy.getId(), Extension.policyMappings.getId(),
            Extension.subjectKeyIdentifier.getId(), Extension.authorityKeyIdentifier.getId(),
            Extension.authorityInfoAccess.getId());
    private static final String ANY_EKU = KeyPurpose.ANY.oid();
    private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_INSTANT;

    /**
     * Validator settings.
     *
     * @param anchors            trusted certificates
     * @param knownIntermediates certificates known to exist but not presented
     * @param skew               allowed clock skew
     * @param purpose            required EKU, or {@link KeyPurpose#ANY} for none
     * @param requiredKeyUsage   key usage bits the end-entity must allow when it has the extension
     * @param crls               CRLs to consult
     * @param maxIntermediates   most intermediates in a path
     */
    public record Config(List<X509Certificate> anchors, List<X509Certificate> knownIntermediates, Duration skew,
                         KeyPurpose purpose, Set<KeyUsageBit> requiredKeyUsage, List<X509CRL> crls,
                         int maxIntermediates) {
    }

    private final Config config;
    private final Map<X500Principal, List<CertInfo>> anchorsBySubject = new HashMap<>();
    private final Map<X500Principal, List<CertInfo>> knownBySubject = new HashMap<>();
    private final Map<X500Principal, List<X509CRL>> crlsByIssuer = new HashMap<>();
    private final Set<String> anchorFingerprints = new HashSet<>();

    /**
     * Prepares the engine.
     *
     * @param config the settings
     * @throws IllegalArgumentException if an anchor cannot be encoded
     */
    public PathEngine(Config config) {
        this.config = config;
        for (X509Certificate a : config.anchors()) {
            CertInfo ci = info(a);
            anchorsBySubject.computeIfAbsent(ci.subject, k -> new ArrayList<>()).add(ci);
            anchorFingerprints.add(ci.fingerprint());
            ci.bcKey();
        }
        for (X509Certificate k : config.knownIntermediates()) {
            CertInfo ci = info(k);
            knownBySubject.computeIfAbsent(ci.subject, x -> new ArrayList<>()).add(ci);
        }
        for (X509CRL crl : config.crls()) {
            crlsByIssuer.computeIfAbsent(crl.getIssuerX500Principal(), k -> new ArrayList<>()).add(crl);
        }
    }

    private static CertInfo info(X509Certificate c) {
        try {
            return new CertInfo(c);
        } catch (java.security.cert.CertificateEncodingException | RuntimeException e) {
            throw new IllegalArgumentException("certificate cannot be decoded: " + c.getSubjectX500Principal(), e);
        }
    }

    /**
     * Validates.
     *
     * @param endEntity the end-entity certificate
     * @param pool      other presented certificates, any order, may hold irrelevant or duplicate ones
     * @param reference the reference identity, if any
     * @param at        the validation instant
     * @return the result
     */
    public ValidationResult validate(X509Certificate endEntity, Collection<X509Certificate> pool,
                                     Optional<ReferenceIdentity> reference, Instant at) {
        Run run = new Run(reference, at.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        CertInfo ee = info(endEntity);
        Set<String> seen = new HashSet<>();
        seen.add(ee.fingerprint());
        for (X509Certificate c : pool) {
            CertInfo ci = pooled(c);
            if (ci == null) {
                continue;
            }
            if (seen.add(ci.fingerprint())) {
                run.poolBySubject.computeIfAbsent(ci.subject, k -> new ArrayList<>()).add(ci);
            }
        }
        List<CertInfo> path = new ArrayList<>();
        path.add(ee);
        if (anchorFingerprints.contains(ee.fingerprint())) {
            // the end-entity itself is trusted: a one-element path
            Failure f = checkPath(path, run);
            if (f == null) {
                return new ValidationResult(certs(path), Optional.empty());
            }
            run.record(f, 3, path);
        }
        if (search(path, run)) {
            return new ValidationResult(certs(run.success), Optional.empty());
        }
        Failure f = run.best;
        if (f == null) {
            f = new Failure(FailureReason.UNKNOWN_ISSUER, ee, 0, "No issuer found for " + name(ee.issuer) + ".",
                    "Add the issuing CA's certificate to the presented chain or to the trust anchors.");
            run.bestPath = path;
        }
        return new ValidationResult(certs(run.bestPath),
                Optional.of(new ValidationFailure(f.reason, CertificateRef.of(f.cert.cert), f.position, f.detail,
                        f.remediation)));
    }

    /** Most decoded presented certificates kept between validations. */
    private static final int POOL_CACHE_SIZE = 256;

    /**
     * Decoded presented certificates, least recently used dropped first: the same intermediates accompany many
     * leaves. Entries are fully computed (fingerprint, key) before they are shared; access is synchronized.
     */
    private static final Map<X509Certificate, CertInfo> POOL_CACHE = java.util.Collections.synchronizedMap(
            new LinkedHashMap<>(64, 0.75f, true) {
                private static final long serialVersionUID = 1L;

                @Override
                protected boolean removeEldestEntry(Map.Entry<X509Certificate, CertInfo> eldest) {
                    return size() > POOL_CACHE_SIZE;
                }
            });

    private static CertInfo pooled(X509Certificate c) {
        CertInfo ci = POOL_CACHE.get(c);
        if (ci == null) {
            try {
                ci = new CertInfo(c);
            } catch (java.security.cert.CertificateEncodingException | RuntimeException e) {
                return null;
            }
            ci.fingerprint();
            ci.bcKey();
            POOL_CACHE.put(c, ci);
        }
        return ci;
    }

    private static List<X509Certificate> certs(List<CertInfo> p) {
        return p.stream().map(c -> c.cert).toList();
    }

    /** Per-call state. */
    private final class Run {
        final Optional<ReferenceIdentity> reference;
        final Instant at;
        final Map<X500Principal, List<CertInfo>> poolBySubject = new LinkedHashMap<>();
        final Map<String, Boolean> sigCache = new HashMap<>();
        int signatureChecks;
        int candidates;
        boolean limitHit;
        Failure best;
        int bestRank = -1;
        int bestDepth = -1;
        List<CertInfo> bestPath;
        List<CertInfo> success;

        Run(Optional<ReferenceIdentity> reference, Instant at) {
            this.reference = reference;
            this.at = at;
        }

        void record(Failure f, int rank, List<CertInfo> path) {
            if (rank > bestRank || (rank == bestRank && rank < 3 && path.size() > bestDepth)) {
                best = f;
                bestRank = rank;
                bestDepth = path.size();
                bestPath = List.copyOf(path);
            }
        }
    }

    private record Failure(FailureReason reason, CertInfo cert, int position, String detail, String remediation) {
    }

    // ----------------------------------------------------------------------------------------- building

    private boolean search(List<CertInfo> path, Run run) {
        CertInfo c = path.get(path.size() - 1);
        int pos = path.size() - 1;
        List<CertInfo> anchors = anchorsBySubject.getOrDefault(c.issuer, List.of());
        List<CertInfo> pooled = run.poolBySubject.getOrDefault(c.issuer, List.of());
        boolean anyCandidate = false;
        boolean keyIdMismatch = false;
        byte[] aki = c.akiKeyId();
        List<CertInfo> ordered = new ArrayList<>(anchors.size() + pooled.size());
        List<CertInfo> mismatched = new ArrayList<>();
        for (CertInfo a : anchors) {
            (keyIdMatches(aki, a) ? ordered : mismatched).add(a);
        }
        for (CertInfo p : pooled) {
            if (!anchorFingerprints.contains(p.fingerprint())) {
                (keyIdMatches(aki, p) ? ordered : mismatched).add(p);
            }
        }
        // key identifiers are a hint (RFC 5280 4.2.1.1): contradicting candidates are tried last, not dropped
        ordered.addAll(mismatched);
        for (CertInfo cand : ordered) {
            boolean isAnchor = anchorFingerprints.contains(cand.fingerprint());
            if (inPath(path, cand)) {
                continue;
            }
            boolean idMismatch = !keyIdMatches(aki, cand);
            if (++run.candidates > MAX_CANDIDATES || run.signatureChecks >= MAX_SIGNATURE_CHECKS) {
                run.limitHit = true;
                run.record(new Failure(FailureReason.PATH_BUILDING_LIMIT, c, pos,
                        "Path building stopped after " + run.candidates + " candidate issuers and " + run.signatureChecks
                                + " signature checks without finding a valid path.",
                        "Present only the intermediates of the intended chain."), 1, path);
                return false;
            }
            if (!isAnchor && (logicalIntermediates(path) + (cand.selfIssued ? 0 : 1) > config.maxIntermediates()
                    || path.size() > config.maxIntermediates() + 8)) {
                run.record(new Failure(FailureReason.PATH_BUILDING_LIMIT, c, pos,
                        "The path would need more than " + config.maxIntermediates() + " intermediates.",
                        "Shorten the chain, or raise the validator's maximum number of intermediates."), 1, path);
                continue;
            }
            boolean verified = verify(c, cand, run);
            anyCandidate |= verified || !idMismatch || isAnchor;
            if (!verified) {
                if (idMismatch) {
                    keyIdMismatch = true;
                    if (isAnchor) {
                        run.record(new Failure(FailureReason.WRONG_ROOT, c, pos,
                                name(c.subject) + " names issuer " + name(c.issuer) + " with key identifier " + hex(aki)
                                        + ", but the trusted root of that name has key identifier " + hex(cand.ski)
                                        + " (sha256 " + cand.fingerprint() + ") and its key does not verify the signature:"
                                        + " it was issued by another CA with the same name.",
                                "Re-issue the certificate from the trusted CA, or trust the root that actually issued it."),
                                2, path);
                    }
                } else if (isAnchor) {
                    boolean sameKeyId = aki != null && cand.ski != null;
                    run.record(new Failure(sameKeyId ? FailureReason.BAD_SIGNATURE : FailureReason.WRONG_ROOT, c, pos,
                            sameKeyId
                                    ? "The signature of " + name(c.subject) + " does not verify with the key of its issuer "
                                    + name(cand.subject) + " (sha256 " + cand.fingerprint() + ")."
                                    : name(c.subject) + " names issuer " + name(c.issuer) + ", but the signature does not verify"
                                    + " with the trusted root of that name (sha256 " + cand.fingerprint()
                                    + "): it was issued by another CA with the same name.",
                            sameKeyId ? "Replace the certificate with an intact copy from the CA."
                                    : "Re-issue the certificate from the trusted CA, or trust the root that actually issued it."),
                            2, path);
                } else {
                    run.record(new Failure(FailureReason.BAD_SIGNATURE, c, pos,
                            "The signature of " + name(c.subject) + " does not verify with the key of " + name(cand.subject)
                                    + " (sha256 " + cand.fingerprint() + ").",
                            "Replace the certificate with an intact copy, or present the intermediate that issued it."),
                            1, append(path, cand));
                }
                continue;
            }
            List<CertInfo> next = append(path, cand);
            if (isAnchor) {
                Failure f = checkPath(next, run);
                if (f == null) {
                    run.success = next;
                    return true;
                }
                run.record(f, 3, next);
                continue;
            }
            if (search(next, run)) {
                return true;
            }
            if (run.limitHit) {
                return false;
            }
        }
        if (!anyCandidate) {
            structuralFailure(path, run, keyIdMismatch);
        }
        return false;
    }

    private void structuralFailure(List<CertInfo> path, Run run, boolean keyIdMismatch) {
        CertInfo c = path.get(path.size() - 1);
        int pos = path.size() - 1;
        if (c.selfIssued && verify(c, c, run)) {
            List<CertInfo> sameName = anchorsBySubject.getOrDefault(c.subject, List.of());
            if (!sameName.isEmpty()) {
                run.record(new Failure(FailureReason.WRONG_ROOT, c, pos,
                        "The path ends at root " + name(c.subject) + " (sha256 " + c.fingerprint()
                                + "), which is not the trusted root of the same name (sha256 "
                                + sameName.get(0).fingerprint() + ").",
                        "Re-issue the certificates from the trusted CA, or trust the root that actually issued them."),
                        2, path);
            } else {
                run.record(new Failure(FailureReason.UNTRUSTED_ROOT, c, pos,
                        pos == 0 && !c.isCa()
                                ? "The end-entity certificate " + name(c.subject) + " is self-signed and not trusted."
                                : "The path ends at self-signed " + name(c.subject) + " (sha256 " + c.fingerprint()
                                + "), which is not a trust anchor.",
                        pos == 0 && !c.isCa()
                                ? "Issue the certificate from the internal CA instead of self-signing it."
                                : "Trust this root if it is the intended CA, or re-issue the chain from the trusted CA."),
                        1, path);
            }
            return;
        }
        List<CertInfo> known = knownBySubject.getOrDefault(c.issuer, List.of());
        for (CertInfo k : known) {
            if (!inPath(path, k) && verify(c, k, run)) {
                run.record(new Failure(FailureReason.MISSING_INTERMEDIATE, c, pos,
                        "The issuer of " + name(c.subject) + ", " + name(k.subject) + " (sha256 " + k.fingerprint()
                                + "), is known to the CA but was not presented.",
                        "Configure the server to send the intermediate certificate after its own certificate"
                                + " (a full chain file)."), 1, path);
                return;
            }
        }
        String extra = keyIdMismatch ? " A certificate of that name is present, but its key identifier does not match." : "";
        run.record(new Failure(FailureReason.UNKNOWN_ISSUER, c, pos,
                "No presented or trusted certificate is the issuer " + name(c.issuer) + " of " + name(c.subject)
                        + "." + extra,
                pos == 0 ? "Present the intermediate chain with the certificate, or trust the CA that issued it."
                        : "Trust the root that issued " + name(c.subject) + ", or present the missing intermediate."),
                1, path);
    }

    private static boolean keyIdMatches(byte[] aki, CertInfo cand) {
        return aki == null || cand.ski == null || Arrays.equals(aki, cand.ski);
    }

    /** Intermediates in the path so far (the end-entity excluded) that are not self-issued. */
    private static int logicalIntermediates(List<CertInfo> path) {
        int n = 0;
        for (int i = 1; i < path.size(); i++) {
            if (!path.get(i).selfIssued) {
                n++;
            }
        }
        return n;
    }

    private static boolean inPath(List<CertInfo> path, CertInfo cand) {
        for (CertInfo p : path) {
            if (p.sameCertificate(cand) || (p.subject.equals(cand.subject) && p.sameKeyAs(cand))) {
                return true;
            }
        }
        return false;
    }

    private static List<CertInfo> append(List<CertInfo> path, CertInfo c) {
        List<CertInfo> n = new ArrayList<>(path.size() + 1);
        n.addAll(path);
        n.add(c);
        return n;
    }

    private boolean verify(CertInfo child, CertInfo issuer, Run run) {
        String key = child.fingerprint() + issuer.fingerprint();
        Boolean cached = run.sigCache.get(key);
        if (cached != null) {
            return cached;
        }
        run.signatureChecks++;
        boolean ok = verifySignature(child.cert, issuer.bcKey());
        run.sigCache.put(key, ok);
        return ok;
    }

    static boolean verifySignature(X509Certificate child, PublicKey key) {
        if (key == null) {
            return false;
        }
        try {
            Signature s = Signature.getInstance(child.getSigAlgOID(), Bc.PROVIDER);
            byte[] params = child.getSigAlgParams();
            if (params != null && !isNull(params)) {
                java.security.AlgorithmParameters ap = java.security.AlgorithmParameters.getInstance(child.getSigAlgOID(),
                        Bc.PROVIDER);
                ap.init(params);
                s.setParameter(ap.getParameterSpec(java.security.spec.PSSParameterSpec.class));
            }
            s.initVerify(key);
            s.update(child.getTBSCertificate());
            return s.verify(child.getSignature());
        } catch (java.security.GeneralSecurityException | RuntimeException | java.io.IOException e) {
            return false;
        }
    }

    private static boolean isNull(byte[] der) {
        return der.length == 2 && der[0] == 0x05 && der[1] == 0x00;
    }

    // --------------------------------------------------------------------------------------- validation

    /** Validates a complete path (end-entity first, anchor last); null when valid. */
    private Failure checkPath(List<CertInfo> path, Run run) {
        int n = path.size();
        for (int i = n - 1; i >= 0; i--) {
            CertInfo c = path.get(i);
            boolean ee = i == 0;
            boolean anchor = i == n - 1 && !ee;
            Failure f = profile(c, i, ee, anchor);
            if (f == null) {
                f = algorithms(c, i, anchor);
            }
            if (f == null) {
                f = validity(c, i, run.at);
            }
            if (f == null) {
                f = criticalExtensions(c, i);
            }
            if (f == null && !ee) {
                f = caChecks(path, c, i);
            }
            if (f == null && !anchor && i < n - 1) {
                f = revocation(c, path.get(i + 1), i, run.at);
            }
            if (f != null) {
                return f;
            }
        }
        return endEntityChecks(path.get(0), run);
    }

    private Failure profile(CertInfo c, int i, boolean ee, boolean anchor) {
        String problem = null;
        if (c.malformed != null) {
            problem = c.malformed;
        } else if (!anchor && c.cert.getVersion() != 3) {
            problem = "it is an X.509 version " + c.cert.getVersion() + " certificate; extensions need version 3";
        } else if (!anchor && c.cert.getSerialNumber().signum() <= 0) {
            problem = "its serial number " + c.cert.getSerialNumber() + " is not positive (RFC 5280 4.1.2.2)";
        } else if (!anchor && c.cert.getSerialNumber().toByteArray().length > 20) {
            problem = "its serial number is longer than 20 octets (RFC 5280 4.1.2.2)";
        } else if (c.issuer.getEncoded().length <= 2) {
            problem = "its issuer name is empty (RFC 5280 4.1.2.4)";
        } else if (!ee && c.subject.getEncoded().length <= 2) {
            problem = "it is a CA certificate with an empty subject (RFC 5280 4.1.2.6)";
        } else if (!c.asn1.getSignatureAlgorithm().equals(c.asn1.getTBSCertificate().getSignature())) {
            problem = "its signatureAlgorithm differs from the signature field inside tbsCertificate (RFC 5280 4.1.1.2)";
        } else if (c.skiCritical) {
            problem = "its subjectKeyIdentifier extension is critical (RFC 5280 4.2.1.2: MUST be non-critical)";
        } else if (c.akiCritical) {
            problem = "its authorityKeyIdentifier extension is critical (RFC 5280 4.2.1.1: MUST be non-critical)";
        } else if (!ee && c.ski == null) {
            problem = "it is a CA certificate without subjectKeyIdentifier (RFC 5280 4.2.1.2)";
        } else if (!anchor && c.aki == null && !(c.selfIssued && verifySignature(c.cert, c.bcKey()))) {
            problem = "it has no authorityKeyIdentifier (RFC 5280 4.2.1.1: required except in self-signed certificates)";
        } else if (c.aki != null && c.akiKeyId() == null) {
            problem = "its authorityKeyIdentifier has no keyIdentifier (CA/Browser Forum BR 7.1.2.11.1)";
        } else if (c.aki != null && (c.aki.getAuthorityCertIssuer() != null || c.aki.getAuthorityCertSerialNumber() != null)) {
            problem = "its authorityKeyIdentifier carries authorityCertIssuer/authorityCertSerialNumber"
                    + " (CA/Browser Forum BR 7.1.2.11.1: MUST NOT be present)";
        } else if (anchor && c.selfIssued && c.aki != null && c.ski != null && !Arrays.equals(c.akiKeyId(), c.ski)) {
            problem = "it is self-signed but its authorityKeyIdentifier differs from its subjectKeyIdentifier";
        } else if (anchor && c.selfIssued && c.eku != null) {
            problem = "it is a root CA with an extKeyUsage extension (CA/Browser Forum BR 7.1.2.1.2: MUST NOT be present)";
        } else if (c.isCritical(Extension.authorityInfoAccess)) {
            problem = "its authorityInfoAccess extension is critical (RFC 5280 4.2.2.1: MUST be non-critical)";
        } else if (c.has(Extension.policyConstraints) && !c.isCritical(Extension.policyConstraints)) {
            problem = "its policyConstraints extension is not critical (RFC 5280 4.2.1.11: MUST be critical)";
        } else if (ee && c.nameConstraints != null) {
            problem = "it is an end-entity certificate with nameConstraints (RFC 5280 4.2.1.10: CA certificates only)";
        } else if (c.nameConstraints != null && NameConstraintsCheck.malformedConstraint(c.nameConstraints) != null) {
            problem = "its " + NameConstraintsCheck.malformedConstraint(c.nameConstraints);
        } else if (ee && c.san != null && c.sanCritical && c.subject.getEncoded().length > 2) {
            problem = "its subjectAltName is critical although the subject is not empty (RFC 5280 4.2.1.6)";
        } else if (ee && c.san != null && !c.sanCritical && c.subject.getEncoded().length <= 2) {
            problem = "its subject is empty but subjectAltName is not critical (RFC 5280 4.2.1.6)";
        } else if (ee && c.ekuCritical) {
            problem = "its extKeyUsage extension is critical (CA/Browser Forum BR 7.1.2.7.10: MUST NOT be critical)";
        }
        if (problem == null) {
            return null;
        }
        return new Failure(FailureReason.NONCONFORMING_CERTIFICATE, c, i,
                name(c.subject) + " is rejected by TLS clients: " + problem + ".",
                "Re-issue the certificate with a conforming profile (the CA's default template).");
    }

    private Failure algorithms(CertInfo c, int i, boolean anchor) {
        SubjectPublicKeyInfo spki = c.asn1.getSubjectPublicKeyInfo();
        AlgorithmIdentifier alg = spki.getAlgorithm();
        ASN1ObjectIdentifier oid = alg.getAlgorithm();
        String problem = null;
        if (oid.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
            if (!(alg.getParameters() instanceof ASN1ObjectIdentifier curve)) {
                problem = "its EC key uses explicit curve parameters instead of a named curve (RFC 5480 2.1.1)";
            } else if (!curve.equals(SECObjectIdentifiers.secp256r1) && !curve.equals(SECObjectIdentifiers.secp384r1)
                    && !curve.equals(SECObjectIdentifiers.secp521r1)) {
                problem = "its EC key is on curve " + curve.getId() + "; only P-256, P-384 and P-521 are allowed";
            }
        } else if (oid.equals(org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers.rsaEncryption)) {
            PublicKey k = c.bcKey();
            if (k instanceof RSAPublicKey rsa) {
                int bits = rsa.getModulus().bitLength();
                if (bits < 2048) {
                    problem = "its RSA key has " + bits + " bits; at least 2048 are required";
                } else if (bits % 8 != 0) {
                    problem = "its RSA modulus has " + bits + " bits, not a multiple of 8";
                }
            } else {
                problem = "its RSA public key is malformed";
            }
        } else if (!oid.equals(org.bouncycastle.asn1.edec.EdECObjectIdentifiers.id_Ed25519)
                && !oid.equals(org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers.id_RSASSA_PSS)) {
            problem = "its public key algorithm " + oid.getId() + " is not allowed (RSA, ECDSA P-256/P-384/P-521, Ed25519)";
        }
        if (problem == null && !anchor) {
            String sig = c.cert.getSigAlgName().toUpperCase(java.util.Locale.ROOT);
            if (sig.contains("MD5") || sig.contains("SHA1") || sig.startsWith("SHA-1") || sig.contains("MD2")) {
                problem = "it is signed with " + c.cert.getSigAlgName() + ", a forbidden signature algorithm";
            }
        }
        if (problem == null) {
            return null;
        }
        return new Failure(FailureReason.WEAK_ALGORITHM, c, i, name(c.subject) + ": " + problem + ".",
                "Re-issue the certificate with an ECDSA P-256 or RSA 2048+ key and a SHA-256 signature.");
    }

    private Failure validity(CertInfo c, int i, Instant at) {
        Instant nb = c.cert.getNotBefore().toInstant();
        Instant na = c.cert.getNotAfter().toInstant();
        if (at.isBefore(nb.minus(config.skew()))) {
            return new Failure(FailureReason.NOT_YET_VALID, c, i,
                    name(c.subject) + " is not valid before " + ISO.format(nb) + "; validation time is " + ISO.format(at) + ".",
                    "Check the clock of the issuing CA and of this host; wait until the certificate is valid.");
        }
        if (at.isAfter(na.plus(config.skew()))) {
            return new Failure(FailureReason.EXPIRED, c, i,
                    name(c.subject) + " expired at " + ISO.format(na) + "; validation time is " + ISO.format(at) + ".",
                    i == 0 ? "Renew the certificate (check that the renewal service, such as step ca renew --daemon, runs)."
                            : "Replace the expired CA certificate and re-issue the certificates below it.");
        }
        return null;
    }

    private Failure criticalExtensions(CertInfo c, int i) {
        Set<String> crit = c.cert.getCriticalExtensionOIDs();
        if (crit == null) {
            return null;
        }
        for (String oid : new java.util.TreeSet<>(crit)) {
            if (!HANDLED_CRITICAL.contains(oid)) {
                return new Failure(FailureReason.UNKNOWN_CRITICAL_EXTENSION, c, i,
                        name(c.subject) + " has critical extension " + oid + ", which this validator does not process"
                                + " (RFC 5280 6.1.4 (o)).",
                        "Re-issue the certificate without the critical extension, or mark it non-critical.");
            }
        }
        return null;
    }

    private Failure caChecks(List<CertInfo> path, CertInfo c, int i) {
        if (c.basic == null || !c.basic.isCA()) {
            return new Failure(FailureReason.NOT_A_CA, c, i,
                    name(c.subject) + " issues certificates but is not a CA: "
                            + (c.basic == null ? "it has no basicConstraints extension" : "its basicConstraints says CA:FALSE")
                            + " (RFC 5280 6.1.4 (k)).",
                    "Issue the intermediate with basicConstraints CA:TRUE (critical) and keyUsage keyCertSign.");
        }
        if (!c.basicCritical) {
            return new Failure(FailureReason.NOT_A_CA, c, i,
                    name(c.subject) + " has basicConstraints CA:TRUE but not marked critical (RFC 5280 4.2.1.9).",
                    "Re-issue the CA certificate with a critical basicConstraints extension.");
        }
        if (c.keyUsage != null && !c.keyUsage.hasUsages(KeyUsage.keyCertSign)) {
            return new Failure(FailureReason.KEY_USAGE, c, i,
                    name(c.subject) + " is a CA but its keyUsage lacks keyCertSign (RFC 5280 6.1.4 (n)).",
                    "Re-issue the CA certificate with keyUsage keyCertSign, cRLSign.");
        }
        BigInteger pathLen = c.pathLen();
        if (pathLen != null) {
            int below = 0;
            for (int j = 1; j < i; j++) {
                if (!path.get(j).selfIssued) {
                    below++;
                }
            }
            if (BigInteger.valueOf(below).compareTo(pathLen) > 0) {
                return new Failure(FailureReason.PATH_LENGTH_EXCEEDED, c, i,
                        name(c.subject) + " allows " + pathLen + " intermediate(s) below it (pathLenConstraint) but the path has "
                                + below + " (RFC 5280 6.1.4 (l), (m)).",
                        "Re-issue " + name(c.subject) + " with a larger pathLenConstraint, or issue from a CA higher up.");
            }
        }
        if (c.eku != null && config.purpose() != KeyPurpose.ANY && !c.eku.contains(config.purpose().oid())
                && !c.eku.contains(ANY_EKU)) {
            return new Failure(FailureReason.EKU_MISMATCH, c, i,
                    "CA " + name(c.subject) + " restricts extended key usage to " + ekuText(c.eku) + ", which excludes "
                            + config.purpose().rfcName() + ".",
                    "Use a CA whose extended key usage includes " + config.purpose().rfcName() + ".");
        }
        if (c.nameConstraints != null) {
            for (int j = i - 1; j >= 0; j--) {
                CertInfo sub = path.get(j);
                if (j > 0 && sub.selfIssued) {
                    continue;
                }
                String v = NameConstraintsCheck.check(c.nameConstraints, sub);
                if (v != null) {
                    return new Failure(FailureReason.NAME_CONSTRAINTS_VIOLATED, sub, j,
                            name(sub.subject) + ": " + v + " of the name constraints of " + name(c.subject) + ".",
                            "Issue the certificate only for names the CA " + name(c.subject) + " may certify.");
                }
            }
        }
        return null;
    }

    private Failure revocation(CertInfo c, CertInfo issuer, int i, Instant at) {
        List<X509CRL> crls = crlsByIssuer.getOrDefault(c.issuer, List.of());
        for (X509CRL crl : crls) {
            String bad = crlProblem(crl, issuer);
            if (bad != null) {
                return new Failure(FailureReason.CRL_INVALID, c, i,
                        "The CRL of " + name(c.issuer) + " cannot be used to check " + name(c.subject) + ": " + bad + ".",
                        "Publish a CRL signed by the issuing CA with keyUsage cRLSign and a non-critical CRL number.");
            }
            X509CRLEntry e = crl.getRevokedCertificate(c.cert.getSerialNumber());
            if (e != null) {
                return new Failure(FailureReason.REVOKED, c, i,
                        name(c.subject) + " (serial " + c.cert.getSerialNumber().toString(16) + ") was revoked at "
                                + ISO.format(e.getRevocationDate().toInstant())
                                + (e.getRevocationReason() != null ? " (" + e.getRevocationReason() + ")" : "")
                                + " according to the CRL of " + name(c.issuer) + ".",
                        "Issue a new certificate and install it.");
            }
        }
        return null;
    }

    private static String crlProblem(X509CRL crl, CertInfo issuer) {
        if (issuer.keyUsage != null && !issuer.keyUsage.hasUsages(KeyUsage.cRLSign)) {
            return "the issuer's keyUsage lacks cRLSign (RFC 5280 6.3.3 (f))";
        }
        try {
            crl.verify(issuer.bcKey() != null ? issuer.bcKey() : issuer.cert.getPublicKey(), Bc.PROVIDER);
        } catch (java.security.GeneralSecurityException | RuntimeException e) {
            return "its signature does not verify with the issuer's key";
        }
        Set<String> crit = crl.getCriticalExtensionOIDs() == null ? Set.of() : crl.getCriticalExtensionOIDs();
        if (crit.contains(Extension.cRLNumber.getId())) {
            return "its CRL number extension is critical (RFC 5280 5.2.3: non-critical)";
        }
        for (String oid : crit) {
            if (!oid.equals(Extension.issuingDistributionPoint.getId())) {
                return "it has unknown critical extension " + oid;
            }
        }
        if (crl.getExtensionValue(Extension.cRLNumber.getId()) == null) {
            return "it has no CRL number (RFC 5280 5.2.3: MUST be included)";
        }
        if (crl.getVersion() != 2) {
            return "it is not a version 2 CRL";
        }
        return null;
    }

    private Failure endEntityChecks(CertInfo ee, Run run) {
        if (ee.isCa()) {
            return new Failure(FailureReason.END_ENTITY_IS_CA, ee, 0,
                    name(ee.subject) + " is used as an end-entity certificate but has basicConstraints CA:TRUE.",
                    "Issue a leaf certificate (CA:FALSE) for the service instead of using a CA certificate.");
        }
        if (ee.keyUsage != null) {
            if (ee.keyUsage.hasUsages(KeyUsage.keyCertSign)) {
                return new Failure(FailureReason.KEY_USAGE, ee, 0,
                        name(ee.subject) + " is an end-entity certificate with keyUsage keyCertSign.",
                        "Re-issue the leaf with keyUsage digitalSignature (and keyEncipherment for RSA).");
            }
            for (KeyUsageBit bit : config.requiredKeyUsage()) {
                if (!ee.keyUsage.hasUsages(Bc.keyUsageMask(bit))) {
                    return new Failure(FailureReason.KEY_USAGE, ee, 0,
                            name(ee.subject) + " keyUsage lacks " + bit.rfcName() + ".",
                            "Re-issue the leaf with keyUsage " + bit.rfcName() + ".");
                }
            }
        }
        if (config.purpose() != KeyPurpose.ANY && ee.eku != null
                && (!ee.eku.contains(config.purpose().oid()) || ee.eku.contains(ANY_EKU))) {
            return new Failure(FailureReason.EKU_MISMATCH, ee, 0,
                    name(ee.subject) + " has extended key usage " + ekuText(ee.eku) + ", which does not include "
                            + config.purpose().rfcName() + (ee.eku.contains(ANY_EKU)
                            ? " alone (anyExtendedKeyUsage is forbidden in web PKI leaf certificates,"
                            + " CA/Browser Forum BR 7.1.2.7.10)" : "") + ".",
                    "Re-issue the leaf with extended key usage " + config.purpose().rfcName() + ".");
        }
        if (run.reference.isPresent()) {
            ReferenceIdentity ref = run.reference.get();
            List<String> dns = new ArrayList<>();
            List<byte[]> ips = new ArrayList<>();
            if (ee.san != null) {
                for (GeneralName g : ee.san.getNames()) {
                    if (g.getTagNo() == GeneralName.dNSName) {
                        dns.add(NameConstraintsCheck.str(g));
                    } else if (g.getTagNo() == GeneralName.iPAddress) {
                        ips.add(ASN1OctetString.getInstance(g.getName()).getOctets());
                    }
                }
            }
            if (!NameMatcher.matches(dns, ips, ref)) {
                String have = ee.san == null ? "no subjectAltName extension (the common name is not used, RFC 9525 6.2.1)"
                        : "subjectAltName " + String.join(", ", Arrays.stream(ee.san.getNames())
                        .map(NameConstraintsCheck::text).toList());
                return new Failure(FailureReason.NAME_MISMATCH, ee, 0,
                        name(ee.subject) + " does not match " + (ref.type() == ReferenceIdentity.Type.IP ? "IP address " : "name ")
                                + ref.value() + ": it has " + have + ".",
                        "Re-issue the certificate with " + (ref.type() == ReferenceIdentity.Type.IP ? "IP:" : "DNS:")
                                + ref.value() + " in its subjectAltName, or connect using a name it lists.");
            }
        }
        return null;
    }

    private static String ekuText(List<String> eku) {
        return String.join(", ", eku.stream().map(KeyPurpose::nameOf).toList());
    }

    static String name(X500Principal p) {
        String s = p.getName();
        return s.isEmpty() ? "<empty name>" : s;
    }

    private static String hex(byte[] b) {
        return java.util.HexFormat.of().formatHex(b);
    }
}
