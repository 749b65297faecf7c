package io.phoenixdiag.capture.source;

import java.util.Objects;

/**
 * Something in a capture that could not be read, as data rather than an exception: a truncated or corrupt
 * record (reading stops there, everything before it is kept), a block type or link type that is skipped,
 * or a packet whose headers are malformed.
 *
 * @param file         the file's name as given to the reader, or the interface name for a live capture
 * @param byteOffset   where in the file the problem starts (bytes from the start), or -1 when not file-related
 * @param packetNumber the 1-based number of the packet concerned (the next one when reading stopped), or 0
 * @param message      what was found and what was expected, e.g. {@code record header claims 4294967295
 *                     captured bytes, more than the 262144-byte limit; stopped reading}
 */
public record CaptureWarning(String file, long byteOffset, long packetNumber, String message) {
    /**
     * Validates the components.
     *
     * @param file         the file
     * @param byteOffset   the offset or -1
     * @param packetNumber the packet number or 0
     * @param message      the message
     */
    public CaptureWarning {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(message, "message");
    }

    /**
     * One line: {@code FILE@OFFSET (packet N): MESSAGE}.
     *
     * @return the warning as text
     */
    @Override
    public String toString() {
        return file + (byteOffset >= 0 ? "@" + byteOffset : "") + (packetNumber > 0 ? " (packet " + packetNumber + ")" : "")
                + ": " + message;
    }
}
