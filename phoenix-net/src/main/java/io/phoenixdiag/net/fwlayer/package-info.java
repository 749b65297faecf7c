/**
 * The {@code iptables} evidence layer of a diagnosis: the intended flows of a deployment evaluated against
 * the netfilter rules really loaded on the Proxmox node ({@code iptables-save}), beside the {@code intent}
 * and {@code pve-fw} verdicts ({@link io.phoenixdiag.net.fwlayer.IptablesFlowCheck}).
 */
package io.phoenixdiag.net.fwlayer;
