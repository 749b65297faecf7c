/**
 * The diagnostics framework and the report contract: {@link io.phoenixdiag.core.diag.Finding},
 * {@link io.phoenixdiag.core.diag.Severity}, {@link io.phoenixdiag.core.diag.Evidence} and
 * {@link io.phoenixdiag.core.diag.Location}.
 */
package io.phoenixdiag.core.diag;
