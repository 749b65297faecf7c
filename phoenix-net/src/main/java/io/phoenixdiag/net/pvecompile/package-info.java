/**
 * The Proxmox VE firewall model seen through netfilter: the iptables rules pve-firewall generates for a
 * {@link io.phoenixdiag.core.firewall.PveFirewall} ({@link io.phoenixdiag.net.pvecompile.PveRulesetRenderer}),
 * and the netfilter passes a packet between the host, guest NICs and external addresses makes on a
 * Proxmox node ({@link io.phoenixdiag.net.pvecompile.PveNodeEvaluator}), so that the core Proxmox evaluator
 * and the netfilter evaluator can check each other, and a real {@code iptables-save} dump of a node can be
 * asked about flows.
 *
 * <p>Source of the layout: pve-firewall, src/PVE/Firewall.pm ({@code compile_iptables_filter},
 * {@code enable_host_firewall}, {@code generate_tap_rules_direction}, {@code ruleset_create_vm_chain},
 * {@code ruleset_add_chain_policy}, the standard chains {@code PVEFW-Drop}, {@code PVEFW-Reject},
 * {@code PVEFW-reject}, {@code PVEFW-smurfs}...), and the bridge layout of a {@code firewall=1} NIC
 * (guest device {@code tap<vmid>i<n>} / {@code veth<vmid>i<n>} in bridge {@code fwbr<vmid>i<n>}, linked to
 * the host bridge by the veth pair {@code fwln<vmid>i<n>} / {@code fwpr<vmid>p<n>}).
 */
package io.phoenixdiag.net.pvecompile;
