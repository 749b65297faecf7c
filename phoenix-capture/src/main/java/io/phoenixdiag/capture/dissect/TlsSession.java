package io.phoenixdiag.capture.dissect;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The TLS handshake of one TCP flow as far as it was visible in the clear, from the record layer reassembled
 * across segments (RFC 8446 section 5; RFC 5246 for TLS 1.2).
 *
 * <p>In TLS 1.2 the server's Certificate message travels in the clear, so {@link #serverCertificates()} holds
 * the served chain (leaf first, as sent); in TLS 1.3 it is encrypted and the list is empty.
 *
 * @param clientHello        the ClientHello, if seen
 * @param serverHello        the ServerHello, if seen
 * @param serverCertificates the server's Certificate message (TLS 1.2 and earlier), in the order sent
 * @param clientCertificates the client's Certificate message (TLS 1.2 mTLS), in the order sent (empty when
 *                           none or when the client sent an empty one)
 * @param handshakeMessages  the plaintext handshake messages in order, as {@code client:ClientHello},
 *                           {@code server:Certificate}...
 * @param alerts             every alert record, in order
 * @param clientChangeCipherSpec whether the client sent ChangeCipherSpec
 * @param serverChangeCipherSpec whether the server sent ChangeCipherSpec
 * @param clientApplicationData  bytes of application_data records from the client (encrypted payload)
 * @param serverApplicationData  bytes of application_data records from the server
 * @param problems           what could not be parsed (a certificate that does not decode, a malformed
 *                           message, a gap in the stream), as sentences
 */
public record TlsSession(Optional<ClientHello> clientHello, Optional<ServerHello> serverHello,
                         List<X509Certificate> serverCertificates, List<X509Certificate> clientCertificates,
                         List<String> handshakeMessages, List<TlsAlert> alerts,
                         boolean clientChangeCipherSpec, boolean serverChangeCipherSpec,
                         long clientApplicationData, long serverApplicationData, List<String> problems) {
    /**
     * Copies the lists.
     *
     * @param clientHello        the ClientHello
     * @param serverHello        the ServerHello
     * @param serverCertificates the server's chain
     * @param clientCertificates the client's chain
     * @param handshakeMessages  the handshake messages
     * @param alerts             the alerts
     * @param clientChangeCipherSpec client CCS seen
     * @param serverChangeCipherSpec server CCS seen
     * @param clientApplicationData client application data bytes
     * @param serverApplicationData server application data bytes
     * @param problems           parse problems
     */
    public TlsSession {
        Objects.requireNonNull(clientHello, "clientHello");
        Objects.requireNonNull(serverHello, "serverHello");
        serverCertificates = List.copyOf(serverCertificates);
        clientCertificates = List.copyOf(clientCertificates);
        handshakeMessages = List.copyOf(handshakeMessages);
        alerts = List.copyOf(alerts);
        problems = List.copyOf(problems);
    }

    /**
     * The first fatal plaintext alert, which is what ended a failed handshake.
     *
     * @return the alert, or empty
     */
    public Optional<TlsAlert> fatalAlert() {
        return alerts.stream().filter(a -> !a.encrypted() && a.fatal()).findFirst();
    }

    /**
     * Whether the server asked for a client certificate (a plaintext CertificateRequest, TLS 1.2).
     *
     * @return true when requested
     */
    public boolean certificateRequested() {
        return handshakeMessages.contains("server:CertificateRequest");
    }

    /**
     * Whether the handshake looks successful: a ServerHello was seen, no fatal plaintext alert was sent, and
     * for TLS 1.2 and earlier both sides sent ChangeCipherSpec, for TLS 1.3 both sides sent protected records
     * (the best a passive observer of TLS 1.3 can tell: a server's alert after the client's certificate is
     * itself protected and looks like data).
     *
     * @return true when the session looks established
     */
    public boolean established() {
        if (serverHello.isEmpty() || fatalAlert().isPresent()) {
            return false;
        }
        int v = serverHello.get().selectedVersion();
        boolean tls13 = v == 0x0304 || (v >> 8) == 0x7f || (v >> 8) == 0xfb;
        return tls13 ? clientApplicationData > 0 && serverApplicationData > 0
                : clientChangeCipherSpec && serverChangeCipherSpec;
    }

    /**
     * The negotiated version's name, or the highest offered when no ServerHello was seen.
     *
     * @return e.g. {@code TLS 1.3}, or {@code ""} when no hello was seen
     */
    public String version() {
        if (serverHello.isPresent()) {
            return serverHello.get().versionName();
        }
        return clientHello.map(c -> TlsVersion.name(c.highestVersion()) + " offered").orElse("");
    }
}
