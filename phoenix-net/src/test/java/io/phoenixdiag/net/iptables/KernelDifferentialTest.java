package io.phoenixdiag.net.iptables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.phoenixdiag.core.netns.NetworkNamespace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The kernel as judge: random rule sets are loaded with {@code iptables-legacy-restore} and
 * {@code iptables-nft-restore} into a throw-away network namespace, real TCP, UDP and ICMP packets are sent
 * to it from a second namespace over a veth pair, and for every packet the kernel's outcome (accepted: the
 * per-packet counting rule at the end of security INPUT counted it; rejected: an error came back; dropped:
 * nothing came back) and every rule and policy counter ({@code iptables-save -c}) must equal what
 * {@link NetfilterEvaluator} predicts for the same packets.
 *
 * <p>Runs when root with iproute2 and iptables; under {@code CI=true} it must run. The host's own tables are
 * never touched: everything happens inside namespaces created here, which have no default route.
 */
@Timeout(900)
class KernelDifferentialTest {
    static final int CASES_PER_BATCH = 100;
    static final int MIN_CASES = 2200;
    private static final Duration T = Duration.ofSeconds(30);
    private static final Path REPORT = Path.of("target", "kernel-differential");

    static List<String> variants = new ArrayList<>();
    /** Outcome and counter statistics over the run, for the summary (shows the comparisons are not vacuous). */
    static final Map<String, Long> STATS = new java.util.TreeMap<>();

    @BeforeAll
    static void needsRootAndIptables() {
        for (String v : new String[] {"legacy", "nft"}) {
            if (Files.isExecutable(Path.of("/usr/sbin/iptables-" + v + "-restore"))
                    || Files.isExecutable(Path.of("/sbin/iptables-" + v + "-restore"))) {
                variants.add(v);
            }
        }
        boolean ok = NetworkNamespace.available() && !variants.isEmpty();
        if ("true".equals(System.getenv("CI"))) {
            assertTrue(ok, "CI runs as root with iproute2 and iptables: the kernel differential must run");
        }
        Assumptions.assumeTrue(ok, "needs root, iproute2 and iptables-legacy/nft-restore");
    }

    @Test
    void kernelAndEvaluatorAgreeOnGeneratedRuleSets() throws Exception {
        Files.createDirectories(REPORT);
        int batchesPerVariant = (MIN_CASES + CASES_PER_BATCH * variants.size() - 1) / (CASES_PER_BATCH * variants.size());
        int total = 0;
        List<String> disagreements = new ArrayList<>();
        for (int vi = 0; vi < variants.size(); vi++) {
            for (int b = 0; b < batchesPerVariant; b++) {
                long seed = 1000L * (vi + 1) + b;
                BatchResult r = runBatch(variants.get(vi), seed);
                total += r.cases;
                disagreements.addAll(r.disagreements);
            }
        }
        Files.writeString(REPORT.resolve("summary.txt"), "variants=" + variants + " cases=" + total + " disagreements="
                + disagreements.size() + "\nstats " + STATS + "\n" + String.join("\n", disagreements) + "\n");
        assertTrue(total >= MIN_CASES - CASES_PER_BATCH, "cases run: " + total);
        if (!disagreements.isEmpty()) {
            fail(disagreements.size() + " disagreements between kernel and evaluator (details in " + REPORT + "):\n"
                    + String.join("\n", disagreements.subList(0, Math.min(20, disagreements.size()))));
        }
    }

    record BatchResult(int cases, List<String> disagreements) {
    }

