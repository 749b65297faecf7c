package io.phoenixdiag.pki.stepca;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.List;
import java.util.Locale;
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
 * A real HTTPS stand-in for step-ca on 127.0.0.1 (ephemeral port), answering the public endpoints with the
 * shapes of smallstep/certificates api/api.go: JSON via json.Encoder (trailing newline), certificates as PEM
 * strings, /roots and /intermediates with 201, 501 for intermediates when none, errors as {"status","message"}.
 */
final class StepCaStandIn implements AutoCloseable {
    static final String SEE_LOGS = "Please see the certificate authority logs for more info.";

    final IssuedChain chain;
    volatile boolean intermediatesConfigured = true;
    volatile boolean htmlHealth;
    volatile boolean lieAboutRoot;
    volatile long delayMs;
    private final HttpsServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(2);

    /** Serves TLS with {@code chain.leaf()} and its intermediates; the CA's root and intermediate are the chain's. */
    StepCaStandIn(IssuedChain chain) throws Exception {
        this.chain = chain;
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        char[] pw = "standin".toCharArray();
        ks.setKeyEntry("ca", chain.leaf().keyPair().getPrivate(), pw,
                chain.presentedChain().toArray(Certificate[]::new));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, pw);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(ctx));
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    URI url() {
        return URI.create("https://127.0.0.1:" + server.getAddress().getPort());
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
                        json(ex, 404, "{\"status\":404,\"message\":\"The requested resource could not be found. " + SEE_LOGS + "\"}");
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

    List<java.security.cert.X509Certificate> presented() {
        return chain.presentedChain();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
