package io.phoenixdiag.core.checks;

import io.phoenixdiag.core.analysis.DeploymentModel;
import io.phoenixdiag.core.diag.Finding;
import io.phoenixdiag.core.diag.Severity;
import io.phoenixdiag.core.firewall.GuestServices;
import io.phoenixdiag.core.firewall.RuleSetAnalyzer;
import io.phoenixdiag.core.topology.Endpoint;
import io.phoenixdiag.core.topology.Guest;
import io.phoenixdiag.core.topology.IntendedFlow;
import io.phoenixdiag.core.topology.Role;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Defects in the declared rule sets, found by {@link RuleSetAnalyzer}: exact duplicates
 * ({@code firewall.duplicate-rule}), rules shadowed or made redundant by earlier rules
 * ({@code firewall.shadowed-rule}, {@code firewall.redundant-rule}), rules that can never match
 * ({@code firewall.never-matches}), ingress open to any source on a port that is not public
 * ({@code firewall.broad-ingress}; the gateway's 80 and 443 are public), and datacenter rules meant for
 * a guest ({@code firewall.datacenter-rule-for-guest}), which Proxmox applies to the host only. Also
 * {@code firewall.datacenter-disabled} (WARNING) when guests enable their firewall but the datacenter
 * firewall, Proxmox's master switch, is off.
 *
 * <p>The host's own ports, for the datacenter analysis: 22 (SSH) and 8006 (the Proxmox API), 3128
 * (SPICE proxy), 53 when the host is the DNS server, 2049 when it is the NFS server, and the ports of
 * flows whose destination is the host. Stateless and thread-safe.
 */
public final class RuleSetCheck extends ModelCheck {
    /** Creates the check (for {@link java.util.ServiceLoader}). */
    public RuleSetCheck() {
    }

    @Override
    public String id() {
        return "firewall.rule-set";
    }

    @Override
    public String description() {
        return "Duplicate, shadowed, redundant, never-matching and overly broad rules; datacenter rules meant for guests";
    }

    @Override
    List<Finding> run(DeploymentModel model) {
        List<Finding> out = new ArrayList<>();
        var fw = model.firewall();
        boolean anyGuestOn = fw.guests().values().stream().anyMatch(g -> g.options().enable());
        if (anyGuestOn && !fw.datacenter().options().enable()) {
            Finding.Builder b = Finding.builder("firewall.datacenter-disabled", Severity.WARNING)
                    .title("Guest firewalls are declared but the datacenter firewall is off")
                    .message("Proxmox filters nothing unless the datacenter firewall (cluster.fw option enable: 1)"
                            + " is on; every guest rule is then ignored.")
                    .remediation("Declare shared_volumes.firewall with \"enabled\": true in the hypervisor config.")
                    .subject("host");
            model.deployment().hypervisor().ifPresent(h -> b.location(h.location()));
            out.add(b.build());
        }
        for (Guest g : model.topology().guests()) {
            if (!g.endpoint().isGuest() || !fw.guests().containsKey(g.endpoint().guestId())) {
                continue;
            }
            Set<Integer> publicPorts = model.roles().has(g.endpoint(), Role.GATEWAY) ? Set.of(80, 443) : Set.of();
            out.addAll(RuleSetAnalyzer.findings(RuleSetAnalyzer.analyzeGuest(fw, g.endpoint().guestId(), publicPorts)));
        }
        out.addAll(RuleSetAnalyzer.findings(RuleSetAnalyzer.analyzeDatacenter(fw, Set.of())));
        Map<String, String> addresses = new LinkedHashMap<>();
        Map<String, Set<Integer>> servicePorts = new LinkedHashMap<>();
        for (Guest g : model.topology().guests()) {
            g.address().ifPresent(a -> addresses.putIfAbsent(a, g.endpoint().subject()));
            Set<Integer> ports = new TreeSet<>();
            g.services().forEach(s -> ports.add(s.port()));
            servicePorts.put(g.endpoint().subject(), ports);
        }
        Set<Integer> hostPorts = new LinkedHashSet<>(List.of(22, 8006, 3128));
        if (model.roles().has(Endpoint.HOST, Role.DNS)) {
            hostPorts.add(53);
        }
        if (model.roles().has(Endpoint.HOST, Role.NFS_SERVER)) {
            hostPorts.add(2049);
        }
        for (IntendedFlow f : model.flows()) {
            if (f.destination().equals(Endpoint.HOST)) {
                hostPorts.add(f.port());
            } else if (f.destination().isGuest()) {
                servicePorts.computeIfAbsent(f.destination().subject(), k -> new TreeSet<>()).add(f.port());
            }
        }
        out.addAll(RuleSetAnalyzer.findings(RuleSetAnalyzer.datacenterRulesForGuests(fw,
                new GuestServices(addresses, servicePorts, hostPorts))));
        return out;
    }
}
