package io.phoenixdiag.capture.internal;

import io.phoenixdiag.capture.source.LinkType;

/**
 * Decodes one frame down to the transport header into its own fields (reused for every packet; no
 * allocation). Every read is bounds-checked against the captured length; {@link #problem} says why a
 * frame could not be decoded.
 */
public final class Decoder {
    /** Result: an IP packet with transport fields decoded as far as captured. */
    public static final int IP = 1;
    /** Result: not IP (ARP, LLDP...). */
    public static final int NOT_IP = 0;
    /** Result: malformed or truncated before the transport header; see {@link #problem}. */
    public static final int MALFORMED = -1;

    /** IP version, 4 or 6. */
    public int ipVersion;
    /** Source address, high bits. */
    public long srcHi;
    /** Source address, low bits. */
    public long srcLo;
    /** Destination address, high bits. */
    public long dstHi;
    /** Destination address, low bits. */
    public long dstLo;
    /** IP protocol (next header) of the transport. */
    public int proto;
    /** IP packet length claimed by the header (IPv4 total length; IPv6 40 + payload length), bytes. */
    public int ipLength;
    /** Whether the packet is an IP fragment. */
    public boolean fragment;
    /** Whether it is a fragment other than the first (no transport header). */
    public boolean laterFragment;
    /** Source port (TCP/UDP), or ICMP type. */
    public int srcPort;
    /** Destination port (TCP/UDP), or ICMP code. */
    public int dstPort;
    /** TCP sequence number. */
    public int seq;
    /** TCP acknowledgment number. */
    public int ack;
    /** TCP flags byte. */
    public int flags;
    /** TCP window (unscaled). */
    public int window;
    /** Whether the transport header was complete. */
    public boolean transportOk;
    /** Offset of the transport payload in the buffer. */
    public int payloadOffset;
    /** Payload bytes captured. */
    public int payloadCaptured;
    /** Payload length claimed by the headers. */
    public int payloadLength;
    /** ICMP error: whether a quoted packet was decoded. */
    public boolean quoted;
    /** Quoted packet: IP version. */
    public int qVersion;
    /** Quoted source high bits. */
    public long qSrcHi;
    /** Quoted source low bits. */
    public long qSrcLo;
    /** Quoted destination high bits. */
    public long qDstHi;
    /** Quoted destination low bits. */
    public long qDstLo;
    /** Quoted protocol. */
    public int qProto;
    /** Quoted source port. */
    public int qSrcPort;
    /** Quoted destination port. */
    public int qDstPort;
    /** Why decoding failed. */
    public String problem = "";

    private byte[] b;

    /**
     * Decodes a frame.
     *
     * @param link   the link type
     * @param data   the buffer
     * @param off    where the frame starts
     * @param caplen captured bytes
     * @return {@link #IP}, {@link #NOT_IP} or {@link #MALFORMED}
     */
    public int decode(LinkType link, byte[] data, int off, int caplen) {
        b = data;
        transportOk = false;
        quoted = false;
        fragment = false;
        laterFragment = false;
        int end = off + caplen;
        int p = off;
        int etherType;
        switch (link) {
            case ETHERNET:
                if (caplen < 14) {
                    return malformed("Ethernet header truncated (" + caplen + " of 14 bytes)");
                }
                p = off + 12;
                etherType = u16(p);
                p += 2;
                while (etherType == 0x8100 || etherType == 0x88a8 || etherType == 0x9100) {
                    if (p + 4 > end) {
                        return malformed("802.1Q tag truncated");
                    }
                    etherType = u16(p + 2);
                    p += 4;
                }
                break;
            case LINUX_SLL:
                if (caplen < 16) {
                    return malformed("Linux cooked (SLL) header truncated (" + caplen + " of 16 bytes)");
                }
                etherType = u16(off + 14);
                p = off + 16;
                break;
            case LINUX_SLL2:
                if (caplen < 20) {
                    return malformed("Linux cooked v2 (SLL2) header truncated (" + caplen + " of 20 bytes)");
                }
                etherType = u16(off);
                p = off + 20;
                break;
            case NULL:
            case LOOP:
                if (caplen < 4) {
                    return malformed("loopback header truncated");
                }
                p = off + 4;
                etherType = caplen > 4 ? ((b[p] & 0xf0) == 0x60 ? 0x86dd : (b[p] & 0xf0) == 0x40 ? 0x0800 : 0) : 0;
                break;
            case RAW:
            case IPV4:
            case IPV6:
            default:
                if (caplen < 1) {
                    return malformed("empty packet");
                }
                etherType = (b[off] & 0xf0) == 0x60 ? 0x86dd : (b[off] & 0xf0) == 0x40 ? 0x0800 : 0;
                break;
        }
        if (etherType == 0x0800) {
            return ipv4(p, end);
        }
        if (etherType == 0x86dd) {
            return ipv6(p, end);
        }
        return NOT_IP;
    }

