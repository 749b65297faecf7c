package io.phoenixdiag.capture.dissect;

import java.util.Objects;

/**
 * The first line of an HTTP/1.x message seen at the start of a TCP segment (RFC 9112 section 3 and 4):
 * a request line ({@code GET / HTTP/1.1}) or a status line ({@code HTTP/1.1 400 Bad Request}).
 *
 * @param sender  which side sent it
 * @param request true for a request line, false for a status line
 * @param method  the method (request), else {@code ""}
 * @param target  the request target (request), else {@code ""}
 * @param version the HTTP version, e.g. {@code HTTP/1.1}
 * @param status  the status code (response), else 0
 * @param reason  the reason phrase (response), else {@code ""}
 */
public record HttpStartLine(Side sender, boolean request, String method, String target, String version, int status,
                            String reason) {
    /**
     * Validates the components.
     *
     * @param sender  the sender
     * @param request whether a request
     * @param method  the method
     * @param target  the target
     * @param version the version
     * @param status  the status
     * @param reason  the reason
     */
    public HttpStartLine {
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(reason, "reason");
    }

    /**
     * The line as sent.
     *
     * @return e.g. {@code GET /api HTTP/1.1}
     */
    @Override
    public String toString() {
        return request ? method + " " + target + " " + version : (version + " " + status + " " + reason).strip();
    }
}
