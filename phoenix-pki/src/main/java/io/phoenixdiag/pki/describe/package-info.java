/**
 * Human-readable and JSON descriptions of certificates:
 * {@link io.phoenixdiag.pki.describe.CertificateDescription#of(java.security.cert.X509Certificate, java.time.Clock)}.
 */
package io.phoenixdiag.pki.describe;