    private int malformed(String why) {
        problem = why;
        return MALFORMED;
    }

    private int u16(int i) {
        return (b[i] & 0xff) << 8 | (b[i + 1] & 0xff);
    }

    private int s32(int i) {
        return (b[i] & 0xff) << 24 | (b[i + 1] & 0xff) << 16 | (b[i + 2] & 0xff) << 8 | (b[i + 3] & 0xff);
    }

    private long u32(int i) {
        return s32(i) & 0xffffffffL;
    }

    private long u64(int i) {
        return u32(i) << 32 | u32(i + 4);
    }

    private int ipv4(int p, int end) {
        if (p + 20 > end) {
            return malformed("IPv4 header truncated (" + (end - p) + " of 20 bytes)");
        }
        if ((b[p] & 0xf0) != 0x40) {
            return malformed("IPv4 version nibble is " + ((b[p] & 0xf0) >> 4));
        }
        int ihl = (b[p] & 0x0f) * 4;
        int total = u16(p + 2);
        if (ihl < 20 || p + ihl > end) {
            return malformed("IPv4 header length " + ihl + " is invalid or truncated");
        }
        if (total < ihl) {
            return malformed("IPv4 total length " + total + " is shorter than its header (" + ihl + ")");
        }
        ipVersion = 4;
        ipLength = total;
        int fragField = u16(p + 6);
        int fragOffset = fragField & 0x1fff;
        fragment = (fragField & 0x2000) != 0 || fragOffset != 0;
        laterFragment = fragOffset != 0;
        proto = b[p + 9] & 0xff;
        srcHi = 0;
        srcLo = Addresses.V4_MARK | u32(p + 12);
        dstHi = 0;
        dstLo = Addresses.V4_MARK | u32(p + 16);
        int ipEnd = Math.min(end, p + total);
        if (laterFragment) {
            return IP;
        }
        transport(p + ihl, ipEnd, total - ihl);
        return IP;
    }

    private int ipv6(int p, int end) {
        if (p + 40 > end) {
            return malformed("IPv6 header truncated (" + (end - p) + " of 40 bytes)");
        }
        if ((b[p] & 0xf0) != 0x60) {
            return malformed("IPv6 version nibble is " + ((b[p] & 0xf0) >> 4));
        }
        int payload = u16(p + 4);
        ipVersion = 6;
        srcHi = u64(p + 8);
        srcLo = u64(p + 16);
        dstHi = u64(p + 24);
        dstLo = u64(p + 32);
        int next = b[p + 6] & 0xff;
        int claimedEnd = payload == 0 ? end : p + 40 + payload;
        ipLength = payload == 0 ? end - p : 40 + payload;
        int ipEnd = Math.min(end, claimedEnd);
        int q = p + 40;
        for (int guard = 0; guard < 16; guard++) {
            if (next == 0 || next == 43 || next == 60 || next == 51 || next == 44) {
                if (q + 8 > ipEnd) {
                    proto = next;
                    return IP;
                }
                int nh = b[q] & 0xff;
                int len;
                if (next == 44) {
                    fragment = true;
                    int fo = u16(q + 2);
                    laterFragment = (fo & 0xfff8) != 0;
                    len = 8;
                } else if (next == 51) {
                    len = ((b[q + 1] & 0xff) + 2) * 4;
                } else {
                    len = ((b[q + 1] & 0xff) + 1) * 8;
                }
                next = nh;
                q += len;
                if (laterFragment) {
                    proto = next;
                    return IP;
                }
            } else {
                break;
            }
        }
        proto = next;
        transport(q, ipEnd, claimedEnd - q);
        return IP;
    }

