package io.phoenixdiag.core.firewall.pvefile;

import static io.phoenixdiag.core.firewall.pvefile.ConformanceFilesTest.describe;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.phoenixdiag.core.config.LoadResult;
import io.phoenixdiag.core.diag.Location;
import io.phoenixdiag.core.firewall.Action;
import io.phoenixdiag.core.firewall.AddressSpec;
import io.phoenixdiag.core.firewall.DatacenterFirewall;
import io.phoenixdiag.core.firewall.Direction;
import io.phoenixdiag.core.firewall.Endpoint;
import io.phoenixdiag.core.firewall.FirewallRule;
import io.phoenixdiag.core.firewall.GuestFirewall;
import io.phoenixdiag.core.firewall.GuestKind;
import io.phoenixdiag.core.firewall.GuestNic;
import io.phoenixdiag.core.firewall.IpSet;
import io.phoenixdiag.core.firewall.Packet;
import io.phoenixdiag.core.firewall.PveFirewall;
import io.phoenixdiag.core.firewall.PveFirewallEvaluator;
import io.phoenixdiag.core.firewall.Verdict;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Exact values for each construct of the {@code .fw} syntax and each refusal. */
class FwParserTest {

    private static LoadResult<PveFirewall> cluster(String text) {
        return PveFirewallFiles.parse(text, "cluster.fw", FileKind.CLUSTER);
    }

    private static DatacenterFirewall dc(String text) {
        return cluster(text).value().datacenter();
    }

    private static LoadResult<PveFirewall> guest(String text, DatacenterFirewall dc) {
        return PveFirewallFiles.parse(text, "/etc/pve/firewall/100.fw", FileKind.VM, dc);
    }

    private static FirewallRule onlyRule(String rulesText) {
        List<FirewallRule> rules = dc("[RULES]\n" + rulesText + "\n").rules();
        assertEquals(1, rules.size());
        return rules.get(0);
    }

    @Test
    void sectionHeadersInAnyCase() {
        LoadResult<PveFirewall> r = cluster("[options]\nEnable: 1\nPOLICY_IN: accept\n[Aliases]\nSrv 10.0.0.1\n"
                + "[IpSet Web] # front ends\n10.0.0.2\n[Group Admins] # the admins\nIN ACCEPT -p tcp -dport 22\n"
                + "[rules]\nin ACCEPT -source srv\n");
        DatacenterFirewall d = r.value().datacenter();
        assertEquals("", describe(r.findings()));
        assertTrue(d.options().enable());
        assertEquals(Action.ACCEPT, d.options().policyIn());
        assertEquals("10.0.0.1", d.aliases().get("srv").cidr());
        assertEquals("front ends", d.ipsets().get("web").comment());
        assertEquals(Optional.of(Location.ofLine("cluster.fw", 6, 1)), d.ipsets().get("web").origin());
        assertEquals("the admins", d.groups().get("admins").comment());
        assertEquals(1, d.groups().get("admins").rules().size());
        assertEquals(Direction.IN, d.rules().get(0).direction());
        assertEquals(Optional.of(Location.ofLine("cluster.fw", 11, 1)), d.rules().get(0).origin());
    }

    @Test
    void ruleWithEveryOption() {
        FirewallRule r = onlyRule("  |IN ssh(ACCEPT) -i vmbr0 -source 10.0.0.1-10.0.0.10 -dest 10.1.0.1,10.1.0.2 -log info # ops  ");
        assertFalse(r.enabled());
        assertEquals("SSH", r.macro());
        assertEquals(Optional.of(Action.ACCEPT), r.action());
        assertEquals("vmbr0", r.iface());
        assertEquals(AddressSpec.Kind.LIST, r.source().kind());
        assertEquals("10.0.0.1-10.0.0.10", r.source().render());
        assertEquals(2, r.dest().ranges().size());
        assertEquals("info", r.log());
        assertEquals("ops", r.comment());
        assertEquals("|IN ssh(ACCEPT) -i vmbr0 -source 10.0.0.1-10.0.0.10 -dest 10.1.0.1,10.1.0.2 -log info # ops", r.text());
        assertEquals(Optional.of(Location.ofLine("cluster.fw", 2, 3)), r.origin());
        assertEquals(List.of(), r.errors());
        assertEquals("|IN SSH(ACCEPT) -i vmbr0 -source 10.0.0.1-10.0.0.10 -dest 10.1.0.1,10.1.0.2 -log info # ops",
                r.toFwLine());
    }

