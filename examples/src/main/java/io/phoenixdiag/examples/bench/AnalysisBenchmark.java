package io.phoenixdiag.examples.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.phoenixdiag.core.analysis.Diagnosis;
import io.phoenixdiag.core.diag.Report;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

/**
 * Benchmark of the static diagnosis (load, topology, flows, firewall verdicts, every check) on generated
 * deployments of 200 and 2,000 guests with 20 firewall rules each. Prints the median time of each size
 * and their ratio, in wall time and in process CPU time (which a busy machine disturbs less); the target
 * is a ratio under 12 for ten times the guests (near-linear).
 *
 * <p>Run: {@code java -cp examples/target/phoenix-doctor.jar io.phoenixdiag.examples.bench.AnalysisBenchmark [runs]}.
 * The 2,000-guest analysis keeps a working set of a few hundred MB; with G1's default (small) young
 * generation much of its time goes to copying survivors, which makes the ratio super-linear. With a young
 * generation that holds the working set ({@code -Xms3g -Xmn2g}) the analysis itself shows: measured here
 * on a shared 2-core machine, ratio 7.0 with {@code -Xms3g -Xmn2g}, 11.9 with {@code -Xmn1g}, 14 to 32
 * with the defaults (noisy).
 * The generated addresses are in 198.18.0.0/15 (RFC 2544 benchmarking range); nothing is sent anywhere.
 */
