package io.phoenixdiag.examples.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.phoenixdiag.core.config.Secret;
import io.phoenixdiag.core.evidence.CollectedEvidence;
import io.phoenixdiag.core.evidence.EvidenceArchive;
import io.phoenixdiag.core.evidence.EvidenceManifest;
import io.phoenixdiag.examples.collect.CollectCommand;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The collector script run for real on a fake host (PHOENIX_COLLECT_ROOT and PATH stubs): what lands in
 * the archive, and that planted private keys and secrets never do.
 */
class CollectScriptTest {

    @Test
    @Timeout(180)
    void collectsEverythingButSecrets(@TempDir Path tmp) throws Exception {
        EvidenceFixture fx = EvidenceFixture.create(tmp);
        fx.iptables("*filter\n:INPUT ACCEPT [0:0]\nCOMMIT\n");
        fx.file("etc/pve/firewall/cluster.fw", "[OPTIONS]\nenable: 1\n");
        fx.file("etc/pve/firewall/103.fw", "[OPTIONS]\nenable: 1\n");
        fx.file("etc/pve/nodes/pve1/host.fw", "[OPTIONS]\nenable: 1\n");
        fx.file("etc/pve/lxc/103.conf", "hostname: Step-CA\nnet0: name=eth0,bridge=vmbr0,firewall=1,ip=10.0.0.10/24\n");
        fx.file("etc/pve/qemu-server/1001.conf", "name: Portainer\ncipassword: $6$salt$" + EvidenceFixture.PLANTED
                + "\nnet0: virtio=BC:24:11:00:00:01,bridge=vmbr0,firewall=1\n");
        Path archive = fx.collect(tmp.resolve("out/evidence.tar.gz"));

        try (EvidenceArchive a = EvidenceArchive.open(archive)) {
            // nothing secret anywhere: no marker, no private-key PEM, no key body
            List<String> keyBodies = List.of(body(fx.nginx.leaf().privateKeyPem()), body(fx.traefik.leaf().privateKeyPem()));
            try (Stream<Path> s = Files.walk(a.root())) {
                for (Path f : s.filter(Files::isRegularFile).toList()) {
                    String text = Files.readString(f, StandardCharsets.ISO_8859_1);
                    assertFalse(text.contains(EvidenceFixture.PLANTED), f.toString());
                    assertFalse(text.contains("PRIVATE KEY"), f.toString());
                    keyBodies.forEach(k -> assertFalse(text.replace("\n", "").contains(k), f.toString()));
                }
            }
            EvidenceManifest m = a.manifest();
            assertEquals(1, m.formatVersion());
            assertEquals("pve1", m.host());
            assertEquals("/usr/local/phoenix_hypervisor/etc", m.phoenixEtc());
            assertEquals(List.of("pve/firewall/103.fw", "pve/firewall/cluster.fw"),
                    m.items("pve-fw").stream().map(EvidenceManifest.Item::path).toList());
            assertEquals(List.of("pve/nodes/pve1/host.fw"), m.items("pve-host-fw").stream().map(EvidenceManifest.Item::path).toList());
            assertEquals(List.of("pve/lxc/103.conf", "pve/qemu-server/1001.conf"),
                    m.items("guest-conf").stream().map(EvidenceManifest.Item::path).toList());
            assertEquals(List.of("netfilter/iptables-legacy-save.txt"), a.netfilterDumps().stream()
                    .map(p -> a.root().relativize(p).toString()).toList());
            assertEquals(List.of("rootfs/host/mnt/pve/quickOS/lxc-persistent-data/101/ssl/nginx.internal.homelab.example.crt",
                            "rootfs/host/mnt/pve/quickOS/vm-persistent-data/1001/portainer/certs/portainer.crt",
                            "rootfs/host/mnt/pve/quickOS/lxc-persistent-data/102/certs/traefik.internal.homelab.example.crt"),
                    m.items("certificate").stream().map(EvidenceManifest.Item::path).toList());
            String hash = io.phoenixdiag.pki.truststore.OpenSslNameHash.subjectHash(fx.nginx.root().certificate());
            assertEquals(List.of("rootfs/host/etc/ssl/certs/ca-certificates.crt",
                            "rootfs/host/usr/local/share/ca-certificates/phoenix-root.crt",
                            "rootfs/lxc-103/etc/ssl/certs/ca-certificates.crt",
                            "rootfs/host/etc/ssl/certs/" + hash + ".0", "rootfs/lxc-103/etc/ssl/certs/" + hash + ".0"),
                    m.items("trust-store").stream().map(EvidenceManifest.Item::path).toList());
            // the combined PEM keeps its certificates only
            assertEquals(fx.traefik.presentedChainPem(), Files.readString(a.root().resolve(
                    "rootfs/host/mnt/pve/quickOS/lxc-persistent-data/102/certs/traefik.internal.homelab.example.crt")));
            // keys: mode, owner, public-key fingerprint
            List<CollectedEvidence.KeyFileInfo> keys = a.collected().keys();
            assertEquals(List.of("/mnt/pve/quickOS/lxc-persistent-data/101/ssl/nginx.internal.homelab.example.key",
                    "/mnt/pve/quickOS/vm-persistent-data/1001/portainer/certs/portainer.key",
                    "/mnt/pve/quickOS/lxc-persistent-data/102/certs/traefik.internal.homelab.example.key"),
                    keys.stream().map(CollectedEvidence.KeyFileInfo::path).toList());
            assertEquals(List.of("640", "600", "644"), keys.stream().map(CollectedEvidence.KeyFileInfo::mode).toList());
            assertEquals(sha256(fx.nginx.leaf().certificate().getPublicKey().getEncoded()), keys.get(0).publicKeySha256());
            assertEquals(sha256(fx.portainer.leaf().certificate().getPublicKey().getEncoded()), keys.get(1).publicKeySha256());
            // masked JSON values, kept placeholders and counts
            JsonNode planted = new ObjectMapper().readTree(a.root().resolve("phoenix/planted.json").toFile());
            assertEquals("<masked>", planted.at("/db/password").asText());
            assertEquals("x", planted.at("/db/user").asText());
            assertEquals("<masked>", planted.at("/env/0/value").asText());
            assertEquals("API_TOKEN", planted.at("/env/0/name").asText());
            assertEquals("<masked>", planted.at("/note").asText());
            assertEquals("CHANGE_ME", planted.at("/placeholder").asText());
            assertEquals(7, planted.at("/max_tokens").asInt());
            assertEquals(Map.of("host", a.root().resolve("step/host/defaults.json"),
                    "lxc:103", a.root().resolve("step/lxc-103/defaults.json")), a.stepDefaults());
            assertEquals(fx.nginx.root().fingerprint(), a.stepRootFingerprint().orElseThrow());
            assertEquals("cipassword: <masked>", Files.readAllLines(a.root().resolve("pve/qemu-server/1001.conf")).get(1));
            // an unmasked file is copied byte for byte (its line numbers stay right)
            assertEquals(Files.readString(fx.root.resolve(EvidenceFixture.ETC).resolve("phoenix_lxc_configs.json")),
                    Files.readString(a.root().resolve("phoenix/phoenix_lxc_configs.json")));
            // kernel LOG lines only; clocks of the host (twice) and the running container
            assertEquals(List.of("2026-11-29T20:00:00+00:00 pve1 kernel: PVEFW-DROP IN=vmbr0 OUT= SRC=10.0.0.12 DST=10.0.0.10"
                    + " LEN=60 PROTO=TCP SPT=40000 DPT=9000 SYN"), Files.readAllLines(a.kernelLog().orElseThrow()));
            assertEquals(List.of("host", "lxc:103", "host"), a.collected().clocks().stream()
                    .map(CollectedEvidence.ClockReading::subject).toList());
            assertEquals(List.of(), a.findings().stream().filter(f -> f.severity() != io.phoenixdiag.core.diag.Severity.INFO)
                    .toList());
        }
    }

