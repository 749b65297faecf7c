package io.phoenixdiag.pki.truststore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RootFsTest {
    @TempDir
    Path tmp;

    @Test
    void absoluteLinksAndDotDotStayInsideTheRoot() throws Exception {
        FakeRoot fs = new FakeRoot(tmp.resolve("rootfs"));
        Files.writeString(tmp.resolve("secret.pem"), "outside");
        fs.file("/secret.pem", "inside");
        fs.link("/etc/ssl/certs/abs.pem", "/secret.pem");
        fs.link("/etc/ssl/certs/up.pem", "../../../../../../secret.pem");
        fs.link("/etc/alt", "/etc/ssl");
        RootFs r = fs.rootFs("lxc:102");

        assertEquals(fs.dir.resolve("secret.pem"), r.resolve("/etc/ssl/certs/abs.pem"));
        assertEquals("inside", Files.readString(r.resolve("/etc/ssl/certs/up.pem")));
        assertEquals(fs.dir.resolve("etc/ssl/certs/abs.pem"), r.resolveNoFollow("/etc/alt/certs/abs.pem"));
        assertEquals(fs.dir.resolve("secret.pem"), r.resolve("etc/alt/certs/../certs/abs.pem"));
        assertEquals(fs.dir.resolve("no/such/file"), r.resolve("/no/such/file"));
        assertEquals("/etc/ssl/certs/abs.pem", r.inside(fs.dir.resolve("etc/ssl/certs/abs.pem")));
    }

    @Test
    void symlinkLoopIsATypedError() throws Exception {
        FakeRoot fs = new FakeRoot(tmp.resolve("rootfs"));
        fs.link("/a", "/b");
        fs.link("/b", "/a");
        IOException e = assertThrows(IOException.class, () -> fs.rootFs("lxc:9").resolve("/a/x"));
        assertEquals("/a in lxc:9: more than 40 symbolic links (ELOOP)", e.getMessage());
    }
}
