package io.phoenixdiag.core.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.phoenixdiag.core.diag.Finding;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvidenceArchiveTest {
    private static final String MANIFEST = "# phoenix-evidence 1\n# host pve1\n# collected 1764446400\n"
            + "guest-conf\tpve/lxc/103.conf\t/etc/pve/lxc/103.conf\tsecrets masked\n"
            + "trust-store\t-\tlxc:102:/etc/ssl/certs/ca-certificates.crt\tpct exec failed (container stopped?)\n";

    private static Map<String, String> files() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("phoenix-evidence/MANIFEST", MANIFEST);
        m.put("phoenix-evidence/phoenix/phoenix_lxc_configs.json", "{}");
        m.put("phoenix-evidence/pve/lxc/103.conf", "hostname: ca\nnet0: name=eth0,bridge=vmbr0,firewall=1\n");
        m.put("phoenix-evidence/pve/qemu-server/1001.conf", "name: p\nnet0: virtio=BC:24:11:00:00:01,bridge=vmbr0\n");
        m.put("phoenix-evidence/netfilter/iptables-legacy-save.txt", "*filter\n:INPUT ACCEPT [0:0]\nCOMMIT\n");
        m.put("phoenix-evidence/netfilter/iptables-nft-save.txt", "# Warning: iptables-legacy tables present\n");
        m.put("phoenix-evidence/clock/clock.tsv", "host\t1764446400\nlxc:103\t1764446460\nnonsense\nhost\t1764446401\n");
        m.put("phoenix-evidence/keys/private-keys.tsv", "path\tmode\towner\tpublic_key_sha256\n/a.key\t600\troot:root\tABCD\n");
        m.put("phoenix-evidence/rootfs/host/etc/ssl/certs/ca-certificates.crt", "");
        m.put("phoenix-evidence/rootfs/lxc-103/etc/ssl/certs/ca-certificates.crt", "");
        m.put("phoenix-evidence/step/host/defaults.json", "{\"fingerprint\": \"" + "AB".repeat(32) + "\"}");
        return m;
    }

    @Test
    void unpacksATarGzSafely(@TempDir Path tmp) throws IOException {
        Path archive = tmp.resolve("ev.tar.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(archive));
             TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Map.Entry<String, String> e : files().entrySet()) {
                byte[] b = e.getValue().getBytes(StandardCharsets.UTF_8);
                TarArchiveEntry t = new TarArchiveEntry(e.getKey());
                t.setSize(b.length);
                t.setMode(e.getKey().endsWith("103.conf") ? 0640 : 0644);
                tar.putArchiveEntry(t);
                tar.write(b);
                tar.closeArchiveEntry();
            }
            TarArchiveEntry link = new TarArchiveEntry("phoenix-evidence/link", TarConstants.LF_SYMLINK);
            link.setLinkName("/etc/shadow");
            tar.putArchiveEntry(link);
            tar.closeArchiveEntry();
            byte[] evil = "x".getBytes(StandardCharsets.UTF_8);
            TarArchiveEntry up = new TarArchiveEntry("phoenix-evidence/../../evil", true);
            up.setSize(evil.length);
            tar.putArchiveEntry(up);
            tar.write(evil);
            tar.closeArchiveEntry();
        }
        Path root;
        try (EvidenceArchive a = EvidenceArchive.open(archive)) {
            root = a.root();
            assertEquals("ev.tar.gz", a.label());
            assertEquals("phoenix-evidence", root.getFileName().toString());
            assertEquals("pve1", a.nodeName());
            assertEquals(List.of(
                    "evidence.archive WARNING archive entry skipped: ev.tar.gz holds phoenix-evidence/link, which is not a"
                            + " regular file (a link or a device); it is not unpacked.",
                    "evidence.archive WARNING unsafe archive entry skipped: ev.tar.gz holds an entry whose name leaves the"
                            + " archive (phoenix-evidence/../../evil); it is not unpacked.",
                    "evidence.archive INFO trust-store not collected: 1 item(s): The collector"
                            + " did not store lxc:102:/etc/ssl/certs/ca-certificates.crt (pct exec failed (container stopped?)).",
                    "evidence.archive WARNING malformed clock reading: Line 3 of " + root.resolve("clock/clock.tsv")
                            + " is not 'subject<TAB>seconds'; it is skipped."),
                    a.findings().stream().map(EvidenceArchiveTest::text).toList());
            assertFalse(Files.exists(tmp.resolve("evil")));
            assertEquals(List.of(103, 1001), List.copyOf(a.collected().guestConfigs().keySet()));
            assertEquals(true, a.collected().guestConfigs().get(103).net("net0").orElseThrow().firewall());
            assertEquals(false, a.collected().guestConfigs().get(1001).net("net0").orElseThrow().firewall());
            assertEquals(List.of(new CollectedEvidence.ClockReading("host", 1764446400L, 1),
                    new CollectedEvidence.ClockReading("lxc:103", 1764446460L, 2),
                    new CollectedEvidence.ClockReading("host", 1764446401L, 4)), a.collected().clocks());
            assertEquals(List.of(new CollectedEvidence.KeyFileInfo("/a.key", "600", "root:root", "abcd", 2)), a.collected().keys());
            assertEquals(List.of(root.resolve("netfilter/iptables-legacy-save.txt")), a.netfilterDumps());
            assertEquals(List.of("host", "lxc:103"), List.copyOf(a.rootFileSystems().keySet()));
            assertEquals("ab".repeat(32), a.stepRootFingerprint().orElseThrow());
            assertEquals(root.resolve("phoenix"), a.phoenixDirectory().orElseThrow());
            assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("pve/lxc/103.conf"))));
            assertEquals("ev.tar.gz!/pve/lxc/103.conf", a.name(root.resolve("pve/lxc/103.conf")));
            assertTrue(Files.isDirectory(root));
        }
        assertFalse(Files.exists(root), "close() deletes the unpacked copy");
    }

    @Test
    void readsAZipAndADirectory(@TempDir Path tmp) throws IOException {
        Path archive = tmp.resolve("ev.zip");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(archive))) {
            for (Map.Entry<String, String> e : files().entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        try (EvidenceArchive a = EvidenceArchive.open(archive)) {
            assertEquals(List.of(103, 1001), List.copyOf(a.collected().guestConfigs().keySet()));
            Path dir = tmp.resolve("unpacked");
            Files.createDirectories(dir);
            try (var s = Files.walk(a.root())) {
                for (Path p : s.toList()) {
                    Path t = dir.resolve(a.root().relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(t);
                    } else {
                        Files.copy(p, t);
                    }
                }
            }
            try (EvidenceArchive d = EvidenceArchive.open(dir)) {
                assertEquals(dir, d.root());
                assertEquals(a.collected().clocks(), d.collected().clocks());
            }
            assertTrue(Files.isDirectory(dir), "a directory given to open() is not deleted");
        }
    }

    @Test
    void junkAndTruncatedArchivesAreTypedErrors(@TempDir Path tmp) throws IOException {
        Path junk = tmp.resolve("junk");
        Files.writeString(junk, "hello");
        EvidenceArchiveException e = assertThrows(EvidenceArchiveException.class, () -> EvidenceArchive.open(junk));
        assertEquals(junk + ": not an evidence archive (expected a tar.gz written by phoenix-collect.sh, a tar or a zip file)",
                e.getMessage());
        Path cut = tmp.resolve("cut.tar.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(cut))) {
            out.write(new byte[10_000]);
        }
        byte[] bytes = Files.readAllBytes(cut);
        Files.write(cut, java.util.Arrays.copyOf(bytes, 20));
        EvidenceArchiveException t = assertThrows(EvidenceArchiveException.class, () -> EvidenceArchive.open(cut));
        assertTrue(t.getMessage().startsWith(cut + ": damaged or truncated archive ("), t.getMessage());
        assertEquals(tmp.resolve("none") + ": no such file",
                assertThrows(EvidenceArchiveException.class, () -> EvidenceArchive.open(tmp.resolve("none"))).getMessage());
    }

    @Test
    void anArchiveWithoutManifestSaysSo(@TempDir Path tmp) throws IOException {
        Files.createDirectories(tmp.resolve("phoenix"));
        try (EvidenceArchive a = EvidenceArchive.open(tmp)) {
            assertEquals(List.of("evidence.archive WARNING no MANIFEST: " + tmp.getFileName() + " has no MANIFEST: it was"
                    + " not written by phoenix-collect.sh, so what is missing from it cannot be told apart from what the"
                    + " host lacks."), a.findings().stream().map(EvidenceArchiveTest::text).toList());
            assertEquals(tmp, a.root());
            assertEquals(tmp.resolve("phoenix"), a.phoenixDirectory().orElseThrow());
        }
    }

    private static String text(Finding f) {
        return f.checkId() + " " + f.severity() + " " + f.title() + ": " + f.message();
    }
}
