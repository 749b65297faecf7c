package io.phoenixdiag.pki.limbo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.phoenixdiag.pki.cert.KeyPurpose;
import io.phoenixdiag.pki.cert.KeyUsageBit;
import io.phoenixdiag.pki.name.ReferenceIdentity;
import io.phoenixdiag.pki.path.PathValidator;
import io.phoenixdiag.pki.path.ValidationResult;
import io.phoenixdiag.pki.pem.PemBundle;
import io.phoenixdiag.pki.pem.PkiLoader;
import io.phoenixdiag.pki.pem.PkiParseException;

/**
 * Runs the x509-limbo suite against {@link PathValidator} with one profile (web PKI): every case uses its own
 * validation kind, time, names, EKU, key usage, CRLs and maximum depth; nothing depends on a case id.
 * Writes limbo's result format ({@code {"version":1,"harness":...,"results":[...]}}).
 */
public final class LimboHarness {
    /** Harness name written to the result document. */
    public static final String NAME = "phoenix-pki-0.1.0";

    /**
     * Features this harness does not implement; cases carrying one are SKIPPED with the reason given.
     */
    static final Map<String, String> UNSUPPORTED = Map.of(
            "pedantic-public-suffix-wildcard",
            "needs the Public Suffix List, which phoenix-pki does not bundle (wildcards under a public suffix)",
            "rfc5280-incompatible-with-webpki",
            "the case asserts RFC 5280 behaviour that the web PKI profile implemented here deliberately departs from",
            "pedantic-rfc5280",
            "the case requires an authorityKeyIdentifier in a cross-signed trust anchor; this profile does not"
                    + " (cve::cve-2024-0567 expects such an anchor to be accepted)",
            "has-cert-policies", "certificate policy processing (RFC 5280 6.1.3 (d)) is not implemented",
            "no-cert-policies", "certificate policy processing (RFC 5280 6.1.3 (d)) is not implemented");

    private static final Map<String, KeyUsageBit> KU = Map.of(
            "digitalSignature", KeyUsageBit.DIGITAL_SIGNATURE, "contentCommitment", KeyUsageBit.NON_REPUDIATION,
            "keyEncipherment", KeyUsageBit.KEY_ENCIPHERMENT, "dataEncipherment", KeyUsageBit.DATA_ENCIPHERMENT,
            "keyAgreement", KeyUsageBit.KEY_AGREEMENT, "keyCertSign", KeyUsageBit.KEY_CERT_SIGN,
            "cRLSign", KeyUsageBit.CRL_SIGN, "encipherOnly", KeyUsageBit.ENCIPHER_ONLY,
            "decipherOnly", KeyUsageBit.DECIPHER_ONLY);

    /** One case's outcome. */
    public record CaseResult(String id, String expected, String actual, String context) {
        /**
         * Whether the actual result equals the expected one.
         *
         * @return true on pass
         */
        public boolean passed() {
            return expected.equals(actual);
        }
    }

    private LimboHarness() {
    }

