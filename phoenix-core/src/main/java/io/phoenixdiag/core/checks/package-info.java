/**
 * The built-in static checks of a Phoenix deployment, registered through
 * {@code META-INF/services/io.phoenixdiag.core.diag.Check}. Each needs a
 * {@link io.phoenixdiag.core.analysis.DeploymentModel} in the check context.
 */
package io.phoenixdiag.core.checks;
