package io.phoenixdiag.capture.source;

import java.util.Optional;

/**
 * The link-layer header types this module dissects, with their LINKTYPE_ numbers from the tcpdump.org
 * link-layer header types registry (https://www.tcpdump.org/linktypes.html), which pcap and pcapng files carry.
 */
public enum LinkType {
    /** BSD loopback: a 4-byte address family in the capturing host's byte order (LINKTYPE_NULL, 0). */
    NULL(0),
    /** IEEE 802.3 Ethernet, optionally with 802.1Q / 802.1ad VLAN tags (LINKTYPE_ETHERNET, 1). */
    ETHERNET(1),
    /** Raw IPv4 or IPv6, told apart by the version nibble (LINKTYPE_RAW, 101; DLT_RAW 12 and 14 map here too). */
    RAW(101),
    /** OpenBSD loopback: a 4-byte address family in network byte order (LINKTYPE_LOOP, 108). */
    LOOP(108),
    /** Linux "cooked" capture v1, 16-byte header; what {@code tcpdump -i any} writes (LINKTYPE_LINUX_SLL, 113). */
    LINUX_SLL(113),
    /** Raw IPv4 (LINKTYPE_IPV4, 228). */
    IPV4(228),
    /** Raw IPv6 (LINKTYPE_IPV6, 229). */
    IPV6(229),
    /** Linux "cooked" capture v2, 20-byte header (LINKTYPE_LINUX_SLL2, 276). */
    LINUX_SLL2(276);

    private final int number;

    LinkType(int number) {
        this.number = number;
    }

    /**
     * The LINKTYPE_ number.
     *
     * @return e.g. 1 for Ethernet
     */
    public int number() {
        return number;
    }

    /**
     * Looks up a LINKTYPE_ number (or one of the platform DLT_ aliases of raw IP: 12 and 14).
     *
     * @param number the number from a pcap header or pcapng interface description block
     * @return the link type, or empty when this module does not dissect it
     */
    public static Optional<LinkType> of(int number) {
        switch (number) {
            case 0: return Optional.of(NULL);
            case 1: return Optional.of(ETHERNET);
            case 12: case 14: case 101: return Optional.of(RAW);
            case 108: return Optional.of(LOOP);
            case 113: return Optional.of(LINUX_SLL);
            case 228: return Optional.of(IPV4);
            case 229: return Optional.of(IPV6);
            case 276: return Optional.of(LINUX_SLL2);
            default: return Optional.empty();
        }
    }
}
