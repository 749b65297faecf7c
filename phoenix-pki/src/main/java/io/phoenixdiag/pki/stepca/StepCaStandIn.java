package io.phoenixdiag.pki.stepca;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import io.phoenixdiag.pki.cert.IssuedChain;
import io.phoenixdiag.pki.pem.PemEncoder;
import io.phoenixdiag.pki.truststore.CertificateFingerprint;

/**
 * A test fixture: a real HTTPS stand-in for step-ca on a loopback address, answering step-ca's public endpoints
 * with the shapes of smallstep/certificates {@code api/api.go}: {@code GET /health} ({@code {"status":"ok"}}),
 * {@code /version}, {@code /roots} and {@code /intermediates} (201, certificates as PEM strings, JSON written by
 * Go's {@code json.Encoder} with a trailing newline), {@code /roots.pem}, {@code /intermediates.pem} and
 * {@code /root/{sha256}} (the root whose SHA-256 fingerprint is given, 404 otherwise); errors as
 * {@code {"status","message"}}, 501 for intermediates when none are configured. It serves TLS with the chain's
 * leaf and intermediates ({@link IssuedChain#presentedChain()}); its root and intermediates are the CA's.
 *
 * <p>Made for tests and the embedded demo lab, with switches for deliberate faults ({@link #htmlHealth},
 * {@link #lieAboutRoot}, {@link #intermediatesConfigured}, {@link #delayMs}). It binds loopback addresses only.
 * Runs on the JDK's {@code com.sun.net.httpserver} (module {@code jdk.httpserver}) with two worker threads.
 *
 * <p>Threading: thread-safe; the switches may be changed while it serves and apply to the next request.
 */
public final class StepCaStandIn implements AutoCloseable {
    /** The tail step-ca appends to its error messages. */
    public static final String SEE_LOGS = "Please see the certificate authority logs for more info.";

