package io.phoenixdiag.pki.manifest;

import java.security.GeneralSecurityException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.phoenixdiag.pki.internal.Bc;

/**
 * The seam to path validation: today the JDK's PKIX {@link CertPathValidator} (RFC 5280 section 6) over a path
 * ordered from the end-entity certificate by issuer name; to be replaced by {@code io.phoenixdiag.pki.path}
 * when it lands. Stateless and thread-safe.
 */
final class ChainCheck {
    private ChainCheck() {
    }

    /**
     * Validates a leaf through a pool of intermediates to one root.
     *
     * @return empty when valid, else a one-sentence reason
     */
    static Optional<String> validate(X509Certificate leaf, List<X509Certificate> pool, X509Certificate root,
                                     Instant at) {
        List<X509Certificate> path = new ArrayList<>();
        path.add(leaf);
        X509Certificate cur = leaf;
        while (!cur.getIssuerX500Principal().equals(root.getSubjectX500Principal()) && path.size() < 10) {
            X509Certificate next = null;
            for (X509Certificate c : pool) {
                if (c.getSubjectX500Principal().equals(cur.getIssuerX500Principal()) && !path.contains(c)
                        && !c.getSubjectX500Principal().equals(c.getIssuerX500Principal())) {
                    next = c;
                    break;
                }
            }
            if (next == null) {
                return Optional.of("no certificate issued by '" + root.getSubjectX500Principal().getName()
                        + "' leads to '" + cur.getSubjectX500Principal().getName() + "': the issuer '"
                        + cur.getIssuerX500Principal().getName() + "' is missing (MISSING_INTERMEDIATE or UNKNOWN_ISSUER)");
            }
            path.add(next);
            cur = next;
        }
        try {
            cur.verify(root.getPublicKey());
        } catch (GeneralSecurityException e) {
            return Optional.of("'" + cur.getSubjectX500Principal().getName() + "' names the root's subject as issuer"
                    + " but is not signed by this root (SHA-256 " + Bc.fingerprint(root) + "): it chains to another"
                    + " root with the same name (WRONG_ROOT)");
        }
        try {
            CertPath cp = Bc.x509Factory().generateCertPath(path);
            PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
            params.setRevocationEnabled(false);
            params.setDate(Date.from(at));
            CertPathValidator.getInstance("PKIX").validate(cp, params);
            return Optional.empty();
        } catch (CertPathValidatorException e) {
            String who = e.getIndex() >= 0 && e.getIndex() < path.size()
                    ? " at '" + path.get(e.getIndex()).getSubjectX500Principal().getName() + "'" : "";
            return Optional.of("path validation failed" + who + ": " + e.getReason() + " (" + e.getMessage() + ")");
        } catch (GeneralSecurityException e) {
            return Optional.of("path validation could not run: " + e.getMessage());
        }
    }
}
