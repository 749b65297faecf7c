package io.phoenixdiag.examples.firewall;

import io.phoenixdiag.core.analysis.DeploymentModel;
import io.phoenixdiag.core.firewall.ConnState;
import io.phoenixdiag.core.firewall.Packet;
import io.phoenixdiag.core.firewall.PveFirewall;
import io.phoenixdiag.core.firewall.PveFirewallEvaluator;
import io.phoenixdiag.core.firewall.TraceEntry;
import io.phoenixdiag.core.firewall.Verdict;
import io.phoenixdiag.core.firewall.VerdictState;
import io.phoenixdiag.examples.doctor.DoctorCommand.UsageException;
import io.phoenixdiag.examples.doctor.PhoenixDoctor;
import io.phoenixdiag.net.iptables.EvaluationOptions;
import io.phoenixdiag.net.iptables.IptablesSave;
import io.phoenixdiag.net.iptables.NetfilterEvaluator;
import io.phoenixdiag.net.iptables.Outcome;
import io.phoenixdiag.net.pvecompile.NodeVerdict;
import io.phoenixdiag.net.pvecompile.PveNodeEvaluator;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code phoenix-doctor explain}: why one packet from A to B is allowed or dropped, with the full trace.
 *
 * <p>Evidence, most authoritative first: {@code --iptables-save FILE} (the netfilter rules loaded on the
 * node, walked through the node's bridge layout by {@link PveNodeEvaluator}; every rule looked at with its
 * table, chain, rule number and dump line), else {@code --pve-fw DIR} (the Proxmox {@code .fw} files,
 * Proxmox semantics, file and line), else {@code --config DIR} (the Phoenix JSON intent, JSON pointers).
 * {@code --config} also supplies addresses and guest NICs for the other two.
 *
 * <p>Exit codes: 0 allowed, 1 blocked (or UNKNOWN: not shown to be allowed; the output says which),
 * 2 usage error or unusable input.
 */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = "Explains why a packet from A to B is allowed or dropped, printing every rule looked at.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:allowed", "1:blocked (or undecidable: UNKNOWN)", "2:usage error or unusable input"})
