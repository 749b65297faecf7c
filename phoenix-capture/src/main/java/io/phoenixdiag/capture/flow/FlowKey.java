package io.phoenixdiag.capture.flow;

import java.util.Objects;

/**
 * A flow's 5-tuple seen from its originator: originator address and port, responder address and port,
 * and the transport protocol. Addresses are text in their canonical form (dotted IPv4; RFC 5952 IPv6).
 *
 * @param protocol        {@code tcp}, {@code udp}, {@code icmp}, {@code ipv6-icmp}, or the IP protocol number
 * @param originator      the originator's address
 * @param originatorPort  the originator's port (0 when the protocol has none)
 * @param responder       the responder's address
 * @param responderPort   the responder's port (0 when the protocol has none)
 */
public record FlowKey(String protocol, String originator, int originatorPort, String responder, int responderPort) {
    /**
     * Validates the components.
     *
     * @param protocol       the protocol
     * @param originator     the originator address
     * @param originatorPort the originator port
     * @param responder      the responder address
     * @param responderPort  the responder port
     */
    public FlowKey {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(originator, "originator");
        Objects.requireNonNull(responder, "responder");
    }

    /**
     * As text.
     *
     * @return e.g. {@code tcp 10.0.0.1:41736 -> 10.0.0.2:9443}
     */
    @Override
    public String toString() {
        return protocol + " " + hostPort(originator, originatorPort) + " -> " + hostPort(responder, responderPort);
    }

    private static String hostPort(String address, int port) {
        String a = address.indexOf(':') >= 0 ? "[" + address + "]" : address;
        return port == 0 ? a : a + ":" + port;
    }
}
