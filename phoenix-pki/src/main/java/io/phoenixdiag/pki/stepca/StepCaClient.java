package io.phoenixdiag.pki.stepca;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.phoenixdiag.pki.name.ReferenceIdentity;
import io.phoenixdiag.pki.path.PathValidator;
import io.phoenixdiag.pki.path.ValidationFailure;
import io.phoenixdiag.pki.path.FailureReason;
import io.phoenixdiag.pki.pem.PemBundle;
import io.phoenixdiag.pki.pem.PkiLoader;
import io.phoenixdiag.pki.pem.PkiParseException;
import io.phoenixdiag.pki.truststore.CertificateFingerprint;

/**
 * A client for step-ca's public HTTPS API (smallstep/certificates {@code api/api.go}), on the JDK's
 * {@link HttpClient}.
 *
 * <table>
 *   <caption>Endpoints</caption>
 *   <tr><th>method</th><th>request</th><th>answer accepted</th></tr>
 *   <tr><td>{@link #health()}</td><td>{@code GET /health}</td><td>200 {@code {"status":"ok"}}</td></tr>
 *   <tr><td>{@link #version()}</td><td>{@code GET /version}</td><td>200 {@code {"version":"…","requireClientAuthentication":true}}</td></tr>
 *   <tr><td>{@link #roots()}</td><td>{@code GET /roots}</td><td>200 or 201 (step-ca answers 201 Created) {@code {"crts":["PEM",…]}}</td></tr>
 *   <tr><td>{@link #rootsPem()}</td><td>{@code GET /roots.pem}</td><td>200 PEM ({@code application/x-pem-file})</td></tr>
 *   <tr><td>{@link #intermediates()}</td><td>{@code GET /intermediates}</td><td>200/201 {@code {"crts":[…]}}; 501 (none configured) gives an empty list</td></tr>
 *   <tr><td>{@link #intermediatesPem()}</td><td>{@code GET /intermediates.pem}</td><td>200 PEM; 501 gives an empty list</td></tr>
 *   <tr><td>{@link #root(CertificateFingerprint)}</td><td>{@code GET /root/{sha256}}</td><td>200 {@code {"ca":"PEM"}}, whose fingerprint must match</td></tr>
 * </table>
 * Errors are answered by step-ca as {@code {"status":N,"message":"…"}}; the message is quoted in the
 * {@link StepCaException}.
 *
 * <p>Trust follows {@code step ca bootstrap --fingerprint}: when the client knows only the root's fingerprint, the
 * first request fetches {@code /root/{fingerprint}} over a TLS connection that is not yet authenticated, checks
 * that SHA-256 of the returned certificate equals the fingerprint, and from then on trusts the CA's TLS only when
 * its chain validates to that root ({@link PathValidator}, serverAuth) and names the expected server name
 * (RFC 9525; by default the URL's host, see {@link Builder#serverName}). Nothing but the fingerprint-checked root
 * is taken from the unauthenticated connection. With {@link Builder#rootCertificate} the root is pinned at once.
 *
 * <p>Every request is bounded by the connect and request timeouts (ms) and reads at most
 * {@value #MAX_BODY_BYTES} bytes. Thread-safe: share one client; methods block the calling thread.
 */
public final class StepCaClient {
    /** The largest response body read, in bytes; longer bodies are a {@link StepCaException.Kind#BAD_RESPONSE}. */
    public static final int MAX_BODY_BYTES = 1 << 20;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final URI caUrl;
    private final Optional<CertificateFingerprint> fingerprint;
    private final String serverName;
    private final long connectTimeoutMs;
    private final long requestTimeoutMs;
    private final Clock clock;
    private final CapturingTrustManager tm;
    private X509Certificate root;
    private HttpClient http;

