/**
 * The Proxmox VE firewall model and its one evaluator (the configured intent).
 *
 * <p>Model: {@link io.phoenixdiag.core.firewall.PveFirewall} holds the
 * {@link io.phoenixdiag.core.firewall.DatacenterFirewall} ({@code cluster.fw}), the
 * {@link io.phoenixdiag.core.firewall.HostFirewall} ({@code host.fw}) and each
 * {@link io.phoenixdiag.core.firewall.GuestFirewall} ({@code <vmid>.fw} with its NICs); rules are
 * {@link io.phoenixdiag.core.firewall.FirewallRule}s that keep their text as written and a parsed form,
 * with validation errors as data. Phoenix JSON and {@code .fw} files both translate into this model.
 *
 * <p>Evaluation: {@link io.phoenixdiag.core.firewall.PveFirewallEvaluator} returns a
 * {@link io.phoenixdiag.core.firewall.Verdict} with its trace for a
 * {@link io.phoenixdiag.core.firewall.Packet}. Analysis: {@code RuleSetAnalyzer}
 * finds duplicate, shadowed, redundant and never-matching rules, broad ingress and datacenter rules
 * meant for guests.
 *
 * <p>Sources: pve-firewall(8) / the Proxmox VE Admin Guide chapter "Proxmox VE Firewall", and the
 * pve-firewall source (src/PVE/Firewall.pm), whose behaviour the classes document where they follow it.
 */
package io.phoenixdiag.core.firewall;
