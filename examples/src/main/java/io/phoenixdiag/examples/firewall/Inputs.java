package io.phoenixdiag.examples.firewall;

import io.phoenixdiag.core.analysis.DeploymentModel;
import io.phoenixdiag.core.analysis.Diagnosis;
import io.phoenixdiag.core.analysis.FlowEvaluation;
import io.phoenixdiag.core.config.Deployment;
import io.phoenixdiag.core.config.LoadResult;
import io.phoenixdiag.core.diag.Finding;
import io.phoenixdiag.core.diag.Location;
import io.phoenixdiag.core.diag.Severity;
import io.phoenixdiag.core.firewall.Endpoint;
import io.phoenixdiag.core.firewall.GuestFirewall;
import io.phoenixdiag.core.firewall.GuestNic;
import io.phoenixdiag.core.firewall.IpAddress;
import io.phoenixdiag.core.firewall.PveFirewall;
import io.phoenixdiag.core.firewall.pvefile.PveFwEvidence;
import io.phoenixdiag.core.topology.Topology;
import io.phoenixdiag.examples.doctor.DoctorCommand.UsageException;
import io.phoenixdiag.net.iptables.IptablesSave;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** Loading the inputs the firewall subcommands share, with one-line usage errors. */
final class Inputs {
    private Inputs() {
    }

    /** Loads and analyses a Phoenix JSON deployment directory. */
    static DeploymentModel config(Path dir, PrintWriter err) throws UsageException {
        if (!Files.isDirectory(dir)) {
            throw new UsageException("--config " + dir + ": not a directory");
        }
        Diagnosis d = Diagnosis.builder().directory(dir).build();
        LoadResult<Deployment> loaded = d.loaded();
        for (Finding f : loaded.findings()) {
            if (f.severity().compareTo(Severity.ERROR) >= 0) {
                err.println("warning: " + f.checkId() + ": " + f.title());
            }
        }
        return d.analyse();
    }

    /** Reads a directory of Proxmox .fw files. */
    static PveFwEvidence pveFw(Path dir, PrintWriter err) throws UsageException {
        if (!Files.isDirectory(dir)) {
            throw new UsageException("--pve-fw " + dir + ": not a directory");
        }
        PveFwEvidence ev = PveFwEvidence.read(dir);
        for (Finding f : ev.loaded().findings()) {
            if (f.severity().compareTo(Severity.WARNING) >= 0) {
                err.println("warning: " + f.checkId() + ": " + f.message() + f.locations().stream().findFirst().map(l -> " (" + where(l) + ")").orElse(""));
            }
        }
        return ev;
    }

