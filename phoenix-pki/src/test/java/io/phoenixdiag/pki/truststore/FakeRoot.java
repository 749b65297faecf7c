package io.phoenixdiag.pki.truststore;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.phoenixdiag.pki.pem.PemEncoder;

/** Builds Debian-like root filesystems in a temp directory for tests. */
final class FakeRoot {
    final Path dir;

    FakeRoot(Path dir) {
        this.dir = dir;
    }

    Path file(String inRoot, String content) throws IOException {
        Path p = dir.resolve(inRoot.substring(1));
        Files.createDirectories(p.getParent());
        Files.writeString(p, content, StandardCharsets.US_ASCII);
        return p;
    }

    Path link(String inRoot, String target) throws IOException {
        Path p = dir.resolve(inRoot.substring(1));
        Files.createDirectories(p.getParent());
        Files.deleteIfExists(p);
        return Files.createSymbolicLink(p, Path.of(target));
    }

    Path bundle(X509Certificate... certs) throws IOException {
        return file("/etc/ssl/certs/ca-certificates.crt", PemEncoder.certificates(List.of(certs)));
    }

    void javaCacerts(String inRoot, char[] password, X509Certificate... certs) throws Exception {
        KeyStore ks = KeyStore.getInstance("JKS");
        ks.load(null, null);
        int i = 0;
        for (X509Certificate c : certs) {
            ks.setCertificateEntry("ca" + i++, c);
        }
        Path p = dir.resolve(inRoot.substring(1));
        Files.createDirectories(p.getParent());
        try (OutputStream out = Files.newOutputStream(p)) {
            ks.store(out, password);
        }
    }

    RootFs rootFs(String label) {
        return RootFs.of(dir, label);
    }

    /** Runs a program and returns its standard output, failing on a non-zero exit. */
    static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + out);
        }
        return out;
    }

    static boolean hasOpenssl() {
        return Files.isExecutable(Path.of("/usr/bin/openssl"));
    }
}
