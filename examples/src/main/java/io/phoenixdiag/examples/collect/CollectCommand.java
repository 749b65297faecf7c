package io.phoenixdiag.examples.collect;

import io.phoenixdiag.examples.doctor.DoctorCommand.UsageException;
import io.phoenixdiag.examples.doctor.PhoenixDoctor;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code phoenix-doctor collect}: the evidence collector for a Proxmox VE host. Without {@code --run} it
 * prints the POSIX shell script ({@code phoenix-collect.sh}, shipped in this jar) so it can be copied to a
 * host that has no Java; with {@code --run} it runs the script with {@code /bin/sh} here and writes the
 * archive. The archive is read back with {@code phoenix-doctor doctor --evidence ARCHIVE}.
 *
 * <p>Exit codes: 0 script printed or archive written, 1 the script failed, 2 usage error.
 */
@Command(name = "collect", mixinStandardHelpOptions = true,
        description = {"Prints the evidence collector script for a Proxmox VE host, or runs it (--run).",
                "The archive it writes is read by: phoenix-doctor doctor --evidence ARCHIVE."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:script printed or archive written", "1:the script failed", "2:usage error"})
public final class CollectCommand implements Callable<Integer> {
    /** The script's resource path in the jar. */
    public static final String SCRIPT_RESOURCE = "/collector/phoenix-collect.sh";

    @Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--run", description = "Run the script on this host instead of printing it.")
    private boolean run;

    @Option(names = {"-o", "--output"}, paramLabel = "ARCHIVE",
            description = "With --run: the archive to write (default: phoenix-evidence-<host>-<time>.tar.gz here).")
    private Path output;

    @Option(names = "--phoenix-etc", paramLabel = "DIR",
            description = "With --run: the Phoenix JSON directory (default: /usr/local/phoenix_hypervisor/etc).")
    private Path phoenixEtc;

    @Option(names = "--since", paramLabel = "WHEN",
            description = "With --run: kernel log window, as journalctl --since takes it (default: 2 hours ago).")
    private String since;

    /** Creates the command (picocli instantiates it). */
    public CollectCommand() {
    }

    /**
     * The collector script's text.
     *
     * @return the POSIX shell script, UTF-8 decoded
     * @throws IllegalStateException if the jar lacks it (a broken build)
     */
    public static String script() {
        try (InputStream in = CollectCommand.class.getResourceAsStream(SCRIPT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + SCRIPT_RESOURCE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + SCRIPT_RESOURCE + ": " + e.getMessage(), e);
        }
    }

    /**
     * Prints or runs the script.
     *
     * @return the exit code
     * @throws UsageException when the script cannot be started (exit code 2)
     */
    @Override
    public Integer call() throws UsageException {
        PrintWriter out = spec.commandLine().getOut();
        if (!run) {
            if (output != null || phoenixEtc != null || since != null) {
                throw new UsageException("--output, --phoenix-etc and --since need --run");
            }
            out.print(script());
            out.flush();
            return PhoenixDoctor.OK;
        }
        Path tmp = null;
        try {
            tmp = Files.createTempFile("phoenix-collect", ".sh",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Files.writeString(tmp, script());
            List<String> cmd = new ArrayList<>(List.of("/bin/sh", tmp.toString()));
            if (output != null) {
                cmd.addAll(List.of("-o", output.toString()));
            }
            if (phoenixEtc != null) {
                cmd.addAll(List.of("-c", phoenixEtc.toString()));
            }
            if (since != null) {
                cmd.addAll(List.of("-s", since));
            }
            Process p = new ProcessBuilder(cmd).inheritIO().start();
            return p.waitFor() == 0 ? PhoenixDoctor.OK : PhoenixDoctor.PROBLEM;
        } catch (IOException e) {
            throw new UsageException("collect --run: cannot start /bin/sh: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return PhoenixDoctor.PROBLEM;
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // a temp file left behind holds only the public script
                }
            }
        }
    }
}
