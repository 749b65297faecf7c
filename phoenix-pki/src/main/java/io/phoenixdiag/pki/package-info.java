/**
 * Chain-of-trust validation (RFC 5280 section 6 path validation, RFC 9525 reference identities),
 * trust-store inspection, certificate manifest compliance and Step-CA checks, built on BouncyCastle.
 *
 * <p>Sub-packages: {@link io.phoenixdiag.pki.pem} (loading, typed parse errors), {@link io.phoenixdiag.pki.cert}
 * (issuing certificates and chains for labs and tests), {@link io.phoenixdiag.pki.path} (path building and
 * validation with precise failure reasons), {@link io.phoenixdiag.pki.name} (reference identities),
 * {@link io.phoenixdiag.pki.describe} (certificate summaries). {@code io.phoenixdiag.pki.internal} holds the
 * engines and is not API. See the module README for the x509-limbo conformance result and its explanations.
 */
package io.phoenixdiag.pki;
