package io.phoenixdiag.pki.cert;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.bc.BcX509ExtensionUtils;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import io.phoenixdiag.pki.internal.Bc;

/**
 * Issues X.509 v3 certificates for labs and tests: roots, intermediates and leaves in the shape step-ca
 * issues them, and deliberately broken ones (see {@link ChainBuilder} for whole chains).
 *
 * <p>Start with {@link #root(String)}, {@link #intermediate(String, IssuedCertificate)},
 * {@link #leaf(IssuedCertificate, String...)} or {@link #selfSignedLeaf(String...)}; every option has a
 * step-ca-like default that the setters override:
 * <table>
 *   <caption>Defaults</caption>
 *   <tr><th>option</th><th>root</th><th>intermediate</th><th>leaf</th></tr>
 *   <tr><td>key</td><td colspan="3">{@link KeyType#EC_P256}, a fresh key pair</td></tr>
 *   <tr><td>subject</td><td>{@code CN=<name>}</td><td>{@code CN=<name>}</td><td>{@code CN=<first name>}</td></tr>
 *   <tr><td>validity</td><td colspan="2">from 1 minute before now for 10 years</td><td>from 1 minute before now for 24 hours</td></tr>
 *   <tr><td>basicConstraints (critical)</td><td>CA, pathLen 1</td><td>CA, pathLen 0</td><td>absent</td></tr>
 *   <tr><td>keyUsage (critical)</td><td>keyCertSign, cRLSign</td><td>keyCertSign, cRLSign</td><td>digitalSignature (+ keyEncipherment for RSA)</td></tr>
 *   <tr><td>extKeyUsage</td><td>absent</td><td>absent</td><td>serverAuth, clientAuth</td></tr>
 *   <tr><td>SAN</td><td>absent</td><td>absent</td><td>the names: dNSName, or iPAddress for IP literals</td></tr>
 *   <tr><td>SKI / AKI</td><td colspan="3">SKI = SHA-1 of the public key (RFC 5280 4.2.1.2 method 1); AKI = issuer's SKI (keyIdentifier only); none on a self-signed leaf</td></tr>
 *   <tr><td>serial</td><td colspan="3">128 random bits, positive</td></tr>
 * </table>
 * "Now" is the {@link #clock(Clock)} instant truncated to seconds. Signatures are made with BouncyCastle
 * (provider object passed directly, never registered); keys come from the JDK's default providers.
 *
 * <p>A builder is not thread-safe; {@link #build()} may be called more than once (each call makes a new
 * key pair unless {@link #keyPair(KeyPair)} was set, and a new random serial unless {@link #serial} was set).
 */
public final class CertificateBuilder {
    private static final SecureRandom RANDOM = new SecureRandom();

    private enum Kind { ROOT, INTERMEDIATE, LEAF, SELF_SIGNED_LEAF }

    private final Kind kind;
    private final IssuedCertificate issuer;
    private String subject;
    private final List<String> names = new ArrayList<>();
    private KeyType keyType = KeyType.EC_P256;
    private KeyPair keyPair;
    private Clock clock = Clock.systemUTC();
    private Instant notBefore;
    private Instant notAfter;
    private Duration lifetime;
    private BigInteger serial;
    private boolean basicConstraints;
    private boolean ca;
    private Integer pathLength;
    private Set<KeyUsageBit> keyUsage;
    private List<KeyPurpose> extendedKeyUsage;
    private final List<String> permitted = new ArrayList<>();
    private final List<String> excluded = new ArrayList<>();
    private final Map<String, Map.Entry<Boolean, byte[]>> extraExtensions = new LinkedHashMap<>();
    private boolean subjectKeyId = true;
    private boolean authorityKeyId = true;
    private String signatureAlgorithm;

    private CertificateBuilder(Kind kind, IssuedCertificate issuer, String subjectCn) {
        this.kind = kind;
        this.issuer = issuer;
        this.subject = subjectCn.isEmpty() ? "" : "CN=" + escape(subjectCn);
        boolean isCa = kind == Kind.ROOT || kind == Kind.INTERMEDIATE;
        this.basicConstraints = isCa;
        this.ca = isCa;
        this.pathLength = kind == Kind.ROOT ? Integer.valueOf(1) : kind == Kind.INTERMEDIATE ? Integer.valueOf(0) : null;
        this.lifetime = isCa ? Duration.ofDays(3650) : Duration.ofHours(24);
        this.extendedKeyUsage = isCa ? List.of() : List.of(KeyPurpose.SERVER_AUTH, KeyPurpose.CLIENT_AUTH);
    }

