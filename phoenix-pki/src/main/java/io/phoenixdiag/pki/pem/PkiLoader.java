package io.phoenixdiag.pki.pem;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.UnrecoverableKeyException;
import java.security.cert.CRLException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.pkcs.EncryptedPrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.RSAPrivateKey;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.operator.InputDecryptorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;

import io.phoenixdiag.pki.internal.Bc;

/**
 * Reads certificates, CRLs, private keys and keystores from PEM, DER, PKCS#7, PKCS#12 and JKS input.
 *
 * <p>Formats: PEM blocks {@code CERTIFICATE}, {@code X509 CERTIFICATE}, {@code TRUSTED CERTIFICATE},
 * {@code X509 CRL}, {@code PKCS7}, {@code CMS} (RFC 7468) with any text between blocks (such as
 * {@code openssl x509 -text} output); DER certificates, CRLs and PKCS#7 {@code SignedData}
 * (RFC 2315 "certs-only"); private keys as PKCS#8 ({@code PRIVATE KEY}, RFC 5958), PKCS#1
 * ({@code RSA PRIVATE KEY}, RFC 8017), SEC1 ({@code EC PRIVATE KEY}, RFC 5915) and encrypted PKCS#8
 * ({@code ENCRYPTED PRIVATE KEY}); keystores in PKCS#12 (RFC 7292) and JKS.
 *
 * <p>Every error is a {@link PkiParseException} (a {@link CertificateException}) naming the source label,
 * the 1-based PEM block index and what was wrong; a missing or wrong password is a
 * {@link PasswordRequiredException}. Passwords and key material never appear in messages. Password arrays
 * are read, never kept or cleared. All methods are static and thread-safe.
 */
public final class PkiLoader {
    private static final String BEGIN = "-----BEGIN ";
    private static final String END = "-----END ";
    private static final String DASHES = "-----";

    private PkiLoader() {
    }

    /** The largest certificate, key or keystore file read, in bytes (16 MiB). */
    public static final long MAX_FILE_BYTES = 16L * 1024 * 1024;

