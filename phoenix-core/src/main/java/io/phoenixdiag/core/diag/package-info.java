/**
 * The diagnostics framework and the report contract.
 *
 * <p>Checks: {@link io.phoenixdiag.core.diag.Check} (the service-provider interface, discovered with
 * {@link java.util.ServiceLoader}) looks at the evidence of a {@link io.phoenixdiag.core.diag.CheckContext}
 * and returns {@link io.phoenixdiag.core.diag.Finding}s; {@link io.phoenixdiag.core.diag.CheckRunner} runs
 * them, reporting checks without their evidence or that failed as {@link io.phoenixdiag.core.diag.NotRun}.
 *
 * <p>Report: {@link io.phoenixdiag.core.diag.Report} is the JSON contract ({@code docs/report-contract.md},
 * schema {@value io.phoenixdiag.core.diag.Report#SCHEMA_RESOURCE}): findings, the flow matrix
 * ({@link io.phoenixdiag.core.diag.FlowEntry} with one {@link io.phoenixdiag.core.diag.FlowVerdict} per
 * {@link io.phoenixdiag.core.diag.FlowLayer}), topology {@link io.phoenixdiag.core.diag.NodeEntry nodes},
 * {@link io.phoenixdiag.core.diag.RoleEntry roles} and what did not run. It renders as text, JSON or Markdown
 * through {@link io.phoenixdiag.core.diag.ReportRenderer}; {@link io.phoenixdiag.core.diag.ReportJson} also
 * reads it back.
 *
 * <p>This package depends on nothing else of the SDK: the config model, topology and firewall evaluator
 * feed it. Every public type here is immutable and thread-safe, except builders.
 */
package io.phoenixdiag.core.diag;
