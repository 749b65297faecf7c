/**
 * Live (pcap4j on libpcap) and offline (pcap, pcapng) packet capture, and the triage of the flows,
 * TLS handshakes and DNS exchanges seen in it.
 */
package io.phoenixdiag.capture;
