/**
 * Certification path building and validation with precise failure reasons:
 * {@link io.phoenixdiag.pki.path.PathValidator}, {@link io.phoenixdiag.pki.path.ValidationResult},
 * {@link io.phoenixdiag.pki.path.FailureReason}.
 */
package io.phoenixdiag.pki.path;
