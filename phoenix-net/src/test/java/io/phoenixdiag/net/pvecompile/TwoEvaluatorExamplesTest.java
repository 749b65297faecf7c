package io.phoenixdiag.net.pvecompile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.phoenixdiag.core.firewall.Action;
import io.phoenixdiag.core.firewall.ConnState;
import io.phoenixdiag.core.firewall.DatacenterFirewall;
import io.phoenixdiag.core.firewall.DatacenterOptions;
import io.phoenixdiag.core.firewall.Direction;
import io.phoenixdiag.core.firewall.Endpoint;
import io.phoenixdiag.core.firewall.FirewallRule;
import io.phoenixdiag.core.firewall.GuestFirewall;
import io.phoenixdiag.core.firewall.GuestKind;
import io.phoenixdiag.core.firewall.GuestNic;
import io.phoenixdiag.core.firewall.GuestOptions;
import io.phoenixdiag.core.firewall.HostFirewall;
import io.phoenixdiag.core.firewall.HostOptions;
import io.phoenixdiag.core.firewall.IpSet;
import io.phoenixdiag.core.firewall.Packet;
import io.phoenixdiag.core.firewall.PveFirewall;
import io.phoenixdiag.core.firewall.PveFirewallEvaluator;
import io.phoenixdiag.core.firewall.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each disagreement the two-evaluator property found, fixed as an example (both sides, exact values). */
class TwoEvaluatorExamplesTest {

    private static PveFirewall model(boolean allowInvalid, boolean hostEnabled, Action policyIn, boolean nicFirewall,
                                     FirewallRule... rules) {
        return PveFirewall.builder()
                .datacenter(DatacenterFirewall.builder().options(DatacenterOptions.builder().enable(true).build())
                        .ipset(IpSet.of("trusted", "10.0.0.101", "10.0.0.13")).build())
                .host(HostFirewall.builder().localNetwork("10.0.0.0/24").options(HostOptions.builder()
                        .enable(hostEnabled).nfConntrackAllowInvalid(allowInvalid).build()).build())
                .guest(GuestFirewall.builder(GuestKind.VM, 101).options(GuestOptions.builder().enable(true).build())
                        .nic(new GuestNic("net0", true, "vmbr0", "52:54:00:00:00:10", List.of("10.0.0.101/24")))
                        .rule(rules).build())
                .guest(GuestFirewall.builder(GuestKind.VM, 102).options(GuestOptions.builder().enable(true)
                                .policyIn(policyIn).build())
                        .nic(new GuestNic("net0", nicFirewall, "vmbr0", "52:54:00:00:00:20", List.of("10.0.0.102/24")))
                        .build())
                .build();
    }

    private static String both(PveFirewall m, Packet p) {
        Verdict core = PveFirewallEvaluator.compile(m).evaluate(p);
        NodeVerdict nf = TwoEvaluatorProperty.node(m).evaluate(p);
        return core.state() + "/" + core.action().map(Enum::name).orElse("") + " | " + nf.flowState() + "/" + nf.outcome();
    }

    @Test
    void anIpsetMatchOnTheDestinationLooksAtTheDestination() {
        // found: the netfilter evaluator matched IPv4 hash:net entries by lower bound only (fixed on branch iptables)
        PveFirewall m = model(false, true, Action.DROP, true, FirewallRule.builder(Direction.OUT, Action.REJECT)
                .proto("tcp").dest("+trusted").build());
        Packet p = Packet.builder(Endpoint.guest(101), Endpoint.guest(102)).sourceIp("10.0.0.101")
                .destinationIp("10.0.0.102").protocol("tcp").destinationPort(443).sourcePort(50000).build();
        assertEquals("BLOCKED_DESTINATION_INGRESS/DROP | BLOCKED_DESTINATION_INGRESS/DROP", both(m, p));
    }

    @Test
    void aRejectPolicyDropsInvalidPackets() {
        // found: core rejected; PVEFW-Reject has "-m conntrack --ctstate INVALID -j DROP" (core fixed)
        PveFirewall m = model(true, true, Action.REJECT, true);
        Packet p = Packet.builder(Endpoint.guest(101), Endpoint.guest(102)).sourceIp("10.0.0.101")
                .destinationIp("10.0.0.102").protocol("udp").destinationPort(80).sourcePort(50000)
                .state(ConnState.INVALID).build();
        assertEquals("BLOCKED_DESTINATION_INGRESS/DROP | BLOCKED_DESTINATION_INGRESS/DROP", both(m, p));
        assertEquals("vm:102 policy_in REJECT (PVEFW-Reject drops INVALID packets instead of rejecting)",
                PveFirewallEvaluator.compile(m).evaluate(p).decidedBy());
    }

    @Test
    void theHostTalksToANicWithoutFirewallWithoutTheBridgeConntrackRule() {
        // found: core dropped INVALID host->guest packets at the bridge although they never cross PVEFW-FORWARD (core fixed)
        PveFirewall m = model(false, false, Action.DROP, false);
        Packet p = Packet.builder(Endpoint.host(), Endpoint.guest(102)).sourceIp("10.0.0.13")
                .destinationIp("10.0.0.102").protocol("tcp").destinationPort(22).sourcePort(50000)
                .state(ConnState.INVALID).build();
        assertEquals("ALLOWED/ACCEPT | ALLOWED/ACCEPT", both(m, p));
        Packet back = Packet.builder(Endpoint.guest(102), Endpoint.host()).sourceIp("10.0.0.102")
                .destinationIp("10.0.0.13").protocol("tcp").destinationPort(22).sourcePort(50000)
                .state(ConnState.INVALID).build();
        assertEquals("ALLOWED/ACCEPT | ALLOWED/ACCEPT", both(m, back));
    }

    @Test
    void anInvalidPacketFromOutsideToAnUnfilteredNicIsTheDestinationsDrop() {
        // found: the host-bridge pass was labelled HOST_FORWARD; it is all the filtering such a NIC gets (net fixed)
        PveFirewall m = model(false, true, Action.DROP, false);
        Packet p = Packet.builder(Endpoint.external("vmbr0"), Endpoint.guest(102)).sourceIp("10.0.0.50")
                .destinationIp("10.0.0.102").protocol("tcp").destinationPort(9000).sourcePort(50000)
                .state(ConnState.INVALID).build();
        assertEquals("BLOCKED_DESTINATION_INGRESS/DROP | BLOCKED_DESTINATION_INGRESS/DROP", both(m, p));
    }
}
