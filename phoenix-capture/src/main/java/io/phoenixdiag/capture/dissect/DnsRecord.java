package io.phoenixdiag.capture.dissect;

import java.util.Objects;

/**
 * A resource record of a DNS answer section (RFC 1035 section 4.1.3).
 *
 * @param name  the owner name without the trailing dot
 * @param type  the TYPE, e.g. 1 for A
 * @param ttl   the TTL, in seconds
 * @param data  the RDATA as text: an address for A/AAAA, a name for CNAME/PTR/NS, {@code preference name}
 *              for MX, the strings for TXT, otherwise {@code <N bytes>}
 */
public record DnsRecord(String name, int type, long ttl, String data) {
    /**
     * Validates the components.
     *
     * @param name the name
     * @param type the type
     * @param ttl  the TTL
     * @param data the data
     */
    public DnsRecord {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(data, "data");
    }

    /**
     * The type's mnemonic.
     *
     * @return e.g. {@code AAAA}
     */
    public String typeName() {
        return typeName(type);
    }

    /**
     * The mnemonic of a DNS TYPE (IANA DNS parameters registry).
     *
     * @param type the number
     * @return e.g. {@code A}, or {@code TYPE99} for an unlisted one
     */
    public static String typeName(int type) {
        switch (type) {
            case 1: return "A";
            case 2: return "NS";
            case 5: return "CNAME";
            case 6: return "SOA";
            case 12: return "PTR";
            case 15: return "MX";
            case 16: return "TXT";
            case 28: return "AAAA";
            case 33: return "SRV";
            case 41: return "OPT";
            case 64: return "SVCB";
            case 65: return "HTTPS";
            case 255: return "ANY";
            default: return "TYPE" + type;
        }
    }

    /**
     * As text.
     *
     * @return e.g. {@code www.cmu.edu A 128.2.10.163}
     */
    @Override
    public String toString() {
        return name + " " + typeName() + " " + data;
    }
}
