package io.phoenixdiag.pki.truststore;

/**
 * The kinds of trust-store places on a Debian or Ubuntu system that {@link TrustStoreInspector} checks.
 * Sources: {@code update-ca-certificates(8)}, {@code openssl-rehash(1)}, Debian's {@code ca-certificates-java}.
 */
public enum TrustStoreKind {
    /**
     * {@code /etc/ssl/certs/ca-certificates.crt}: the PEM bundle that {@code update-ca-certificates} writes
     * and OpenSSL, GnuTLS, curl, Go, Python and Node use as their CA file.
     */
    CA_BUNDLE,
    /**
     * {@code /etc/ssl/certs/HHHHHHHH.N}: the OpenSSL CApath links named after the subject hash
     * ({@link OpenSslNameHash}).
     */
    HASHED_LINK,
    /** {@code /usr/local/share/ca-certificates/**.crt}: local CAs that {@code update-ca-certificates} activates. */
    LOCAL_CA_CERTIFICATE,
    /**
     * A Java {@code cacerts} keystore: {@code /etc/ssl/certs/java/cacerts} (ca-certificates-java) or
     * {@code /usr/lib/jvm/NAME/lib/security/cacerts} of an installed JDK.
     */
    JAVA_CACERTS
}
