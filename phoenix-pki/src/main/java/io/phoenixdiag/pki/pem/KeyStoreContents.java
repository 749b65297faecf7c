package io.phoenixdiag.pki.pem;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The certificates of a PKCS#12 or JKS keystore (private keys are never extracted).
 *
 * <p>Immutable and thread-safe.
 *
 * @param source     the file name or stream label
 * @param type       {@code PKCS12} or {@code JKS}
 * @param chains     per alias (sorted), the certificate chain of a key entry (end-entity first) or the
 *                   single certificate of a trusted-certificate entry
 * @param keyAliases the aliases that hold a private key
 */
public record KeyStoreContents(String source, String type, Map<String, List<X509Certificate>> chains,
                               Set<String> keyAliases) {

    /**
     * Validates and copies the components.
     *
     * @param source the label
     * @param type the keystore type
     * @param chains the chains per alias
     * @param keyAliases the key entry aliases
     * @throws NullPointerException if a component is null
     */
    public KeyStoreContents {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(type, "type");
        chains = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(chains));
        keyAliases = Set.copyOf(keyAliases);
    }

    /**
     * All certificates of all entries, in alias order, duplicates removed.
     *
     * @return the certificates
     */
    public List<X509Certificate> certificates() {
        return chains.values().stream().flatMap(List::stream).distinct().toList();
    }
}
