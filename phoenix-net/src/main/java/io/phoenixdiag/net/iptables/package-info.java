/**
 * netfilter rules from {@code iptables-save}: a syntax-faithful model with line numbers
 * ({@link io.phoenixdiag.net.iptables.IptablesSave#parse}), a kernel-order evaluator with traces and
 * three-valued matching ({@link io.phoenixdiag.net.iptables.NetfilterEvaluator}) and a per-chain analyser
 * ({@link io.phoenixdiag.net.iptables.IptablesAnalyzer}).
 *
 * <p>The pipeline follows Batfish: text, then the vendor model with line numbers and warnings as data,
 * then the evaluated model the evaluator and analyser use. Engines live in
 * {@code io.phoenixdiag.net.iptables.internal}, which is not API.
 */
package io.phoenixdiag.net.iptables;
