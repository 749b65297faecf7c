package io.phoenixdiag.net.iptables;

import io.phoenixdiag.net.iptables.internal.Values;
import java.net.InetAddress;
import java.util.Objects;

/**
 * A packet to evaluate: what the kernel's matches look at.
 *
 * <p>Build with {@link #builder()} or the {@link #tcp}, {@link #udp}, {@link #icmp} shortcuts. Defaults:
 * no interfaces ({@code ""}: absent, e.g. no output interface at INPUT), not bridged, protocol 0,
 * ports 0, ICMP type/code -1 (not ICMP), TCP flags unknown (-1) unless {@link Builder#tcpFlags} or a
 * shortcut sets them, state NEW, mark and connmark 0, source MAC unknown ({@code ""}), not a fragment.
 * Immutable and thread-safe.
 */
public final class Packet {
    /** TCP flag bits as in the TCP header: FIN. */
    public static final int FIN = 0x01;
    /** SYN. */
    public static final int SYN = 0x02;
    /** RST. */
    public static final int RST = 0x04;
    /** PSH. */
    public static final int PSH = 0x08;
    /** ACK. */
    public static final int ACK = 0x10;
    /** URG. */
    public static final int URG = 0x20;

    private final InetAddress source;
    private final InetAddress destination;
    private final String inInterface;
    private final String outInterface;
    private final String physdevIn;
    private final String physdevOut;
    private final int protocol;
    private final int sourcePort;
    private final int destinationPort;
    private final int icmpType;
    private final int icmpCode;
    private final int tcpFlags;
    private final CtState state;
    private final long mark;
    private final long ctmark;
    private final String sourceMac;
    private final boolean fragment;

    private Packet(Builder b) {
        if (b.source == null || b.destination == null) {
            throw new IllegalArgumentException("source and destination addresses are required");
        }
        if (b.source.getAddress().length != b.destination.getAddress().length) {
            throw new IllegalArgumentException("source and destination must be of the same family: " + b.source
                    + " " + b.destination);
        }
        this.source = b.source;
        this.destination = b.destination;
        this.inInterface = b.inInterface;
        this.outInterface = b.outInterface;
        this.physdevIn = b.physdevIn;
        this.physdevOut = b.physdevOut;
        this.protocol = b.protocol;
        this.sourcePort = b.sourcePort;
        this.destinationPort = b.destinationPort;
        this.icmpType = b.icmpType;
        this.icmpCode = b.icmpCode;
        this.tcpFlags = b.tcpFlags;
        this.state = b.state;
        this.mark = b.mark;
        this.ctmark = b.ctmark;
        this.sourceMac = b.sourceMac;
        this.fragment = b.fragment;
    }

    /**
     * Starts a packet.
     *
     * @return a new builder; not thread-safe
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A TCP SYN (state NEW) from one address and port to another.
     *
     * @param src   source address literal
     * @param sport source port 0..65535
     * @param dst   destination address literal
     * @param dport destination port 0..65535
     * @return a builder with protocol 6, the ports and flags SYN set
     * @throws IllegalArgumentException if an address is not a literal or a port is out of range
     */
    public static Builder tcp(String src, int sport, String dst, int dport) {
        return builder().source(src).destination(dst).protocol(6).sourcePort(sport).destinationPort(dport)
                .tcpFlags(SYN);
    }

    /**
     * A UDP datagram (state NEW).
     *
     * @param src   source address literal
     * @param sport source port
     * @param dst   destination address literal
     * @param dport destination port
     * @return a builder with protocol 17 and the ports
     * @throws IllegalArgumentException if an address is not a literal or a port is out of range
     */
    public static Builder udp(String src, int sport, String dst, int dport) {
        return builder().source(src).destination(dst).protocol(17).sourcePort(sport).destinationPort(dport);
    }

    /**
     * An ICMP (IPv4) or ICMPv6 (IPv6) message.
     *
     * @param src  source address literal
     * @param dst  destination address literal
     * @param type ICMP type, e.g. 8 for echo-request (RFC 792) or 128 for ICMPv6 echo-request (RFC 4443)
     * @param code ICMP code
     * @return a builder with protocol 1 or 58, type and code
     * @throws IllegalArgumentException if an address is not a literal or type/code is out of 0..255
     */
    public static Builder icmp(String src, String dst, int type, int code) {
        Builder b = builder().source(src).destination(dst);
        return b.protocol(b.source.getAddress().length == 16 ? 58 : 1).icmp(type, code);
    }

