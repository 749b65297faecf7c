/**
 * What changed between two versions of a deployment ("what change broke it").
 *
 * <p>{@link io.phoenixdiag.core.diff.DeploymentDiff#between(io.phoenixdiag.core.analysis.DeploymentModel,
 * io.phoenixdiag.core.analysis.DeploymentModel)} compares two analysed deployments and lists, in a stable
 * order, the guests that were added, removed or changed (field by field), the firewall lines (in
 * Proxmox {@code .fw} syntax, per file) that were added or removed, the intended flows that appeared,
 * disappeared or changed, and the flows whose firewall verdict changed.
 * {@link io.phoenixdiag.core.diff.DiffRenderer} renders a diff as text, JSON or Markdown.
 *
 * <p>All types are immutable and thread-safe.
 */
package io.phoenixdiag.core.diff;