    /**
     * Reads a certificate, key or keystore file, refusing what would hang or exhaust memory.
     *
     * @param file the file
     * @return its bytes
     * @throws IOException if it cannot be read, is not a regular file (a FIFO or a device such as
     *                     {@code /dev/zero}), or is larger than {@link #MAX_FILE_BYTES}; the message names the file
     */
    public static byte[] readFile(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": " + (Files.isDirectory(file) ? "a directory, not a file"
                    : Files.exists(file) ? "not a regular file (a FIFO, device or socket)" : "no such file"));
        }
        long size = Files.size(file);
        if (size > MAX_FILE_BYTES) {
            throw new IOException(file + ": " + size + " bytes, more than the " + MAX_FILE_BYTES
                    + " bytes a certificate, key or keystore file may have");
        }
        return Files.readAllBytes(file);
    }

    /** One PEM block: its 1-based index, label, and the base64 payload (headers dropped). */
    private record Block(int index, String type, String base64, boolean hasHeaders, boolean legacyEncrypted,
                         String error) {
    }

    /**
     * Reads every certificate and CRL of an input, collecting the blocks that fail as problems.
     *
     * @param data   the bytes: PEM text (any number of blocks, junk between them allowed), or one DER
     *               certificate, CRL or PKCS#7 structure
     * @param source the label used in errors, such as a file name or {@code <stdin>}
     * @return the certificates, CRLs and problems; never null
     */
    public static PemBundle read(byte[] data, String source) {
        List<X509Certificate> certs = new ArrayList<>();
        List<X509CRL> crls = new ArrayList<>();
        List<PkiParseException> problems = new ArrayList<>();
        int skipped = 0;
        if (data.length == 0) {
            problems.add(new PkiParseException(source, 0, "", "input is empty", null));
        } else if (!isPem(data)) {
            try {
                readDer(data, source, 0, "", certs, crls);
            } catch (PkiParseException e) {
                problems.add(e);
            }
        } else {
            for (Block b : blocks(data, source)) {
                if (b.error != null) {
                    problems.add(new PkiParseException(source, b.index, b.type, b.error, null));
                    continue;
                }
                switch (b.type) {
                    case "CERTIFICATE", "X509 CERTIFICATE", "TRUSTED CERTIFICATE", "X509 CRL", "PKCS7", "CMS" -> {
                        try {
                            byte[] der = decode(b, source);
                            switch (b.type) {
                                case "X509 CRL" -> crls.add(crl(der, source, b.index, b.type));
                                case "PKCS7", "CMS" -> pkcs7(der, source, b.index, b.type, certs, crls);
                                default -> certs.add(certificate(der, source, b.index, b.type));
                            }
                        } catch (PkiParseException e) {
                            problems.add(e);
                        }
                    }
                    default -> skipped++;
                }
            }
            if (certs.isEmpty() && crls.isEmpty() && problems.isEmpty() && skipped == 0) {
                problems.add(new PkiParseException(source, 0, "", "no PEM block found", null));
            }
        }
        return new PemBundle(source, certs, crls, problems, skipped);
    }

    /**
     * Reads a file with {@link #read(byte[], String)}, labelled with the path as given.
     *
     * @param file the file
     * @return the certificates, CRLs and problems
     * @throws IOException if the file cannot be read
     */
    public static PemBundle read(Path file) throws IOException {
        return read(readFile(file), file.toString());
    }

    /**
     * Reads every certificate of an input, strictly.
     *
     * @param data   PEM text or DER bytes as for {@link #read(byte[], String)}
     * @param source the label used in errors
     * @return the certificates in input order, at least one
     * @throws PkiParseException for the first block that cannot be read, or when the input holds no certificate
     *                           ({@code SOURCE: no certificate found})
     */
    public static List<X509Certificate> certificates(byte[] data, String source) throws PkiParseException {
        PemBundle bundle = read(data, source);
        if (!bundle.problems().isEmpty()) {
            throw bundle.problems().get(0);
        }
        if (bundle.certificates().isEmpty()) {
            throw new PkiParseException(source, 0, "", "no certificate found", null);
        }
        return bundle.certificates();
    }

    /**
     * Reads every certificate of a file, strictly; see {@link #certificates(byte[], String)}.
     *
     * @param file the file, also the label
     * @return the certificates, at least one
     * @throws IOException       if the file cannot be read
     * @throws PkiParseException if a block cannot be parsed or there is no certificate
     */
    public static List<X509Certificate> certificates(Path file) throws IOException, PkiParseException {
        return certificates(readFile(file), file.toString());
    }

    /**
     * Reads exactly one certificate.
     *
     * @param data   PEM or DER
     * @param source the label
     * @return the first certificate of the input
     * @throws PkiParseException as {@link #certificates(byte[], String)}
     */
    public static X509Certificate certificate(byte[] data, String source) throws PkiParseException {
        return certificates(data, source).get(0);
    }

    /**
     * Reads the first private key of an input.
     *
     * @param data     PEM text ({@code PRIVATE KEY}, {@code RSA PRIVATE KEY}, {@code EC PRIVATE KEY},
     *                 {@code ENCRYPTED PRIVATE KEY}; other blocks are skipped) or DER PKCS#8, encrypted
     *                 PKCS#8, PKCS#1 or SEC1
     * @param source   the label used in errors
     * @param password the password of an encrypted key, or {@code null} when none is known; not kept
     * @return the key (a JDK {@code RSAPrivateCrtKey} or {@code ECPrivateKey})
     * @throws PasswordRequiredException if the key is encrypted and {@code password} is null or wrong
     * @throws PkiParseException         if no key is present or it is malformed
     */
    public static PrivateKey privateKey(byte[] data, String source, char[] password) throws PkiParseException {
        if (data.length == 0) {
            throw new PkiParseException(source, 0, "", "input is empty", null);
        }
        if (!isPem(data)) {
            return derKey(data, source, 0, "", password);
        }
        for (Block b : blocks(data, source)) {
            if (!b.type.endsWith("PRIVATE KEY")) {
                continue;
            }
            if (b.error != null) {
                throw new PkiParseException(source, b.index, b.type, b.error, null);
            }
            if (b.legacyEncrypted) {
                if (password == null) {
                    throw new PasswordRequiredException(source, b.index, b.type,
                            "encrypted (legacy OpenSSL Proc-Type) private key needs a password", null);
                }
                throw new PkiParseException(source, b.index, b.type,
                        "legacy OpenSSL-encrypted keys are not supported; convert with 'openssl pkcs8 -topk8'", null);
            }
            return derKey(decode(b, source), source, b.index, b.type, password);
        }
        throw new PkiParseException(source, 0, "",
                "no private key found (expected a PEM block PRIVATE KEY, RSA PRIVATE KEY, EC PRIVATE KEY"
                        + " or ENCRYPTED PRIVATE KEY)", null);
    }

    /**
     * Reads the first private key of a file; see {@link #privateKey(byte[], String, char[])}.
     *
     * @param file     the file, also the label
     * @param password the password, or {@code null}
     * @return the key
     * @throws IOException       if the file cannot be read
     * @throws PkiParseException if the key cannot be read (a {@link PasswordRequiredException} when encrypted)
     */
    public static PrivateKey privateKey(Path file, char[] password) throws IOException, PkiParseException {
        return privateKey(readFile(file), file.toString(), password);
    }

    /**
     * Reads the certificates of a PKCS#12 or JKS keystore (the type is recognised from the content).
     *
     * @param data     the keystore bytes
     * @param source   the label used in errors
     * @param password the store password ({@code null} only for a JKS store read without integrity check)
     * @return the certificates by alias
     * @throws PasswordRequiredException if the password is missing or wrong
     * @throws PkiParseException         if the bytes are not a keystore
     */
    public static KeyStoreContents keyStore(byte[] data, String source, char[] password) throws PkiParseException {
        boolean jks = data.length >= 4 && (data[0] & 0xff) == 0xfe && (data[1] & 0xff) == 0xed
                && (data[2] & 0xff) == 0xfe && (data[3] & 0xff) == 0xed;
        String type = jks ? "JKS" : "PKCS12";
        if (!jks && (data.length == 0 || data[0] != 0x30)) {
            throw new PkiParseException(source, 0, "", "not a PKCS#12 or JKS keystore", null);
        }
        if (!jks && password == null) {
            throw new PasswordRequiredException(source, 0, "", "PKCS12 keystore needs a password", null);
        }
        KeyStore ks;
        try {
            ks = KeyStore.getInstance(type);
            ks.load(new ByteArrayInputStream(data), password);
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException
                    || String.valueOf(e.getMessage()).contains("password was incorrect")) {
                throw new PasswordRequiredException(source, 0, "", "wrong password for " + type + " keystore", null);
            }
            throw new PkiParseException(source, 0, "", "malformed " + type + " keystore (" + rootMessage(e) + ")", null);
        } catch (GeneralSecurityException e) {
            throw new PkiParseException(source, 0, "", "malformed " + type + " keystore (" + rootMessage(e) + ")", null);
        }
        Map<String, List<X509Certificate>> chains = new LinkedHashMap<>();
        Set<String> keyAliases = new HashSet<>();
        try {
            for (String alias : java.util.Collections.list(ks.aliases())) {
                List<X509Certificate> chain = new ArrayList<>();
                if (ks.isKeyEntry(alias)) {
                    keyAliases.add(alias);
                    Certificate[] cc = ks.getCertificateChain(alias);
                    if (cc != null) {
                        for (Certificate c : cc) {
                            chain.add((X509Certificate) c);
                        }
                    }
                } else if (ks.getCertificate(alias) instanceof X509Certificate c) {
                    chain.add(c);
                }
                chains.put(alias, chain);
            }
        } catch (GeneralSecurityException e) {
            throw new PkiParseException(source, 0, "", "unreadable " + type + " keystore entry (" + rootMessage(e) + ")", null);
        }
        return new KeyStoreContents(source, type, chains, keyAliases);
    }

    /**
     * Reads a keystore file; see {@link #keyStore(byte[], String, char[])}.
     *
     * @param file     the file, also the label
     * @param password the store password
     * @return the certificates by alias
     * @throws IOException       if the file cannot be read
     * @throws PkiParseException if the keystore cannot be read
     */
    public static KeyStoreContents keyStore(Path file, char[] password) throws IOException, PkiParseException {
        return keyStore(readFile(file), file.toString(), password);
    }

    // ---------------------------------------------------------------------------------------------

    private static boolean isPem(byte[] data) {
        int n = Math.min(data.length, 1 << 20);
        String head = new String(data, 0, n, StandardCharsets.ISO_8859_1);
        return head.contains(BEGIN);
    }

    private static List<Block> blocks(byte[] data, String source) {
        String text = new String(data, StandardCharsets.ISO_8859_1);
        String[] lines = text.split("\r\n|\n|\r", -1);
        List<Block> out = new ArrayList<>();
        int i = 0;
        while (i < lines.length) {
            String line = lines[i].strip();
            int at = line.indexOf(BEGIN);
            if (at < 0 || !line.endsWith(DASHES) || line.length() < at + BEGIN.length() + DASHES.length()) {
                i++;
                continue;
            }
            String type = line.substring(at + BEGIN.length(), line.length() - DASHES.length()).strip();
            int index = out.size() + 1;
            StringBuilder b64 = new StringBuilder();
            boolean headers = false;
            boolean encrypted = false;
            String error = null;
            int j = i + 1;
            boolean ended = false;
            for (; j < lines.length; j++) {
                String l = lines[j].strip();
                if (l.startsWith(END)) {
                    String endType = l.endsWith(DASHES) ? l.substring(END.length(), l.length() - DASHES.length()).strip() : "";
                    if (!endType.equals(type)) {
                        error = "END line '" + l + "' does not match BEGIN " + type + " (line " + (j + 1) + ")";
                    }
                    ended = true;
                    break;
                }
                if (l.startsWith(BEGIN)) {
                    break;
                }
                if (l.contains(":")) {
                    headers = true;
                    if (l.startsWith("Proc-Type:") && l.contains("ENCRYPTED")) {
                        encrypted = true;
                    }
                    continue;
                }
                b64.append(l);
            }
            if (!ended && error == null) {
                error = "BEGIN " + type + " at line " + (i + 1) + " has no matching END line";
            }
            out.add(new Block(index, type, b64.toString(), headers, encrypted, error));
            i = ended ? j + 1 : j;
        }
        return out;
    }

    private static byte[] decode(Block b, String source) throws PkiParseException {
        try {
            byte[] der = Base64.getDecoder().decode(b.base64);
            if (der.length == 0) {
                throw new PkiParseException(source, b.index, b.type, "block is empty", null);
            }
            return der;
        } catch (IllegalArgumentException e) {
            throw new PkiParseException(source, b.index, b.type, "invalid base64 (" + e.getMessage() + ")", null);
        }
    }

    private static X509Certificate certificate(byte[] der, String source, int index, String type)
            throws PkiParseException {
        try {
            // A TRUSTED CERTIFICATE carries OpenSSL trust settings after the certificate: parse the first element.
            byte[] first = "TRUSTED CERTIFICATE".equals(type) ? firstElement(der) : der;
            return Bc.certificate(first);
        } catch (CertificateException | RuntimeException | IOException e) {
            throw new PkiParseException(source, index, type, "malformed certificate (" + rootMessage(e) + ")", null);
        }
    }

    private static byte[] firstElement(byte[] der) throws IOException {
        try (org.bouncycastle.asn1.ASN1InputStream in = new org.bouncycastle.asn1.ASN1InputStream(der)) {
            return in.readObject().getEncoded();
        }
    }

    private static X509CRL crl(byte[] der, String source, int index, String type) throws PkiParseException {
        try {
            new X509CRLHolder(der);
            return (X509CRL) Bc.x509Factory().generateCRL(new ByteArrayInputStream(der));
        } catch (CRLException | IOException | RuntimeException e) {
            throw new PkiParseException(source, index, type, "malformed CRL (" + rootMessage(e) + ")", null);
        }
    }

    private static void pkcs7(byte[] der, String source, int index, String type, List<X509Certificate> certs,
                              List<X509CRL> crls) throws PkiParseException {
        try {
            CMSSignedData signed = new CMSSignedData(der);
            for (X509CertificateHolder h : signed.getCertificates().getMatches(null)) {
                certs.add(certificate(h.getEncoded(), source, index, type));
            }
            for (Object o : signed.getCRLs().getMatches(null)) {
                crls.add(crl(((X509CRLHolder) o).getEncoded(), source, index, type));
            }
        } catch (CMSException | IOException | RuntimeException e) {
            throw new PkiParseException(source, index, type, "malformed PKCS#7 (" + rootMessage(e) + ")", null);
        }
    }

    private static void readDer(byte[] der, String source, int index, String type, List<X509Certificate> certs,
                                List<X509CRL> crls) throws PkiParseException {
        ASN1Sequence seq;
        try {
            seq = ASN1Sequence.getInstance(ASN1Primitive.fromByteArray(der));
        } catch (IOException | RuntimeException e) {
            throw new PkiParseException(source, index, type,
                    "neither PEM nor DER (no '-----BEGIN' line and not an ASN.1 SEQUENCE)", null);
        }
        if (seq.size() == 2 && seq.getObjectAt(0) instanceof org.bouncycastle.asn1.ASN1ObjectIdentifier) {
            pkcs7(der, source, index, "", certs, crls);
            return;
        }
        if (seq.size() == 3 && seq.getObjectAt(0) instanceof ASN1Sequence tbs && isCrlTbs(tbs)) {
            crls.add(crl(der, source, index, type));
            return;
        }
        certs.add(certificate(der, source, index, type));
    }

    /**
     * A TBSCertificate has AlgorithmIdentifier, Name, then the Validity SEQUENCE; a TBSCertList has
     * AlgorithmIdentifier, Name, then thisUpdate (a Time).
     */
    private static boolean isCrlTbs(ASN1Sequence tbs) {
        for (int i = 0; i + 2 < tbs.size(); i++) {
            if (tbs.getObjectAt(i) instanceof ASN1Sequence) {
                return !(tbs.getObjectAt(i + 2) instanceof ASN1Sequence);
            }
        }
        return false;
    }

    private static PrivateKey derKey(byte[] der, String source, int index, String type, char[] password)
            throws PkiParseException {
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        PrivateKeyInfo info;
        try {
            ASN1Sequence seq = ASN1Sequence.getInstance(ASN1Primitive.fromByteArray(der));
            String kind = type.isEmpty() ? guessKeyKind(seq) : type;
            switch (kind) {
                case "ENCRYPTED PRIVATE KEY" -> info = decrypt(EncryptedPrivateKeyInfo.getInstance(seq), source, index, type, password);
                case "RSA PRIVATE KEY" -> info = new PrivateKeyInfo(
                        new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, org.bouncycastle.asn1.DERNull.INSTANCE),
                        RSAPrivateKey.getInstance(seq));
                case "EC PRIVATE KEY" -> {
                    ECPrivateKey ec = ECPrivateKey.getInstance(seq);
                    if (ec.getParametersObject() == null) {
                        throw new PkiParseException(source, index, type,
                                "SEC1 EC private key without curve parameters", null);
                    }
                    info = new PrivateKeyInfo(new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey,
                            ec.getParametersObject()), ec);
                }
                default -> info = PrivateKeyInfo.getInstance(seq);
            }
            return converter.getPrivateKey(info);
        } catch (PkiParseException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new PkiParseException(source, index, type, "malformed private key (" + safeMessage(e) + ")", null);
        }
    }

    private static String guessKeyKind(ASN1Sequence seq) {
        if (seq.size() == 2) {
            return "ENCRYPTED PRIVATE KEY";
        }
        if (seq.size() >= 9) {
            return "RSA PRIVATE KEY";
        }
        if (seq.getObjectAt(1) instanceof org.bouncycastle.asn1.ASN1OctetString) {
            return "EC PRIVATE KEY";
        }
        return "PRIVATE KEY";
    }

    private static PrivateKeyInfo decrypt(EncryptedPrivateKeyInfo enc, String source, int index, String type,
                                          char[] password) throws PkiParseException {
        if (password == null) {
            throw new PasswordRequiredException(source, index, type,
                    "encrypted PKCS#8 private key needs a password", null);
        }
        try {
            InputDecryptorProvider dec = new JceOpenSSLPKCS8DecryptorProviderBuilder()
                    .setProvider(Bc.PROVIDER).build(password);
            return new PKCS8EncryptedPrivateKeyInfo(enc).decryptPrivateKeyInfo(dec);
        } catch (PKCSException e) {
            throw new PasswordRequiredException(source, index, type,
                    "wrong password for encrypted PKCS#8 private key", null);
        } catch (OperatorCreationException | RuntimeException e) {
            throw new PkiParseException(source, index, type,
                    "unsupported encryption of PKCS#8 private key (" + safeMessage(e) + ")", null);
        }
    }

    /** The innermost message of an exception chain (no key material is ever in certificate errors). */
    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : m.strip();
    }

    /** For key errors: only the exception type, never a message that could echo key bytes. */
    private static String safeMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName().replace("Exception", " error").strip().toLowerCase(Locale.ROOT);
    }
}