    private final IssuedChain chain;
    private volatile boolean intermediatesConfigured = true;
    private volatile boolean htmlHealth;
    private volatile boolean lieAboutRoot;
    private volatile long delayMs;
    private final HttpsServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "phoenix-stepca-standin");
        t.setDaemon(true);
        return t;
    });

    private StepCaStandIn(IssuedChain chain, InetSocketAddress bind) throws IOException, GeneralSecurityException {
        this.chain = Objects.requireNonNull(chain, "chain");
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        char[] pw = "standin".toCharArray();
        ks.setKeyEntry("ca", chain.leaf().keyPair().getPrivate(), pw,
                chain.presentedChain().toArray(Certificate[]::new));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, pw);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        server = HttpsServer.create(bind, 0);
        server.setHttpsConfigurator(new HttpsConfigurator(ctx));
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /**
     * Starts a stand-in on 127.0.0.1 on an ephemeral port.
     *
     * @param chain the CA's chain: the leaf (with its key) is the CA's TLS certificate, the root and intermediates
     *              are the CA's
     * @return the running stand-in; close it when done
     * @throws IOException              if the port cannot be bound
     * @throws GeneralSecurityException if the chain's key cannot be used for TLS
     */
    public static StepCaStandIn start(IssuedChain chain) throws IOException, GeneralSecurityException {
        return start(chain, new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
    }

    /**
     * Starts a stand-in on a given loopback address and port.
     *
     * @param chain the CA's chain (see {@link #start(IssuedChain)})
     * @param bind  a loopback address ({@code 127.0.0.0/8} or {@code ::1}) and port (0 for an ephemeral one)
     * @return the running stand-in; close it when done
     * @throws IllegalArgumentException if the address is not a loopback address
     * @throws IOException              if the port cannot be bound
     * @throws GeneralSecurityException if the chain's key cannot be used for TLS
     */
    public static StepCaStandIn start(IssuedChain chain, InetSocketAddress bind)
            throws IOException, GeneralSecurityException {
        if (bind.getAddress() == null || !bind.getAddress().isLoopbackAddress()) {
            throw new IllegalArgumentException("the stand-in binds loopback addresses only: " + bind);
        }
        return new StepCaStandIn(chain, bind);
    }

    /**
     * The chain it was started with.
     *
     * @return the chain
     */
    public IssuedChain chain() {
        return chain;
    }

    /**
     * The address it listens on.
     *
     * @return the bound address and port
     */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    /**
     * The base URL, {@code https://ADDRESS:PORT} (IPv6 in brackets).
     *
     * @return the URL
     */
    public URI url() {
        InetAddress a = server.getAddress().getAddress();
        String host = a.getHostAddress().contains(":") ? "[" + a.getHostAddress() + "]" : a.getHostAddress();
        return URI.create("https://" + host + ":" + server.getAddress().getPort());
    }

    /**
     * The certificates sent in the TLS handshake, leaf first.
     *
     * @return the presented chain
     */
    public List<X509Certificate> presented() {
        return chain.presentedChain();
    }

    /**
     * Whether {@code /intermediates} answers with the intermediates (default) or with step-ca's 501.
     *
     * @param configured {@code false} to answer 501
     */
    public void intermediatesConfigured(boolean configured) {
        this.intermediatesConfigured = configured;
    }

    /**
     * Makes {@code /health} answer an HTML error page with status 200, as a proxy in front of a dead CA may.
     *
     * @param html {@code true} to answer HTML
     */
    public void htmlHealth(boolean html) {
        this.htmlHealth = html;
    }

    /**
     * Makes {@code /root/{sha256}} answer its root for any fingerprint (a CA that is not the one asked for).
     *
     * @param lie {@code true} to lie
     */
    public void lieAboutRoot(boolean lie) {
        this.lieAboutRoot = lie;
    }

    /**
     * Delays every answer.
     *
     * @param ms the delay in ms, 0 for none
     * @throws IllegalArgumentException if negative
     */
    public void delayMs(long ms) {
        if (ms < 0) {
            throw new IllegalArgumentException("delayMs must be >= 0: " + ms);
        }
        this.delayMs = ms;
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            if (delayMs > 0) {
                Thread.sleep(delayMs);
            }
            String path = ex.getRequestURI().getPath();
            String rootPem = chain.rootPem();
            String interPem = PemEncoder.certificates(chain.intermediateCertificates());
            switch (path) {
                case "/health" -> {
                    if (htmlHealth) {
                        send(ex, 200, "text/html", "<html><body>502 Bad Gateway</body></html>");
                    } else {
                        json(ex, 200, "{\"status\":\"ok\"}");
                    }
                }
                case "/version" -> json(ex, 200, "{\"version\":\"0.28.1\"}");
                case "/roots" -> json(ex, 201, "{\"crts\":[" + quote(rootPem) + "]}");
                case "/roots.pem" -> send(ex, 200, "application/x-pem-file", rootPem);
                case "/intermediates", "/intermediates.pem" -> {
                    if (!intermediatesConfigured) {
                        json(ex, 501, "{\"status\":501,\"message\":\"The requested method is not implemented by the"
                                + " certificate authority. " + SEE_LOGS + "\"}");
                    } else if (path.endsWith(".pem")) {
                        send(ex, 200, "application/x-pem-file", interPem);
                    } else {
                        json(ex, 201, "{\"crts\":[" + String.join(",", chain.intermediateCertificates().stream()
                                .map(c -> quote(PemEncoder.certificate(c))).toList()) + "]}");
                    }
                }
                default -> {
                    if (path.startsWith("/root/")) {
                        String sum = path.substring(6).replace("-", "").toLowerCase(Locale.ROOT);
                        if (lieAboutRoot || sum.equals(CertificateFingerprint.of(chain.root().certificate()).hex())) {
                            json(ex, 200, "{\"ca\":" + quote(rootPem) + "}");
                        } else {
                            json(ex, 404, "{\"status\":404,\"message\":\"root certificate with fingerprint \\\"" + sum
                                    + "\\\" was not found\"}");
                        }
                    } else {
                        json(ex, 404, "{\"status\":404,\"message\":\"The requested resource could not be found. "
                                + SEE_LOGS + "\"}");
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String quote(String pem) {
        return "\"" + pem.replace("\n", "\\n") + "\"";
    }

    private static void json(HttpExchange ex, int status, String body) throws IOException {
        send(ex, status, "application/json", body + "\n");
    }

    private static void send(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, b.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(b);
        }
    }

    /** Stops serving at once and ends the worker threads. Idempotent. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
