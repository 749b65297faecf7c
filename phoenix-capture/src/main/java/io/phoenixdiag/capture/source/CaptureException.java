package io.phoenixdiag.capture.source;

import java.io.IOException;
import java.util.Objects;

/**
 * A live capture could not start or failed, with the {@link Kind} of problem so that callers can tell
 * "install libpcap" from "run as root" from "no such interface" without parsing messages.
 */
public final class CaptureException extends IOException {
    private static final long serialVersionUID = 1L;

    /** What kind of problem stopped the capture. */
    public enum Kind {
        /** libpcap (libpcap.so.0.8 / libpcap.so.1) could not be loaded: install the libpcap package. */
        LIBPCAP_MISSING,
        /** The interface does not exist (see {@link LiveCapture#interfaces()}). */
        NO_SUCH_INTERFACE,
        /** The process lacks CAP_NET_RAW (and CAP_NET_ADMIN for promiscuous mode): run as root or grant them. */
        PERMISSION_DENIED,
        /** libpcap rejected the BPF filter expression (pcap-filter(7)). */
        BAD_FILTER,
        /** Anything else libpcap reported, or writing the evidence file failed. */
        FAILED
    }

    private final Kind kind;

    /**
     * Creates the exception.
     *
     * @param kind    the kind
     * @param message the interface, what failed and what to do
     * @param cause   the underlying error, or null
     */
    public CaptureException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    /**
     * The kind of problem.
     *
     * @return the kind
     */
    public Kind kind() {
        return kind;
    }
}
