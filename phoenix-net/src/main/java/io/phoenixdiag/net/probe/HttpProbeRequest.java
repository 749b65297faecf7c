package io.phoenixdiag.net.probe;

import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * What an HTTP(S) probe sends and expects. Immutable and thread-safe; build with {@link #http} or
 * {@link #https}.
 *
 * <table>
 *   <caption>Options</caption>
 *   <tr><th>option</th><th>unit</th><th>default</th></tr>
 *   <tr><td>{@link Builder#method}</td><td>RFC 9110 token</td><td>{@code GET}</td></tr>
 *   <tr><td>{@link Builder#path}</td><td>origin-form</td><td>{@code /}</td></tr>
 *   <tr><td>{@link Builder#host}</td><td>Host header</td><td>the SNI for HTTPS, else the target address</td></tr>
 *   <tr><td>{@link Builder#expectStatus}</td><td>status code</td><td>200</td></tr>
 *   <tr><td>{@link Builder#expectBody}</td><td>predicate on the UTF-8 body</td><td>none</td></tr>
 *   <tr><td>{@link Builder#connectTimeoutMs}</td><td>ms</td><td>3000 (HTTPS: the TLS request's)</td></tr>
 *   <tr><td>{@link Builder#responseTimeoutMs}</td><td>ms</td><td>5000</td></tr>
 *   <tr><td>{@link Builder#maxBodyBytes}</td><td>bytes</td><td>65536</td></tr>
 * </table>
 */
public final class HttpProbeRequest {
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    private final InetSocketAddress target;
    private final Optional<TlsProbeRequest> tls;
    private final String method;
    private final String path;
    private final String host;
    private final int expectedStatus;
    private final String bodyCheck;
    private final Predicate<String> bodyPredicate;
    private final long connectTimeoutMs;
    private final long responseTimeoutMs;
    private final int maxBodyBytes;

    private HttpProbeRequest(Builder b) {
        this.target = b.target;
        this.tls = b.tls;
        this.method = b.method;
        this.path = b.path;
        this.host = b.host.isEmpty()
                ? tls.map(TlsProbeRequest::sni).filter(s -> !s.isEmpty())
                        .orElseGet(() -> io.phoenixdiag.net.probe.internal.Connects.target(target)
                                .replace("/tcp", ""))
                : b.host;
        this.expectedStatus = b.expectedStatus;
        this.bodyCheck = b.bodyCheck;
        this.bodyPredicate = b.bodyPredicate;
        this.connectTimeoutMs = b.connectTimeoutMs;
        this.responseTimeoutMs = b.responseTimeoutMs;
        this.maxBodyBytes = b.maxBodyBytes;
    }

    /**
     * Starts a plain HTTP request.
     *
     * @param target a resolved address and port
     * @return a new builder; not thread-safe
     * @throws IllegalArgumentException if {@code target} is unresolved
     */
    public static Builder http(InetSocketAddress target) {
        return new Builder(target, Optional.empty());
    }

    /**
     * Starts an HTTPS request: the TLS probe runs first (with its SNI, ALPN {@code http/1.1} should be offered
     * if any, anchors and timeouts), then the HTTP exchange on the same connection when the handshake
     * completed, even if the chain is untrusted.
     *
     * @param tls the TLS probe request; its target is the target
     * @return a new builder; not thread-safe
     */
    public static Builder https(TlsProbeRequest tls) {
        return new Builder(tls.target(), Optional.of(tls));
    }

    /**
     * The target.
     *
     * @return the address and port
     */
    public InetSocketAddress target() {
        return target;
    }

    /**
     * The TLS request, for HTTPS.
     *
     * @return the TLS request, or empty for plain HTTP
     */
    public Optional<TlsProbeRequest> tls() {
        return tls;
    }

    /**
     * The method.
     *
     * @return such as {@code GET}
     */
    public String method() {
        return method;
    }

    /**
     * The request target in origin-form.
     *
     * @return such as {@code /health}
     */
    public String path() {
        return path;
    }

    /**
     * The Host header value.
     *
     * @return the host, with a port only when the caller gave one
     */
    public String host() {
        return host;
    }

    /**
     * The expected status.
     *
     * @return the status code
     */
    public int expectedStatus() {
        return expectedStatus;
    }

    /**
     * The body check's description.
     *
     * @return the description, {@code ""} when the body is not checked
     */
    public String bodyCheck() {
        return bodyCheck;
    }

    /**
     * The body check.
     *
     * @return the predicate on the UTF-8 body; always true when not checked
     */
    public Predicate<String> bodyPredicate() {
        return bodyPredicate;
    }

    /**
     * The connect timeout for plain HTTP.
     *
     * @return milliseconds
     */
    public long connectTimeoutMs() {
        return connectTimeoutMs;
    }

    /**
     * The response timeout, from sending the request.
     *
     * @return milliseconds
     */
    public long responseTimeoutMs() {
        return responseTimeoutMs;
    }

    /**
     * The body size limit.
     *
     * @return bytes
     */
    public int maxBodyBytes() {
        return maxBodyBytes;
    }

    /** Builder for {@link HttpProbeRequest}. Not thread-safe; setters reject impossible values at once. */
    public static final class Builder {
        private final InetSocketAddress target;
        private final Optional<TlsProbeRequest> tls;
        private String method = "GET";
        private String path = "/";
        private String host = "";
        private int expectedStatus = 200;
        private String bodyCheck = "";
        private Predicate<String> bodyPredicate = body -> true;
        private long connectTimeoutMs = 3000;
        private long responseTimeoutMs = 5000;
        private int maxBodyBytes = 65536;

        private Builder(InetSocketAddress target, Optional<TlsProbeRequest> tls) {
            Objects.requireNonNull(target, "target");
            if (target.isUnresolved()) {
                throw new IllegalArgumentException("target must be a resolved address: " + target);
            }
            this.target = target;
            this.tls = tls;
            tls.ifPresent(t -> this.connectTimeoutMs = t.connectTimeoutMs());
        }

        /**
         * Sets the method.
         *
         * @param method an RFC 9110 token such as {@code GET}, {@code HEAD}
         * @return this builder
         * @throws IllegalArgumentException if not a token
         */
        public Builder method(String method) {
            if (!TOKEN.matcher(method).matches()) {
                throw new IllegalArgumentException("method must be an RFC 9110 token: " + method);
            }
            this.method = method;
            return this;
        }

        /**
         * Sets the path.
         *
         * @param path origin-form, starting with {@code /}, without spaces or control characters
         * @return this builder
         * @throws IllegalArgumentException if malformed
         */
        public Builder path(String path) {
            if (!path.startsWith("/") || path.chars().anyMatch(c -> c <= 0x20 || c == 0x7f)) {
                throw new IllegalArgumentException("path must be origin-form (start with /, no spaces): " + path);
            }
            this.path = path;
            return this;
        }

        /**
         * Sets the Host header.
         *
         * @param host such as {@code ca.phoenix.lan} or {@code ca.phoenix.lan:9000}
         * @return this builder
         * @throws IllegalArgumentException if empty or containing whitespace
         */
        public Builder host(String host) {
            if (host.isEmpty() || host.chars().anyMatch(c -> c <= 0x20 || c == 0x7f)) {
                throw new IllegalArgumentException("host must be non-empty without spaces: " + host);
            }
            this.host = host;
            return this;
        }

        /**
         * Sets the expected status.
         *
         * @param status 100 to 999
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder expectStatus(int status) {
            if (status < 100 || status > 999) {
                throw new IllegalArgumentException("status must be 100..999: " + status);
            }
            this.expectedStatus = status;
            return this;
        }

        /**
         * Sets a body check.
         *
         * @param description what it checks, shown in results, such as {@code body contains "ok"}
         * @param predicate   the check on the UTF-8 body (at most {@link #maxBodyBytes} bytes); called on an
         *                    event-loop thread, must be fast and must not block
         * @return this builder
         * @throws IllegalArgumentException if the description is blank
         */
        public Builder expectBody(String description, Predicate<String> predicate) {
            if (description.isBlank()) {
                throw new IllegalArgumentException("a body check needs a description");
            }
            this.bodyCheck = description;
            this.bodyPredicate = Objects.requireNonNull(predicate, "predicate");
            return this;
        }

        /**
         * Checks that the body contains a text.
         *
         * @param text the text
         * @return this builder
         */
        public Builder expectBodyContains(String text) {
            return expectBody("body contains \"" + text + "\"", body -> body.contains(text));
        }

        /**
         * Sets the connect timeout (plain HTTP; for HTTPS the TLS request's timeouts apply).
         *
         * @param ms milliseconds, positive
         * @return this builder
         * @throws IllegalArgumentException if not positive
         */
        public Builder connectTimeoutMs(long ms) {
            this.connectTimeoutMs = Args.timeoutMs(ms, "connectTimeoutMs");
            return this;
        }

        /**
         * Sets the response timeout.
         *
         * @param ms milliseconds, positive
         * @return this builder
         * @throws IllegalArgumentException if not positive
         */
        public Builder responseTimeoutMs(long ms) {
            this.responseTimeoutMs = Args.timeoutMs(ms, "responseTimeoutMs");
            return this;
        }

        /**
         * Sets the body size limit; a larger body makes the outcome BAD_RESPONSE.
         *
         * @param bytes 0 to 16 MiB
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder maxBodyBytes(int bytes) {
            if (bytes < 0 || bytes > 16 << 20) {
                throw new IllegalArgumentException("maxBodyBytes must be 0..16 MiB: " + bytes);
            }
            this.maxBodyBytes = bytes;
            return this;
        }

        /**
         * Builds the request.
         *
         * @return the request
         */
        public HttpProbeRequest build() {
            return new HttpProbeRequest(this);
        }
    }
}
