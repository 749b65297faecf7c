/**
 * Engines behind the public API (not API; may change at any time): the frame decoder, the Zeek-faithful
 * TCP endpoint state machine, stream reassembly, and the TLS, DNS and HTTP parsers.
 */
package io.phoenixdiag.capture.internal;
