/**
 * Issuing certificates for labs and tests: {@link io.phoenixdiag.pki.cert.CertificateBuilder} for single
 * certificates, {@link io.phoenixdiag.pki.cert.ChainBuilder} for whole step-ca-like chains, good or with a
 * deliberate {@link io.phoenixdiag.pki.cert.ChainDefect}; PEM output through
 * {@link io.phoenixdiag.pki.cert.IssuedCertificate} and {@link io.phoenixdiag.pki.cert.IssuedChain}.
 */
package io.phoenixdiag.pki.cert;