    /**
     * A builder holding this packet's values.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.source = source;
        b.destination = destination;
        b.inInterface = inInterface;
        b.outInterface = outInterface;
        b.physdevIn = physdevIn;
        b.physdevOut = physdevOut;
        b.protocol = protocol;
        b.sourcePort = sourcePort;
        b.destinationPort = destinationPort;
        b.icmpType = icmpType;
        b.icmpCode = icmpCode;
        b.tcpFlags = tcpFlags;
        b.state = state;
        b.mark = mark;
        b.ctmark = ctmark;
        b.sourceMac = sourceMac;
        b.fragment = fragment;
        return b;
    }

    /**
     * The address family.
     *
     * @return IPV4 or IPV6
     */
    public Family family() {
        return source.getAddress().length == 16 ? Family.IPV6 : Family.IPV4;
    }

    /** @return the source address */
    public InetAddress source() {
        return source;
    }

    /** @return the destination address */
    public InetAddress destination() {
        return destination;
    }

    /** @return the input interface ({@code -i}), or {@code ""} when none (OUTPUT) */
    public String inInterface() {
        return inInterface;
    }

    /** @return the output interface ({@code -o}), or {@code ""} when none (PREROUTING, INPUT) */
    public String outInterface() {
        return outInterface;
    }

    /** @return the bridge port the packet entered by ({@code --physdev-in}), or {@code ""} when not bridged */
    public String physdevIn() {
        return physdevIn;
    }

    /** @return the bridge port the packet leaves by ({@code --physdev-out}), or {@code ""} */
    public String physdevOut() {
        return physdevOut;
    }

    /** @return the IP protocol number (6 TCP, 17 UDP, 1 ICMP, 58 ICMPv6...) */
    public int protocol() {
        return protocol;
    }

    /** @return the source port, 0 when not TCP/UDP/SCTP */
    public int sourcePort() {
        return sourcePort;
    }

    /** @return the destination port, 0 when not TCP/UDP/SCTP */
    public int destinationPort() {
        return destinationPort;
    }

    /** @return the ICMP type, -1 when not ICMP */
    public int icmpType() {
        return icmpType;
    }

    /** @return the ICMP code, -1 when not ICMP */
    public int icmpCode() {
        return icmpCode;
    }

    /** @return the TCP flags ({@link #SYN} | {@link #ACK} ...), -1 when unknown */
    public int tcpFlags() {
        return tcpFlags;
    }

    /** @return the connection-tracking state */
    public CtState state() {
        return state;
    }

    /** @return the packet mark (nfmark, 32 bits) */
    public long mark() {
        return mark;
    }

    /** @return the connection mark (ctmark, 32 bits) */
    public long ctmark() {
        return ctmark;
    }

    /** @return the source MAC address as {@code aa:bb:cc:dd:ee:ff} (lower case), or {@code ""} when unknown */
    public String sourceMac() {
        return sourceMac;
    }

    /** @return whether the packet is a non-first fragment ({@code -f}) */
    public boolean fragment() {
        return fragment;
    }

