/**
 * Drift between what the Proxmox firewall files compile to and what the kernel really holds:
 * {@link io.phoenixdiag.net.drift.KernelRulesDriftCheck}.
 */
package io.phoenixdiag.net.drift;
