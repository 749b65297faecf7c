package io.phoenixdiag.core.topology;

import io.phoenixdiag.core.diag.FlowEntry;
import io.phoenixdiag.core.diag.Location;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A connection the deployment needs in order to work: {@code source} must reach {@code destination}
 * on {@code protocol}/{@code port}, speaking {@code scheme}.
 *
 * <p>The flow key of the architecture is (source, destination, protocol, port); {@link #id()} renders
 * it as the report contract does ({@code lxc:102->lxc:103/tcp/9000}). Immutable and thread-safe.
 *
 * @param source      who opens the connection
 * @param destination who accepts it
 * @param protocol    {@code tcp} or {@code udp} (lower case)
 * @param port        destination port, 1-65535
 * @param scheme      what is spoken: {@code https}, {@code http}, {@code dns}, {@code nfs}, {@code tls}...
 * @param purpose     one sentence, e.g. {@code Traefik routes portainer to its backend}
 * @param impliedBy   the configuration fields that imply the flow (at least one)
 * @param active      false when either end is not started at boot or is a template: such flows are
 *                    listed but not reported as errors
 * @param externalAddress the address of an {@code external} end when the configuration names one (an
 *                    outside nameserver such as {@code 8.8.8.8}), else {@code ""}
 */
public record IntendedFlow(Endpoint source, Endpoint destination, String protocol, int port, String scheme,
                           String purpose, List<Location> impliedBy, boolean active, String externalAddress) {
    /**
     * Validates and normalises the components.
     *
     * @param source      the source
     * @param destination the destination
     * @param protocol    {@code tcp} or {@code udp}, any case
     * @param port        1-65535
     * @param scheme      the scheme
     * @param purpose     the purpose
     * @param impliedBy   the implying fields
     * @param active      whether both ends run
     * @param externalAddress the external end's address, or {@code ""}
     * @throws IllegalArgumentException if the protocol is not tcp/udp or the port is out of range
     */
    public IntendedFlow {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(purpose, "purpose");
        protocol = protocol.toLowerCase(Locale.ROOT);
        if (!protocol.equals("tcp") && !protocol.equals("udp")) {
            throw new IllegalArgumentException("protocol must be tcp or udp: " + protocol);
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        impliedBy = List.copyOf(impliedBy);
        Objects.requireNonNull(externalAddress, "externalAddress");
    }

    /**
     * A flow with no external address.
     *
     * @param source      who opens the connection
     * @param destination who accepts it
     * @param protocol    {@code tcp} or {@code udp}
     * @param port        destination port, 1-65535
     * @param scheme      what is spoken
     * @param purpose     one sentence
     * @param impliedBy   the implying configuration fields
     * @param active      whether both ends run
     * @return the flow
     * @throws IllegalArgumentException if the protocol is not tcp/udp or the port is out of range
     */
    public static IntendedFlow of(Endpoint source, Endpoint destination, String protocol, int port, String scheme,
                                  String purpose, List<Location> impliedBy, boolean active) {
        return new IntendedFlow(source, destination, protocol, port, scheme, purpose, impliedBy, active, "");
    }

    /**
     * The flow key as a string.
     *
     * @return e.g. {@code lxc:102->lxc:103/tcp/9000}, as {@link FlowEntry#idOf} renders it
     */
    public String id() {
        return FlowEntry.idOf(source.subject(), destination.subject(), protocol, port);
    }

    /**
     * The same flow, marked active or not.
     *
     * @param isActive the new activity
     * @return a copy
     */
    public IntendedFlow withActive(boolean isActive) {
        return new IntendedFlow(source, destination, protocol, port, scheme, purpose, impliedBy, isActive,
                externalAddress);
    }
}