    static BatchResult runBatch(String variant, long seed) throws Exception {
        try (NetworkNamespace srv = NetworkNamespace.create("ipts"); NetworkNamespace cli = NetworkNamespace.create("iptc")) {
            List<String> ifs = NetworkNamespace.link(srv, "10.77.0.1/24", cli, "10.77.0.10/24");
            List<String> srvAddrs = List.of("10.77.0.1", "10.77.0.2", "10.77.0.3");
            List<String> cliAddrs = new ArrayList<>();
            for (int i = 10; i < 42; i++) {
                cliAddrs.add("10.77.0." + i);
            }
            String srvMac = srv.exec(T, "cat", "/sys/class/net/" + ifs.get(0) + "/address").requireSuccess("mac").stdout().strip();
            String cliMac = cli.exec(T, "cat", "/sys/class/net/" + ifs.get(1) + "/address").requireSuccess("mac").stdout().strip();
            StringBuilder srvIp = new StringBuilder();
            StringBuilder cliIp = new StringBuilder();
            for (String a : srvAddrs.subList(1, srvAddrs.size())) {
                srvIp.append("addr add ").append(a).append("/24 dev ").append(ifs.get(0)).append('\n');
            }
            for (String a : cliAddrs.subList(1, cliAddrs.size())) {
                cliIp.append("addr add ").append(a).append("/24 dev ").append(ifs.get(1)).append('\n');
            }
            // static neighbours: no ARP delay or queue limit in the way of the first packets
            for (String a : cliAddrs) {
                srvIp.append("neigh replace ").append(a).append(" lladdr ").append(cliMac).append(" dev ")
                        .append(ifs.get(0)).append(" nud permanent\n");
            }
            for (String a : srvAddrs) {
                cliIp.append("neigh replace ").append(a).append(" lladdr ").append(srvMac).append(" dev ")
                        .append(ifs.get(1)).append(" nud permanent\n");
            }
            Path ipDir = Files.createTempDirectory("phx-kdiff-ip");
            Files.writeString(ipDir.resolve("srv"), srvIp);
            Files.writeString(ipDir.resolve("cli"), cliIp);
            srv.exec(T, "ip", "-batch", ipDir.resolve("srv").toString()).requireSuccess("configure server namespace");
            cli.exec(T, "ip", "-batch", ipDir.resolve("cli").toString()).requireSuccess("configure client namespace");
            deleteTree(ipDir);
            // ICMP errors are rate-limited per destination; the judged namespace must answer every REJECT
            srv.exec(T, "sysctl", "-qw", "net.ipv4.icmp_ratemask=0").requireSuccess("icmp_ratemask");
            srv.exec(T, "sysctl", "-qw", "net.ipv4.icmp_ratelimit=0").requireSuccess("icmp_ratelimit");

            RuleGen.Env env = new RuleGen.Env(ifs.get(0), srvMac, ifs.get(1), cliMac, srvAddrs, cliAddrs);
            RuleGen gen = new RuleGen(seed, env);
            String rules = gen.generate(CASES_PER_BATCH);
            Path dir = Files.createTempDirectory("phx-kdiff");
            Path rulesFile = dir.resolve("rules");
            Files.writeString(rulesFile, rules);
            Path casesFile = dir.resolve("cases");
            StringBuilder cl = new StringBuilder();
            for (RuleGen.Case c : gen.cases) {
                cl.append(c.line()).append('\n');
            }
            Files.writeString(casesFile, cl.toString());
            srv.exec(T, "iptables-" + variant + "-restore", rulesFile.toString())
                    .requireSuccess("load generated rules (seed " + seed + ")");

            String java = ProcessHandle.current().info().command().orElse("java");
            String cp = Path.of(KernelSender.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
            NetworkNamespace.ExecResult sent = cli.exec(T, java, "-cp", cp, KernelSender.class.getName(),
                    casesFile.toString()).requireSuccess("send packets");
            Map<Integer, String> seen = new HashMap<>();
            for (String l : sent.stdout().split("\n")) {
                if (!l.isBlank()) {
                    int sp = l.indexOf(' ');
                    seen.put(Integer.parseInt(l.substring(0, sp)), l.substring(sp + 1));
                }
            }
            String dumpText = srv.exec(T, "iptables-" + variant + "-save", "-c").requireSuccess("save counters").stdout();
            BatchResult r = compare(variant, seed, rules, dumpText, gen, env, seen);
            if (!r.disagreements.isEmpty()) {
                Path keep = REPORT.resolve(variant + "-" + seed);
                Files.createDirectories(keep);
                Files.writeString(keep.resolve("rules"), rules);
                Files.writeString(keep.resolve("cases"), cl.toString());
                Files.writeString(keep.resolve("kernel-save"), dumpText);
                Files.writeString(keep.resolve("sender"), sent.stdout());
            }
            deleteTree(dir);
            return r;
        }
    }

    static BatchResult compare(String variant, long seed, String rules, String dumpText, RuleGen gen, RuleGen.Env env,
                               Map<Integer, String> seen) {
        IptablesSave loaded = IptablesSave.parse("generated-" + seed, rules);
        assertEquals(List.of(), loaded.diagnostics(), "generated rules must parse cleanly");
        IptablesSave kernel = IptablesSave.parse("kernel-" + variant + "-" + seed, dumpText);
        assertEquals(List.of(), kernel.errors(), "kernel dump must parse without errors");
        Map<String, Long> actual = counters(kernel);
        EvaluationOptions opts = EvaluationOptions.builder().localAddresses("10.77.0.1", "10.77.0.2", "10.77.0.3",
                "127.0.0.1").broadcastAddresses("10.77.0.255", "10.77.0.0").emptyRecentLists(true).build();
        NetfilterEvaluator ev = NetfilterEvaluator.of(List.of(loaded), opts);
        Map<String, Long> predicted = new HashMap<>();
        List<String> bad = new ArrayList<>();
        String tag = variant + " seed " + seed;
        for (RuleGen.Case c : gen.cases) {
            long arrived = actual.getOrDefault("raw/PREROUTING/" + c.id(), -1L);
            long accepted = actual.getOrDefault("security/INPUT/" + c.id(), -1L);
            if (arrived < 1 || (arrived > 1 && !c.proto().equals("tcp"))) {
                fail(tag + ": case " + c.line() + " arrived " + arrived + " times (setup problem, sender said "
                        + seen.get(c.id()) + ")");
            }
            // a TCP SYN that got no answer within a second is retransmitted and takes the same path again
            String s = seen.getOrDefault(c.id(), "TIMEOUT");
            Outcome kernelOutcome = accepted >= 1 ? Outcome.ACCEPT : s.startsWith("ERR") ? Outcome.REJECT : Outcome.DROP;
            Verdict v = ev.evaluate(Hook.inbound(false), c.packet(env));
            for (TraceStep st : v.trace()) {
                if (st.kind() == TraceStep.Kind.RULE || st.kind() == TraceStep.Kind.POLICY) {
                    predicted.merge(st.table() + "/" + st.chain() + "/" + st.ruleNumber(), arrived, Long::sum);
                }
            }
            STATS.merge("outcome." + kernelOutcome, 1L, Long::sum);
            STATS.merge("undecided-steps", v.trace().stream().filter(st -> st.kind() == TraceStep.Kind.UNDECIDED).count(),
                    Long::sum);
            if (v.outcome() != kernelOutcome) {
                bad.add(tag + ": case " + c.line() + ": kernel " + kernelOutcome + " (sender: " + s + "), evaluator "
                        + v.outcome() + ": " + v.reason());
            }
        }
        for (Map.Entry<String, Long> e : actual.entrySet()) {
            String k = e.getKey();
            boolean outbound = k.contains("/OUTPUT/") || k.contains("/POSTROUTING/") || k.contains("/FORWARD/");
            if (outbound) {
                continue;
            }
            long p = predicted.getOrDefault(k, 0L);
            STATS.merge(e.getValue() > 0 ? "counters.nonzero" : "counters.zero", 1L, Long::sum);
            if (p != e.getValue()) {
                bad.add(tag + ": counter " + k + " kernel " + e.getValue() + ", evaluator " + p);
            }
        }
        return new BatchResult(gen.cases.size(), bad);
    }

    /** table/chain/ruleNumber (0 for the policy) -> packets. */
    static Map<String, Long> counters(IptablesSave dump) {
        Map<String, Long> m = new HashMap<>();
        for (Ruleset rs : dump.rulesets()) {
            for (Table t : rs.tables()) {
                for (Chain c : t.chains()) {
                    if (c.builtin()) {
                        m.put(t.name() + "/" + c.name() + "/0", c.counters().map(Counters::packets).orElse(0L));
                    }
                    for (Rule r : c.rules()) {
                        m.put(t.name() + "/" + c.name() + "/" + r.number(), r.counters().map(Counters::packets).orElse(0L));
                    }
                }
            }
        }
        return m;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    static String read(Path p) throws IOException {
        return Files.readString(p, StandardCharsets.UTF_8);
    }
}
