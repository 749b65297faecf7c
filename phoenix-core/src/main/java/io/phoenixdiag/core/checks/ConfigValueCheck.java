package io.phoenixdiag.core.checks;

import io.phoenixdiag.core.analysis.DeploymentModel;
import io.phoenixdiag.core.config.GuestNetwork;
import io.phoenixdiag.core.config.HostInterface;
import io.phoenixdiag.core.config.HostNetwork;
import io.phoenixdiag.core.config.HypervisorConfig;
import io.phoenixdiag.core.config.LxcContainer;
import io.phoenixdiag.core.config.TraefikService;
import io.phoenixdiag.core.config.VirtualMachine;
import io.phoenixdiag.core.diag.Finding;
import io.phoenixdiag.core.diag.Location;
import io.phoenixdiag.core.diag.Severity;
import io.phoenixdiag.core.topology.TopologyBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Values the JSON schema may allow but the network cannot use: guest and host addresses and nameservers
 * that are not IPv4/IPv6 addresses (with a prefix length within 0-32 or 0-128), service ports outside
 * 1-65535, guest ids that are not positive (Proxmox ids start at 100; 1-99 are reserved), and
 * {@code portainer_agent_port} outside 1-65535. The diagnosis leaves such values out (their flows are
 * not derived), so each is a finding {@code config.invalid-value} (ERROR for an active guest's own
 * address, WARNING otherwise) naming the JSON pointer but never the value, which may be anything.
 * Stateless and thread-safe.
 */
public final class ConfigValueCheck extends ModelCheck {
    /** Creates the check (for {@link java.util.ServiceLoader}). */
    public ConfigValueCheck() {
    }

    @Override
    public String id() {
        return "config.network-values";
    }

    @Override
    public String description() {
        return "Addresses, ports and guest ids the network cannot use";
    }

    @Override
    List<Finding> run(DeploymentModel model) {
        List<Finding> out = new ArrayList<>();
        for (LxcContainer c : model.deployment().containers().values()) {
            String subject = "lxc:" + c.ctid();
            id(c.ctid(), subject, c.location(), out);
            c.networkConfig().ifPresent(n -> network(n, subject, c.startAtBoot(), out));
            c.traefikService().ifPresent(t -> port(t, subject, out));
        }
        for (VirtualMachine vm : model.deployment().vms()) {
            String subject = "vm:" + vm.vmid();
            id(vm.vmid(), subject, vm.location(), out);
            vm.networkConfig().ifPresent(n -> network(n, subject, vm.startAtBoot() && !vm.isTemplate(), out));
            vm.traefikService().ifPresent(t -> port(t, subject, out));
        }
        Optional<HostNetwork> net = model.deployment().hypervisor().flatMap(HypervisorConfig::network);
        net.ifPresent(n -> {
            for (HostInterface i : n.interfaces()) {
                if (!i.address().isBlank() && !TopologyBuilder.isAddress(i.address())) {
                    out.add(invalid("host", UnknownReferenceCheck.at(i.location(), "/address"), "address",
                            "an IPv4/IPv6 address with a prefix length, e.g. 10.0.0.13/24", Severity.ERROR));
                }
                addresses(i.dnsNameservers(), "host", UnknownReferenceCheck.at(i.location(), "/dns_nameservers"), out);
            }
            single(n.portainerServerIp(), "portainer_server_ip", n.location(), out);
            single(n.nfsServer(), "nfs_server", n.location(), out);
            if (n.portainerAgentPort().isPresent()
                    && (n.portainerAgentPort().getAsInt() < 1 || n.portainerAgentPort().getAsInt() > 65535)) {
                out.add(invalid("host", UnknownReferenceCheck.at(n.location(), "/portainer_agent_port"),
                        "portainer_agent_port", "a TCP port 1-65535", Severity.WARNING));
            }
        });
        return out;
    }

    private static void id(int id, String subject, Location at, List<Finding> out) {
        if (id <= 0) {
            out.add(invalid(subject, at, "guest id", "a positive CTID/VMID (Proxmox uses 100 and up)", Severity.ERROR));
        }
    }

    private static void network(GuestNetwork n, String subject, boolean active, List<Finding> out) {
        if (!n.ip().isBlank() && !n.isDhcp() && !n.ip().equalsIgnoreCase("manual") && !TopologyBuilder.isAddress(n.ip())) {
            out.add(invalid(subject, UnknownReferenceCheck.at(n.location(), "/ip"), "network_config.ip",
                    "an IPv4/IPv6 address with a prefix length (10.0.0.10/24) or dhcp",
                    active ? Severity.ERROR : Severity.WARNING));
        }
        addresses(n.nameservers(), subject, UnknownReferenceCheck.at(n.location(), "/nameservers"), out);
    }

    private static void addresses(List<String> list, String subject, Location at, List<Finding> out) {
        for (int i = 0; i < list.size(); i++) {
            if (!TopologyBuilder.isAddress(list.get(i))) {
                out.add(invalid(subject, at, "nameserver " + (i + 1), "an IPv4/IPv6 address", Severity.WARNING));
            }
        }
    }

    private static void single(String value, String field, Location network, List<Finding> out) {
        if (!value.isBlank() && !TopologyBuilder.isAddress(value)) {
            out.add(invalid("host", UnknownReferenceCheck.at(network, "/" + field), field, "an IPv4/IPv6 address",
                    Severity.WARNING));
        }
    }

    private static void port(TraefikService t, String subject, List<Finding> out) {
        if (t.port().isPresent() && (t.port().getAsInt() < 1 || t.port().getAsInt() > 65535)) {
            out.add(invalid(subject, UnknownReferenceCheck.at(t.location(), "/port"), "traefik_service.port",
                    "a TCP port 1-65535", Severity.ERROR));
        }
    }

    private static Finding invalid(String subject, Location at, String what, String expected, Severity severity) {
        return Finding.builder("config.invalid-value", severity)
                .title("The " + what + " of " + subject + " is not usable")
                .message("The " + what + " at " + at + " is not " + expected + ", so the diagnosis leaves it out:"
                        + " the flows that depend on it are not derived or checked.")
                .remediation("Write " + expected + ".")
                .subject(subject).location(at).build();
    }
}