    @Test
    void icmpTypeAndLongOptionForms() {
        FirewallRule r = onlyRule("OUT DROP --proto icmp --icmp-type echo-request --source 10.0.0.0/8");
        assertEquals("icmp", r.proto());
        assertEquals("echo-request", r.icmpType());
        assertEquals("10.0.0.0/8", r.source().text());
        assertEquals(List.of(), r.errors());
    }

    @Test
    void ipsetEntriesNomatchCommentsAndAliases() {
        DatacenterFirewall d = dc("[ALIASES]\nnet 10.3.0.0/24\n[IPSET s1]\n192.168.0.1 #mine\n! 10.0.0.0/8  # not these\n"
                + "net\ndc/net\n10.9.9.9/32\n");
        IpSet s = d.ipsets().get("s1");
        assertEquals(List.of("192.168.0.1", "10.0.0.0/8", "net", "dc/net", "10.9.9.9"),
                s.entries().stream().map(IpSet.Entry::cidr).toList());
        assertEquals(List.of(false, true, false, false, false), s.entries().stream().map(IpSet.Entry::nomatch).toList());
        assertEquals(List.of("mine", "not these", "", "", ""), s.entries().stream().map(IpSet.Entry::comment).toList());
        assertTrue(s.entries().get(2).isAlias());
        assertTrue(s.entries().stream().allMatch(e -> e.errors().isEmpty()));
    }

    @Test
    void refusedIpsetEntries() {
        LoadResult<PveFirewall> r = cluster("[IPSET s1]\n10.0.0.1\n10.0.0.1/32\nnoalias\n10.0.0.0/0\nfoo/bar\n");
        IpSet s = r.value().datacenter().ipsets().get("s1");
        assertEquals(List.of(List.of(), List.of("duplicate ipset entry for '10.0.0.1'"), List.of("no such alias 'noalias'"),
                List.of("a zero prefix is not allowed in ipset entries"),
                List.of("value does not look like a valid IP address or CIDR network")),
                s.entries().stream().map(IpSet.Entry::errors).toList());
        assertEquals("firewall.ipset-entry-refused@3 firewall.ipset-entry-refused@4 firewall.ipset-entry-refused@5"
                + " firewall.ipset-entry-refused@6", describe(r.findings()));
    }

    @Test
    void guestOptionsAndAliasesLocalFirst() {
        DatacenterFirewall d = dc("[ALIASES]\nsrv 10.0.0.1\nonlydc 10.0.0.9\n[IPSET dcset]\n10.5.0.0/16\n");
        LoadResult<PveFirewall> r = guest("[OPTIONS]\nenable: 1\npolicy_in: REJECT\npolicy_out: DROP\nipfilter: 1\n"
                + "macfilter: 0\ndhcp: 0\nndp: 0\nradv: 1\nlog_level_in: info\n[ALIASES]\nsrv 192.168.1.1\n"
                + "[RULES]\nIN ACCEPT -source srv\nIN ACCEPT -source dc/srv\nIN ACCEPT -source onlydc\n"
                + "IN ACCEPT -source +dcset\nIN ACCEPT -source +dc/dcset -i net1\n", d);
        assertEquals("", describe(r.findings()));
        GuestFirewall g = r.value().guests().get(100);
        assertEquals("GuestOptions[enable=true, policyIn=REJECT, policyOut=DROP, ipfilter=true, macfilter=false,"
                + " dhcp=false, ndp=false, radv=true, other={log_level_in=info}]", g.options().toString());
        PveFirewall fw = PveFirewall.builder().datacenter(DatacenterFirewall.builder()
                .options(io.phoenixdiag.core.firewall.DatacenterOptions.builder().enable(true).build())
                .alias(d.aliases().get("srv")).alias(d.aliases().get("onlydc")).ipset(d.ipsets().get("dcset")).build())
                .guest(GuestFirewall.builder(GuestKind.VM, 100).options(g.options()).rules(g.rules())
                        .alias(g.aliases().get("srv")).nic(GuestNic.of("net0", true)).build()).build();
        PveFirewallEvaluator ev = PveFirewallEvaluator.compile(fw);
        assertEquals("vm:100 IN rule 1 (ACCEPT all from srv)", decide(ev, "192.168.1.1"));
        assertEquals("vm:100 IN rule 2 (ACCEPT all from dc/srv)", decide(ev, "10.0.0.1"));
        assertEquals("vm:100 IN rule 3 (ACCEPT all from onlydc)", decide(ev, "10.0.0.9"));
        assertEquals("vm:100 IN rule 4 (ACCEPT all from +dcset)", decide(ev, "10.5.1.1"));
    }