    private StepCaClient(Builder b) {
        this.caUrl = b.caUrl;
        this.fingerprint = Optional.ofNullable(b.fingerprint);
        this.serverName = b.serverName != null ? b.serverName : b.caUrl.getHost();
        this.connectTimeoutMs = b.connectTimeoutMs;
        this.requestTimeoutMs = b.requestTimeoutMs;
        this.clock = b.clock;
        this.tm = new CapturingTrustManager(serverName, clock);
        if (b.root != null) {
            pin(b.root);
        }
    }

    /**
     * Starts a client configuration.
     *
     * @param caUrl the CA's URL, such as {@code https://ca.internal.homelab.example:9000} (a path prefix is kept)
     * @return a new builder; not thread-safe
     * @throws IllegalArgumentException if the URL is not {@code https} with a host
     */
    public static Builder builder(URI caUrl) {
        return new Builder(caUrl);
    }

    /**
     * The CA's URL.
     *
     * @return the URL given to the builder
     */
    public URI caUrl() {
        return caUrl;
    }

    /**
     * The server name the CA's TLS certificate must carry.
     *
     * @return a DNS name or IP literal
     */
    public String serverName() {
        return serverName;
    }

    /**
     * The trusted root, bootstrapping it first when only the fingerprint is known.
     *
     * @return the root certificate
     * @throws StepCaException if the CA cannot be reached or serves a root with another fingerprint
     */
    public synchronized X509Certificate rootCertificate() throws StepCaException {
        if (root == null) {
            CertificateFingerprint fp = fingerprint.orElseThrow();
            HttpClient insecure = newHttp(new CapturingTrustManager(serverName, clock));
            X509Certificate served = parseRoot(get(insecure, "/root/" + fp.hex(), 200));
            CertificateFingerprint got = CertificateFingerprint.of(served);
            if (!got.equals(fp)) {
                throw new StepCaException(StepCaException.Kind.FINGERPRINT_MISMATCH, resolve("/root/" + fp.hex()), 200,
                        "the CA served a root with SHA-256 " + got + ", expected " + fp, null);
            }
            pin(served);
        }
        return root;
    }

    /**
     * The certificates the CA presented in the last TLS handshake of this client (end-entity first), also when
     * the handshake was refused.
     *
     * @return the chain, or an empty list before the first handshake
     */
    public List<X509Certificate> presentedChain() {
        return tm.lastChain;
    }

    /**
     * {@code GET /health}.
     *
     * @return the {@code status} value, {@code ok} for a healthy CA
     * @throws StepCaException if the request fails or the answer is not {@code {"status":...}}
     */
    public String health() throws StepCaException {
        return text(json("/health", 200), "status", "/health");
    }

    /**
     * {@code GET /version}.
     *
     * @return the version
     * @throws StepCaException if the request fails or the answer lacks {@code version}
     */
    public CaVersion version() throws StepCaException {
        JsonNode n = json("/version", 200);
        return new CaVersion(text(n, "version", "/version"), n.path("requireClientAuthentication").asBoolean(false));
    }

    /**
     * {@code GET /roots} (answered with 201 by step-ca).
     *
     * @return the root certificates the CA serves
     * @throws StepCaException if the request fails or the answer is not {@code {"crts":[PEM...]}}
     */
    public List<X509Certificate> roots() throws StepCaException {
        return crts(json("/roots", 200, 201), "/roots");
    }

    /**
     * {@code GET /roots.pem}.
     *
     * @return the root certificates
     * @throws StepCaException if the request fails or the PEM is unreadable
     */
    public List<X509Certificate> rootsPem() throws StepCaException {
        return pem(send("/roots.pem", 200), "/roots.pem");
    }

    /**
     * {@code GET /intermediates}; step-ca answers 501 when it has none configured.
     *
     * @return the intermediates, empty on 501
     * @throws StepCaException if the request fails or the answer is malformed
     */
    public List<X509Certificate> intermediates() throws StepCaException {
        Response r = send("/intermediates", 200, 201, 501);
        return r.status == 501 ? List.of() : crts(parseJson(r), "/intermediates");
    }

