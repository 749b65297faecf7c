/**
 * Proxmox VE firewall files: {@code cluster.fw}, {@code host.fw}, {@code <vmid>.fw} and the NICs of the
 * guest configs, read into the {@link io.phoenixdiag.core.firewall.PveFirewall} model (evaluate it with
 * {@link io.phoenixdiag.core.firewall.PveFirewallEvaluator}) and written back.
 *
 * <p>Entry point: {@link io.phoenixdiag.core.firewall.pvefile.PveFirewallFiles}. The parser follows
 * pve-firewall's own (src/PVE/Firewall.pm, {@code generic_fw_config_parser}, {@code parse_fw_rule},
 * {@code verify_rule}); the Proxmox VE Admin Guide chapter "Proxmox VE Firewall" documents the format.
 * Lines it cannot read and rules pve-firewall refuses are findings with their file and line, never
 * exceptions. Everything but the entry point and {@link io.phoenixdiag.core.firewall.pvefile.FileKind}
 * is package-private.
 */
package io.phoenixdiag.core.firewall.pvefile;
