package io.phoenixdiag.net.probe.internal;

import io.phoenixdiag.net.probe.ChainFacts;
import io.phoenixdiag.pki.path.FailureReason;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;

/**
 * Derives {@link ChainFacts} from a served chain. Thread-safe (stateless).
 */
public final class ChainAnalysis {
    /** The subject of Traefik's generated fallback certificate. */
    public static final X500Principal TRAEFIK_DEFAULT = new X500Principal("CN=TRAEFIK DEFAULT CERT");

    private ChainAnalysis() {
    }

    /**
     * Computes the facts.
     *
     * @param served  the served chain, end-entity first; may be empty
     * @param anchors the chosen trust anchors
     * @param now     the instant for the lifetime fraction
     * @param reason  the phoenix-pki validation failure reason, if validation failed
     * @return the facts; {@link ChainFacts#NONE} for an empty chain
     */
    public static ChainFacts facts(List<X509Certificate> served, List<X509Certificate> anchors, Instant now,
                                   Optional<FailureReason> reason) {
        if (served.isEmpty()) {
            return ChainFacts.NONE;
        }
        X509Certificate leaf = served.get(0);
        boolean leafSelfIssued = selfIssued(leaf);
        boolean issuerServed = served.stream().skip(1)
                .anyMatch(c -> c.getSubjectX500Principal().equals(leaf.getIssuerX500Principal()));
        boolean issuerIsAnchor = anchors.stream()
                .anyMatch(a -> a.getSubjectX500Principal().equals(leaf.getIssuerX500Principal()));
        boolean missing = reason.filter(r -> r == FailureReason.MISSING_INTERMEDIATE).isPresent()
                || (!leafSelfIssued && !issuerServed && !issuerIsAnchor);
        boolean rootSent = served.stream().skip(1).anyMatch(ChainAnalysis::selfIssued);
        boolean traefik = leafSelfIssued && leaf.getSubjectX500Principal().equals(TRAEFIK_DEFAULT);
        long notBefore = leaf.getNotBefore().toInstant().getEpochSecond();
        long notAfter = leaf.getNotAfter().toInstant().getEpochSecond();
        double fraction = notAfter <= notBefore ? 0.0
                : (double) (notAfter - now.getEpochSecond()) / (double) (notAfter - notBefore);
        fraction = Math.max(0.0, Math.min(1.0, fraction));
        List<String> subjects = served.stream()
                .map(c -> c.getSubjectX500Principal().getName(X500Principal.RFC2253)).toList();
        return new ChainFacts(served.size(), subjects, missing, rootSent, traefik, fraction, notAfter);
    }

    private static boolean selfIssued(X509Certificate c) {
        return c.getSubjectX500Principal().equals(c.getIssuerX500Principal());
    }
}