    /** Reads an iptables-save dump ({@code -} for standard input). */
    static IptablesSave iptables(String file, PrintWriter err) throws UsageException {
        IptablesSave dump;
        try {
            if (file.equals("-")) {
                dump = IptablesSave.parse("<stdin>", new String(System.in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            } else {
                Path p = Path.of(file);
                if (!Files.isRegularFile(p)) {
                    throw new UsageException("--iptables-save " + file + ": no such file");
                }
                dump = IptablesSave.parse(p);
            }
        } catch (IOException e) {
            throw new UsageException("--iptables-save " + file + ": cannot read: " + e.getMessage());
        }
        for (Finding f : dump.diagnostics()) {
            err.println((f.severity().compareTo(Severity.ERROR) >= 0 ? "error: " : "warning: ") + f.checkId() + ": "
                    + f.message() + f.locations().stream().findFirst().map(l -> " (" + where(l) + ")").orElse(""));
        }
        if (dump.rulesets().isEmpty()) {
            throw new UsageException("--iptables-save " + file + ": no table found (expected iptables-save output)");
        }
        return dump;
    }

    /** A location as file:line or file#pointer. */
    static String where(Location l) {
        if (!l.pointer().isEmpty()) {
            return l.file() + "#" + l.pointer();
        }
        return l.line() > 0 ? l.file() + ":" + l.line() : l.file();
    }

    /** An endpoint of a question with its address. */
    record Resolved(Endpoint endpoint, String address, String label) {
    }

    /**
     * Resolves {@code host}, {@code external}, {@code lxc:N}, {@code vm:N} or an address literal.
     *
     * @param spec     the text
     * @param option   the option name, for errors
     * @param topology the deployment's topology, or null
     * @param layout   the Proxmox model (NIC addresses), or null
     */
    static Resolved resolve(String spec, String option, Topology topology, PveFirewall layout) throws UsageException {
        String s = spec.trim().toLowerCase(Locale.ROOT);
        if (s.equals("host")) {
            Optional<String> a = topology == null ? Optional.empty()
                    : topology.addressOf(io.phoenixdiag.core.topology.Endpoint.HOST);
            if (a.isEmpty()) {
                throw new UsageException(option + " host: the host's address is unknown (give --config DIR or the address)");
            }
            return new Resolved(Endpoint.host(), a.get(), "host (" + a.get() + ")");
        }
        if (s.equals("external")) {
            return new Resolved(Endpoint.external(), FlowEvaluation.EXTERNAL_PLACEHOLDER,
                    "external (" + FlowEvaluation.EXTERNAL_PLACEHOLDER + ")");
        }
        if (s.startsWith("lxc:") || s.startsWith("vm:")) {
            io.phoenixdiag.core.topology.Endpoint e;
            try {
                e = io.phoenixdiag.core.topology.Endpoint.parse(s);
            } catch (IllegalArgumentException ex) {
                throw new UsageException(option + ": " + ex.getMessage());
            }
            Optional<String> a = topology == null ? Optional.empty() : topology.addressOf(e);
            if (a.isEmpty() && layout != null) {
                a = nicAddress(layout.guests().get(e.guestId()));
            }
            if (a.isEmpty() && topology != null && topology.guest(e).isEmpty()
                    && (layout == null || !layout.guests().containsKey(e.guestId()))) {
                throw new UsageException(option + " " + spec + ": the deployment declares no such guest");
            }
            if (a.isEmpty()) {
                throw new UsageException(option + " " + spec + ": no static address known for this guest"
                        + " (give --config DIR, a guest config with ip=, or the address)");
            }
            return new Resolved(Endpoint.guest(e.guestId(), "net0"), a.get(), e.subject() + " (" + a.get() + ")");
        }
        if (IpAddress.tryParse(s).isEmpty()) {
            throw new UsageException(option + ": expected host, external, lxc:<CTID>, vm:<VMID> or an address but got '"
                    + spec + "'");
        }
        if (topology != null) {
            Optional<io.phoenixdiag.core.topology.Endpoint> owner = topology.ownerOf(s);
            if (owner.isPresent() && owner.get().equals(io.phoenixdiag.core.topology.Endpoint.HOST)) {
                return new Resolved(Endpoint.host(), s, "host (" + s + ")");
            }
            if (owner.isPresent() && owner.get().isGuest()) {
                return new Resolved(Endpoint.guest(owner.get().guestId(), "net0"), s, owner.get().subject() + " (" + s + ")");
            }
        }
        if (layout != null) {
            for (GuestFirewall g : layout.guests().values()) {
                for (GuestNic n : g.nics().values()) {
                    for (IpAddress a : n.parsedAddresses()) {
                        if (a.toString().equals(IpAddress.parse(s).toString())) {
                            return new Resolved(Endpoint.guest(g.vmid(), n.name()), s, g.subject() + " " + n.name() + " (" + s + ")");
                        }
                    }
                }
            }
        }
        return new Resolved(Endpoint.external(), s, "external (" + s + ")");
    }

    private static Optional<String> nicAddress(GuestFirewall g) {
        if (g == null) {
            return Optional.empty();
        }
        GuestNic n = g.nics().get("net0");
        if (n == null) {
            return Optional.empty();
        }
        return n.parsedAddresses().stream().findFirst().map(IpAddress::toString);
    }
}
