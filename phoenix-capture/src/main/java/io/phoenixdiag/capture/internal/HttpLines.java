package io.phoenixdiag.capture.internal;

import io.phoenixdiag.capture.dissect.HttpStartLine;
import io.phoenixdiag.capture.dissect.Side;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Recognises an HTTP/1.x request line or status line at the start of a segment (RFC 9112). */
public final class HttpLines {
    private static final String[] METHODS = {"GET", "POST", "PUT", "DELETE", "HEAD", "OPTIONS", "PATCH", "CONNECT", "TRACE"};

    private HttpLines() {
    }

    /**
     * Whether the bytes could start an HTTP/1.x message (cheap first check).
     *
     * @param b   bytes
     * @param off start
     * @param len captured length
     * @return true when it starts like a method or {@code HTTP/1.}
     */
    public static boolean candidate(byte[] b, int off, int len) {
        if (len < 4) {
            return false;
        }
        int c = b[off];
        return c == 'G' || c == 'P' || c == 'D' || c == 'H' || c == 'O' || c == 'C' || c == 'T';
    }

    /**
     * Parses the first line.
     *
     * @param b      bytes
     * @param off    start
     * @param len    captured length
     * @param sender who sent it
     * @return the start line, or empty when the bytes are not one
     */
    public static Optional<HttpStartLine> parse(byte[] b, int off, int len, Side sender) {
        int max = Math.min(len, 2048);
        int eol = -1;
        for (int i = 0; i < max; i++) {
            byte c = b[off + i];
            if (c == '\r' || c == '\n') {
                eol = i;
                break;
            }
            if (c < 0x20 || c > 0x7e) {
                return Optional.empty();
            }
        }
        String line = new String(b, off, eol < 0 ? max : eol, StandardCharsets.US_ASCII);
        if (line.startsWith("HTTP/1.")) {
            String[] parts = line.split(" ", 3);
            if (parts.length >= 2 && parts[1].matches("[1-5][0-9][0-9]")) {
                return Optional.of(new HttpStartLine(sender, false, "", "", parts[0], Integer.parseInt(parts[1]),
                        parts.length == 3 ? parts[2] : ""));
            }
            return Optional.empty();
        }
        for (String m : METHODS) {
            if (line.startsWith(m + " ")) {
                String[] parts = line.split(" ");
                if (parts.length == 3 && parts[2].startsWith("HTTP/1.")) {
                    return Optional.of(new HttpStartLine(sender, true, m, parts[1], parts[2], 0, ""));
                }
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}
