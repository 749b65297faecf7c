package io.phoenixdiag.pki.stepca;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.phoenixdiag.core.diag.Finding;
import io.phoenixdiag.pki.truststore.TrustStoreReport;

/**
 * What {@link StepCaChecks#check} found. Immutable and thread-safe.
 *
 * @param root          the CA's root (fingerprint-checked), when it could be fetched
 * @param tlsChain      the certificates the CA presented in TLS, end-entity first, possibly empty
 * @param trustStores   one report per inspected root filesystem
 * @param clientConfigs the step client configurations found, per root filesystem in order
 * @param findings      every finding: the CA's own, the trust stores' and the client configurations'
 */
public record StepCaReport(Optional<X509Certificate> root, List<X509Certificate> tlsChain,
                           List<TrustStoreReport> trustStores, List<StepClientConfig> clientConfigs,
                           List<Finding> findings) {
    /**
     * Validates and copies the components.
     *
     * @param root the root or empty
     * @param tlsChain the TLS chain
     * @param trustStores the trust-store reports
     * @param clientConfigs the client configurations
     * @param findings the findings
     * @throws NullPointerException if a component is null
     */
    public StepCaReport {
        Objects.requireNonNull(root, "root");
        tlsChain = List.copyOf(tlsChain);
        trustStores = List.copyOf(trustStores);
        clientConfigs = List.copyOf(clientConfigs);
        findings = List.copyOf(findings);
    }
}