    private static String decide(PveFirewallEvaluator ev, String src) {
        Verdict v = ev.evaluate(Packet.builder(Endpoint.external("vmbr0"), Endpoint.guest(100)).sourceIp(src)
                .destinationIp("10.0.0.100").protocol("tcp").destinationPort(80).build());
        return v.decidedBy();
    }

    @Test
    void hostAndClusterOptions() {
        LoadResult<PveFirewall> h = PveFirewallFiles.parse("[OPTIONS]\nenable: 0\nnosmurfs: 0\ntcpflags: 1\nndp: 0\n"
                + "nftables: 1\nnf_conntrack_allow_invalid: 1\nnf_conntrack_max: 196608\n", "host.fw", FileKind.HOST);
        assertEquals("HostOptions[enable=false, smurfFilter=false, tcpflags=true, ndp=false, nftables=true,"
                + " nfConntrackAllowInvalid=true, other={nf_conntrack_max=196608}]", h.value().host().options().toString());
        assertEquals("DatacenterOptions[enable=false, policyIn=DROP, policyOut=REJECT, policyForward=DROP,"
                + " other={ebtables=0}]", dc("[OPTIONS]\nenable: 1700000000\npolicy_out: reject\npolicy_forward: DROP\n"
                + "ebtables: 0\n").options().toString());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "IN ACCEPT -dport 80 | missing property - 'dport' requires this property ('-p')",
        "IN ACCEPT -sport 80 | missing property - 'sport' requires this property ('-p')",
        "IN ACCEPT -p tcp -dport 1:2,3:4,5:6,7:8,9:10,11:12,13:14,15 | ''",
        "IN ACCEPT -p tcp -dport 1:2,3:4,5:6,7:8,9:10,11:12,13:14,15:16 | too many entries in port list (> 15 numbers)",
        "IN ACCEPT -p tcp -dport 1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16 | too many entries in port list (> 15 numbers)",
        "IN ACCEPT -source +nosuchset | no such ipset 'nosuchset'",
        "IN ACCEPT -source +Later | no such ipset 'Later'",
        "IN ACCEPT -dest nosuchalias | no such alias 'nosuchalias'",
        "IN FOO(ACCEPT) | unknown macro 'FOO'",
        "IN ACCEPT -p foo | unknown protocol 'foo'",
        "IN ACCEPT -p TCP -dport 22 | unknown protocol 'TCP'",
        "IN ACCEPT -p icmp -source fe80::1 | detected mixed ipv4/ipv6 addresses in rule",
        "FORWARD REJECT -p tcp | cannot define REJECT rules on forward chain",
        "IN ACCEPT -i eth0.5:1 | invalid network interface name 'eth0.5:1'",
    })
    void clusterRuleRefusals(String rule, String error) {
        LoadResult<PveFirewall> r = cluster("[RULES]\n" + rule + "\n[IPSET later]\n10.0.0.1\n");
        FirewallRule fr = r.value().datacenter().rules().get(0);
        assertEquals(error.isEmpty() ? List.of() : List.of(error), fr.errors());
        assertEquals(error.isEmpty() ? "" : "firewall.rule-refused@2", describe(r.findings()));
    }

    /** pve-firewall checks names while reading, top to bottom: an IPSet defined below the rule is missing. */
    @Test
    void fileOrderDecidesWhetherANameExists() {
        LoadResult<PveFirewall> r = guest("[OPTIONS]\nenable: 1\n[RULES]\nIN ACCEPT -source +later -p tcp -dport 22\n"
                + "IN ACCEPT -source early -p tcp -dport 23\n[IPSET later]\n10.0.0.1\n[ALIASES]\nearly 10.0.0.1\n",
                DatacenterFirewall.builder().build());
        GuestFirewall g = r.value().guests().get(100);
        assertEquals(List.of(List.of("no such ipset 'later'"), List.of("no such alias 'early'")),
                g.rules().stream().map(FirewallRule::errors).toList());
        assertEquals("firewall.rule-refused@4 firewall.rule-refused@5", describe(r.findings()));
        PveFirewall fw = PveFirewall.builder().datacenter(DatacenterFirewall.builder()
                .options(io.phoenixdiag.core.firewall.DatacenterOptions.builder().enable(true).build()).build())
                .guest(GuestFirewall.builder(GuestKind.VM, 100).options(g.options()).rules(g.rules())
                        .ipset(g.ipsets().get("later")).alias(g.aliases().get("early"))
                        .nic(GuestNic.of("net0", true)).build()).build();
        Verdict v = PveFirewallEvaluator.compile(fw).evaluate(Packet.builder(Endpoint.external("vmbr0"), Endpoint.guest(100))
                .sourceIp("10.0.0.1").destinationIp("10.0.0.100").protocol("tcp").destinationPort(22).build());
        assertEquals("vm:100 policy_in DROP", v.decidedBy());
        assertTrue(v.trace().stream().anyMatch(t -> t.detail().equals(
                "pve-firewall refuses the rule: no such ipset 'later'")), v.trace().toString());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "FORWARD ACCEPT -p tcp | invalid rule type 'forward' for rule_env 'vm'",
        "IN ACCEPT -i vmbr0 | value does not match the regex pattern 'net\\d+'",
        "GROUP nosuchgroup -i net0 | ''",
        "GROUP bad.name | invalid characters in security group name",
    })
    void guestRuleRefusals(String rule, String error) {
        LoadResult<PveFirewall> r = guest("[RULES]\n" + rule + "\n", DatacenterFirewall.builder().build());
        FirewallRule fr = r.value().guests().get(100).rules().get(0);
        assertTrue(error.isEmpty() ? fr.errors().isEmpty() : fr.errors().contains(error), fr.errors().toString());
    }

    @Test
    void groupRulesTakeNoInterfaceAndNoGroups() {
        LoadResult<PveFirewall> r = cluster("[group g1]\nIN ACCEPT -i net0 -p tcp\nGROUP g2\nOUT DROP -source +s1\n"
                + "[IPSET s1]\n10.0.0.1\n");
        List<FirewallRule> rules = r.value().datacenter().groups().get("g1").rules();
        assertEquals(List.of(List.of("parameter -i not allowed for this rule type"), List.of("security groups not allowed"),
                List.of("no such ipset 's1'")), rules.stream().map(FirewallRule::errors).toList());
        assertEquals("firewall.rule-refused@2 firewall.rule-refused@3 firewall.rule-refused@4", describe(r.findings()));
    }

    @Test
    void unmodellableRulesAreRefusedAndLeftOut() {
        LoadResult<PveFirewall> r = cluster("[RULES]\nIN accept -p tcp\nSIDEWAYS ACCEPT\nIN ssh(accept)\nIN ACCEPT\n");
        assertEquals(1, r.value().datacenter().rules().size());
        assertEquals("firewall.rule-refused@2 firewall.rule-refused@3 firewall.rule-refused@4", describe(r.findings()));
        assertEquals("unknown action 'accept'. pve-firewall skips this rule when it builds the ruleset; the other rules"
                + " still apply.", r.findings().get(0).message());
    }

    @Test
    void syntaxWarningsKeepTheRestOfTheFile() {
        LoadResult<PveFirewall> r = cluster("IN ACCEPT\n[OPTIONS]\nenable: yes\nfoo: 1\nenable: 1 # on\n"
                + "[ALIASES]\ntwo  spaces\nbad 10.0.0.300\nbad2 10.0.0.0-10.0.0.5\n[IPSET 9bad]\n10.0.0.1\n"
                + "[RULES]\nIN ACCEPT -p  tcp\nIN\n| IN ACCEPT\nIN ACCEPT -p tcp -log loud\nGROUP g -p tcp\n"
                + "IN ACCEPT -p tcp -dport 22\n[IPSET ok]\n10.0.0.1 2\n");
        assertEquals("firewall.fw-syntax@1 firewall.fw-syntax@3 firewall.fw-syntax@4 firewall.fw-syntax@5"
                + " firewall.fw-syntax@7 firewall.fw-syntax@8 firewall.fw-syntax@9 firewall.fw-syntax@10"
                + " firewall.fw-syntax@11 firewall.fw-syntax@13 firewall.fw-syntax@14 firewall.fw-syntax@15"
                + " firewall.fw-syntax@16 firewall.fw-syntax@17 firewall.fw-syntax@20", describe(r.findings()));
        DatacenterFirewall d = r.value().datacenter();
        assertFalse(d.options().enable());
        assertEquals(Map.of(), d.aliases());
        assertEquals(List.of("IN ACCEPT -p tcp -dport 22"), d.rules().stream().map(FirewallRule::text).toList());
        assertEquals(List.of(), d.ipsets().get("ok").entries());
        assertEquals("unable to parse rule parameters: -p  tcp. pve-firewall skips this line and reads the rest of the file.",
                r.findings().get(9).message());
    }

    @Test
    void hostFileHasNoIpsetsOrAliases() {
        LoadResult<PveFirewall> r = PveFirewallFiles.parse("[ALIASES]\nx 10.0.0.1\n[RULES]\nIN ACCEPT -source x\n",
                "host.fw", FileKind.HOST);
        assertEquals("firewall.fw-syntax@1 firewall.fw-syntax@2 firewall.rule-refused@4", describe(r.findings()));
    }

    @Test
    void guestConfigNics() {
        Map<String, GuestNic> lxc = GuestConfigs.nics("arch: amd64\nnet0: name=eth0,bridge=vmbr0,firewall=1,"
                + "hwaddr=BC:24:11:AA:BB:CC,ip=10.0.0.10/24,ip6=fd00::10/64,type=veth\nnet1: name=eth1,bridge=vmbr1,ip=dhcp\n"
                + "[snap1]\nnet2: name=eth2,bridge=vmbr2,firewall=1\n", GuestKind.LXC);
        assertEquals("{net0=GuestNic[name=net0, firewall=true, bridge=vmbr0, mac=bc:24:11:aa:bb:cc,"
                + " addresses=[10.0.0.10/24, fd00::10/64]], net1=GuestNic[name=net1, firewall=false, bridge=vmbr1, mac=,"
                + " addresses=[dhcp]]}", lxc.toString());
        Map<String, GuestNic> vm = GuestConfigs.nics("net0: virtio=0E:0B:38:B8:B3:21,bridge=vmbr0,firewall=1\n"
                + "ipconfig0: ip=10.0.0.20/24,gw=10.0.0.1\n", GuestKind.VM);
        assertEquals("{net0=GuestNic[name=net0, firewall=true, bridge=vmbr0, mac=0e:0b:38:b8:b3:21,"
                + " addresses=[10.0.0.20/24]]}", vm.toString());
    }
}
