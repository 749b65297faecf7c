package io.phoenixdiag.examples.bench;

import io.phoenixdiag.core.netns.NetworkNamespace;
import io.phoenixdiag.net.iptables.EvaluationOptions;
import io.phoenixdiag.net.iptables.Hook;
import io.phoenixdiag.net.iptables.IptablesSave;
import io.phoenixdiag.net.iptables.NetfilterEvaluator;
import io.phoenixdiag.net.iptables.Outcome;
import io.phoenixdiag.net.iptables.Packet;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Benchmark of the iptables-save parser and the verdict-only fast path.
 *
 * <ul>
 *   <li>Parse time (median) of the TUM rule set ({@code tum-net-large-iptables-save.txt}, its anonymised MAC
 *       placeholders replaced by a valid address so that iptables accepts it too) and of a generated
 *       50,000-rule kube-proxy-like rule set, beside {@code iptables-restore --test} (and the legacy and nft
 *       variants when present) on the same text, run inside a throw-away network namespace so that the host's
 *       rules are never touched; ratio = theirs / ours (above 1: we are faster).</li>
 *   <li>Verdicts per second of {@link NetfilterEvaluator#decide} on one thread for random forwarded packets
 *       over the TUM rule set (recent lists assumed empty, source MAC known).</li>
 * </ul>
 *
 * <p>Run as root: {@code java -cp examples/target/phoenix-doctor.jar io.phoenixdiag.examples.bench.IptablesBenchmark
 * [shared-dir]}; without root or iptables the iptables-restore column is skipped.
 */
public final class IptablesBenchmark {
    private static final String MAC = "02:00:00:00:00:01";

    private IptablesBenchmark() {
    }

    /**
     * Runs the benchmark.
     *
     * @param args optional path of the shared directory (default {@code ../shared})
     * @throws Exception if the sample cannot be read or a namespace command fails
     */
    public static void main(String[] args) throws Exception {
        Path shared = Path.of(args.length > 0 ? args[0] : "../shared");
        String tum = Files.readString(shared.resolve("conformance/firewall/iptables-save/tum-net-large-iptables-save.txt"),
                StandardCharsets.UTF_8).replace("XX:XX:XX:XX:XX:XX", MAC);
        String kube = kubeProxyLike(50_000, 7);
        System.out.printf("inputs: TUM %d rules, kube-proxy-like %d rules%n",
                IptablesSave.parse("tum", tum).ruleCount(), IptablesSave.parse("kube", kube).ruleCount());
        parse("TUM", tum);
        parse("kube-proxy 50k", kube);
        verdicts(IptablesSave.parse("tum", tum));
    }

    private static void parse(String label, String text) throws Exception {
        for (int i = 0; i < 5; i++) {
            IptablesSave.parse(label, text);
        }
        double[] t = new double[9];
        for (int i = 0; i < t.length; i++) {
            long s = System.nanoTime();
            IptablesSave.parse(label, text);
            t[i] = (System.nanoTime() - s) / 1e6;
        }
        Arrays.sort(t);
        double ours = t[t.length / 2];
        System.out.printf("%-16s parse (ours, median of %d): %8.1f ms%n", label, t.length, ours);
        if (!NetworkNamespace.available()) {
            System.out.println("  iptables-restore --test: skipped (needs root and iproute2)");
            return;
        }
        Path file = Files.createTempFile("phx-bench", ".rules");
        Files.writeString(file, text);
        try (NetworkNamespace ns = NetworkNamespace.create("bench")) {
            for (String tool : List.of("iptables-restore", "iptables-legacy-restore", "iptables-nft-restore")) {
                double[] r = new double[5];
                boolean ok = true;
                String err = "";
                for (int i = 0; i < r.length && ok; i++) {
                    long s = System.nanoTime();
                    NetworkNamespace.ExecResult res = ns.exec(Duration.ofMinutes(5), tool, "--test", file.toString());
                    r[i] = (System.nanoTime() - s) / 1e6;
                    ok = res.ok();
                    err = res.stderr().strip();
                }
                if (!ok) {
                    System.out.printf("  %-24s failed: %s%n", tool, err.lines().findFirst().orElse(""));
                    continue;
                }
                Arrays.sort(r);
                double theirs = r[r.length / 2];
                System.out.printf("  %-24s --test (median of %d): %8.1f ms   ratio theirs/ours = %.2f%n", tool, r.length,
                        theirs, theirs / ours);
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static void verdicts(IptablesSave tum) {
        NetfilterEvaluator ev = NetfilterEvaluator.of(List.of(tum),
                EvaluationOptions.builder().emptyRecentLists(true).build());
        Random rnd = new Random(42);
        String[] vlans = {"96", "97", "108", "109", "110", "116", "152", "171", "173", "1010", "1011", "1012", "1014",
            "1016", "1017", "1019", "1020", "1023", "1024", "1025", "1111"};
        String[] prefixes = {"131.159.14.", "131.159.15.", "131.159.20.", "131.159.21.", "188.95.233.", "192.48.107.",
            "8.8.8.", "192.168.212."};
        int[] ports = {22, 25, 53, 80, 443, 993, 3306, 5000, 8080, 40000};
        Packet[] packets = new Packet[4096];
        for (int i = 0; i < packets.length; i++) {
            String src = prefixes[rnd.nextInt(prefixes.length)] + rnd.nextInt(256);
            String dst = prefixes[rnd.nextInt(prefixes.length)] + rnd.nextInt(256);
            Packet.Builder b = rnd.nextInt(3) == 0 ? Packet.udp(src, 1024 + rnd.nextInt(60000), dst, ports[rnd.nextInt(ports.length)])
                    : Packet.tcp(src, 1024 + rnd.nextInt(60000), dst, ports[rnd.nextInt(ports.length)]);
            packets[i] = b.inInterface("eth1." + vlans[rnd.nextInt(vlans.length)])
                    .outInterface("eth1." + vlans[rnd.nextInt(vlans.length)]).sourceMac(MAC).build();
        }
        Map<Outcome, Integer> mix = new EnumMap<>(Outcome.class);
        for (Packet p : packets) {
            mix.merge(ev.decide(Hook.FORWARD, p), 1, Integer::sum);
        }
        long sink = 0;
        for (int w = 0; w < 3; w++) {
            for (int i = 0; i < 1_000_000; i++) {
                sink += ev.decide(Hook.FORWARD, packets[i & 4095]).ordinal();
            }
        }
        int n = 5_000_000;
        long s = System.nanoTime();
        for (int i = 0; i < n; i++) {
            sink += ev.decide(Hook.FORWARD, packets[i & 4095]).ordinal();
        }
        double secs = (System.nanoTime() - s) / 1e9;
        System.out.printf("TUM FORWARD verdicts: %,d in %.2f s = %,.0f verdicts/s on one thread (target 1,000,000); "
                + "outcome mix of the %d packets %s (checksum %d)%n", n, secs, n / secs, packets.length, mix, sink);
    }

    /**
     * A kube-proxy (iptables mode) style rule set: per service a KUBE-SERVICES rule, a KUBE-SVC chain choosing
     * endpoints with {@code -m statistic}, and per endpoint a KUBE-SEP chain with mark and DNAT rules.
     *
     * @param rules the approximate number of rules
     * @param seed  the random seed
     * @return iptables-restore text
     */
    public static String kubeProxyLike(int rules, long seed) {
        Random rnd = new Random(seed);
        StringBuilder chains = new StringBuilder();
        StringBuilder body = new StringBuilder();
        chains.append("*nat\n:PREROUTING ACCEPT [0:0]\n:INPUT ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n:POSTROUTING ACCEPT [0:0]\n")
                .append(":KUBE-SERVICES - [0:0]\n:KUBE-NODEPORTS - [0:0]\n:KUBE-POSTROUTING - [0:0]\n:KUBE-MARK-MASQ - [0:0]\n");
        body.append("-A PREROUTING -m comment --comment \"kubernetes service portals\" -j KUBE-SERVICES\n")
                .append("-A OUTPUT -m comment --comment \"kubernetes service portals\" -j KUBE-SERVICES\n")
                .append("-A POSTROUTING -m comment --comment \"kubernetes postrouting rules\" -j KUBE-POSTROUTING\n")
                .append("-A KUBE-MARK-MASQ -j MARK --set-xmark 0x4000/0x4000\n")
                .append("-A KUBE-POSTROUTING -m mark ! --mark 0x4000/0x4000 -j RETURN\n")
                .append("-A KUBE-POSTROUTING -j MARK --set-xmark 0x4000/0x0\n")
                .append("-A KUBE-POSTROUTING -m comment --comment \"kubernetes service traffic requiring SNAT\" -j MASQUERADE --random-fully\n");
        int count = 7;
        int svc = 0;
        while (count < rules) {
            svc++;
            String name = "ns" + (svc % 50) + "/svc" + svc + ":http";
            String svcChain = "KUBE-SVC-" + hash(rnd);
            String ip = "10.96." + (svc / 250 % 256) + "." + (svc % 250 + 1);
            int port = 80 + rnd.nextInt(9000);
            chains.append(':').append(svcChain).append(" - [0:0]\n");
            body.append("-A KUBE-SERVICES -d ").append(ip).append("/32 -p tcp -m comment --comment \"").append(name)
                    .append(" cluster IP\" -m tcp --dport ").append(port).append(" -j ").append(svcChain).append('\n');
            count++;
            int eps = 1 + rnd.nextInt(4);
            for (int e = 0; e < eps; e++) {
                String sep = "KUBE-SEP-" + hash(rnd);
                String pod = "10.244." + rnd.nextInt(256) + "." + (1 + rnd.nextInt(254));
                chains.append(':').append(sep).append(" - [0:0]\n");
                body.append("-A ").append(svcChain).append(" -m comment --comment \"").append(name).append(" -> ")
                        .append(pod).append(":8080\"");
                if (e < eps - 1) {
                    body.append(String.format(" -m statistic --mode random --probability %.11f", 1.0 / (eps - e)));
                }
                body.append(" -j ").append(sep).append('\n');
                body.append("-A ").append(sep).append(" -s ").append(pod).append("/32 -m comment --comment \"").append(name)
                        .append("\" -j KUBE-MARK-MASQ\n");
                body.append("-A ").append(sep).append(" -p tcp -m comment --comment \"").append(name)
                        .append("\" -m tcp -j DNAT --to-destination ").append(pod).append(":8080\n");
                count += 3;
            }
        }
        body.append("-A KUBE-SERVICES -m comment --comment \"kubernetes service nodeports\" -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS\n");
        return chains.append(body).append("COMMIT\n").toString();
    }

    private static String hash(Random rnd) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            sb.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
        }
        return sb.toString();
    }
}
