package io.phoenixdiag.examples.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.phoenixdiag.pki.cert.ChainBuilder;
import io.phoenixdiag.pki.cert.ChainDefect;
import io.phoenixdiag.pki.cert.IssuedChain;
import io.phoenixdiag.pki.path.CertificateRef;
import picocli.CommandLine;

class ChainCommandTest {
    static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final IssuedChain GOOD = ChainBuilder.stepCa("nginx.phoenix.lan").clock(CLOCK).build();

    @TempDir
    static Path dir;
    static Path fullchain;
    static Path rootFile;

    record Run(int code, String out, String err) {
    }

    @BeforeAll
    static void files() throws Exception {
        fullchain = Files.writeString(dir.resolve("fullchain.pem"), GOOD.presentedChainPem());
        rootFile = Files.writeString(dir.resolve("root_ca.crt"), GOOD.rootPem());
    }

    static Run run(String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new ChainCommand(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.US_ASCII))));
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    static String pathLines(IssuedChain c, boolean withRoot) {
        String s = "path:\n  0 " + CertificateRef.of(c.leaf().certificate()) + "\n  1 "
                + CertificateRef.of(c.intermediates().get(0).certificate()) + "\n";
        return withRoot ? s + "  2 " + CertificateRef.of(c.root().certificate()) + "\n" : s;
    }

    @Test
    void validChainExitsZeroAndPrintsPath() {
        Run r = run("", fullchain.toString(), "--root", rootFile.toString(), "--name", "nginx.phoenix.lan",
                "--at", "2025-06-01T12:00:00Z");
        assertEquals(0, r.code(), r.err());
        assertEquals(pathLines(GOOD, true) + "VALID\n", r.out());
        assertEquals("", r.err());
    }

    @Test
    void nameMismatchExitsOneWithReason() {
        Run r = run("", fullchain.toString(), "--root", rootFile.toString(), "--name", "traefik.phoenix.lan",
                "--at", "2025-06-01T12:00:00Z");
        assertEquals(1, r.code());
        assertEquals(pathLines(GOOD, true) + "INVALID: NAME_MISMATCH\n"
                + "at fault: 0 " + CertificateRef.of(GOOD.leaf().certificate()) + "\n"
                + "detail: CN=nginx.phoenix.lan does not match name traefik.phoenix.lan: it has subjectAltName"
                + " DNS:nginx.phoenix.lan.\n"
                + "fix: Re-issue the certificate with DNS:traefik.phoenix.lan in its subjectAltName, or connect using a"
                + " name it lists.\n", r.out());
    }

    @Test
    void expiredFromStdinWithRootFingerprint() {
        IssuedChain expired = ChainBuilder.stepCa("nginx.phoenix.lan").clock(CLOCK).defect(ChainDefect.EXPIRED_LEAF).build();
        String bundle = expired.presentedChainPem() + expired.rootPem();
        Run r = run(bundle, "--pem", "-", "--root-fingerprint", expired.root().fingerprint().toUpperCase(),
                "--at", "2025-06-01T12:00:00Z");
        assertEquals(1, r.code(), r.err());
        assertEquals(pathLines(expired, true) + "INVALID: EXPIRED\n"
                + "at fault: 0 " + CertificateRef.of(expired.leaf().certificate()) + "\n"
                + "detail: CN=nginx.phoenix.lan expired at 2025-06-01T11:00:00Z; validation time is 2025-06-01T12:00:00Z.\n"
                + "fix: Renew the certificate (check that the renewal service, such as step ca renew --daemon, runs).\n",
                r.out());
    }

    @Test
    void fingerprintNotPresentedIsInvalid() {
        Run r = run("", fullchain.toString(), "--root-fingerprint", "00".repeat(32), "--at", "2025-06-01T12:00:00Z");
        assertEquals(1, r.code());
        assertEquals("note: no presented certificate has SHA-256 fingerprint " + "00".repeat(32)
                + "; the chain cannot reach that root\n" + pathLines(GOOD, false)
                + "INVALID: UNKNOWN_ISSUER\n"
                + "at fault: 1 " + CertificateRef.of(GOOD.intermediates().get(0).certificate()) + "\n"
                + "detail: No presented or trusted certificate is the issuer CN=Phoenix Root CA of CN=Phoenix Intermediate CA.\n"
                + "fix: Trust the root that issued CN=Phoenix Intermediate CA, or present the missing intermediate.\n", r.out());
    }

    @Test
    void unusableInputsExitTwoWithOneLine() throws Exception {
        Path junk = Files.writeString(dir.resolve("junk.pem"), "-----BEGIN CERTIFICATE-----\n!!\n-----END CERTIFICATE-----\n");
        assertEquals(new Run(2, "", "chain: " + junk + ": PEM block 1 (CERTIFICATE): invalid base64 (Illegal base64 character 21)\n"),
                run("", junk.toString(), "--root", rootFile.toString()));
        Path missing = dir.resolve("nope.pem");
        assertEquals(new Run(2, "", "chain: " + missing + ": no such file\n"),
                run("", missing.toString(), "--root", rootFile.toString()));
        assertEquals(new Run(2, "", "chain: --at: 'yesterday' is not an ISO-8601 instant such as 2025-06-01T12:00:00Z\n"),
                run("", fullchain.toString(), "--root", rootFile.toString(), "--at", "yesterday"));
        assertEquals(new Run(2, "", "chain: --name: not a valid DNS name: 'bad_name'\n"),
                run("", fullchain.toString(), "--root", rootFile.toString(), "--name", "bad_name"));
        assertEquals(new Run(2, "", "chain: --root-fingerprint: expected 64 hex digits (SHA-256), got 'abc'\n"),
                run("", fullchain.toString(), "--root-fingerprint", "abc"));
        assertEquals(new Run(2, "", "chain: <stdin>: input is empty\n"), run("", "--pem", "-", "--root", rootFile.toString()));
        // picocli usage error: no root given
        assertEquals(2, run("", fullchain.toString()).code());
    }
}