public final class AnalysisBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();

    private AnalysisBenchmark() {
    }

    /**
     * Runs the benchmark.
     *
     * @param args optional number of measured runs per size (default 5)
     * @throws IOException if the temporary deployments cannot be written
     */
    public static void main(String[] args) throws IOException {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Path small = generate(200, 20);
        Path large = generate(2000, 20);
        for (int i = 0; i < 5; i++) { // warm up the JIT on both shapes
            time(small);
            time(large);
        }
        double[] s = median(small, runs);
        double[] l = median(large, runs);
        delete(small);
        delete(large);
        System.out.printf("guests=200   rules/guest=20  median %.1f ms wall, %.1f ms CPU (all threads, GC included)%n",
                s[0], s[1]);
        System.out.printf("guests=2000  rules/guest=20  median %.1f ms wall, %.1f ms CPU (all threads, GC included)%n",
                l[0], l[1]);
        System.out.printf("ratio 2000/200 = %.2f wall, %.2f CPU (target < 12)%n", l[0] / s[0], l[1] / s[1]);
    }

    private static void delete(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** Median wall time and median process CPU time (ms) of {@code runs} diagnoses. */
    private static double[] median(Path dir, int runs) {
        double[] wall = new double[runs];
        double[] cpu = new double[runs];
        for (int i = 0; i < runs; i++) {
            double[] t = time(dir);
            wall[i] = t[0];
            cpu[i] = t[1];
        }
        Arrays.sort(wall);
        Arrays.sort(cpu);
        return new double[] {wall[runs / 2], cpu[runs / 2]};
    }

    private static double[] time(Path dir) {
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        long start = System.nanoTime();
        Report r = Diagnosis.of(dir).run();
        long ns = System.nanoTime() - start;
        long cpuNs = os.getProcessCpuTime() - cpu0;
        if (r.flows().isEmpty()) {
            throw new IllegalStateException("generated deployment produced no flows");
        }
        return new double[] {ns / 1e6, cpuNs / 1e6};
    }

    /**
     * Writes a deployment: a gateway, a router, a CA and backends behind the router, each guest with
     * {@code rulesPerGuest} rules (the router, CA and DNS rules it needs plus filler rules).
     *
     * @param guests        number of LXC guests (at least 4)
     * @param rulesPerGuest rules per guest
     * @return the directory
     * @throws IOException if writing fails
     */
    public static Path generate(int guests, int rulesPerGuest) throws IOException {
        Random rnd = new Random(guests * 31L + rulesPerGuest);
        Path dir = Files.createTempDirectory("phoenix-bench-" + guests);
        ObjectNode hv = JSON.createObjectNode();
        hv.put("domain_name", "bench.example");
        ObjectNode net = hv.putObject("network");
        ObjectNode ifc = net.putObject("interfaces");
        ifc.put("name", "vmbr0").put("address", "198.18.0.2/15").put("gateway", "198.18.0.1");
        ifc.putArray("dns_nameservers").add("198.18.0.2");
        net.put("nfs_server", "198.18.0.2");
        ObjectNode fw = hv.putObject("shared_volumes").putObject("firewall");
        fw.put("enabled", true).put("default_input_policy", "DROP").put("default_output_policy", "ACCEPT");
        ArrayNode global = fw.putArray("global_firewall_rules");
        global.addObject().put("type", "in").put("action", "ACCEPT").put("source", "198.18.0.0/15")
                .put("proto", "udp").put("port", "53");
        global.addObject().put("type", "in").put("action", "ACCEPT").put("source", "198.18.0.0/15")
                .put("proto", "tcp").put("port", "53");
        JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve("phoenix_hypervisor_config.json").toFile(), hv);

        ObjectNode lxc = JSON.createObjectNode();
        ObjectNode configs = lxc.putObject("lxc_configs");
        for (int i = 0; i < guests; i++) {
            int id = 100 + i;
            ObjectNode g = configs.putObject(String.valueOf(id));
            String role = i == 0 ? "Nginx-Gateway" : i == 1 ? "Traefik" : i == 2 ? "Step-CA" : "svc-" + id;
            g.put("name", role).put("start_at_boot", true);
            ObjectNode n = g.putObject("network_config");
            n.put("name", "eth0").put("bridge", "vmbr0").put("ip", address(i) + "/15").put("gw", "198.18.0.1")
                    .put("nameservers", "198.18.0.2");
            g.put("mac_address", String.format("52:54:00:%02X:%02X:%02X", (i >> 16) & 255, (i >> 8) & 255, i & 255));
            ArrayNode features = g.putArray("features").add("base_setup");
            if (i == 1) {
                features.add("traefik");
            } else if (i == 2) {
                features.add("step_ca");
            } else if (i % 10 == 0) {
                features.add("step_cli");
            }
            int port = 8000 + (i % 500);
            if (i >= 2) {
                g.putObject("traefik_service").put("name", "svc" + id).put("port", i == 2 ? 9000 : port);
            }
            ObjectNode f = g.putObject("firewall");
            f.put("enabled", true);
            ArrayNode rules = f.putArray("rules");
            rules.addObject().put("type", "in").put("action", "ACCEPT").put("source", address(1))
                    .put("proto", "tcp").put("port", String.valueOf(i == 2 ? 9000 : port));
            rules.addObject().put("type", "out").put("action", "ACCEPT").put("dest", "198.18.0.2")
                    .put("proto", "udp").put("port", "53");
            while (rules.size() < rulesPerGuest) {
                ObjectNode r = rules.addObject();
                r.put("type", rnd.nextBoolean() ? "in" : "out").put("action", rnd.nextInt(4) == 0 ? "DROP" : "ACCEPT");
                r.put(rnd.nextBoolean() ? "source" : "dest", address(rnd.nextInt(guests)));
                r.put("proto", rnd.nextBoolean() ? "tcp" : "udp");
                int p = 1024 + rnd.nextInt(60000);
                r.put("port", rnd.nextInt(3) == 0 ? p + ":" + (p + rnd.nextInt(100)) : String.valueOf(p));
                r.put("comment", "generated rule " + rules.size());
            }
        }
        JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve("phoenix_lxc_configs.json").toFile(), lxc);
        return dir;
    }

    private static String address(int i) {
        int host = i + 10;
        return "198." + (18 + (host >> 16)) + "." + ((host >> 8) & 255) + "." + (host & 255);
    }
}
