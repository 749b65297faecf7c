package io.phoenixdiag.pki.manifest;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import io.phoenixdiag.pki.path.PathValidator;
import io.phoenixdiag.pki.path.ValidationFailure;

/**
 * The seam to path validation: {@link PathValidator} (RFC 5280 section 6, precise failure reasons) with the
 * Step-CA root as the only trust anchor, serverAuth as the purpose and no reference identity (names are compared
 * with the manifest separately). Stateless and thread-safe.
 */
final class ChainCheck {
    private ChainCheck() {
    }

    /**
     * Validates a leaf through the file's certificates and the CA's intermediates to one root.
     *
     * @return empty when valid, else the failure
     */
    static Optional<ValidationFailure> validate(X509Certificate leaf, List<X509Certificate> presented,
                                                List<X509Certificate> caIntermediates, X509Certificate root, Instant at) {
        PathValidator v = PathValidator.builder().trustAnchors(root).knownIntermediates(caIntermediates)
                .clock(Clock.fixed(at, ZoneOffset.UTC)).build();
        return v.validate(leaf, presented).failure();
    }
}
