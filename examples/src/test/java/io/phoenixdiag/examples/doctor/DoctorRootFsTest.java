package io.phoenixdiag.examples.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.phoenixdiag.core.diag.Finding;
import io.phoenixdiag.core.diag.Report;
import io.phoenixdiag.core.diag.ReportJson;
import io.phoenixdiag.pki.cert.ChainBuilder;
import io.phoenixdiag.pki.cert.IssuedChain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code doctor --rootfs}: the sample's certificate manifest checked against files in a fake host tree,
 * and a guest's trust store checked for the Step-CA root.
 */
class DoctorRootFsTest {

    @Test
    void manifestFilesAndTrustStoresAreChecked(@TempDir Path tmp) throws Exception {
        IssuedChain chain = ChainBuilder.stepCa("nginx.phoenix.lab.example", "portainer.phoenix.lab.example").build();
        Path host = tmp.resolve("host");
        Path ssl = host.resolve("mnt/pve/tank/lxc-persistent-data/101/ssl");
        Files.createDirectories(ssl);
        Path crt = ssl.resolve("nginx.phoenix.lab.example.crt");
        Path key = ssl.resolve("nginx.phoenix.lab.example.key");
        Files.writeString(crt, chain.presentedChainPem());
        Files.writeString(key, chain.leaf().privateKeyPem());
        Files.setPosixFilePermissions(crt, PosixFilePermissions.fromString("rw-r-----"));
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r-----"));
        Path guest = tmp.resolve("lxc102");
        Files.createDirectories(guest.resolve("etc/ssl/certs"));
        Files.writeString(guest.resolve("etc/ssl/certs/ca-certificates.crt"), "");
        Path root = tmp.resolve("root_ca.pem");
        Files.writeString(root, chain.rootPem());

        PhoenixDoctorTest.Run r = PhoenixDoctorTest.run("--format", "json", "--rootfs", host.toString(),
                "--rootfs", "lxc:102=" + guest, "--ca-root", root.toString());
        assertEquals(1, r.code(), r.err());
        Report report = ReportJson.read(r.out());
        List<String> pki = report.findings().stream().map(Finding::checkId).filter(id -> id.startsWith("pki."))
                .filter(id -> !id.equals("pki.ca-state-shared")).toList();
        // the nginx entry is compliant apart from its owner (root:www-data does not exist in the fake tree);
        // the traefik files are missing; lxc:102's bundle lacks the root
        assertTrue(pki.contains("pki.manifest-file-missing"), pki.toString());
        assertTrue(pki.contains("pki.ca-not-trusted"), pki.toString());
        assertTrue(pki.stream().noneMatch(id -> id.equals("pki.manifest-chain-invalid")
                || id.equals("pki.manifest-san-mismatch") || id.equals("pki.manifest-key-mismatch")), pki.toString());
        assertTrue(report.notRun().stream().noneMatch(n -> n.what().equals("pki.rootfs")), report.notRun().toString());
    }

    @Test
    void withoutRootfsThePkiCheckIsListedAsNotRun() throws Exception {
        Report report = ReportJson.read(PhoenixDoctorTest.run("--format", "json").out());
        assertEquals("needs RootFsEvidence: give root filesystems to inspect (phoenix-doctor --rootfs DIR, with"
                + " --ca-root FILE)", report.notRun().stream()
                .filter(n -> n.what().equals("pki.rootfs")).findFirst().orElseThrow().why());
    }

    @Test
    void badRootfsAndFingerprintAreUsageErrors(@TempDir Path tmp) {
        PhoenixDoctorTest.Run r = PhoenixDoctorTest.run("--rootfs", tmp.resolve("none").toString());
        assertEquals(2, r.code());
        assertEquals("phoenix-doctor: --rootfs " + tmp.resolve("none") + ": not a directory\n", r.err());
        PhoenixDoctorTest.Run f = PhoenixDoctorTest.run("--rootfs", tmp.toString(), "--ca-fingerprint", "xyz");
        assertEquals(2, f.code());
        assertTrue(f.err().startsWith("phoenix-doctor: --ca-fingerprint: "), f.err());
        PhoenixDoctorTest.Run alone = PhoenixDoctorTest.run("--ca-fingerprint", "ab".repeat(32));
        assertEquals(2, alone.code());
        assertEquals("phoenix-doctor: --ca-fingerprint needs --rootfs: the root is checked against the files and"
                + " trust stores of a root filesystem\n", alone.err());
        PhoenixDoctorTest.Run label = PhoenixDoctorTest.run("--rootfs", "lxc:999=" + tmp);
        assertEquals(2, label.code());
        assertEquals("phoenix-doctor: --rootfs lxc:999=" + tmp + ": lxc:999 is not a guest of this deployment\n",
                label.err());
    }

    @Test
    void aDirectoryWithoutPhoenixFilesIsUnusable(@TempDir Path tmp) {
        PhoenixDoctorTest.Run r = PhoenixDoctorTest.run("--config", tmp.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("phoenix-doctor: --config " + tmp + ": none of the Phoenix files is there"),
                r.err());
    }

    @Test
    void unknownCommandIsAUsageError() {
        PhoenixDoctorTest.Run r = PhoenixDoctorTest.run("frobnicate");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("phoenix-doctor: unknown command 'frobnicate': expected one of doctor, chain"),
                r.err());
    }
}