public final class ExplainCommand implements Callable<Integer> {
    @Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--from", required = true, paramLabel = "A",
            description = "Source: lxc:<CTID>, vm:<VMID>, host, external, or an address.")
    private String from;

    @Option(names = "--to", required = true, paramLabel = "B",
            description = "Destination: lxc:<CTID>, vm:<VMID>, host, external, or an address.")
    private String to;

    @Option(names = "--proto", defaultValue = "tcp", paramLabel = "PROTO",
            description = "tcp, udp, icmp, icmpv6 or a protocol number (default: ${DEFAULT-VALUE}).")
    private String proto;

    @Option(names = "--port", paramLabel = "N", description = "Destination port (tcp/udp), 0..65535.")
    private Integer port;

    @Option(names = "--sport", paramLabel = "N", defaultValue = "40000",
            description = "Source port (default: ${DEFAULT-VALUE}).")
    private int sport;

    @Option(names = "--icmp-type", paramLabel = "NAME", description = "ICMP type name, e.g. echo-request.")
    private String icmpType;

    @Option(names = "--state", paramLabel = "STATE", defaultValue = "NEW",
            description = "Conntrack state: NEW, ESTABLISHED, RELATED or INVALID (default: ${DEFAULT-VALUE}).")
    private String state;

    @Option(names = "--config", paramLabel = "DIR", description = "Phoenix deployment directory (the JSON intent).")
    private Path config;

    @Option(names = "--pve-fw", paramLabel = "DIR", description = "Proxmox firewall files (/etc/pve copy or flat .fw files).")
    private Path pveFw;

    @Option(names = "--iptables-save", paramLabel = "FILE",
            description = "The node's iptables-save output (- for standard input).")
    private String iptablesSave;

    @Option(names = "--host-bridge", paramLabel = "IFACE", defaultValue = "vmbr0",
            description = "Host bridge for guests and external addresses where the model names none (default: ${DEFAULT-VALUE}).")
    private String hostBridge;

    /** Creates the command (picocli instantiates it). */
    public ExplainCommand() {
    }

    /**
     * Explains the packet.
     *
     * @return the exit code
     * @throws UsageException for unusable input (exit code 2)
     */
    @Override
    public Integer call() throws UsageException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (config == null && pveFw == null && iptablesSave == null) {
            throw new UsageException("give at least one of --config DIR, --pve-fw DIR, --iptables-save FILE");
        }
        DeploymentModel model = config == null ? null : Inputs.config(config, err);
        PveFirewall files = pveFw == null ? null : Inputs.pveFw(pveFw, err).loaded().value();
        PveFirewall layout = files != null ? files : model != null ? model.firewall() : null;
        Inputs.Resolved src = Inputs.resolve(from, "--from", model == null ? null : model.topology(), layout);
        Inputs.Resolved dst = Inputs.resolve(to, "--to", model == null ? null : model.topology(), layout);
        Packet packet = packet(src, dst);
        out.println("packet: " + src.label() + " -> " + dst.label() + " " + describe(packet));
        if (iptablesSave != null) {
            IptablesSave dump = Inputs.iptables(iptablesSave, err);
            PveFirewall l = layout != null ? layout : PveFirewall.builder().build();
            EvaluationOptions.Builder opts = EvaluationOptions.builder();
            if (model != null) {
                // addrtype LOCAL/BROADCAST: the host's configured address (plus loopback) is what we know
                model.topology().addressOf(io.phoenixdiag.core.topology.Endpoint.HOST)
                        .ifPresent(h -> opts.localAddresses(h, "127.0.0.1", "::1"));
            }
            PveNodeEvaluator node = PveNodeEvaluator.of(NetfilterEvaluator.of(List.of(dump), opts.build()),
                    dump.source(), l, hostBridge);
            NodeVerdict v = node.evaluate(packet);
            out.println("evidence: netfilter rules in " + dump.source() + " (" + dump.ruleCount() + " rules)");
            out.println("verdict: " + v.flowState() + (v.allowed() ? "" : " (" + v.outcome() + ")"));
            out.println("decided by: " + v.decidedBy());
            v.location().ifPresent(loc -> out.println("at: " + Inputs.where(loc)));
            out.println("trace:");
            v.traceLines().forEach(line -> out.println("  " + line));
            out.flush();
            return v.outcome() == Outcome.ACCEPT ? PhoenixDoctor.OK : PhoenixDoctor.PROBLEM;
        }
        PveFirewall fw = files != null ? files : model.firewall();
        String what = files != null ? "Proxmox firewall files in " + pveFw : "Phoenix JSON intent in " + config;
        Verdict v = PveFirewallEvaluator.compile(fw).evaluate(packet);
        out.println("evidence: " + what + " (Proxmox VE firewall semantics)");
        out.println("verdict: " + v.state() + v.action().filter(a -> v.state() != VerdictState.ALLOWED)
                .map(a -> " (" + a + ")").orElse(""));
        out.println("decided by: " + v.decidedBy());
        v.location().ifPresent(loc -> out.println("at: " + Inputs.where(loc)));
        if (!v.reason().isEmpty()) {
            out.println("reason: " + v.reason());
        }
        out.println("trace:");
        for (TraceEntry t : v.trace()) {
            out.println("  " + t + t.location().map(loc -> "  [" + Inputs.where(loc) + "]").orElse(""));
        }
        out.flush();
        return v.allowed() ? PhoenixDoctor.OK : PhoenixDoctor.PROBLEM;
    }

    private Packet packet(Inputs.Resolved src, Inputs.Resolved dst) throws UsageException {
        if (src.address().contains(":") != dst.address().contains(":")) {
            throw new UsageException("--from and --to have addresses of different IP versions (" + src.address()
                    + ", " + dst.address() + ")");
        }
        Packet.Builder b = Packet.builder(src.endpoint(), dst.endpoint()).sourceIp(src.address()).destinationIp(dst.address());
        try {
            b.protocol(proto.toLowerCase(Locale.ROOT));
            b.state(ConnState.valueOf(state.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--proto/--state: " + e.getMessage());
        }
        String p = proto.toLowerCase(Locale.ROOT);
        boolean ports = p.equals("tcp") || p.equals("udp") || p.equals("6") || p.equals("17");
        if (ports) {
            if (port == null || port < 0 || port > 65535) {
                throw new UsageException("--port: a destination port 0..65535 is required for " + proto);
            }
            if (sport < 0 || sport > 65535) {
                throw new UsageException("--sport: expected 0..65535 but got " + sport);
            }
            b.destinationPort(port).sourcePort(sport);
        } else if (port != null) {
            throw new UsageException("--port: protocol " + proto + " has no ports");
        }
        if (icmpType != null) {
            try {
                b.icmp(icmpType);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--icmp-type: " + e.getMessage());
            }
        }
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static String describe(Packet p) {
        String proto = switch (p.protocol()) {
            case Packet.TCP -> "tcp";
            case Packet.UDP -> "udp";
            case Packet.ICMP -> "icmp";
            case Packet.ICMPV6 -> "icmpv6";
            default -> "proto " + p.protocol();
        };
        String ports = p.destinationPort() >= 0 ? "/" + p.destinationPort() + " (source port " + p.sourcePort() + ")" : "";
        String icmp = p.icmpType() >= 0 ? " type " + p.icmpType() + (p.icmpCode() >= 0 ? "/" + p.icmpCode() : "") : "";
        return proto + ports + icmp + ", conntrack " + p.state();
    }
}
