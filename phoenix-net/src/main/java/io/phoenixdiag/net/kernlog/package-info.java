/**
 * Kernel LOG lines: a parser for netfilter LOG output as {@code journalctl -k}, {@code dmesg} (with and
 * without {@code -T}), {@code /var/log/kern.log}, syslog and {@code /var/log/pve-firewall.log} show it
 * ({@link io.phoenixdiag.net.kernlog.KernelLogParser}), and per-flow aggregation that maps each line to the
 * rule that logged it and its addresses to the deployment's guests
 * ({@link io.phoenixdiag.net.kernlog.LogCorrelator}).
 *
 * <p>Field names follow the kernel's nf_log_syslog.c ({@code IN= OUT= PHYSIN= PHYSOUT= MAC= SRC= DST= LEN=
 * TOS= PREC= TTL= ID= DF PROTO= SPT= DPT= WINDOW= RES= SYN URGP=}, IPv6 {@code TC= HOPLIMIT= FLOWLBL=}).
 */
package io.phoenixdiag.net.kernlog;