    /**
     * A one-line description.
     *
     * @return e.g. {@code tcp 10.0.0.1:40000 -> 10.0.0.2:22 NEW in=eth0}
     */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append(Values.protocolName(protocol)).append(' ').append(source.getHostAddress());
        if (sourcePort > 0) {
            sb.append(':').append(sourcePort);
        }
        sb.append(" -> ").append(destination.getHostAddress());
        if (destinationPort > 0) {
            sb.append(':').append(destinationPort);
        }
        if (icmpType >= 0) {
            sb.append(" type ").append(icmpType).append('/').append(icmpCode);
        }
        sb.append(' ').append(state);
        if (!inInterface.isEmpty()) {
            sb.append(" in=").append(inInterface);
        }
        if (!outInterface.isEmpty()) {
            sb.append(" out=").append(outInterface);
        }
        if (mark != 0) {
            sb.append(" mark=0x").append(Long.toHexString(mark));
        }
        return sb.toString();
    }

    /** Builder for {@link Packet}; not thread-safe. */
    public static final class Builder {
        private InetAddress source;
        private InetAddress destination;
        private String inInterface = "";
        private String outInterface = "";
        private String physdevIn = "";
        private String physdevOut = "";
        private int protocol;
        private int sourcePort;
        private int destinationPort;
        private int icmpType = -1;
        private int icmpCode = -1;
        private int tcpFlags = -1;
        private CtState state = CtState.NEW;
        private long mark;
        private long ctmark;
        private String sourceMac = "";
        private boolean fragment;

        private Builder() {
        }

        /**
         * Sets the source address.
         *
         * @param literal an IPv4 or IPv6 literal (no host names: nothing is resolved)
         * @return this builder
         * @throws IllegalArgumentException if it is not an address literal
         */
        public Builder source(String literal) {
            this.source = Values.literal(literal);
            return this;
        }

        /**
         * Sets the destination address.
         *
         * @param literal an IPv4 or IPv6 literal
         * @return this builder
         * @throws IllegalArgumentException if it is not an address literal
         */
        public Builder destination(String literal) {
            this.destination = Values.literal(literal);
            return this;
        }

        /**
         * Sets the input interface.
         *
         * @param name e.g. {@code eth0}, or {@code ""} for none
         * @return this builder
         */
        public Builder inInterface(String name) {
            this.inInterface = Objects.requireNonNull(name, "name");
            return this;
        }

        /**
         * Sets the output interface.
         *
         * @param name e.g. {@code vmbr0}, or {@code ""} for none
         * @return this builder
         */
        public Builder outInterface(String name) {
            this.outInterface = Objects.requireNonNull(name, "name");
            return this;
        }

        /**
         * Sets the bridge ports (physdev match): the packet crosses a bridge.
         *
         * @param in  the bridge port it entered by, or {@code ""}
         * @param out the bridge port it leaves by, or {@code ""} (not yet known before FORWARD)
         * @return this builder
         */
        public Builder physdev(String in, String out) {
            this.physdevIn = Objects.requireNonNull(in, "in");
            this.physdevOut = Objects.requireNonNull(out, "out");
            return this;
        }

        /**
         * Sets the IP protocol number.
         *
         * @param protocol 0..255
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder protocol(int protocol) {
            this.protocol = range(protocol, 0, 255, "protocol");
            return this;
        }

        /**
         * Sets the source port.
         *
         * @param port 0..65535
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder sourcePort(int port) {
            this.sourcePort = range(port, 0, 65535, "port");
            return this;
        }

        /**
         * Sets the destination port.
         *
         * @param port 0..65535
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder destinationPort(int port) {
            this.destinationPort = range(port, 0, 65535, "port");
            return this;
        }

        /**
         * Sets ICMP type and code.
         *
         * @param type 0..255
         * @param code 0..255
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder icmp(int type, int code) {
            this.icmpType = range(type, 0, 255, "ICMP type");
            this.icmpCode = range(code, 0, 255, "ICMP code");
            return this;
        }

        /**
         * Sets the TCP flags.
         *
         * @param flags bits of {@link #FIN}, {@link #SYN}, ... or -1 for unknown
         * @return this builder
         * @throws IllegalArgumentException if not -1..255
         */
        public Builder tcpFlags(int flags) {
            this.tcpFlags = range(flags, -1, 255, "TCP flags");
            return this;
        }

        /**
         * Sets the connection-tracking state.
         *
         * @param state the state
         * @return this builder
         */
        public Builder state(CtState state) {
            this.state = Objects.requireNonNull(state, "state");
            return this;
        }

        /**
         * Sets the packet mark.
         *
         * @param mark 0..0xffffffff
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder mark(long mark) {
            if (mark < 0 || mark > 0xffffffffL) {
                throw new IllegalArgumentException("mark must be 32 bits: " + mark);
            }
            this.mark = mark;
            return this;
        }

        /**
         * Sets the connection mark.
         *
         * @param ctmark 0..0xffffffff
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder ctmark(long ctmark) {
            if (ctmark < 0 || ctmark > 0xffffffffL) {
                throw new IllegalArgumentException("ctmark must be 32 bits: " + ctmark);
            }
            this.ctmark = ctmark;
            return this;
        }

        /**
         * Sets the source MAC address.
         *
         * @param mac {@code aa:bb:cc:dd:ee:ff} (any case) or {@code ""} for unknown
         * @return this builder
         * @throws IllegalArgumentException if not six colon-separated hex octets
         */
        public Builder sourceMac(String mac) {
            if (!mac.isEmpty() && !mac.matches("(?i)[0-9a-f]{2}(:[0-9a-f]{2}){5}")) {
                throw new IllegalArgumentException("MAC address expected as aa:bb:cc:dd:ee:ff: " + mac);
            }
            this.sourceMac = mac.toLowerCase(java.util.Locale.ROOT);
            return this;
        }

        /**
         * Marks the packet as a non-first fragment.
         *
         * @param fragment true for a non-first fragment
         * @return this builder
         */
        public Builder fragment(boolean fragment) {
            this.fragment = fragment;
            return this;
        }

        /**
         * Builds the packet.
         *
         * @return the packet
         * @throws IllegalArgumentException if an address is missing or the two are of different families
         */
        public Packet build() {
            return new Packet(this);
        }

        private static int range(int v, int lo, int hi, String what) {
            if (v < lo || v > hi) {
                throw new IllegalArgumentException(what + " must be in " + lo + ".." + hi + ": " + v);
            }
            return v;
        }
    }
}
