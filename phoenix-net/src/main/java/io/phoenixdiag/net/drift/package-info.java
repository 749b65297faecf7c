/**
 * Drift between what the Proxmox firewall files compile to and what the kernel really holds:
 * {@link io.phoenixdiag.net.drift.KernelRulesDriftCheck}; and the kernel's LOG lines against the intended flows:
 * {@link io.phoenixdiag.net.drift.KernelLogCheck}.
 */
package io.phoenixdiag.net.drift;