    /** The script's masking rules agree with {@link Secret#isSecretFieldName(String)} on many field names. */
    @Test
    @Timeout(120)
    void maskingAgreesWithSecretRules(@TempDir Path tmp) throws Exception {
        String script = CollectCommand.script();
        int start = script.indexOf("REDACT='") + "REDACT='".length();
        Path perl = tmp.resolve("redact.pl");
        Files.writeString(perl, script.substring(start, script.indexOf("\n'\n", start)));
        List<String> words = List.of("password", "pass", "pwd", "secret", "token", "api", "key", "private", "public",
                "file", "path", "max", "num", "db", "admin", "user", "hash", "name", "id", "client", "Secret", "Token", "Key");
        List<String> names = new ArrayList<>(List.of("password", "hf_token_file", "max_num_batched_tokens", "ssh_public_key",
                "apiKey", "privateKey", "clientSecret", "password_hash", "adminPass", "pubkey", "db-passwd", "x_pwd"));
        Random r = new Random(42);
        String[] seps = {"_", "-", ".", ""};
        for (int i = 0; i < 400; i++) {
            StringBuilder sb = new StringBuilder(words.get(r.nextInt(words.size())));
            for (int n = r.nextInt(3); n >= 0; n--) {
                sb.append(seps[r.nextInt(seps.length)]).append(words.get(r.nextInt(words.size())));
            }
            names.add(sb.toString());
        }
        Map<String, String> doc = new LinkedHashMap<>();
        names.forEach(n -> doc.put(n, "v4lue-" + n.hashCode()));
        Path in = tmp.resolve("in.json");
        Path out = tmp.resolve("out.json");
        new ObjectMapper().writeValue(in.toFile(), doc);
        Process p = new ProcessBuilder("perl", perl.toString(), "json", in.toString(), out.toString())
                .redirectErrorStream(true).start();
        String err = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), err);
        JsonNode masked = new ObjectMapper().readTree(out.toFile());
        for (String n : names) {
            assertEquals(Secret.isSecretFieldName(n), masked.get(n).asText().equals("<masked>"), n);
        }
    }

    @Test
    void collectPrintsTheScript() {
        PhoenixDoctorTest.Run r = PhoenixDoctorTest.run("collect");
        assertEquals(0, r.code(), r.err());
        assertEquals(CollectCommand.script(), r.out());
        assertTrue(r.out().startsWith("#!/bin/sh\n"));
        PhoenixDoctorTest.Run bad = PhoenixDoctorTest.run("collect", "-o", "x.tar.gz");
        assertEquals(2, bad.code());
        assertEquals("phoenix-doctor: --output, --phoenix-etc and --since need --run\n", bad.err());
    }

    private static String body(String pem) {
        String[] lines = pem.split("\n");
        return lines[1];
    }

    private static String sha256(byte[] der) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
    }
}
