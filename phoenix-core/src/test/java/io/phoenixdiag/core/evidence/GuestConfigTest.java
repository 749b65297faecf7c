package io.phoenixdiag.core.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.phoenixdiag.core.config.LoadResult;
import io.phoenixdiag.core.diag.Finding;
import io.phoenixdiag.core.diag.Location;
import io.phoenixdiag.core.firewall.GuestKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class GuestConfigTest {

    @Test
    void readsAnLxcConfigWithLinesAndFlags() {
        LoadResult<GuestConfig> r = GuestConfig.parse("""
                # Step-CA
                arch: amd64
                hostname: Step-CA
                net0: name=eth0,bridge=vmbr0,firewall=1,hwaddr=BC:24:11:AA:BB:CC,ip=10.0.0.10/24,type=veth
                net1: name=eth1,bridge=vmbr1,ip=dhcp
                this is not an option
                net2: name=eth2,bogus,bridge=vmbr2

                [before-upgrade]
                net0: name=eth0,bridge=vmbr9,firewall=0
                """, "lxc/103.conf", GuestKind.LXC, 103);
        GuestConfig c = r.value();
        assertEquals("lxc:103", c.subject());
        assertEquals(List.of("arch", "hostname", "net0", "net1", "net2"), List.copyOf(c.options().keySet()));
        assertEquals(3, c.options().get("hostname").line());
        assertEquals("Step-CA", c.option("hostname").orElseThrow());
        GuestConfig.NetDevice net0 = c.net("net0").orElseThrow();
        assertEquals(true, net0.firewall());
        assertEquals("vmbr0", net0.bridge());
        assertEquals("bc:24:11:aa:bb:cc", net0.mac());
        assertEquals(Location.ofLine("lxc/103.conf", 4, 1), net0.location());
        assertEquals(Map.of("name", "eth0", "bridge", "vmbr0", "firewall", "1", "hwaddr", "BC:24:11:AA:BB:CC",
                "ip", "10.0.0.10/24", "type", "veth"), net0.properties());
        assertEquals(false, c.net("net1").orElseThrow().firewall());
        assertEquals("vmbr2", c.net("net2").orElseThrow().bridge());
        assertEquals(List.of("evidence.guest-conf-syntax lxc/103.conf:6:1", "evidence.guest-conf-syntax lxc/103.conf:7:1"),
                r.findings().stream().map(f -> f.checkId() + " " + f.locations().get(0)).toList());
    }

    @Test
    void readsAQemuConfigMacFromTheModel() {
        GuestConfig c = GuestConfig.parse("name: portainer\nnet0: virtio=BC:24:11:00:00:01,bridge=vmbr0,firewall=1\n"
                + "net1: e1000=BC:24:11:00:00:02,bridge=vmbr0,macaddr=BC:24:11:00:00:03\n", "qemu-server/1001.conf",
                GuestKind.VM, 1001).value();
        assertEquals("vm:1001", c.subject());
        assertEquals("bc:24:11:00:00:01", c.net("net0").orElseThrow().mac());
        assertEquals("bc:24:11:00:00:03", c.net("net1").orElseThrow().mac());
        assertEquals(true, c.net("net0").orElseThrow().firewall());
    }

    /** Generated configs: every netN line is found on its line, with the flag it was written with. */
    @Property(tries = 200)
    void netLinesKeepTheirLinesAndFlags(@ForAll("nets") List<Map<String, String>> nets, @ForAll @IntRange(max = 3) int preamble) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < preamble; i++) {
            text.append("option").append(i).append(": value ").append(i).append('\n');
        }
        for (int i = 0; i < nets.size(); i++) {
            List<String> parts = new ArrayList<>();
            nets.get(i).forEach((k, v) -> parts.add(k + "=" + v));
            text.append("net").append(i).append(": ").append(String.join(",", parts)).append('\n');
        }
        LoadResult<GuestConfig> r = GuestConfig.parse(text.toString(), "x.conf", GuestKind.LXC, 1);
        assertEquals(List.of(), r.findings());
        assertEquals(nets.size(), r.value().nets().size());
        for (int i = 0; i < nets.size(); i++) {
            GuestConfig.NetDevice d = r.value().nets().get(i);
            assertEquals("net" + i, d.key());
            assertEquals(preamble + i + 1, d.location().line());
            assertEquals("1".equals(nets.get(i).get("firewall")), d.firewall());
            assertEquals(nets.get(i).getOrDefault("bridge", ""), d.bridge());
        }
    }

    /** Any text is read without an exception; every finding names a line of the text. */
    @Property(tries = 300)
    void neverThrows(@ForAll("lines") List<String> lines) {
        String text = String.join("\n", lines);
        LoadResult<GuestConfig> r = GuestConfig.parse(text, "x.conf", GuestKind.VM, 7);
        int count = text.split("\n", -1).length; // a generated line may itself hold a line feed
        for (Finding f : r.findings()) {
            int line = f.locations().get(0).line();
            assertEquals(true, line >= 1 && line <= count, f.toString());
        }
    }

    @Provide
    Arbitrary<List<Map<String, String>>> nets() {
        Arbitrary<String> value = Arbitraries.strings().withChars("abcdef0123456789/.:").ofMinLength(1).ofMaxLength(8);
        Arbitrary<Map<String, String>> net = Arbitraries.maps(
                Arbitraries.of("name", "bridge", "firewall", "hwaddr", "ip", "tag", "type", "rate"),
                Arbitraries.oneOf(value, Arbitraries.of("0", "1"))).ofMaxSize(6).map(LinkedHashMap::new);
        return net.list().ofMaxSize(5);
    }

    @Provide
    Arbitrary<List<String>> lines() {
        return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(30),
                Arbitraries.strings().withChars("net0:=,firewall1 [a]#").ofMaxLength(30)).list().ofMaxSize(12);
    }
}