    /**
     * {@code GET /intermediates.pem}; 501 when none.
     *
     * @return the intermediates, empty on 501
     * @throws StepCaException if the request fails or the PEM is unreadable
     */
    public List<X509Certificate> intermediatesPem() throws StepCaException {
        Response r = send("/intermediates.pem", 200, 501);
        return r.status == 501 ? List.of() : pem(r, "/intermediates.pem");
    }

    /**
     * {@code GET /root/{sha256}} over the authenticated connection.
     *
     * @param fp the fingerprint asked for
     * @return the root with that fingerprint
     * @throws StepCaException {@link StepCaException.Kind#HTTP_ERROR} (404) when the CA has no such root,
     *                         {@link StepCaException.Kind#FINGERPRINT_MISMATCH} when it serves another one
     */
    public X509Certificate root(CertificateFingerprint fp) throws StepCaException {
        X509Certificate c = parseRoot(send("/root/" + fp.hex(), 200));
        if (!fp.matches(c)) {
            throw new StepCaException(StepCaException.Kind.FINGERPRINT_MISMATCH, resolve("/root/" + fp.hex()), 200,
                    "the CA served a root with SHA-256 " + CertificateFingerprint.of(c) + ", expected " + fp, null);
        }
        return c;
    }

    // ------------------------------------------------------------------------------------------

    private synchronized void pin(X509Certificate r) {
        this.root = r;
        this.tm.root = r;
        this.http = newHttp(tm);
    }