    /**
     * Starts a self-signed root CA.
     *
     * @param commonName the subject CN, such as {@code Phoenix Root CA}
     * @return a new builder
     */
    public static CertificateBuilder root(String commonName) {
        return new CertificateBuilder(Kind.ROOT, null, Objects.requireNonNull(commonName, "commonName"));
    }

    /**
     * Starts an intermediate CA signed by {@code issuer}.
     *
     * @param commonName the subject CN, such as {@code Phoenix Intermediate CA}
     * @param issuer     the signing CA
     * @return a new builder
     */
    public static CertificateBuilder intermediate(String commonName, IssuedCertificate issuer) {
        return new CertificateBuilder(Kind.INTERMEDIATE, Objects.requireNonNull(issuer, "issuer"),
                Objects.requireNonNull(commonName, "commonName"));
    }

    /**
     * Starts an end-entity certificate signed by {@code issuer}.
     *
     * @param issuer the signing CA
     * @param names  DNS names and IP literals for the SAN; the first is also the subject CN
     * @return a new builder
     * @throws IllegalArgumentException if a name is neither a DNS name nor an IP literal
     */
    public static CertificateBuilder leaf(IssuedCertificate issuer, String... names) {
        CertificateBuilder b = new CertificateBuilder(Kind.LEAF, Objects.requireNonNull(issuer, "issuer"),
                names.length == 0 ? "" : names[0]);
        return b.sans(names);
    }

    /**
     * Starts a self-signed end-entity certificate (not a CA): the "self-signed leaf" a misconfigured
     * service presents.
     *
     * @param names DNS names and IP literals for the SAN; the first is also the subject CN
     * @return a new builder
     */
    public static CertificateBuilder selfSignedLeaf(String... names) {
        CertificateBuilder b = new CertificateBuilder(Kind.SELF_SIGNED_LEAF, null, names.length == 0 ? "" : names[0]);
        b.authorityKeyId = false;
        return b.sans(names);
    }

    /**
     * Replaces the subject distinguished name.
     *
     * @param rfc4514Dn the DN in RFC 4514 form, such as {@code CN=x,O=Phoenix}, or {@code ""} for an empty subject
     * @return this builder
     */
    public CertificateBuilder subject(String rfc4514Dn) {
        this.subject = Objects.requireNonNull(rfc4514Dn, "rfc4514Dn");
        return this;
    }

    /**
     * Replaces the SAN names.
     *
     * @param names DNS names (wildcards allowed) and IPv4/IPv6 literals; none removes the SAN extension
     * @return this builder
     * @throws IllegalArgumentException if a name is blank
     */
    public CertificateBuilder sans(String... names) {
        this.names.clear();
        for (String n : names) {
            if (n == null || n.isBlank()) {
                throw new IllegalArgumentException("SAN names must not be blank");
            }
            this.names.add(n);
        }
        return this;
    }

    /**
     * Sets the key type of the fresh key pair.
     *
     * @param keyType the key type
     * @return this builder
     */
    public CertificateBuilder keyType(KeyType keyType) {
        this.keyType = Objects.requireNonNull(keyType, "keyType");
        return this;
    }

    /**
     * Uses an existing key pair instead of generating one (for example to re-issue a root with the same key).
     *
     * @param keyPair an RSA or EC key pair
     * @return this builder
     */
    public CertificateBuilder keyPair(KeyPair keyPair) {
        this.keyPair = Objects.requireNonNull(keyPair, "keyPair");
        return this;
    }

    /**
     * Sets the clock giving "now" for default validity.
     *
     * @param clock the clock
     * @return this builder
     */
    public CertificateBuilder clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    /**
     * Sets an explicit validity period (second precision; sub-second parts are dropped).
     *
     * @param notBefore start, inclusive
     * @param notAfter  end, inclusive (RFC 5280 section 4.1.2.5)
     * @return this builder
     * @throws IllegalArgumentException if {@code notAfter} is before {@code notBefore}
     */
    public CertificateBuilder validity(Instant notBefore, Instant notAfter) {
        if (notAfter.isBefore(notBefore)) {
            throw new IllegalArgumentException("notAfter " + notAfter + " is before notBefore " + notBefore);
        }
        this.notBefore = notBefore.truncatedTo(ChronoUnit.SECONDS);
        this.notAfter = notAfter.truncatedTo(ChronoUnit.SECONDS);
        return this;
    }

