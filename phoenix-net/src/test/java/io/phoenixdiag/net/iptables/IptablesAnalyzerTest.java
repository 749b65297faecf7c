package io.phoenixdiag.net.iptables;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.phoenixdiag.core.diag.Finding;
import io.phoenixdiag.core.diag.Location;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IptablesAnalyzerTest {
    private static final Path GOLDEN = Path.of("src/test/resources/io/phoenixdiag/net/iptables/golden");

    static String render(List<Finding> findings) {
        return findings.stream().map(f -> f.severity() + " " + f.checkId() + " " + f.title() + "\n  " + f.message()
                + f.evidence().stream().map(e -> "\n  - " + e.text()).collect(Collectors.joining())
                + "\n  at " + f.locations().stream().map(l -> Integer.toString(l.line())).collect(Collectors.joining(",")))
                .collect(Collectors.joining("\n")) + "\n";
    }

    /** Golden files of the analysis of the real samples; regenerate with {@code -Dphoenix.updateGolden=true}. */
    @ParameterizedTest
    @ValueSource(strings = {"docker-topos-iptables-save.txt", "firewalld-fedora27-ip6tables-save.txt",
        "firewalld-fedora27-iptables-save.txt", "medium-company-iptables-save.txt", "parser-torture-iptables-save.txt",
        "tum-net-large-iptables-save.txt", "ufw-server2-iptables-save.txt"})
    void samplesMatchTheirGoldenAnalysis(String sample) throws Exception {
        IptablesSave s = IptablesSave.parse(sample, Files.readString(Samples.file(sample), StandardCharsets.UTF_8));
        String got = render(IptablesAnalyzer.analyze(s));
        Path golden = GOLDEN.resolve(sample.replace(".txt", ".findings.txt"));
        if (Boolean.getBoolean("phoenix.updateGolden")) {
            Files.createDirectories(GOLDEN);
            Files.writeString(golden, got, StandardCharsets.UTF_8);
        }
        assertEquals(Files.readString(golden, StandardCharsets.UTF_8), got);
    }

    static List<String> ids(String... lines) {
        IptablesSave s = NetfilterEvaluatorTest.dump(lines);
        return IptablesAnalyzer.analyze(s).stream()
                .map(f -> f.checkId() + "@" + f.locations().stream().map(Location::line).map(String::valueOf)
                        .collect(Collectors.joining(","))).toList();
    }

    @Test
    void eachKindOfFinding() {
        assertEquals(List.of(
                "iptables.unreachable-chain@5",
                "iptables.shadowed-rule@8",
                "iptables.redundant-rule@9",
                "iptables.duplicate-rule@10",
                "iptables.unmatchable-rule@11",
                "iptables.drop-without-log@7,9,2",
                "iptables.jump-to-missing-chain@12",
                "iptables.drop-without-log@14"),
            ids("*filter", ":INPUT DROP [0:0]", ":FORWARD ACCEPT [0:0]", ":OUTPUT ACCEPT [0:0]", ":orphan - [0:0]",
                ":logged - [0:0]",
                "-A INPUT -s 10.0.0.0/8 -p tcp -j DROP",
                "-A INPUT -s 10.1.0.0/16 -p tcp -m tcp --dport 22 -j ACCEPT",
                "-A INPUT -s 10.2.0.0/16 -p tcp -m multiport --dports 80,443 -j DROP",
                "-A INPUT -s 10.2.0.0/16 -p tcp -m multiport --dports 80,443 -j DROP",
                "-A INPUT -p udp -m tcp --dport 53 -j ACCEPT",
                "-A INPUT -j nosuchchain",
                "-A FORWARD -j logged",
                "-A logged -p icmp -j DROP",
                "-A logged -j LOG --log-prefix \"drop \"",
                "-A logged -j DROP",
                "COMMIT"));
    }

    @Test
    void rawStateNewIsUnmatchableAndLimitedLogsStillLog() {
        assertEquals(List.of("iptables.unmatchable-rule@4"),
            ids("*raw", ":PREROUTING ACCEPT [0:0]", ":OUTPUT ACCEPT [0:0]",
                "-A PREROUTING -m conntrack --ctstate NEW -j DROP",
                "-A PREROUTING -m limit --limit 3/min -j LOG",
                "-A PREROUTING -s 10.0.0.0/8 -j DROP", "COMMIT"));
    }

    @Test
    void rateLimitedAndRecentRulesNeverCover() {
        assertEquals(List.of(),
            ids("*filter", ":INPUT ACCEPT [0:0]",
                "-A INPUT -m limit --limit 3/min -j ACCEPT",
                "-A INPUT -m recent --rcheck --name x -j ACCEPT",
                "-A INPUT -s 10.0.0.0/8 -j ACCEPT", "COMMIT"));
    }
}
