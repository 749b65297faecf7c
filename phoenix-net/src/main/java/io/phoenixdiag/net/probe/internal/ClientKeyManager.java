package io.phoenixdiag.net.probe.internal;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Optional;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * The probe's client key manager: records whether the server asked for a client certificate (the JDK engine
 * consults the key manager only on a CertificateRequest, RFC 8446 section 4.3.2) and offers the configured
 * certificate, if any, when its key type is acceptable. Shared by the probes of one client context; what happened
 * is recorded per engine in a concurrent map, emptied by {@link #forget}.
 */
public final class ClientKeyManager extends X509ExtendedKeyManager {
    private static final String ALIAS = "probe-client";
    private final Optional<PrivateKey> key;
    private final X509Certificate[] chain;
    private final Map<SSLEngine, Boolean> offeredBy = new ConcurrentHashMap<>();

    /**
     * Creates the key manager.
     *
     * @param key   the client key, or empty to send no certificate
     * @param chain the client chain, end-entity first; empty when no key
     */
    public ClientKeyManager(Optional<PrivateKey> key, List<X509Certificate> chain) {
        this.key = key;
        this.chain = chain.toArray(X509Certificate[]::new);
    }

    /**
     * Whether the server sent a CertificateRequest to an engine.
     *
     * @param engine the probe's engine, or null before it exists
     * @return true once the engine asked for a client alias
     */
    public boolean requested(SSLEngine engine) {
        return engine != null && offeredBy.containsKey(engine);
    }

    /**
     * The subject of the certificate an engine took.
     *
     * @param engine the probe's engine, or null
     * @return the RFC 4514 subject DN, {@code ""} when none was sent
     */
    public String sentSubject(SSLEngine engine) {
        return engine != null && offeredBy.getOrDefault(engine, false) && chain.length > 0
                ? chain[0].getSubjectX500Principal().getName() : "";
    }

    /**
     * Drops what was recorded for an engine.
     *
     * @param engine the engine, or null
     */
    public void forget(SSLEngine engine) {
        if (engine != null) {
            offeredBy.remove(engine);
        }
    }

    private String choose(String[] keyTypes, SSLEngine engine) {
        boolean ok = false;
        if (key.isPresent() && keyTypes != null) {
            String alg = key.get().getAlgorithm();
            ok = Arrays.stream(keyTypes).anyMatch(t -> t.equals(alg) || (alg.equals("EC") && t.startsWith("EC")));
        }
        if (engine != null) {
            offeredBy.merge(engine, ok, Boolean::logicalOr);
        }
        return ok ? ALIAS : null;
    }

    @Override
    public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
        return choose(keyType, engine);
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return choose(keyType, null);
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return key.isPresent() ? new String[] {ALIAS} : new String[0];
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return new String[0];
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return null;
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return ALIAS.equals(alias) && key.isPresent() ? chain.clone() : null;
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return ALIAS.equals(alias) ? key.orElse(null) : null;
    }

    /**
     * Never shows the key.
     *
     * @return a description
     */
    @Override
    public String toString() {
        return "ClientKeyManager[" + (key.isPresent() ? "key=<masked>" : "no key") + "]";
    }
}
