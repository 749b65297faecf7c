package io.phoenixdiag.net.probe.internal;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * A client trust manager that accepts any server chain and records it, so that the probe sees the chain even
 * when it is untrusted; validation happens afterwards with phoenix-pki. One instance per probe; the chain is
 * published through a volatile field (written on the event-loop thread, read after the handshake).
 */
public final class RecordingTrustManager extends X509ExtendedTrustManager {
    private volatile List<X509Certificate> chain = List.of();

    /** Creates a trust manager with nothing recorded. */
    public RecordingTrustManager() {
    }

    /**
     * The chain the server presented.
     *
     * @return end-entity first, as served; empty when none was received
     */
    public List<X509Certificate> chain() {
        return chain;
    }

    private void record(X509Certificate[] served) {
        chain = served == null ? List.of() : List.of(served);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] served, String authType, SSLEngine engine) {
        record(served);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] served, String authType, Socket socket) {
        record(served);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] served, String authType) {
        record(served);
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
