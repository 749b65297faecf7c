package io.phoenixdiag.core.firewall.pvefile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.phoenixdiag.core.config.LoadResult;
import io.phoenixdiag.core.diag.Finding;
import io.phoenixdiag.core.firewall.Packet;
import io.phoenixdiag.core.firewall.PveFirewall;
import io.phoenixdiag.core.firewall.PveFirewallEvaluator;
import io.phoenixdiag.core.firewall.SimulatorZones;
import io.phoenixdiag.core.firewall.Verdict;
import io.phoenixdiag.core.firewall.VerdictState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * pve-firewall's own simulator tests, run from the files: every {@code test-*} directory is read with
 * {@link PveFirewallFiles} and every expectation line of its {@code tests} file is evaluated with
 * {@link PveFirewallEvaluator}. As upstream's fwtester.pl, an expectation without {@code from} (or
 * {@code to}) holds for each of the zones host, outside, nfvm, vm100 and ct200 in turn.
 */
class SimulatorSuiteTest {
    private static final Pattern PAIR = Pattern.compile("(\\w+)\\s*=>\\s*(?:'([^']*)'|(\\d+))");
    private static final List<String> ZONES = List.of("host", "outside", "nfvm", "vm100", "ct200");

    private static List<Path> testDirs() throws IOException {
        try (Stream<Path> s = Files.list(PveConformance.suite())) {
            return s.filter(p -> p.getFileName().toString().startsWith("test-")).sorted().toList();
        }
    }

    @TestFactory
    List<DynamicTest> everyExpectationPasses() throws IOException {
        List<DynamicTest> out = new ArrayList<>();
        for (Path dir : testDirs()) {
            out.add(DynamicTest.dynamicTest(dir.getFileName().toString(), () -> runDir(dir)));
        }
        return out;
    }

    /** The number of evaluated packets per directory (expectations times the zones they expand to). */
    @Test
    void evaluationCounts() throws IOException {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Path dir : testDirs()) {
            counts.put(dir.getFileName().toString(), runDir(dir));
        }
        assertEquals("{test-basic1=45, test-errors1=3, test-errors2=3, test-errors3=3, test-group1=40,"
                + " test-ipset1=12, test-ipset2=2, test-unconfigured=18, test-vm-aliases1=4, test-vm-ipfilter1=56}",
                counts.toString());
    }

    private static int runDir(Path dir) throws IOException {
        LoadResult<PveFirewall> loaded = PveConformance.load(dir);
        PveFirewallEvaluator ev = PveFirewallEvaluator.compile(loaded.value());
        int n = 0;
        List<String> lines = Files.readAllLines(dir.resolve("tests"));
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            assertTrue(line.startsWith("{") && line.endsWith("}"), "line " + (i + 1) + ": " + line);
            Map<String, String> t = new LinkedHashMap<>();
            Matcher m = PAIR.matcher(line);
            while (m.find()) {
                t.put(m.group(1), m.group(2) != null ? m.group(2) : m.group(3));
            }
            List<String> froms = t.containsKey("from") ? List.of(t.get("from")) : ZONES;
            List<String> tos = t.containsKey("to") ? List.of(t.get("to")) : ZONES;
            for (String from : froms) {
                for (String to : tos) {
                    if (from.equals(to)) {
                        continue;
                    }
                    n++;
                    Verdict v = ev.evaluate(packet(t, from, to));
                    String got = v.state() == VerdictState.UNKNOWN ? "UNKNOWN " + v.reason() : v.action().get().name();
                    assertEquals(t.get("action"), got, dir.getFileName() + "/tests line " + (i + 1) + " " + from + " -> "
                            + to + ": " + line + "\ndecided by " + v.decidedBy() + "\n"
                            + v.trace().stream().map(Object::toString).collect(Collectors.joining("\n"))
                            + "\nload findings: " + loaded.findings().stream().map(Finding::title).toList());
                }
            }
        }
        return n;
    }

    private static Packet packet(Map<String, String> t, String from, String to) {
        String proto = t.getOrDefault("proto", "tcp");
        boolean v6 = proto.equals("icmpv6");
        String src = t.getOrDefault("source", v6 ? "fd00::1" : from.equals("host") ? PveConformance.HOST_IP : "100.100.1.2");
        String dst = t.getOrDefault("dest", v6 ? "fd00::2" : to.equals("host") ? PveConformance.HOST_IP : "100.200.3.4");
        Packet.Builder b = Packet.builder(SimulatorZones.zone(from), SimulatorZones.zone(to)).sourceIp(src).destinationIp(dst).protocol(proto);
        String dport = t.get("dport");
        if (proto.startsWith("icmp")) {
            if (dport != null && dport.chars().allMatch(Character::isDigit)) {
                b.icmp(Integer.parseInt(dport), -1);
            } else if (dport != null) {
                b.icmp(dport);
            }
        } else if (dport != null) {
            b.destinationPort(Integer.parseInt(dport));
        }
        if (t.containsKey("sport")) {
            b.sourcePort(Integer.parseInt(t.get("sport")));
        }
        return b.build();
    }
}
