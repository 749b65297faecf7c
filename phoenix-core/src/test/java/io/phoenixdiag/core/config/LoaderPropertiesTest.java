package io.phoenixdiag.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Properties of the loader and the port parsers. */
class LoaderPropertiesTest {

    @Provide
    Arbitrary<Map<String, Integer>> extras() {
        return Arbitraries.maps(Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(8)
                .map(s -> "x_" + s)
                // a name such as x_pwd marks its value secret, which is then kept masked: not this property
                .filter(name -> !Secret.isSecretFieldName(name)), Arbitraries.integers().between(-1000, 1000)).ofMaxSize(6);
    }

    @Property
    void unknownFieldsAreKeptAndListedOnceAndKnownFieldsStillLoad(@ForAll("extras") Map<String, Integer> extra) {
        StringBuilder json = new StringBuilder("{\"lxc_configs\": {\"103\": {\"name\": \"Step-CA\"");
        extra.forEach((k, v) -> json.append(", \"").append(k).append("\": ").append(v));
        json.append("}}}");
        LoadResult<Optional<LxcConfigs>> r = PhoenixLoader.LXC.load(json.toString(), "p.json");
        LxcContainer c = r.value().orElseThrow().containers().get(103);
        assertEquals("Step-CA", c.name());
        Map<String, String> expected = extra.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().toString()));
        assertEquals(expected, c.extraFields());
        assertEquals(extra.isEmpty() ? 0 : 1, r.findings("config.unknown-fields").size());
        assertEquals(r.findings("config.unknown-fields").size(), r.findings().size());
    }

    @Property
    void portsAsNumberOrStringParseTheSame(@ForAll @IntRange(min = 0, max = 65535) int port) {
        FirewallRule asNumber = rule("\"port\": " + port);
        FirewallRule asString = rule("\"port\": \"" + port + "\"");
        assertEquals(asNumber.dport(), asString.dport());
        assertEquals(List.of(new PortRange(port, port)), asNumber.dport().orElseThrow().ranges());
        TraefikService n = traefik("\"port\": " + port);
        TraefikService s = traefik("\"port\": \"" + port + "\"");
        assertEquals(n.port(), s.port());
    }

    @Property
    void portListsAndRangesRoundTrip(@ForAll @Size(min = 1, max = 5) List<@IntRange(min = 0, max = 65535) Integer> a,
                                     @ForAll @Size(min = 1, max = 5) List<@IntRange(min = 0, max = 65535) Integer> b) {
        List<PortRange> ranges = new java.util.ArrayList<>();
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            ranges.add(new PortRange(Math.min(a.get(i), b.get(i)), Math.max(a.get(i), b.get(i))));
        }
        String text = ranges.stream().map(PortRange::toString).collect(Collectors.joining(","));
        PortSpec spec = PortSpec.parse(text);
        assertEquals(ranges, spec.ranges());
        assertEquals(text, spec.text());
        for (PortRange r : ranges) {
            assertEquals(true, spec.matches(r.first()) && spec.matches(r.last()));
        }
    }

    @Property
    void portSpecRejectsAnythingElse(@ForAll("junk") String junk) {
        assertFalse(parses(junk), junk);
    }

    @Provide
    Arbitrary<String> junk() {
        // service names (http, ssh...) are ports, as pve-firewall resolves them: not junk
        return Arbitraries.oneOf(Arbitraries.just(""), Arbitraries.just("80;443"), Arbitraries.just("443:80"),
                Arbitraries.just("65536"), Arbitraries.just("htt"), Arbitraries.just("80,"),
                Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(5)
                        .filter(w -> !io.phoenixdiag.core.firewall.PortSpec.parse(w).errors().isEmpty()));
    }

    @Property
    void dockerPortMappings(@ForAll @IntRange(min = 1, max = 65535) int host, @ForAll @IntRange(min = 1, max = 65535) int ctr) {
        LoadResult<Optional<LxcConfigs>> r = PhoenixLoader.LXC.load("{\"lxc_configs\": {\"1\": {\"ports\": [\""
                + host + ":" + ctr + "\", \"127.0.0.1:" + host + ":" + ctr + "/udp\"]}}}", "p.json");
        List<PortMapping> ports = r.value().orElseThrow().containers().get(1).ports();
        assertEquals(List.of(host, host), ports.stream().map(PortMapping::hostPort).collect(Collectors.toList()));
        assertEquals(List.of(ctr, ctr), ports.stream().map(PortMapping::containerPort).collect(Collectors.toList()));
        assertEquals(List.of("tcp", "udp"), ports.stream().map(PortMapping::protocol).collect(Collectors.toList()));
        assertEquals("127.0.0.1", ports.get(1).hostIp());
    }

    private static boolean parses(String text) {
        try {
            PortSpec.parse(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static FirewallRule rule(String port) {
        String json = "{\"shared_volumes\": {\"firewall\": {\"global_firewall_rules\": [{\"type\": \"in\", \"action\": \"ACCEPT\", "
                + port + "}]}}}";
        return PhoenixLoader.HYPERVISOR.load(json, "h.json").value().orElseThrow().firewall().orElseThrow().rules().get(0);
    }

    private static TraefikService traefik(String port) {
        return PhoenixLoader.VM.load("{\"vms\": [{\"vmid\": 1, \"traefik_service\": {\"name\": \"t\", " + port + "}}]}", "v.json")
                .value().orElseThrow().vms().get(0).traefikService().orElseThrow();
    }
}
