/**
 * Chain-of-trust validation (RFC 5280 section 6 path validation, RFC 9525 reference identities),
 * trust-store inspection, certificate manifest compliance and Step-CA checks, built on BouncyCastle.
 */
package io.phoenixdiag.pki;
