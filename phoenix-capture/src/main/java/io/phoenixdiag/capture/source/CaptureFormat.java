package io.phoenixdiag.capture.source;

/** The two capture file formats: libpcap's classic format and pcapng (draft-ietf-opsawg-pcapng). */
public enum CaptureFormat {
    /** Classic libpcap ({@code tcpdump -w}): magic {@code a1b2c3d4} (microseconds) or {@code a1b23c4d} (nanoseconds). */
    PCAP,
    /** pcapng: sections of blocks; per-interface link type and timestamp resolution ({@code if_tsresol}). */
    PCAPNG
}
