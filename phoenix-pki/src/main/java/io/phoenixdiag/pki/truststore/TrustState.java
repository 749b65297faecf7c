package io.phoenixdiag.pki.truststore;

/**
 * Whether one place of a trust store makes a CA trusted, as found by {@link TrustStoreInspector}.
 */
public enum TrustState {
    /** The place holds the CA certificate (same SHA-256 fingerprint) and clients using it trust the CA. */
    TRUSTED,
    /**
     * The certificate is present but not in effect: a file under {@code /usr/local/share/ca-certificates}
     * that {@code update-ca-certificates} has not (yet) added to the bundle, or one it ignores (not {@code *.crt}).
     */
    PRESENT_NOT_ACTIVATED,
    /** The place exists and was read, and holds neither the CA nor another certificate with its subject. */
    ABSENT,
    /** The place holds another certificate with the CA's subject name (an old or re-keyed root), not the CA. */
    STALE,
    /** A hashed link for the CA's subject exists but its target does not (dangling symbolic link). */
    BROKEN_LINK,
    /** The place exists but could not be read or parsed (permissions, corrupt file, non-default store password). */
    UNREADABLE,
    /** The place does not exist in this tree (for example no {@code ca-certificates} package, no JDK). */
    NO_STORE,
    /** The place was not checked because the CA certificate itself was not available (only a fingerprint was given and no store holds it). */
    NOT_CHECKED
}
