package io.phoenixdiag.core.firewall;

import java.util.Objects;

/**
 * A packet to evaluate: where it comes from and goes to, its addresses, L4 protocol, ports, ICMP type
 * and conntrack state. Immutable and thread-safe; build with {@link #builder(Endpoint, Endpoint)}.
 *
 * @param source          the source endpoint
 * @param destination     the destination endpoint
 * @param sourceIp        the source address
 * @param destinationIp   the destination address (same IP version)
 * @param protocol        the IP protocol number (6 tcp, 17 udp, 1 icmp, 58 icmpv6...)
 * @param destinationPort 0..65535, or -1 when the protocol has none or it is unknown
 * @param sourcePort      0..65535, or -1 when unknown (rules with {@code -sport} then match UNKNOWN)
 * @param icmpType        0..255 for ICMP/ICMPv6, or -1
 * @param icmpCode        0..255, or -1 when unknown
 * @param state           the conntrack state (NEW by default)
 * @param routed          whether the host routes the packet between networks (Proxmox VE 8 nftables
 *                        FORWARD rules apply to such traffic); false for bridged traffic
 */
public record Packet(Endpoint source, Endpoint destination, IpAddress sourceIp, IpAddress destinationIp,
                     int protocol, int destinationPort, int sourcePort, int icmpType, int icmpCode,
                     ConnState state, boolean routed) {

    /** IP protocol number of TCP. */
    public static final int TCP = 6;
    /** IP protocol number of UDP. */
    public static final int UDP = 17;
    /** IP protocol number of ICMP. */
    public static final int ICMP = 1;
    /** IP protocol number of ICMPv6. */
    public static final int ICMPV6 = 58;
    /** IP protocol number of IGMP. */
    public static final int IGMP = 2;

    /**
     * Validates the components.
     *
     * @param source the source
     * @param destination the destination
     * @param sourceIp the source address
     * @param destinationIp the destination address
     * @param protocol the protocol number
     * @param destinationPort the destination port or -1
     * @param sourcePort the source port or -1
     * @param icmpType the ICMP type or -1
     * @param icmpCode the ICMP code or -1
     * @param state the conntrack state
     * @param routed whether routed
     * @throws NullPointerException if a component is null
     * @throws IllegalArgumentException if the addresses mix IP versions or a number is out of range
     */
    public Packet {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(sourceIp, "sourceIp");
        Objects.requireNonNull(destinationIp, "destinationIp");
        Objects.requireNonNull(state, "state");
        if (sourceIp.version() != destinationIp.version()) {
            throw new IllegalArgumentException("source and destination address mix IPv4 and IPv6: "
                    + sourceIp + " -> " + destinationIp);
        }
        if (protocol < 0 || protocol > 255 || destinationPort < -1 || destinationPort > 65535 || sourcePort < -1
                || sourcePort > 65535 || icmpType < -1 || icmpType > 255 || icmpCode < -1 || icmpCode > 255) {
            throw new IllegalArgumentException("protocol, port or ICMP value out of range");
        }
    }

    /**
     * The IP version.
     *
     * @return 4 or 6
     */
    public int ipVersion() {
        return sourceIp.version();
    }

    /**
     * Starts a builder (tcp, state NEW, bridged).
     *
     * @param source      the source endpoint
     * @param destination the destination endpoint
     * @return a new builder; not thread-safe
     */
    public static Builder builder(Endpoint source, Endpoint destination) {
        return new Builder(source, destination);
    }

    /**
     * A one-line description.
     *
     * @return such as {@code 10.0.0.12 -> 10.0.0.13 tcp/9000 NEW}
     */
    @Override
    public String toString() {
        String p = protocol == TCP ? "tcp" : protocol == UDP ? "udp" : protocol == ICMP ? "icmp"
                : protocol == ICMPV6 ? "icmpv6" : "proto " + protocol;
        StringBuilder sb = new StringBuilder().append(sourceIp).append(" -> ").append(destinationIp).append(' ').append(p);
        if (destinationPort >= 0) {
            sb.append('/').append(destinationPort);
        }
        if (icmpType >= 0) {
            sb.append(" type ").append(icmpType);
            if (icmpCode >= 0) {
                sb.append('/').append(icmpCode);
            }
        }
        return sb.append(' ').append(state).toString();
    }

    /** Builder for {@link Packet}. Not thread-safe. */
    public static final class Builder {
        private final Endpoint source;
        private final Endpoint destination;
        private IpAddress sourceIp;
        private IpAddress destinationIp;
        private int protocol = TCP;
        private int dport = -1;
        private int sport = -1;
        private int icmpType = -1;
        private int icmpCode = -1;
        private ConnState state = ConnState.NEW;
        private boolean routed;

        private Builder(Endpoint source, Endpoint destination) {
            this.source = Objects.requireNonNull(source, "source");
            this.destination = Objects.requireNonNull(destination, "destination");
        }

        /**
         * Sets the source address.
         *
         * @param ip an IPv4 or IPv6 literal
         * @return this builder
         * @throws IllegalArgumentException if not an address
         */
        public Builder sourceIp(String ip) {
            this.sourceIp = IpAddress.parse(ip);
            return this;
        }

        /**
         * Sets the destination address.
         *
         * @param ip an IPv4 or IPv6 literal
         * @return this builder
         * @throws IllegalArgumentException if not an address
         */
        public Builder destinationIp(String ip) {
            this.destinationIp = IpAddress.parse(ip);
            return this;
        }

        /**
         * Sets the protocol by name ({@code tcp}, {@code udp}, {@code icmp}, {@code icmpv6}...) or number.
         *
         * @param proto the protocol
         * @return this builder
         * @throws IllegalArgumentException if unknown
         */
        public Builder protocol(String proto) {
            int n = Tables.protocolNumber(proto.trim().toLowerCase(java.util.Locale.ROOT));
            if (n < 0) {
                throw new IllegalArgumentException("unknown protocol '" + proto + "'");
            }
            this.protocol = n;
            return this;
        }

        /**
         * Sets the protocol number.
         *
         * @param proto 0..255
         * @return this builder
         */
        public Builder protocol(int proto) {
            this.protocol = proto;
            return this;
        }

        /**
         * Sets the destination port.
         *
         * @param port 0..65535
         * @return this builder
         */
        public Builder destinationPort(int port) {
            this.dport = port;
            return this;
        }

        /**
         * Sets the source port.
         *
         * @param port 0..65535
         * @return this builder
         */
        public Builder sourcePort(int port) {
            this.sport = port;
            return this;
        }

        /**
         * Sets the ICMP type and code.
         *
         * @param type 0..255
         * @param code 0..255, or -1 when unknown
         * @return this builder
         */
        public Builder icmp(int type, int code) {
            this.icmpType = type;
            this.icmpCode = code;
            return this;
        }

        /**
         * Sets the ICMP type by iptables name ({@code echo-request}, {@code host-unreachable}...) of the
         * family of the protocol set so far (icmp or icmpv6), or by number.
         *
         * @param name the type name or number
         * @return this builder
         * @throws IllegalArgumentException if the name is unknown
         */
        public Builder icmp(String name) {
            int[] tc = FirewallRule.icmpTypeOf(protocol == ICMPV6 ? "icmpv6" : "icmp", name);
            if (tc == null || tc[0] < 0) {
                throw new IllegalArgumentException("unknown ICMP type '" + name + "'");
            }
            this.icmpType = tc[0];
            this.icmpCode = tc[1];
            return this;
        }

        /**
         * Sets the conntrack state.
         *
         * @param state the state
         * @return this builder
         */
        public Builder state(ConnState state) {
            this.state = Objects.requireNonNull(state);
            return this;
        }

        /**
         * Marks the packet as routed by the host.
         *
         * @param routed true when the host routes it
         * @return this builder
         */
        public Builder routed(boolean routed) {
            this.routed = routed;
            return this;
        }

        /**
         * Builds the packet.
         *
         * @return the packet
         * @throws IllegalStateException if an address is missing
         * @throws IllegalArgumentException if the values are inconsistent
         */
        public Packet build() {
            if (sourceIp == null || destinationIp == null) {
                throw new IllegalStateException("source and destination addresses are required");
            }
            return new Packet(source, destination, sourceIp, destinationIp, protocol, dport, sport, icmpType,
                    icmpCode, state, routed);
        }
    }
}