    /**
     * Sets the lifetime used when no explicit {@link #validity} is given: from one minute before now.
     *
     * @param lifetime a positive duration
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public CertificateBuilder lifetime(Duration lifetime) {
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("lifetime must be positive: " + lifetime);
        }
        this.lifetime = lifetime;
        return this;
    }

    /**
     * Sets the serial number.
     *
     * @param serial the serial (RFC 5280 wants it positive and at most 20 octets; not enforced here so that
     *               broken certificates can be made)
     * @return this builder
     */
    public CertificateBuilder serial(BigInteger serial) {
        this.serial = Objects.requireNonNull(serial, "serial");
        return this;
    }

    /**
     * Sets the basic constraints extension (always critical) to CA or not CA, without a path length.
     *
     * @param ca whether the subject is a CA
     * @return this builder
     */
    public CertificateBuilder ca(boolean ca) {
        this.basicConstraints = true;
        this.ca = ca;
        this.pathLength = null;
        return this;
    }

    /**
     * Makes the subject a CA with a path length constraint.
     *
     * @param pathLength the maximum number of non-self-issued intermediates below, at least 0
     * @return this builder
     * @throws IllegalArgumentException if negative
     */
    public CertificateBuilder pathLength(int pathLength) {
        if (pathLength < 0) {
            throw new IllegalArgumentException("pathLength must be >= 0: " + pathLength);
        }
        this.basicConstraints = true;
        this.ca = true;
        this.pathLength = pathLength;
        return this;
    }

    /**
     * Leaves the basic constraints extension out altogether.
     *
     * @return this builder
     */
    public CertificateBuilder noBasicConstraints() {
        this.basicConstraints = false;
        this.ca = false;
        this.pathLength = null;
        return this;
    }

    /**
     * Sets the key usage bits (critical extension); none leaves the extension out.
     *
     * @param bits the bits
     * @return this builder
     */
    public CertificateBuilder keyUsage(KeyUsageBit... bits) {
        this.keyUsage = bits.length == 0 ? EnumSet.noneOf(KeyUsageBit.class) : EnumSet.copyOf(List.of(bits));
        return this;
    }

    /**
     * Sets the extended key usage purposes (non-critical); none leaves the extension out.
     *
     * @param purposes the purposes
     * @return this builder
     */
    public CertificateBuilder extendedKeyUsage(KeyPurpose... purposes) {
        this.extendedKeyUsage = List.of(purposes);
        return this;
    }

    /**
     * Adds permitted subtrees to a critical name constraints extension (RFC 5280 section 4.2.1.10).
     *
     * @param names DNS name constraints ({@code example.com}, {@code .example.com}) or CIDR blocks
     *              ({@code 10.0.0.0/8}, {@code fd00::/8})
     * @return this builder
     */
    public CertificateBuilder permittedSubtrees(String... names) {
        permitted.addAll(List.of(names));
        return this;
    }

    /**
     * Adds excluded subtrees to a critical name constraints extension.
     *
     * @param names DNS name constraints or CIDR blocks, as for {@link #permittedSubtrees}
     * @return this builder
     */
    public CertificateBuilder excludedSubtrees(String... names) {
        excluded.addAll(List.of(names));
        return this;
    }

    /**
     * Adds an arbitrary extension, for example an unknown critical one.
     *
     * @param oid      dotted OID
     * @param critical the criticality flag
     * @param derValue the DER encoding of the extension value (the content of extnValue)
     * @return this builder
     */
    public CertificateBuilder extension(String oid, boolean critical, byte[] derValue) {
        extraExtensions.put(oid, Map.entry(critical, derValue.clone()));
        return this;
    }

    /**
     * Leaves out the subject key identifier.
     *
     * @return this builder
     */
    public CertificateBuilder noSubjectKeyIdentifier() {
        this.subjectKeyId = false;
        return this;
    }

    /**
     * Leaves out the authority key identifier.
     *
     * @return this builder
     */
    public CertificateBuilder noAuthorityKeyIdentifier() {
        this.authorityKeyId = false;
        return this;
    }

