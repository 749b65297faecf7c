package io.phoenixdiag.pki.truststore;

import java.util.Objects;

/**
 * One place of a trust store and the CA's state there. Immutable and thread-safe.
 *
 * @param kind   which kind of place
 * @param path   the file or directory as seen inside the inspected root, such as
 *               {@code /etc/ssl/certs/ca-certificates.crt}
 * @param state  the CA's state in this place
 * @param detail one sentence saying what was found (link target, other certificate's fingerprint, read
 *               error), or {@code ""}
 */
public record TrustStorePlace(TrustStoreKind kind, String path, TrustState state, String detail) {

    /**
     * Validates the components.
     *
     * @param kind the kind
     * @param path the in-root path
     * @param state the state
     * @param detail the detail or {@code ""}
     * @throws NullPointerException if a component is null
     */
    public TrustStorePlace {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(detail, "detail");
    }
}
