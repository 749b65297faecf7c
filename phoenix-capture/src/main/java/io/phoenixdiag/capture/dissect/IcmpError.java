package io.phoenixdiag.capture.dissect;

import java.util.Objects;

/**
 * An ICMP or ICMPv6 error message quoting a packet of a flow (RFC 792, RFC 4443): destination unreachable,
 * time exceeded, packet too big, parameter problem. It is attached to the flow of the packet it quotes.
 *
 * @param timestampNanos when it was seen, nanoseconds since the epoch
 * @param ipVersion      4 (ICMP) or 6 (ICMPv6)
 * @param type           the ICMP type, e.g. 3 (ICMP destination unreachable) or 1 (ICMPv6)
 * @param code           the ICMP code, e.g. 3 (port unreachable) for ICMP, 4 for ICMPv6
 * @param reporter       the address that sent the error (the destination host, or a router on the way)
 */
public record IcmpError(long timestampNanos, int ipVersion, int type, int code, String reporter) {
    /**
     * Validates the reporter.
     *
     * @param timestampNanos the time
     * @param ipVersion      4 or 6
     * @param type           the type
     * @param code           the code
     * @param reporter       the sender's address
     */
    public IcmpError {
        Objects.requireNonNull(reporter, "reporter");
    }

    /**
     * Whether this says the destination (port, protocol, host or network) is unreachable.
     *
     * @return true for ICMP type 3 or ICMPv6 type 1
     */
    public boolean unreachable() {
        return ipVersion == 4 ? type == 3 : type == 1;
    }

    /**
     * Whether this is a port unreachable (ICMP 3/3, ICMPv6 1/4): what a default iptables REJECT sends, and
     * what a host sends for a UDP port nothing listens on.
     *
     * @return true for port unreachable
     */
    public boolean portUnreachable() {
        return ipVersion == 4 ? type == 3 && code == 3 : type == 1 && code == 4;
    }

    /**
     * Whether this is an administratively-prohibited answer (ICMP 3/9, 3/10, 3/13; ICMPv6 1/1): a
     * REJECT with {@code --reject-with icmp-admin-prohibited} or a router's filter.
     *
     * @return true for administratively prohibited
     */
    public boolean prohibited() {
        return ipVersion == 4 ? type == 3 && (code == 9 || code == 10 || code == 13) : type == 1 && code == 1;
    }

    /**
     * The name of the type and code.
     *
     * @return e.g. {@code port unreachable}, {@code network unreachable}, {@code time exceeded}
     */
    public String description() {
        if (ipVersion == 4) {
            switch (type) {
                case 3:
                    switch (code) {
                        case 0: return "network unreachable";
                        case 1: return "host unreachable";
                        case 2: return "protocol unreachable";
                        case 3: return "port unreachable";
                        case 4: return "fragmentation needed";
                        case 5: return "source route failed";
                        case 6: return "destination network unknown";
                        case 7: return "destination host unknown";
                        case 9: return "network administratively prohibited";
                        case 10: return "host administratively prohibited";
                        case 13: return "communication administratively prohibited";
                        default: return "destination unreachable (code " + code + ")";
                    }
                case 11: return code == 1 ? "fragment reassembly time exceeded" : "time exceeded in transit";
                case 12: return "parameter problem";
                case 5: return "redirect";
                default: return "ICMP type " + type + " code " + code;
            }
        }
        switch (type) {
            case 1:
                switch (code) {
                    case 0: return "no route to destination";
                    case 1: return "communication administratively prohibited";
                    case 3: return "address unreachable";
                    case 4: return "port unreachable";
                    case 5: return "source address failed ingress/egress policy";
                    case 6: return "reject route to destination";
                    default: return "destination unreachable (code " + code + ")";
                }
            case 2: return "packet too big";
            case 3: return "time exceeded";
            case 4: return "parameter problem";
            default: return "ICMPv6 type " + type + " code " + code;
        }
    }

    /**
     * As text: {@code ICMP port unreachable (type 3 code 3) from 10.0.0.2}.
     *
     * @return the text
     */
    @Override
    public String toString() {
        return (ipVersion == 4 ? "ICMP " : "ICMPv6 ") + description() + " (type " + type + " code " + code + ") from "
                + reporter;
    }
}
