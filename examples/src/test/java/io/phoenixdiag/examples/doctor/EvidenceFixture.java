package io.phoenixdiag.examples.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.phoenixdiag.examples.collect.CollectCommand;
import io.phoenixdiag.pki.cert.ChainBuilder;
import io.phoenixdiag.pki.cert.IssuedChain;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A fake Proxmox host for the collector: a root directory (PHOENIX_COLLECT_ROOT) holding the reference
 * deployment's JSON (copied at test time into the temp dir), generated certificates and keys, and stubs on
 * PATH for hostname, pct, iptables-*-save, nft and journalctl. Secrets are planted with the marker
 * {@link #PLANTED} so tests can prove none reaches the archive.
 */
final class EvidenceFixture {
    static final String PLANTED = "PLANTED";
    static final String ETC = "usr/local/phoenix_hypervisor/etc";

    final Path root;
    final Path stubs;
    final IssuedChain nginx;
    final IssuedChain portainer;
    final IssuedChain traefik;

    private EvidenceFixture(Path root, Path stubs, IssuedChain nginx, IssuedChain portainer, IssuedChain traefik) {
        this.root = root;
        this.stubs = stubs;
        this.nginx = nginx;
        this.portainer = portainer;
        this.traefik = traefik;
    }

    static EvidenceFixture create(Path tmp) throws IOException {
        Path reference = PhoenixDoctorTest.shared().resolve("reference/phoenix");
        Path root = tmp.resolve("root");
        Path etc = root.resolve(ETC);
        Files.createDirectories(etc);
        try (var s = Files.walk(reference)) {
            for (Path p : s.toList()) {
                String rel = reference.relativize(p).toString();
                if (rel.isEmpty() || !(Files.isDirectory(p) || rel.endsWith(".json"))) {
                    continue;
                }
                Path t = etc.resolve(rel);
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
        Files.writeString(etc.resolve("planted.json"), "{\"db\": {\"password\": \"hunter2-" + PLANTED + "\", \"user\": \"x\"},"
                + " \"env\": [{\"name\": \"API_TOKEN\", \"value\": \"tok-" + PLANTED + "\"}],"
                + " \"note\": \"-----BEGIN PRIVATE KEY-----\\nMII" + PLANTED + "\\n-----END PRIVATE KEY-----\","
                + " \"placeholder\": \"CHANGE_ME\", \"max_tokens\": 7}\n");
        IssuedChain nginx = ChainBuilder.stepCa("nginx.internal.homelab.example", "portainer.internal.homelab.example").build();
        IssuedChain portainer = ChainBuilder.stepCa("portainer.internal.homelab.example").root(nginx.root()).build();
        IssuedChain traefik = ChainBuilder.stepCa("traefik.internal.homelab.example").root(nginx.root()).build();
        String base = "mnt/pve/quickOS/";
        write(root.resolve(base + "lxc-persistent-data/101/ssl/nginx.internal.homelab.example.crt"), nginx.presentedChainPem(), "rw-r-----");
        write(root.resolve(base + "lxc-persistent-data/101/ssl/nginx.internal.homelab.example.key"), nginx.leaf().privateKeyPem(), "rw-r-----");
        write(root.resolve(base + "vm-persistent-data/1001/portainer/certs/portainer.crt"), portainer.presentedChainPem(), "rw-------");
        write(root.resolve(base + "vm-persistent-data/1001/portainer/certs/portainer.key"), portainer.leaf().privateKeyPem(), "rw-------");
        // a combined PEM: the certificate file also holds the private key; only the certificates may be collected
        write(root.resolve(base + "lxc-persistent-data/102/certs/traefik.internal.homelab.example.crt"),
                traefik.presentedChainPem() + traefik.leaf().privateKeyPem(), "rw-r--r--");
        write(root.resolve(base + "lxc-persistent-data/102/certs/traefik.internal.homelab.example.key"), traefik.leaf().privateKeyPem(), "rw-r--r--");
        write(root.resolve("etc/ssl/certs/ca-certificates.crt"), nginx.rootPem(), "rw-r--r--");
        write(root.resolve("usr/local/share/ca-certificates/phoenix-root.crt"), nginx.rootPem(), "rw-r--r--");
        write(root.resolve("root/.step/certs/root_ca.crt"), nginx.rootPem(), "rw-r--r--");
        Files.createSymbolicLink(root.resolve("etc/ssl/certs/" + io.phoenixdiag.pki.truststore.OpenSslNameHash.subjectHash(
                nginx.root().certificate()) + ".0"), root.resolve("etc/ssl/certs/ca-certificates.crt"));
        write(root.resolve("root/.step/config/defaults.json"), "{\"ca-url\": \"https://ca.internal.homelab.example:9000\","
                + " \"fingerprint\": \"" + nginx.root().fingerprint() + "\", \"root\": \"/root/.step/certs/root_ca.crt\","
                + " \"provisioner-password\": \"pw-" + PLANTED + "\"}\n", "rw-------");
        Path stubs = tmp.resolve("stubs");
        Files.createDirectories(stubs);
        Files.writeString(stubs.resolve("root.pem"), nginx.rootPem());
        stub(stubs, "hostname", "echo pve1");
        stub(stubs, "nft", "echo 'table inet filter {'; echo '}'");
        stub(stubs, "journalctl", "echo '2026-11-29T20:00:00+00:00 pve1 kernel: PVEFW-DROP IN=vmbr0 OUT= SRC=10.0.0.12"
                + " DST=10.0.0.10 LEN=60 PROTO=TCP SPT=40000 DPT=9000 SYN'; echo '2026-11-29T20:00:01+00:00 pve1 kernel: eth0: link up'");
        // pct exec ID -- CMD...: 103's clock is 10 minutes ahead; 103 trusts the root and has a step client
        stub(stubs, "pct", "[ \"$1\" = exec ] || exit 2\nid=$2\nshift 3\ncase \"$*\" in\n"
                + "'date +%s') if [ \"$id\" = 103 ]; then echo $(( $(date +%s) + 600 )); else date +%s; fi ;;\n"
                + "'cat /etc/ssl/certs/ca-certificates.crt'|'cat /etc/ssl/certs/'*.0) if [ \"$id\" = 103 ]; then"
                + " cat \"$(dirname \"$0\")/root.pem\"; else exit 1; fi ;;\n"
                + "'cat /root/.step/config/defaults.json') if [ \"$id\" = 103 ]; then echo '{\"ca-url\": \"https://localhost:9000\","
                + " \"token\": \"t-" + PLANTED + "\"}'; else exit 1; fi ;;\n"
                + "*) exit 1 ;;\nesac");
        return new EvidenceFixture(root, stubs, nginx, portainer, traefik);
    }

    /** Makes the iptables-legacy-save stub print this text (iptables-nft-save prints an empty dump). */
    void iptables(String legacySave) throws IOException {
        Files.writeString(stubs.resolve("legacy.rules"), legacySave);
        stub(stubs, "iptables-legacy-save", "cat \"$(dirname \"$0\")/legacy.rules\"");
        stub(stubs, "iptables-nft-save", "echo '# Warning: iptables-legacy tables present, use iptables-legacy-save to see them'");
    }

    /** Writes a file under the fake root. */
    void file(String path, String text) throws IOException {
        write(root.resolve(path), text, "rw-r--r--");
    }

    /** Runs the collector script with the fake root and the stubs first on PATH; returns the archive. */
    Path collect(Path out) throws IOException, InterruptedException {
        Files.createDirectories(out.getParent());
        Path script = out.resolveSibling("phoenix-collect.sh");
        Files.writeString(script, CollectCommand.script());
        ProcessBuilder pb = new ProcessBuilder("sh", script.toString(), "-o", out.toString())
                .directory(out.getParent().toFile()).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("PHOENIX_COLLECT_ROOT", root.toString());
        env.put("PATH", stubs + ":/usr/bin:/bin");
        env.put("TMPDIR", out.getParent().toString());
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the collector did not finish");
        }
        assertEquals(0, p.exitValue(), output);
        return out;
    }

    private static void stub(Path dir, String name, String body) throws IOException {
        write(dir.resolve(name), "#!/bin/sh\n" + body + "\n", "rwx------");
    }

    private static void write(Path p, String text, String mode) throws IOException {
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(mode));
    }
}
