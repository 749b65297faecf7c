package io.phoenixdiag.examples.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.phoenixdiag.pki.cert.CertificateBuilder;
import io.phoenixdiag.pki.cert.IssuedCertificate;
import io.phoenixdiag.pki.name.ReferenceIdentity;
import io.phoenixdiag.pki.path.PathValidator;
import io.phoenixdiag.pki.path.ValidationResult;
import io.phoenixdiag.pki.pem.PkiLoader;

/**
 * Benchmark: validates N step-ca-like leaves (ECDSA P-256, 24 h, one intermediate) with {@link PathValidator}
 * in a warm JVM, then runs one batch {@code openssl verify -CAfile root -untrusted intermediate leaf...} on the
 * same files, and prints both rates (chains per second) and their ratio (ours / openssl; target at least 1.0).
 *
 * <p>Usage: {@code ChainBenchmark [N]} (default 10000). The Java figure includes reading and parsing each
 * leaf file and building and validating its path (two signature checks, name check); openssl's includes its
 * start-up. Files go to a fresh temporary directory, deleted at the end.
 */
public final class ChainBenchmark {
    private ChainBenchmark() {
    }

    /**
     * Runs the benchmark.
     *
     * @param args optional leaf count
     * @throws Exception on I/O failure or when openssl cannot be run
     */
    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        Path dir = Files.createTempDirectory("chain-bench");
        try {
            run(n, dir);
        } finally {
            try (var s = Files.list(dir)) {
                for (Path p : s.toList()) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    private static void run(int n, Path dir) throws Exception {
        long t0 = System.nanoTime();
        IssuedCertificate root = CertificateBuilder.root("Bench Root CA").build();
        IssuedCertificate inter = CertificateBuilder.intermediate("Bench Intermediate CA", root).build();
        Path rootFile = Files.writeString(dir.resolve("root_ca.crt"), root.certificatePem());
        Path interFile = Files.writeString(dir.resolve("intermediate_ca.crt"), inter.certificatePem());
        List<Path> leaves = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            IssuedCertificate leaf = CertificateBuilder.leaf(inter, "svc" + i + ".phoenix.lan").build();
            leaves.add(Files.writeString(dir.resolve("leaf" + i + ".crt"), leaf.certificatePem()));
        }
        System.out.printf(Locale.ROOT, "generated %d leaves in %s (%.1f s)%n", n, dir, (System.nanoTime() - t0) / 1e9);

        PathValidator validator = PathValidator.builder().trustAnchors(root.certificate()).build();
        List<X509Certificate> pool = List.of(inter.certificate());
        // warm-up: two passes over up to 3000 leaves
        for (int pass = 0; pass < 2; pass++) {
            validateAll(validator, pool, leaves.subList(0, Math.min(n, 3000)));
        }
        long start = System.nanoTime();
        int valid = validateAll(validator, pool, leaves);
        double javaSeconds = (System.nanoTime() - start) / 1e9;
        double javaRate = n / javaSeconds;
        System.out.printf(Locale.ROOT, "phoenix-pki: %d/%d valid in %.3f s = %.0f chains/s%n", valid, n, javaSeconds, javaRate);

        List<String> cmd = new ArrayList<>(List.of("openssl", "verify", "-CAfile", rootFile.toString(),
                "-untrusted", interFile.toString()));
        leaves.forEach(p -> cmd.add(p.toString()));
        Path log = dir.resolve("openssl.out");
        start = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        int exit = p.waitFor();
        double sslSeconds = (System.nanoTime() - start) / 1e9;
        long ok = Files.readAllLines(log, StandardCharsets.UTF_8).stream().filter(l -> l.endsWith(": OK")).count();
        Files.delete(log);
        double sslRate = n / sslSeconds;
        System.out.printf(Locale.ROOT, "openssl verify (batch, exit %d): %d/%d OK in %.3f s = %.0f chains/s%n",
                exit, ok, n, sslSeconds, sslRate);
        System.out.printf(Locale.ROOT, "ratio phoenix-pki / openssl = %.2f (target >= 1.0)%n", javaRate / sslRate);
    }

    private static int validateAll(PathValidator v, List<X509Certificate> pool, List<Path> leaves)
            throws IOException, java.security.cert.CertificateException {
        int valid = 0;
        for (int i = 0; i < leaves.size(); i++) {
            Path f = leaves.get(i);
            X509Certificate leaf = PkiLoader.certificate(Files.readAllBytes(f), f.toString());
            ValidationResult r = v.validate(leaf, pool, ReferenceIdentity.dns("svc" + i + ".phoenix.lan"));
            if (r.isValid()) {
                valid++;
            }
        }
        return valid;
    }
}