    private HttpClient newHttp(CapturingTrustManager trust) {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {trust}, null);
            return HttpClient.newBuilder().sslContext(ctx).connectTimeout(Duration.ofMillis(connectTimeoutMs))
                    .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1).build();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no TLS", e);
        }
    }

    private URI resolve(String path) {
        String base = caUrl.toString();
        return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path);
    }

    private record Response(int status, byte[] body, String contentType, URI uri) {
    }

    private Response send(String path, int... accepted) throws StepCaException {
        rootCertificate();
        HttpClient client;
        synchronized (this) {
            client = http;
        }
        return get(client, path, accepted);
    }

    private Response get(HttpClient client, String path, int... accepted) throws StepCaException {
        URI uri = resolve(path);
        HttpRequest req = HttpRequest.newBuilder(uri).timeout(Duration.ofMillis(requestTimeoutMs)).GET().build();
        HttpResponse<InputStream> resp;
        byte[] body;
        try {
            resp = client.send(req, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = resp.body()) {
                body = in.readNBytes(MAX_BODY_BYTES + 1);
            }
        } catch (HttpConnectTimeoutException e) {
            throw new StepCaException(StepCaException.Kind.TIMEOUT, uri, 0, "no connection within " + connectTimeoutMs + " ms", e);
        } catch (HttpTimeoutException e) {
            throw new StepCaException(StepCaException.Kind.TIMEOUT, uri, 0, "no answer within " + requestTimeoutMs + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StepCaException(StepCaException.Kind.UNREACHABLE, uri, 0, "interrupted", e);
        } catch (IOException e) {
            throw transportError(uri, e);
        }
        if (body.length > MAX_BODY_BYTES) {
            throw new StepCaException(StepCaException.Kind.BAD_RESPONSE, uri, resp.statusCode(),
                    "the answer is larger than " + MAX_BODY_BYTES + " bytes", null);
        }
        String ct = resp.headers().firstValue("Content-Type").orElse("");
        for (int a : accepted) {
            if (a == resp.statusCode()) {
                return new Response(resp.statusCode(), body, ct, uri);
            }
        }
        String message = "";
        try {
            message = MAPPER.readTree(body).path("message").asText("");
        } catch (IOException | RuntimeException e) {
            message = "";
        }
        throw new StepCaException(StepCaException.Kind.HTTP_ERROR, uri, resp.statusCode(), "HTTP " + resp.statusCode()
                + (message.isEmpty() ? "" : " \"" + message + "\"") + ", expected " + java.util.Arrays.toString(accepted), null);
    }

    private StepCaException transportError(URI uri, IOException e) {
        Throwable t = e;
        while (t != null) {
            if (t instanceof SSLHandshakeException) {
                Optional<ValidationFailure> f = tm.lastFailure;
                if (f.isPresent()) {
                    StepCaException.Kind k = f.get().reason() == FailureReason.NAME_MISMATCH
                            ? StepCaException.Kind.TLS_NAME_MISMATCH : StepCaException.Kind.TLS_UNTRUSTED;
                    return new StepCaException(k, uri, 0, "the CA's TLS certificate is refused: " + f.get(), e);
                }
                return new StepCaException(StepCaException.Kind.TLS_UNTRUSTED, uri, 0, "TLS handshake failed: "
                        + t.getMessage(), e);
            }
            if (t instanceof ConnectException || t instanceof java.nio.channels.UnresolvedAddressException) {
                break;
            }
            t = t.getCause();
        }
        return new StepCaException(StepCaException.Kind.UNREACHABLE, uri, 0, "cannot connect ("
                + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")", e);
    }

    private JsonNode json(String path, int... accepted) throws StepCaException {
        return parseJson(send(path, accepted));
    }

    private static JsonNode parseJson(Response r) throws StepCaException {
        try {
            JsonNode n = MAPPER.readTree(r.body);
            if (n == null || !n.isObject()) {
                throw new IOException("not an object");
            }
            return n;
        } catch (IOException e) {
            throw new StepCaException(StepCaException.Kind.NOT_JSON, r.uri, r.status, "expected a JSON object, got "
                    + r.body.length + " bytes of " + (r.contentType.isEmpty() ? "untyped content" : r.contentType), null);
        }
    }

    private static String text(JsonNode n, String field, String path) throws StepCaException {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual()) {
            throw new StepCaException(StepCaException.Kind.BAD_RESPONSE, URI.create(path), 200,
                    "expected a string field \"" + field + "\"", null);
        }
        return v.asText();
    }

    private List<X509Certificate> crts(JsonNode n, String path) throws StepCaException {
        JsonNode a = n.get("crts");
        if (a == null || !a.isArray()) {
            throw new StepCaException(StepCaException.Kind.BAD_RESPONSE, resolve(path), 0,
                    "expected {\"crts\":[PEM strings]}", null);
        }
        List<X509Certificate> out = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            out.add(oneCert(a.get(i).asText(""), path + "#/crts/" + i));
        }
        return out;
    }

    private X509Certificate parseRoot(Response r) throws StepCaException {
        JsonNode n = parseJson(r);
        return oneCert(text(n, "ca", r.uri.getPath()), r.uri.getPath() + "#/ca");
    }

    private X509Certificate oneCert(String pem, String label) throws StepCaException {
        try {
            return PkiLoader.certificate(pem.getBytes(StandardCharsets.US_ASCII), label);
        } catch (PkiParseException e) {
            throw new StepCaException(StepCaException.Kind.BAD_RESPONSE, resolve(label.replaceAll("#.*", "")), 0,
                    e.getMessage(), null);
        }
    }

    private List<X509Certificate> pem(Response r, String path) throws StepCaException {
        PemBundle b = PkiLoader.read(r.body, path);
        if (!b.problems().isEmpty() || b.certificates().isEmpty()) {
            throw new StepCaException(StepCaException.Kind.BAD_RESPONSE, r.uri, r.status, b.problems().isEmpty()
                    ? "expected PEM certificates" : b.problems().get(0).getMessage(), null);
        }
        return b.certificates();
    }

    /** Records the presented chain; validates it against the pinned root once there is one. */
    private static final class CapturingTrustManager extends X509ExtendedTrustManager {
        private final String serverName;
        private final Clock clock;
        volatile X509Certificate root;
        volatile List<X509Certificate> lastChain = List.of();
        volatile Optional<ValidationFailure> lastFailure = Optional.empty();

        CapturingTrustManager(String serverName, Clock clock) {
            this.serverName = serverName;
            this.clock = clock;
        }

        private void check(X509Certificate[] chain) throws CertificateException {
            lastChain = List.of(chain);
            X509Certificate r = root;
            if (r == null) {
                return;
            }
            Optional<ValidationFailure> f = PathValidator.builder().trustAnchors(r).clock(clock).build()
                    .validate(List.of(chain), Optional.of(ReferenceIdentity.parse(serverName))).failure();
            lastFailure = f;
            if (f.isPresent()) {
                throw new CertificateException(f.get().toString());
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            check(chain);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            check(chain);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            check(chain);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            throw new CertificateException("not a server");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            throw new CertificateException("not a server");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("not a server");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }

    /**
     * Configuration for {@link StepCaClient}. Not thread-safe; setters reject impossible values at once.
     * Exactly one of {@link #rootFingerprint} and {@link #rootCertificate} must be set.
     */
    public static final class Builder {
        private final URI caUrl;
        private CertificateFingerprint fingerprint;
        private X509Certificate root;
        private String serverName;
        private long connectTimeoutMs = 3_000;
        private long requestTimeoutMs = 5_000;
        private Clock clock = Clock.systemUTC();

        private Builder(URI caUrl) {
            Objects.requireNonNull(caUrl, "caUrl");
            if (!"https".equalsIgnoreCase(caUrl.getScheme()) || caUrl.getHost() == null) {
                throw new IllegalArgumentException("the CA URL must be https://HOST[:PORT], got " + caUrl);
            }
            this.caUrl = caUrl;
        }

        /**
         * Trusts the root with this fingerprint, fetched on first use ({@code step ca bootstrap --fingerprint}).
         *
         * @param fp the root's SHA-256 fingerprint
         * @return this builder
         */
        public Builder rootFingerprint(CertificateFingerprint fp) {
            this.fingerprint = Objects.requireNonNull(fp, "fp");
            return this;
        }

        /**
         * Trusts this root at once (a {@code root_ca.crt} file).
         *
         * @param root the root certificate
         * @return this builder
         */
        public Builder rootCertificate(X509Certificate root) {
            this.root = Objects.requireNonNull(root, "root");
            return this;
        }

        /**
         * Sets the name the CA's TLS certificate must carry, when it differs from the URL's host (for example
         * {@code step_ca.dns_name} while connecting to an IP address). Default: the URL's host.
         *
         * @param serverName a DNS name or IP literal
         * @return this builder
         */
        public Builder serverName(String serverName) {
            this.serverName = Objects.requireNonNull(serverName, "serverName");
            return this;
        }

        /**
         * Sets the TCP+TLS connect timeout.
         *
         * @param ms milliseconds, 1 to 600000; default 3000
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder connectTimeoutMs(long ms) {
            this.connectTimeoutMs = range(ms, "connectTimeoutMs");
            return this;
        }

        /**
         * Sets the per-request timeout (until the response headers arrive).
         *
         * @param ms milliseconds, 1 to 600000; default 5000
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder requestTimeoutMs(long ms) {
            this.requestTimeoutMs = range(ms, "requestTimeoutMs");
            return this;
        }

        /**
         * Sets the clock used to validate the CA's TLS certificate.
         *
         * @param clock the clock; default the system UTC clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        private static long range(long ms, String name) {
            if (ms < 1 || ms > 600_000) {
                throw new IllegalArgumentException(name + " must be 1..600000 ms, got " + ms);
            }
            return ms;
        }

        /**
         * Builds the client (no network traffic yet).
         *
         * @return the client
         * @throws IllegalStateException if neither or both of fingerprint and root certificate were set, or they disagree
         */
        public StepCaClient build() {
            if ((fingerprint == null) == (root == null)) {
                if (fingerprint != null && fingerprint.matches(root)) {
                    return new StepCaClient(this);
                }
                throw new IllegalStateException("set exactly one of rootFingerprint and rootCertificate (or both agreeing)");
            }
            return new StepCaClient(this);
        }
    }
}
