package io.phoenixdiag.examples.lab;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * One service of the demo lab: where the deployment declares it and where the lab really serves it.
 * Immutable and thread-safe.
 *
 * @param subject    the deployment's endpoint, e.g. {@code lxc:103} or {@code host}
 * @param protocol   {@code tcp} or {@code udp}
 * @param port       the port the deployment declares, e.g. 9000
 * @param address    where the lab serves it: a loopback address and an unprivileged (ephemeral) port
 * @param serverName the TLS server name its certificate carries, or {@code ""}
 * @param what       what runs there, e.g. {@code Step-CA stand-in}
 * @param fault      the deliberate fault, or {@code ""} when it works
 */
public record LabEndpoint(String subject, String protocol, int port, InetSocketAddress address, String serverName,
                          String what, String fault) {
    /**
     * Validates the components.
     *
     * @param subject    the endpoint
     * @param protocol   the protocol
     * @param port       the declared port
     * @param address    the lab address
     * @param serverName the server name or {@code ""}
     * @param what       what runs there
     * @param fault      the fault or {@code ""}
     */
    public LabEndpoint {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(serverName, "serverName");
        Objects.requireNonNull(what, "what");
        Objects.requireNonNull(fault, "fault");
    }

    /**
     * The lab address as text, {@code 127.0.0.10:41234}.
     *
     * @return the address and port
     */
    public String labAddress() {
        return address.getAddress().getHostAddress() + ":" + address.getPort();
    }
}
