package io.phoenixdiag.examples.chain;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

import io.phoenixdiag.pki.name.ReferenceIdentity;
import io.phoenixdiag.pki.path.CertificateRef;
import io.phoenixdiag.pki.path.PathValidator;
import io.phoenixdiag.pki.path.ValidationFailure;
import io.phoenixdiag.pki.path.ValidationResult;
import io.phoenixdiag.pki.pem.PkiLoader;
import io.phoenixdiag.pki.pem.PkiParseException;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code chain}: validates a certificate or bundle (end-entity first, then intermediates, any order) against a
 * root file or a root fingerprint and an optional reference identity, prints the path and the precise reason.
 *
 * <p>Exit codes: 0 valid, 1 invalid (reason printed on stdout), 2 unusable input (one line on stderr).
 * Output on stdout:
 * <pre>
 * path:
 *   0 CN=nginx.phoenix.lan (serial ..., sha256 ...)
 *   1 CN=Phoenix Intermediate CA (serial ..., sha256 ...)
 *   2 CN=Phoenix Root CA (serial ..., sha256 ...)
 * VALID
 * </pre>
 * or {@code INVALID: REASON}, then {@code at fault: ...}, {@code detail: ...}, {@code fix: ...}.
 * Not thread-safe (one instance per run).
 */
@Command(name = "chain", mixinStandardHelpOptions = true,
        description = "Validate a certificate or bundle against a root (file or SHA-256 fingerprint) and an optional name.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:valid", "1:invalid (reason on stdout)", "2:unusable input (reason on stderr)"})
public final class ChainCommand implements Callable<Integer> {
    /** Exit code for a valid chain. */
    public static final int VALID = 0;
    /** Exit code for an invalid chain. */
    public static final int INVALID = 1;
    /** Exit code for unusable input. */
    public static final int UNUSABLE = 2;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE",
            description = "PEM/DER certificate or bundle, end-entity first")
    private Path file;

    @Option(names = "--pem", paramLabel = "-", description = "read the PEM bundle from standard input ('-')")
    private String pem;

    @ArgGroup(exclusive = true, multiplicity = "1")
    private Root root;

    static final class Root {
        @Option(names = "--root", paramLabel = "FILE", required = true, description = "trusted root certificate(s), PEM or DER")
        Path file;

        @Option(names = "--root-fingerprint", paramLabel = "HEX", required = true,
                description = "SHA-256 of the trusted root's DER (as 'step certificate fingerprint' prints it);"
                        + " the root must be in the bundle")
        String fingerprint;
    }

    @Option(names = "--name", paramLabel = "DNS|IP", description = "reference identity the certificate must match")
    private String name;

    @Option(names = "--at", paramLabel = "ISO-INSTANT", description = "validation instant, e.g. 2025-06-01T12:00:00Z (default now)")
    private String at;

    private final InputStream stdin;

    /** A command reading {@code --pem -} from {@link System#in}. */
    public ChainCommand() {
        this(System.in);
    }

    /**
     * A command reading {@code --pem -} from the given stream.
     *
     * @param stdin the standard input
     */
    public ChainCommand(InputStream stdin) {
        this.stdin = stdin;
    }

    /**
     * Runs the validation.
     *
     * @return 0 valid, 1 invalid, 2 unusable input
     */
    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            List<X509Certificate> presented = readInput();
            ReferenceIdentity ref = null;
            if (name != null) {
                try {
                    ref = ReferenceIdentity.parse(name);
                } catch (IllegalArgumentException e) {
                    throw new Unusable("--name: " + e.getMessage());
                }
            }
            Clock clock = Clock.systemUTC();
            if (at != null) {
                try {
                    clock = Clock.fixed(Instant.parse(at), ZoneOffset.UTC);
                } catch (DateTimeParseException e) {
                    throw new Unusable("--at: '" + at + "' is not an ISO-8601 instant such as 2025-06-01T12:00:00Z");
                }
            }
            List<X509Certificate> anchors = new ArrayList<>();
            if (root.file != null) {
                anchors.addAll(load(root.file));
            } else {
                String want = root.fingerprint.replace(":", "").toLowerCase(Locale.ROOT);
                if (!want.matches("[0-9a-f]{64}")) {
                    throw new Unusable("--root-fingerprint: expected 64 hex digits (SHA-256), got '" + root.fingerprint + "'");
                }
                for (X509Certificate c : presented) {
                    if (CertificateRef.of(c).fingerprint().equals(want)) {
                        anchors.add(c);
                    }
                }
                if (anchors.isEmpty()) {
                    out.println("note: no presented certificate has SHA-256 fingerprint " + want
                            + "; the chain cannot reach that root");
                }
            }
            PathValidator v = PathValidator.builder().trustAnchors(anchors).clock(clock).build();
            ValidationResult r = v.validate(presented, Optional.ofNullable(ref));
            print(out, r);
            out.flush();
            return r.isValid() ? VALID : INVALID;
        } catch (Unusable e) {
            err.println("chain: " + e.getMessage());
            err.flush();
            return UNUSABLE;
        }
    }

    private static void print(PrintWriter out, ValidationResult r) {
        out.println("path:");
        List<CertificateRef> refs = r.pathRefs();
        for (int i = 0; i < refs.size(); i++) {
            out.println("  " + i + " " + refs.get(i));
        }
        if (r.isValid()) {
            out.println("VALID");
            return;
        }
        ValidationFailure f = r.failure().orElseThrow();
        out.println("INVALID: " + f.reason());
        out.println("at fault: " + f.position() + " " + f.certificate());
        out.println("detail: " + f.detail());
        out.println("fix: " + f.remediation());
    }

    private List<X509Certificate> readInput() throws Unusable {
        if (file != null && pem != null) {
            throw new Unusable("give either FILE or --pem -, not both");
        }
        if (pem != null) {
            if (!"-".equals(pem)) {
                throw new Unusable("--pem takes '-' (standard input); give a file as FILE");
            }
            try {
                return parse(stdin.readAllBytes(), "<stdin>");
            } catch (IOException e) {
                throw new Unusable("<stdin>: cannot read (" + e.getMessage() + ")");
            }
        }
        if (file == null) {
            throw new Unusable("missing FILE (or --pem - for standard input)");
        }
        return load(file);
    }

    private static List<X509Certificate> load(Path p) throws Unusable {
        if (!Files.exists(p)) {
            throw new Unusable(p + ": no such file");
        }
        try {
            return parse(io.phoenixdiag.pki.pem.PkiLoader.readFile(p), p.toString());
        } catch (NoSuchFileException e) {
            throw new Unusable(p + ": no such file");
        } catch (IOException e) {
            throw new Unusable(p + ": cannot read (" + e.getMessage() + ")");
        }
    }

    private static List<X509Certificate> parse(byte[] data, String label) throws Unusable {
        try {
            return PkiLoader.certificates(data, label);
        } catch (PkiParseException e) {
            throw new Unusable(e.getMessage());
        }
    }

    /** Input the command cannot work with; the message is the one-line reason. */
    private static final class Unusable extends Exception {
        private static final long serialVersionUID = 1L;

        Unusable(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Runs the command stand-alone.
     *
     * @param args command-line arguments
     */
    public static void main(String[] args) {
        System.exit(new CommandLine(new ChainCommand()).execute(args));
    }
}