    /**
     * Runs every case.
     *
     * @param limboJson the suite
     * @param timeoutSeconds per-case limit before HANG
     * @return results in suite order
     * @throws IOException if the suite cannot be read
     */
    public static List<CaseResult> run(Path limboJson, long timeoutSeconds) throws IOException {
        JsonNode root = new ObjectMapper().readTree(limboJson.toFile());
        List<CaseResult> out = new ArrayList<>();
        ExecutorService exec = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "limbo-case");
            t.setDaemon(true);
            return t;
        });
        try {
            for (JsonNode tc : root.get("testcases")) {
                String id = tc.get("id").asText();
                String expected = tc.get("expected_result").asText();
                Future<String[]> f = exec.submit(() -> runCase(tc));
                String[] r;
                try {
                    r = f.get(timeoutSeconds, TimeUnit.SECONDS);
                } catch (TimeoutException e) {
                    f.cancel(true);
                    exec.shutdownNow();
                    exec = Executors.newSingleThreadExecutor();
                    r = new String[] {"HANG", "no result within " + timeoutSeconds + " s"};
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", e);
                } catch (ExecutionException e) {
                    r = new String[] {"FAILURE", "harness error: " + e.getCause()};
                }
                out.add(new CaseResult(id, expected, r[0], r[1]));
            }
        } finally {
            exec.shutdownNow();
        }
        return out;
    }

    static String[] runCase(JsonNode tc) {
        for (JsonNode f : tc.path("features")) {
            String reason = UNSUPPORTED.get(f.asText());
            if (reason != null) {
                return new String[] {"SKIPPED", "feature " + f.asText() + ": " + reason};
            }
        }
        X509Certificate peer;
        try {
            peer = PkiLoader.certificate(tc.get("peer_certificate").asText().getBytes(StandardCharsets.US_ASCII),
                    "peer_certificate");
        } catch (PkiParseException e) {
            return new String[] {"FAILURE", "peer certificate rejected: " + e.getMessage()};
        }
        List<X509Certificate> trusted = certs(tc.get("trusted_certs"), "trusted_certs");
        List<X509Certificate> untrusted = certs(tc.get("untrusted_intermediates"), "untrusted_intermediates");
        List<X509CRL> crls = new ArrayList<>();
        for (JsonNode c : tc.path("crls")) {
            PemBundle b = PkiLoader.read(c.asText().getBytes(StandardCharsets.US_ASCII), "crls");
            crls.addAll(b.crls());
        }
        Instant at = tc.hasNonNull("validation_time")
                ? OffsetDateTime.parse(tc.get("validation_time").asText()).toInstant() : Instant.now();
        KeyPurpose purpose = "CLIENT".equals(tc.get("validation_kind").asText()) ? KeyPurpose.CLIENT_AUTH
                : KeyPurpose.SERVER_AUTH;
        for (JsonNode e : tc.path("extended_key_usage")) {
            purpose = switch (e.asText()) {
                case "serverAuth" -> KeyPurpose.SERVER_AUTH;
                case "clientAuth" -> KeyPurpose.CLIENT_AUTH;
                default -> purpose;
            };
        }
        List<KeyUsageBit> ku = new ArrayList<>();
        for (JsonNode k : tc.path("key_usage")) {
            ku.add(KU.get(k.asText()));
        }
        PathValidator.Builder vb = PathValidator.builder().trustAnchors(trusted).crls(crls)
                .clock(Clock.fixed(at, ZoneOffset.UTC)).purpose(purpose).requiredKeyUsage(ku.toArray(KeyUsageBit[]::new));
        if (tc.hasNonNull("max_chain_depth")) {
            vb.maxIntermediates(Math.min(32, tc.get("max_chain_depth").asInt()));
        }
        Optional<ReferenceIdentity> ref = Optional.empty();
        JsonNode peerName = tc.get("expected_peer_name");
        if (peerName != null && !peerName.isNull()) {
            String kind = peerName.get("kind").asText();
            String value = peerName.get("value").asText();
            try {
                if ("DNS".equals(kind)) {
                    ref = Optional.of(ReferenceIdentity.dns(value));
                } else if ("IP".equals(kind)) {
                    ref = Optional.of(ReferenceIdentity.ip(value));
                }
            } catch (IllegalArgumentException e) {
                return new String[] {"FAILURE", "reference identity rejected: " + e.getMessage()};
            }
        }
        ValidationResult r = vb.build().validate(peer, untrusted, ref);
        return r.isValid()
                ? new String[] {"SUCCESS", "path of " + r.path().size() + " certificates"}
                : new String[] {"FAILURE", r.failure().orElseThrow().toString()};
    }

    private static List<X509Certificate> certs(JsonNode arr, String label) {
        List<X509Certificate> out = new ArrayList<>();
        for (JsonNode c : arr) {
            out.addAll(PkiLoader.read(c.asText().getBytes(StandardCharsets.US_ASCII), label).certificates());
        }
        return out;
    }

    /**
     * Renders results in limbo's result format.
     *
     * @param results the results
     * @return the JSON document, pretty-printed
     */
    public static String toJson(List<CaseResult> results) {
        ObjectMapper m = new ObjectMapper();
        ObjectNode doc = m.createObjectNode();
        doc.put("version", 1);
        doc.put("harness", NAME);
        ArrayNode arr = doc.putArray("results");
        for (CaseResult r : results) {
            ObjectNode o = arr.addObject();
            o.put("id", r.id());
            o.put("actual_result", r.actual());
            o.put("context", r.context());
        }
        try {
            return m.writerWithDefaultPrettyPrinter().writeValueAsString(doc) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Counts pass, fail, skipped and hang.
     *
     * @param results the results
     * @return counts by label ({@code pass}, {@code fail}, {@code skipped}, {@code hang})
     */
    public static Map<String, Integer> summary(List<CaseResult> results) {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("pass", 0);
        m.put("fail", 0);
        m.put("skipped", 0);
        m.put("hang", 0);
        for (CaseResult r : results) {
            String k = "SKIPPED".equals(r.actual()) ? "skipped" : "HANG".equals(r.actual()) ? "hang"
                    : r.passed() ? "pass" : "fail";
            m.merge(k, 1, Integer::sum);
        }
        return m;
    }

    static Set<String> unsupportedFeatures() {
        return UNSUPPORTED.keySet();
    }
}
