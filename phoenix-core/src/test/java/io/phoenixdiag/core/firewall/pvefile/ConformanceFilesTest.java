package io.phoenixdiag.core.firewall.pvefile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.phoenixdiag.core.config.LoadResult;
import io.phoenixdiag.core.diag.Finding;
import io.phoenixdiag.core.diag.Severity;
import io.phoenixdiag.core.firewall.DatacenterFirewall;
import io.phoenixdiag.core.firewall.GuestFirewall;
import io.phoenixdiag.core.firewall.PveFirewall;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every {@code .fw} file of {@code ../shared/conformance/firewall/pve} reads with no ERROR, with exact
 * counts of rules, IPSets, aliases and security groups, and exactly the findings listed (check id and line).
 */
class ConformanceFilesTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // file | kind | rules | ipsets | aliases | groups | group rules | findings (id@line)
        "pve-example-cluster.fw | CLUSTER | 1 | 2 | 4 | 2 | 10 | firewall.rule-refused@33",
        "pve-example-host.fw | HOST | 2 | 0 | 0 | 0 | 0 | ''",
        "pve-example-100.fw | VM | 14 | 1 | 0 | 0 | 0 | firewall.rule-refused@53 firewall.rule-refused@54",
        "pve-firewall-syntax-example-cluster.fw | CLUSTER | 8 | 2 | 3 | 3 | 9 | firewall.rule-refused@48",
        "riczorn-pve-firewall-helper-cluster.fw | CLUSTER | 33 | 4 | 8 | 0 | 0 | ''",
    })
    void readsWithExactCounts(String file, FileKind kind, int rules, int ipsets, int aliases, int groups,
                              int groupRules, String findings) throws IOException {
        String text = Files.readString(PveConformance.pve().resolve(file));
        LoadResult<PveFirewall> r = PveFirewallFiles.parse(text, file, kind);
        PveFirewall m = r.value();
        int[] got;
        if (kind == FileKind.CLUSTER) {
            DatacenterFirewall dc = m.datacenter();
            got = new int[] {dc.rules().size(), dc.ipsets().size(), dc.aliases().size(), dc.groups().size(),
                dc.groups().values().stream().mapToInt(g -> g.rules().size()).sum()};
        } else if (kind == FileKind.HOST) {
            got = new int[] {m.host().rules().size(), 0, 0, 0, 0};
        } else {
            GuestFirewall g = m.guests().get(100);
            got = new int[] {g.rules().size(), g.ipsets().size(), g.aliases().size(), 0, 0};
        }
        assertEquals(List.of(rules, ipsets, aliases, groups, groupRules), java.util.Arrays.stream(got).boxed().toList());
        assertEquals(findings, describe(r.findings()));
        assertEquals(0, r.findings().stream().filter(f -> f.severity().compareTo(Severity.WARNING) > 0).count());
    }

    /** The example VM file read against the example cluster file: the datacenter alias now resolves. */
    @org.junit.jupiter.api.Test
    void exampleGuestAgainstExampleCluster() throws IOException {
        DatacenterFirewall dc = PveFirewallFiles.parse(Files.readString(PveConformance.pve().resolve("pve-example-cluster.fw")),
                "cluster.fw", FileKind.CLUSTER).value().datacenter();
        LoadResult<PveFirewall> r = PveFirewallFiles.parse(Files.readString(PveConformance.pve().resolve("pve-example-100.fw")),
                "100.fw", FileKind.VM, dc);
        assertEquals("firewall.rule-refused@53", describe(r.findings()));
        assertEquals(List.of("no such ipset 'mynetgroup'"), r.value().guests().get(100).rules().get(5).errors());
        assertEquals(12, r.value().guests().get(100).rules().stream().filter(x -> x.isActive()).count());
    }

    static String describe(List<Finding> findings) {
        StringBuilder sb = new StringBuilder();
        for (Finding f : findings) {
            sb.append(sb.length() == 0 ? "" : " ").append(f.checkId()).append('@')
                    .append(f.locations().isEmpty() ? 0 : f.locations().get(0).line());
        }
        return sb.toString();
    }
}
