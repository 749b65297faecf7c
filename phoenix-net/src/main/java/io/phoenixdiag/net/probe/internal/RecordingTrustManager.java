package io.phoenixdiag.net.probe.internal;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * A client trust manager that accepts any server chain and records it per TLS engine, so that the probe sees the
 * chain even when it is untrusted; validation happens afterwards with phoenix-pki. Shared by the probes of one
 * client context; thread-safe (a concurrent map from engine to chain, emptied by {@link #forget}).
 */
public final class RecordingTrustManager extends X509ExtendedTrustManager {
    private final Map<SSLEngine, List<X509Certificate>> chains = new ConcurrentHashMap<>();

    /** Creates a trust manager with nothing recorded. */
    public RecordingTrustManager() {
    }

    /**
     * The chain the server presented to an engine.
     *
     * @param engine the probe's engine, or null before it exists
     * @return end-entity first, as served; empty when none was received
     */
    public List<X509Certificate> chain(SSLEngine engine) {
        return engine == null ? List.of() : chains.getOrDefault(engine, List.of());
    }

    /**
     * Drops what was recorded for an engine.
     *
     * @param engine the engine, or null
     */
    public void forget(SSLEngine engine) {
        if (engine != null) {
            chains.remove(engine);
        }
    }

    /**
     * Records the peer certificates of a completed handshake's session when the trust manager was not consulted
     * (a resumed session).
     *
     * @param engine  the engine
     * @param session its session
     */
    public void recordFromSession(SSLEngine engine, javax.net.ssl.SSLSession session) {
        try {
            List<X509Certificate> certs = new java.util.ArrayList<>();
            for (java.security.cert.Certificate c : session.getPeerCertificates()) {
                if (c instanceof X509Certificate x) {
                    certs.add(x);
                }
            }
            chains.putIfAbsent(engine, List.copyOf(certs));
        } catch (javax.net.ssl.SSLPeerUnverifiedException none) {
            // no peer certificates: nothing to record
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] served, String authType, SSLEngine engine) {
        if (engine != null) {
            chains.put(engine, served == null ? List.of() : List.of(served));
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] served, String authType, Socket socket) {
        // probes use engines only
    }

    @Override
    public void checkServerTrusted(X509Certificate[] served, String authType) {
        // probes use engines only
    }

    @Override
    public void checkClientTrusted(X509Certificate[] served, String authType, SSLEngine engine)
            throws CertificateException {
        throw new CertificateException("a probe never acts as a TLS server");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] served, String authType, Socket socket)
            throws CertificateException {
        throw new CertificateException("a probe never acts as a TLS server");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] served, String authType) throws CertificateException {
        throw new CertificateException("a probe never acts as a TLS server");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
