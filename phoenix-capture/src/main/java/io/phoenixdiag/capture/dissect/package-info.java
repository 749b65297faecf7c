/**
 * What is dissected from flows, as immutable values: TLS handshakes ({@link io.phoenixdiag.capture.dissect.TlsSession},
 * alerts with RFC 8446 names), DNS messages, HTTP/1.x start lines and ICMP errors.
 */
package io.phoenixdiag.capture.dissect;