    /**
     * Overrides the signature algorithm (JCA name such as {@code SHA384withECDSA}); by default it follows
     * the issuer's key: {@code SHA256withECDSA} for P-256, {@code SHA384withECDSA} for P-384,
     * {@code SHA256withRSA} for RSA.
     *
     * @param jcaName the JCA signature algorithm name
     * @return this builder
     */
    public CertificateBuilder signatureAlgorithm(String jcaName) {
        this.signatureAlgorithm = Objects.requireNonNull(jcaName, "jcaName");
        return this;
    }

    /**
     * Issues the certificate.
     *
     * @return the certificate and its key pair
     * @throws IllegalStateException if key generation or signing fails (for example an unsupported signature
     *                               algorithm name)
     * @throws IllegalArgumentException if a SAN or name constraint is malformed
     */
    public IssuedCertificate build() {
        KeyPair kp = keyPair != null ? keyPair : generate(keyType);
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant nb = notBefore != null ? notBefore : now.minus(Duration.ofMinutes(1));
        Instant na = notAfter != null ? notAfter : nb.plus(lifetime);
        BigInteger sn = serial != null ? serial : new BigInteger(128, RANDOM).setBit(127);
        X500Name subjectName = new X500Name(subject);
        boolean selfSigned = issuer == null;
        X500Name issuerName = selfSigned ? subjectName
                : X500Name.getInstance(issuer.certificate().getSubjectX500Principal().getEncoded());
        PrivateKey signingKey = selfSigned ? kp.getPrivate() : issuer.keyPair().getPrivate();
        try {
            SubjectPublicKeyInfo spki = SubjectPublicKeyInfo.getInstance(kp.getPublic().getEncoded());
            X509v3CertificateBuilder b = new X509v3CertificateBuilder(issuerName, sn, Date.from(nb), Date.from(na),
                    subjectName, spki);
            BcX509ExtensionUtils utils = new BcX509ExtensionUtils();
            if (basicConstraints) {
                b.addExtension(Extension.basicConstraints, true,
                        ca && pathLength != null ? new BasicConstraints(pathLength) : new BasicConstraints(ca));
            }
            Set<KeyUsageBit> ku = keyUsage != null ? keyUsage : defaultKeyUsage(kp.getPublic());
            if (!ku.isEmpty()) {
                int bits = 0;
                for (KeyUsageBit bit : ku) {
                    bits |= Bc.keyUsageMask(bit);
                }
                b.addExtension(Extension.keyUsage, true, new KeyUsage(bits));
            }
            if (!extendedKeyUsage.isEmpty()) {
                KeyPurposeId[] ids = extendedKeyUsage.stream()
                        .map(p -> KeyPurposeId.getInstance(new ASN1ObjectIdentifier(p.oid()))).toArray(KeyPurposeId[]::new);
                b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(ids));
            }
            if (!names.isEmpty()) {
                b.addExtension(Extension.subjectAlternativeName, subject.isEmpty(),
                        new GeneralNames(names.stream().map(CertificateBuilder::generalName).toArray(GeneralName[]::new)));
            }
            if (!permitted.isEmpty() || !excluded.isEmpty()) {
                b.addExtension(Extension.nameConstraints, true, new NameConstraints(
                        permitted.isEmpty() ? null : subtrees(permitted), excluded.isEmpty() ? null : subtrees(excluded)));
            }
            if (subjectKeyId) {
                b.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(spki));
            }
            if (authorityKeyId) {
                if (selfSigned) {
                    b.addExtension(Extension.authorityKeyIdentifier, false,
                            new AuthorityKeyIdentifier(utils.createSubjectKeyIdentifier(spki).getKeyIdentifier()));
                } else {
                    b.addExtension(Extension.authorityKeyIdentifier, false, authorityKeyId(issuer));
                }
            }
            for (Map.Entry<String, Map.Entry<Boolean, byte[]>> e : extraExtensions.entrySet()) {
                b.addExtension(new Extension(new ASN1ObjectIdentifier(e.getKey()), e.getValue().getKey(),
                        e.getValue().getValue()));
            }
            String alg = signatureAlgorithm != null ? signatureAlgorithm : signatureAlgorithm(signingKey);
            X509CertificateHolder h = b.build(new JcaContentSignerBuilder(alg).setProvider(Bc.PROVIDER)
                    .build(bcPrivateKey(signingKey)));
            return new IssuedCertificate(Bc.certificate(h.getEncoded()), kp);
        } catch (IOException | OperatorCreationException | CertificateException e) {
            throw new IllegalStateException("cannot issue certificate for " + subject + ": " + e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------------------------------------------

    /**
     * Generates a fresh key pair with the JDK's default providers.
     *
     * @param type the key type
     * @return the key pair
     * @throws IllegalStateException if the JDK lacks the algorithm
     */
    public static KeyPair generate(KeyType type) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance(type.algorithm());
            if ("EC".equals(type.algorithm())) {
                g.initialize(new ECGenParameterSpec(type.bits() == 256 ? "secp256r1" : "secp384r1"), RANDOM);
            } else {
                g.initialize(type.bits(), RANDOM);
            }
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate " + type + " key", e);
        }
    }

    /**
     * Re-decodes a private key with BouncyCastle from its PKCS#8 form, so that named-curve parameters (and their
     * cached precomputation) are shared instead of rebuilt from the JDK's curve description on every signature.
     */
    static PrivateKey bcPrivateKey(PrivateKey key) {
        try {
            return java.security.KeyFactory.getInstance(key.getAlgorithm(), Bc.PROVIDER)
                    .generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(key.getEncoded()));
        } catch (GeneralSecurityException | RuntimeException e) {
            return key;
        }
    }

    static String signatureAlgorithm(PrivateKey key) {
        if ("RSA".equals(key.getAlgorithm())) {
            return "SHA256withRSA";
        }
        if (key instanceof java.security.interfaces.ECPrivateKey ec && ec.getParams().getOrder().bitLength() > 256) {
            return "SHA384withECDSA";
        }
        return "SHA256withECDSA";
    }

    static AuthorityKeyIdentifier authorityKeyId(IssuedCertificate issuer) {
        byte[] ski = issuer.certificate().getExtensionValue(Extension.subjectKeyIdentifier.getId());
        byte[] id;
        if (ski != null) {
            id = ASN1OctetString.getInstance(ASN1OctetString.getInstance(ski).getOctets()).getOctets();
        } else {
            id = new BcX509ExtensionUtils().createSubjectKeyIdentifier(
                    SubjectPublicKeyInfo.getInstance(issuer.keyPair().getPublic().getEncoded())).getKeyIdentifier();
        }
        return new AuthorityKeyIdentifier(id);
    }

    private Set<KeyUsageBit> defaultKeyUsage(PublicKey key) {
        if (kind == Kind.ROOT || kind == Kind.INTERMEDIATE) {
            return EnumSet.of(KeyUsageBit.KEY_CERT_SIGN, KeyUsageBit.CRL_SIGN);
        }
        return "RSA".equals(key.getAlgorithm())
                ? EnumSet.of(KeyUsageBit.DIGITAL_SIGNATURE, KeyUsageBit.KEY_ENCIPHERMENT)
                : EnumSet.of(KeyUsageBit.DIGITAL_SIGNATURE);
    }

    private static GeneralName generalName(String name) {
        Optional<byte[]> ip = io.phoenixdiag.pki.name.ReferenceIdentity.parseIp(name);
        if (ip.isPresent()) {
            return new GeneralName(GeneralName.iPAddress, new DEROctetString(ip.get()));
        }
        return new GeneralName(GeneralName.dNSName, name);
    }

    private static GeneralSubtree[] subtrees(List<String> names) {
        return names.stream().map(n -> {
            int slash = n.indexOf('/');
            if (slash > 0) {
                byte[] addr = io.phoenixdiag.pki.name.ReferenceIdentity.parseIp(n.substring(0, slash))
                        .orElseThrow(() -> new IllegalArgumentException("not a CIDR block: " + n));
                int prefix = Integer.parseInt(n.substring(slash + 1));
                byte[] mask = new byte[addr.length];
                for (int i = 0; i < prefix; i++) {
                    mask[i / 8] |= (byte) (0x80 >>> (i % 8));
                }
                byte[] both = new byte[addr.length * 2];
                System.arraycopy(addr, 0, both, 0, addr.length);
                System.arraycopy(mask, 0, both, addr.length, addr.length);
                return new GeneralSubtree(new GeneralName(GeneralName.iPAddress, new DEROctetString(both)));
            }
            return new GeneralSubtree(new GeneralName(GeneralName.dNSName, n));
        }).toArray(GeneralSubtree[]::new);
    }

    private static String escape(String cn) {
        return cn.replace("\\", "\\\\").replace(",", "\\,").replace("+", "\\+").replace("=", "\\=")
                .replace("\"", "\\\"").replace("<", "\\<").replace(">", "\\>").replace(";", "\\;");
    }
}
