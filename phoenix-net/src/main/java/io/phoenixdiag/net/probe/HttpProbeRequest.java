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
    private final String preset;

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
        this.preset = b.preset;
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
     * Preset: step-ca's health check, {@code GET /health} answering 200 with the JSON object
     * {@code {"status":"ok"}} (smallstep step-ca API, {@code /health}).
     *
     * @param tls the TLS request for the CA's HTTPS port (9000 by default), with the Step-CA root as anchor
     * @return a builder with the path, status and body check set
     */
    public static Builder stepCaHealth(TlsProbeRequest tls) {
        return https(tls).path("/health").expectStatus(200).preset(PRESET_STEP_CA_HEALTH)
                .expectBody("JSON {\"status\":\"ok\"}", body -> jsonField(body, "status").equals("ok"));
    }

    /**
     * Preset: step-ca's root bundle, {@code GET /roots.pem} answering 200 with at least one PEM certificate
     * (smallstep step-ca API).
     *
     * @param tls the TLS request for the CA's HTTPS port
     * @return a builder with the path, status and body check set
     */
    public static Builder stepCaRoots(TlsProbeRequest tls) {
        return https(tls).path("/roots.pem").expectStatus(200).preset(PRESET_STEP_CA_ROOTS)
                .expectBodyContains("-----BEGIN CERTIFICATE-----");
    }

    /**
     * Preset: Traefik's ping, {@code GET /ping} answering 200 {@code OK} on the {@code traefik} entry point
     * (port 8080 by default; Traefik "Ping" documentation), plain HTTP.
     *
     * @param traefikEntryPoint the address of the {@code traefik} entry point
     * @return a builder with the path, status and body check set
     */
    public static Builder traefikPing(InetSocketAddress traefikEntryPoint) {
        return http(traefikEntryPoint).path("/ping").expectStatus(200).preset(PRESET_TRAEFIK_PING)
                .expectBody("body is OK", body -> body.strip().equals("OK"));
    }

    /**
     * Preset: Traefik's HTTP routers, {@code GET /api/http/routers} on the API's entry point (Traefik "API"
     * documentation), plain HTTP. Every router is read into {@link HttpProbeResult#entries()}; the outcome is
     * BODY_MISMATCH when one is not {@code enabled} or has an {@code error}.
     *
     * @param api the address of the entry point serving the API (the {@code traefik} one, 8080, by default)
     * @return a builder with the path and status set
     */
    public static Builder traefikRouters(InetSocketAddress api) {
        return http(api).path("/api/http/routers").expectStatus(200).preset(PRESET_TRAEFIK_ROUTERS).maxBodyBytes(4 << 20);
    }

    /**
     * Preset: Traefik's HTTP services, {@code GET /api/http/services}, like {@link #traefikRouters}; a service
     * with a server whose {@code serverStatus} is not {@code UP} counts as unhealthy too.
     *
     * @param api the address of the entry point serving the API
     * @return a builder with the path and status set
     */
    public static Builder traefikServices(InetSocketAddress api) {
        return http(api).path("/api/http/services").expectStatus(200).preset(PRESET_TRAEFIK_SERVICES)
                .maxBodyBytes(4 << 20);
    }

    /**
     * Preset: Portainer's status, {@code GET /api/system/status} answering 200 with a JSON object holding its
     * {@code Version} (Portainer API reference), over HTTPS (port 9443 by default).
     *
     * @param tls the TLS request for Portainer's HTTPS port
     * @return a builder with the path, status and body check set
     */
    public static Builder portainerStatus(TlsProbeRequest tls) {
        return https(tls).path("/api/system/status").expectStatus(200).preset(PRESET_PORTAINER_STATUS)
                .expectBody("JSON with a Version", body -> !jsonField(body, "Version").isEmpty());
    }

    /**
     * Preset: the Portainer agent's ping, {@code GET /ping} answering 204 without a body, over HTTPS (port 9001
     * by default; the agent presents a self-signed certificate, so expect UNTRUSTED unless it is anchored).
     *
     * @param tls the TLS request for the agent's port
     * @return a builder with the path and status set
     */
    public static Builder portainerAgentPing(TlsProbeRequest tls) {
        return https(tls).path("/ping").expectStatus(204).preset(PRESET_PORTAINER_AGENT_PING);
    }

    /** Preset name of {@link #stepCaHealth}. */
    public static final String PRESET_STEP_CA_HEALTH = "step-ca.health";
    /** Preset name of {@link #stepCaRoots}. */
    public static final String PRESET_STEP_CA_ROOTS = "step-ca.roots";
    /** Preset name of {@link #traefikPing}. */
    public static final String PRESET_TRAEFIK_PING = "traefik.ping";
    /** Preset name of {@link #traefikRouters}. */
    public static final String PRESET_TRAEFIK_ROUTERS = "traefik.routers";
    /** Preset name of {@link #traefikServices}. */
    public static final String PRESET_TRAEFIK_SERVICES = "traefik.services";
    /** Preset name of {@link #portainerStatus}. */
    public static final String PRESET_PORTAINER_STATUS = "portainer.status";
    /** Preset name of {@link #portainerAgentPing}. */
    public static final String PRESET_PORTAINER_AGENT_PING = "portainer-agent.ping";

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    /** A top-level text field of a JSON object body, {@code ""} when absent or not JSON. */
    private static String jsonField(String body, String field) {
        try {
            com.fasterxml.jackson.databind.JsonNode n = JSON.readTree(body);
            return n != null && n.isObject() && n.path(field).isTextual() ? n.get(field).asText() : "";
        } catch (com.fasterxml.jackson.core.JsonProcessingException notJson) {
            return "";
        }
    }

    /**
     * The preset the request came from.
     *
     * @return such as {@link #PRESET_TRAEFIK_ROUTERS}; {@code ""} when built by hand
     */
    public String preset() {
        return preset;
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
        private String preset = "";

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

        Builder preset(String name) {
            this.preset = name;
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
