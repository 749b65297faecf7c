package io.phoenixdiag.net.live;

/** The kind of a live probe; each maps to one {@link io.phoenixdiag.net.probe.Prober} method. */
public enum ProbeKind {
    /** A TCP connect (RFC 9293 three-way handshake), {@link io.phoenixdiag.net.probe.Prober#tcp}. */
    TCP,
    /** A TLS handshake with chain capture and validation, {@link io.phoenixdiag.net.probe.Prober#tls}. */
    TLS,
    /** One HTTP/1.1 request, over TLS when the spec names trust or SNI, {@link io.phoenixdiag.net.probe.Prober#http}. */
    HTTP,
    /** One DNS query to one nameserver, {@link io.phoenixdiag.net.probe.Prober#dns}. */
    DNS
}
