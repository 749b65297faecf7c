package io.phoenixdiag.net.probe;

import io.netty.handler.ssl.OpenSsl;

/**
 * The TLS implementation a probe's client runs on. Both capture the served chain the same way and validate it with
 * phoenix-pki; they differ in speed and in what they offer in the ClientHello (the JDK's defaults, or BoringSSL's).
 * Thread-safe (an enum).
 */
public enum TlsProvider {
    /** The JDK's own TLS engine (JSSE); always available; the default. */
    JDK,
    /**
     * BoringSSL through Netty's {@code netty-tcnative-boringssl-static}, an optional dependency the application adds
     * (Maven {@code io.netty:netty-tcnative-boringssl-static}, the version netty-bom manages); its native elliptic
     * curve code makes a full handshake several times cheaper than the JDK's. When it is not on the class path a
     * probe asking for it ends with {@link TlsOutcome#HANDSHAKE_FAILED} saying so.
     */
    OPENSSL;

    /**
     * Whether this provider can run here.
     *
     * @return true for {@link #JDK}; for {@link #OPENSSL}, whether netty-tcnative loaded its native library
     */
    public boolean isAvailable() {
        return this == JDK || OpenSsl.isAvailable();
    }
}
