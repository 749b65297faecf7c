package io.phoenixdiag.pki.stepca;

import java.io.IOException;
import java.net.URI;
import java.util.Objects;

/**
 * A Step-CA request failed. The {@link #kind()} says how; the message names the endpoint and what was expected.
 * Extends {@link IOException} so callers that handle I/O failures catch it.
 */
public final class StepCaException extends IOException {
    private static final long serialVersionUID = 1L;

    /** How a request failed. */
    public enum Kind {
        /** No TCP/TLS connection could be made (refused, no route, DNS failure). */
        UNREACHABLE,
        /** The connect or request timeout elapsed. */
        TIMEOUT,
        /** The CA's TLS certificate does not chain to the pinned root (or is not valid now). */
        TLS_UNTRUSTED,
        /** The CA's TLS certificate is not valid for the expected server name. */
        TLS_NAME_MISMATCH,
        /** The root served at {@code /root/{sha256}} does not have the fingerprint asked for. */
        FINGERPRINT_MISMATCH,
        /** The CA answered with an HTTP status the endpoint never returns on success (step-ca error JSON quoted). */
        HTTP_ERROR,
        /** The body is not JSON although the endpoint answers JSON (a proxy's HTML page, for example). */
        NOT_JSON,
        /** The JSON or PEM does not have the documented shape (field missing, certificate unreadable). */
        BAD_RESPONSE
    }

    private final Kind kind;
    private final transient URI endpoint;
    private final int status;

    /**
     * Creates the exception.
     *
     * @param kind     how the request failed
     * @param endpoint the URL requested
     * @param status   the HTTP status, or 0 when no response was received
     * @param message  what happened and what was expected
     * @param cause    the underlying error, or {@code null}
     */
    public StepCaException(Kind kind, URI endpoint, int status, String message, Throwable cause) {
        super(Objects.requireNonNull(kind, "kind") + " " + endpoint + ": " + message, cause);
        this.kind = kind;
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.status = status;
    }

    /**
     * How the request failed.
     *
     * @return the kind
     */
    public Kind kind() {
        return kind;
    }

    /**
     * The URL requested.
     *
     * @return the endpoint
     */
    public URI endpoint() {
        return endpoint;
    }

    /**
     * The HTTP status.
     *
     * @return the status, or 0 when no response was received
     */
    public int status() {
        return status;
    }
}
