/**
 * TCP/TLS/HTTP/DNS probes on Netty and the analysis of netfilter rules from {@code iptables-save}.
 */
package io.phoenixdiag.net;
