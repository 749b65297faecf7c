/**
 * Phoenix Diagnostics network: live TCP/TLS/HTTP/DNS probes on Netty, the netfilter model (iptables-save
 * parser, evaluator, analyser), the Proxmox model compiled as pve-firewall would, the LOG-rule planner and
 * the kernel-log parser. Netty stays inside this module.
 *
 * <p>Exports every API package; the {@code internal} packages stay hidden.
 *
 * @provides io.phoenixdiag.core.diag.Check the iptables flow-layer check, and the kernel-rule drift and kernel-log
 *           checks of an evidence archive
 */
module io.phoenixdiag.net {
    requires transitive io.phoenixdiag.core;
    requires transitive io.phoenixdiag.pki;
    requires com.fasterxml.jackson.databind;
    requires io.netty.buffer;
    requires io.netty.codec;
    requires io.netty.codec.dns;
    requires io.netty.codec.http;
    requires io.netty.common;
    requires io.netty.handler;
    requires io.netty.resolver;
    requires io.netty.transport;

    exports io.phoenixdiag.net.drift;
    exports io.phoenixdiag.net.fwlayer;
    exports io.phoenixdiag.net.iptables;
    exports io.phoenixdiag.net.kernlog;
    exports io.phoenixdiag.net.live;
    exports io.phoenixdiag.net.logplan;
    exports io.phoenixdiag.net.probe;
    exports io.phoenixdiag.net.pvecompile;

    // ProbeJson reads and writes the probe result records through Jackson.
    opens io.phoenixdiag.net.probe to com.fasterxml.jackson.databind;
    // LiveJson reads the live results (records) of a child probe program through Jackson.
    opens io.phoenixdiag.net.live to com.fasterxml.jackson.databind;

    provides io.phoenixdiag.core.diag.Check with io.phoenixdiag.net.fwlayer.IptablesFlowCheck,
            io.phoenixdiag.net.drift.KernelRulesDriftCheck, io.phoenixdiag.net.drift.KernelLogCheck;
}
