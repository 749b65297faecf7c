// Phoenix Diagnostics in JShell: the SDK's packages imported and a few helpers defined.
//   mvn -B -ntp -q -DskipTests package
//   jshell --class-path examples/target/phoenix-doctor.jar examples/jshell/phoenix.jsh
// (phoenix-doctor.jar names every dependency in its manifest Class-Path, target/lib/*.jar.)
// Then try the snippets in examples/jshell/snippets/ (/open examples/jshell/snippets/1-blocked-flows.jsh).
import java.net.*;
import java.nio.file.*;
import java.time.*;
import java.util.*;
import io.phoenixdiag.core.analysis.*;
import io.phoenixdiag.core.diag.*;
import io.phoenixdiag.core.diff.*;
import io.phoenixdiag.core.firewall.*;
import io.phoenixdiag.core.topology.IntendedFlow;
import io.phoenixdiag.core.topology.Topology;
import io.phoenixdiag.pki.cert.*;
import io.phoenixdiag.pki.path.*;
import io.phoenixdiag.pki.name.*;
import io.phoenixdiag.net.probe.*;
import io.phoenixdiag.capture.CaptureAnalysis;
import io.phoenixdiag.capture.triage.*;

// The sample deployment bundled with phoenix-doctor (a directory inside the jar).
Path SAMPLE = io.phoenixdiag.examples.doctor.SampleDeployment.open();

// The deployment directory, checked as phoenix-doctor --config checks it: IllegalArgumentException naming the
// path when it is not a directory or holds none of the Phoenix JSON files.
Path deployment(Path dir) {
    if (!Files.isDirectory(dir)) {
        throw new IllegalArgumentException(dir + ": not a directory");
    }
    if (Arrays.stream(io.phoenixdiag.core.config.PhoenixFileKind.values()).noneMatch(k -> Files.exists(dir.resolve(k.fileName())))) {
        throw new IllegalArgumentException(dir + ": none of the Phoenix files is there (expected phoenix_hypervisor_config.json,"
                + " phoenix_lxc_configs.json, phoenix_vm_configs.json, phoenix_stacks_config.json or certificate-manifest.json)");
    }
    return dir;
}

// Loads and analyses a deployment directory (topology, roles, intended flows, firewall verdicts).
DeploymentModel load(Path dir) { return Diagnosis.of(deployment(dir)).analyse(); }

// Prints every intended flow the declared firewall blocks, with what decided it.
void blocked(DeploymentModel m) {
    m.flows().forEach(f -> m.verdict(f).filter(v -> v.state().name().startsWith("BLOCKED")).
        ifPresent(v -> System.out.println("BLOCKED " + f.id() + ": " + v.decidedBy())));
}

// Evaluates one packet against the deployment's Proxmox firewall and prints the verdict and its trace.
Verdict explain(DeploymentModel m, Packet p) {
    Verdict v = PveFirewallEvaluator.compile(m.firewall()).evaluate(p);
    System.out.println(v.state() + ": " + v.decidedBy());
    v.trace().stream().filter(t -> t.result() != io.phoenixdiag.core.firewall.MatchResult.NO_MATCH).forEach(t -> System.out.println("  " + t));
    return v;
}

// One TCP connect, 2000 ms timeout. Like every probe it never resolves names: the host is an IPv4 or IPv6
// address literal and the port 1..65535, else IllegalArgumentException.
TcpProbeResult probeTcp(String host, int port) {
    byte[] address = io.netty.util.NetUtil.createByteArrayFromIpAddressString(host);
    if (address == null) {
        throw new IllegalArgumentException(host + ": expected an IP address literal (probes never resolve names)");
    }
    if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("port " + port + ": expected 1..65535");
    }
    try (Prober prober = Prober.create()) {
        return prober.tcp(new InetSocketAddress(InetAddress.getByAddress(address), port), 2000).join();
    } catch (UnknownHostException e) {
        throw new IllegalArgumentException(host + ": " + e.getMessage(), e);
    }
}

// Triage of pcap/pcapng files in the deployment's terms (flows joined with guests and intended flows).
TriageReport triage(DeploymentModel m, Path... captures) throws java.io.IOException {
    return CaptureTriage.builder().model(m).build().triage(CaptureAnalysis.read(List.of(captures)));
}

// The whole static report as text.
String report(Path dir) { return ReportRenderer.text(false).render(Diagnosis.of(deployment(dir)).run()); }

System.out.println("Phoenix Diagnostics " + Diagnosis.version() + ": load, blocked, explain, probeTcp, triage, report; SAMPLE = the bundled sample");
