/**
 * Packet sources: {@link io.phoenixdiag.capture.source.CaptureFileReader} streams pcap/pcapng files in constant
 * memory (damage becomes {@link io.phoenixdiag.capture.source.CaptureWarning}s),
 * {@link io.phoenixdiag.capture.source.LiveCapture} captures with pcap4j on libpcap (non-blocking, always bounded
 * by a duration), {@link io.phoenixdiag.capture.source.CaptureFileWriter} writes pcap/pcapng evidence, and
 * {@link io.phoenixdiag.capture.source.BpfFilter} builds filters from guests and intended flows.
 */
package io.phoenixdiag.capture.source;