    private void transport(int q, int end, int claimed) {
        srcPort = 0;
        dstPort = 0;
        payloadCaptured = 0;
        payloadLength = 0;
        if (proto == 6) {
            if (q + 20 > end) {
                return;
            }
            int thl = ((b[q + 12] & 0xf0) >> 4) * 4;
            if (thl < 20 || q + thl > end) {
                return;
            }
            srcPort = u16(q);
            dstPort = u16(q + 2);
            seq = s32(q + 4);
            ack = s32(q + 8);
            flags = b[q + 13] & 0xff;
            window = u16(q + 14);
            payloadOffset = q + thl;
            payloadLength = Math.max(0, claimed - thl);
            payloadCaptured = Math.max(0, Math.min(end - payloadOffset, payloadLength));
            transportOk = true;
        } else if (proto == 17) {
            if (q + 8 > end) {
                return;
            }
            srcPort = u16(q);
            dstPort = u16(q + 2);
            int ulen = u16(q + 4);
            payloadOffset = q + 8;
            payloadLength = Math.max(0, Math.min(ulen, claimed) - 8);
            payloadCaptured = Math.max(0, Math.min(end - payloadOffset, payloadLength));
            transportOk = true;
        } else if (proto == 1 || proto == 58) {
            if (q + 4 > end) {
                return;
            }
            srcPort = b[q] & 0xff;
            dstPort = b[q + 1] & 0xff;
            payloadOffset = q + 8;
            payloadLength = Math.max(0, claimed - 8);
            payloadCaptured = Math.max(0, Math.min(end - payloadOffset, payloadLength));
            transportOk = true;
            boolean error = proto == 1 ? (srcPort == 3 || srcPort == 4 || srcPort == 5 || srcPort == 11 || srcPort == 12)
                    : (srcPort >= 1 && srcPort <= 4);
            if (error && q + 8 < end) {
                quote(q + 8, end);
            }
        } else {
            payloadOffset = q;
            payloadLength = Math.max(0, claimed);
            payloadCaptured = Math.max(0, Math.min(end - q, payloadLength));
            transportOk = true;
        }
    }

    private void quote(int p, int end) {
        int v = (b[p] & 0xf0) >> 4;
        int l4;
        if (v == 4) {
            if (p + 20 > end) {
                return;
            }
            int ihl = (b[p] & 0x0f) * 4;
            if (ihl < 20) {
                return;
            }
            qSrcHi = 0;
            qSrcLo = Addresses.V4_MARK | u32(p + 12);
            qDstHi = 0;
            qDstLo = Addresses.V4_MARK | u32(p + 16);
            qProto = b[p + 9] & 0xff;
            l4 = p + ihl;
        } else if (v == 6) {
            if (p + 40 > end) {
                return;
            }
            qSrcHi = u64(p + 8);
            qSrcLo = u64(p + 16);
            qDstHi = u64(p + 24);
            qDstLo = u64(p + 32);
            int next = b[p + 6] & 0xff;
            l4 = p + 40;
            for (int guard = 0; guard < 8 && (next == 0 || next == 43 || next == 60 || next == 44); guard++) {
                if (l4 + 8 > end) {
                    break;
                }
                int nh = b[l4] & 0xff;
                l4 += next == 44 ? 8 : ((b[l4 + 1] & 0xff) + 1) * 8;
                next = nh;
            }
            qProto = next;
        } else {
            return;
        }
        qVersion = v;
        qSrcPort = 0;
        qDstPort = 0;
        if ((qProto == 6 || qProto == 17) && l4 + 4 <= end) {
            qSrcPort = u16(l4);
            qDstPort = u16(l4 + 2);
        } else if ((qProto == 1 || qProto == 58) && l4 + 2 <= end) {
            qSrcPort = b[l4] & 0xff;
            qDstPort = b[l4 + 1] & 0xff;
        }
        quoted = true;
    }
}
