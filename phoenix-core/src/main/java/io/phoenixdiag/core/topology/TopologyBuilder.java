package io.phoenixdiag.core.topology;

import io.phoenixdiag.core.config.Deployment;
import io.phoenixdiag.core.config.GuestNetwork;
import io.phoenixdiag.core.config.HostInterface;
import io.phoenixdiag.core.config.HostNetwork;
import io.phoenixdiag.core.config.HypervisorConfig;
import io.phoenixdiag.core.config.LxcContainer;
import io.phoenixdiag.core.config.MountPoint;
import io.phoenixdiag.core.config.NfsExport;
import io.phoenixdiag.core.config.SharedVolume;
import io.phoenixdiag.core.config.TraefikService;
import io.phoenixdiag.core.config.VirtualMachine;
import io.phoenixdiag.core.config.VmVolume;
import io.phoenixdiag.core.diag.Location;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the {@link Topology} of a loaded {@link Deployment}.
 *
 * <p>Guests: every LXC container of {@code phoenix_lxc_configs.json} and every VM of
 * {@code phoenix_vm_configs.json}. A container is active when {@code start_at_boot} is true; a VM when
 * {@code start_at_boot} is true and {@code is_template} is not. Services come from
 * {@code traefik_service}, with the scheme the deployment's Traefik generator uses ({@code https} for
 * VMs, {@code http} for containers). Mounts are the guest's {@code mount_points} plus every
 * {@code shared_volumes} entry that mounts into it. Two VMs with the same VMID: the first is kept (the
 * duplicate is reported by the {@code config.duplicate-id} check). Stateless and thread-safe.
 */
public final class TopologyBuilder {
    /** Portainer's default agent port, used when {@code network.portainer_agent_port} is absent. */
    public static final int PORTAINER_AGENT_DEFAULT_PORT = 9001;

    private TopologyBuilder() {
    }

    /**
     * Builds the topology.
     *
     * @param deployment a loaded deployment (any part may be missing)
     * @return the topology; never null
     */
    public static Topology build(Deployment deployment) {
        Optional<HypervisorConfig> hv = deployment.hypervisor();
        Location hvLocation = hv.map(HypervisorConfig::location)
                .orElse(Location.ofFile("phoenix_hypervisor_config.json"));
        Optional<HostNetwork> net = hv.flatMap(HypervisorConfig::network);
        HostNode host = net.flatMap(n -> primaryInterface(n.interfaces()))
                .map(i -> new HostNode(i.name(), addressOf(i.address()), prefixOf(i.address()), i.gateway(),
                        validAddresses(i.dnsNameservers()), i.location()))
                .orElse(HostNode.unknown(net.map(HostNetwork::location).orElse(hvLocation)));

        List<SharedVolume> shared = hv.map(HypervisorConfig::sharedVolumes).orElse(List.of());
        Map<Endpoint, Guest> guests = new LinkedHashMap<>();
        for (LxcContainer c : deployment.containers().values()) {
            if (c.ctid() <= 0) {
                continue; // reported by the config.invalid-value check
            }
            Endpoint e = Endpoint.lxc(c.ctid());
            Optional<GuestNetwork> gn = c.networkConfig();
            List<Service> services = new ArrayList<>();
            c.traefikService().ifPresent(t -> service(t, "http").ifPresent(services::add));
            List<Guest.Mount> mounts = new ArrayList<>();
            for (MountPoint m : c.mountPoints()) {
                mounts.add(new Guest.Mount(m.hostPath(), m.containerPath(), m.location()));
            }
            addShared(shared, c.ctid(), mounts);
            guests.putIfAbsent(e, new Guest(e, c.name(), gn.flatMap(GuestNetwork::address).flatMap(TopologyBuilder::addressOf),
                    gn.map(n -> n.prefixLength().orElse(0)).orElse(0), c.macAddress().toUpperCase(Locale.ROOT),
                    gn.map(GuestNetwork::bridge).orElse(""), validAddresses(gn.map(GuestNetwork::nameservers).orElse(List.of())),
                    c.features(), services, mounts, c.dependencies().stream().map(String::valueOf).toList(),
                    idText(c.cloneFromCtid()), c.portainerRole(), c.applicationScript(), c.bootstrapCaUrl(),
                    c.firewall().map(f -> f.enabled()).orElse(false), c.startAtBoot(),
                    c.startAtBoot() ? "" : "start_at_boot is false", c.location()));
        }
        List<Topology.NfsClient> nfsClients = new ArrayList<>();
        for (VirtualMachine vm : deployment.vms()) {
            if (vm.vmid() <= 0) {
                continue; // reported by the config.invalid-value check
            }
            Endpoint e = Endpoint.vm(vm.vmid());
            if (guests.containsKey(e) || guests.containsKey(Endpoint.lxc(vm.vmid()))) {
                continue; // one id space for CTs and VMs: the first declaration is kept (topology.duplicate-id)
            }
            Optional<GuestNetwork> gn = vm.networkConfig();
            List<Service> services = new ArrayList<>();
            vm.traefikService().ifPresent(t -> service(t, "https").ifPresent(services::add));
            List<Guest.Mount> mounts = new ArrayList<>();
            for (MountPoint m : vm.mountPoints()) {
                mounts.add(new Guest.Mount(m.hostPath(), m.containerPath(), m.location()));
            }
            addShared(shared, vm.vmid(), mounts);
            Optional<String> address = gn.flatMap(GuestNetwork::address).flatMap(TopologyBuilder::addressOf);
            for (VmVolume v : vm.volumes()) {
                if (v.type().equalsIgnoreCase("nfs") && address.isPresent()) {
                    nfsClients.add(new Topology.NfsClient(address.get(), v.location()));
                }
            }
            boolean active = vm.startAtBoot() && !vm.isTemplate();
            String why = vm.isTemplate() ? "is_template is true" : vm.startAtBoot() ? "" : "start_at_boot is false";
            guests.put(e, new Guest(e, vm.name(), address, gn.map(n -> n.prefixLength().orElse(0)).orElse(0), "",
                    "", validAddresses(gn.map(GuestNetwork::nameservers).orElse(List.of())), vm.features(), services, mounts,
                    vm.dependencies().stream().map(String::valueOf).toList(), idText(vm.cloneFromVmid()),
                    vm.portainerRole(), "", "", vm.firewall().map(f -> f.enabled()).orElse(false), active, why,
                    vm.location()));
        }
        hv.flatMap(HypervisorConfig::nfs).ifPresent(nfs -> {
            for (NfsExport x : nfs.exports()) {
                for (int i = 0; i < x.clients().size(); i++) {
                    Location at = x.location().pointer().isEmpty() ? x.location()
                            : new Location(x.location().file(), x.location().pointer() + "/clients/" + i, 0, 0);
                    nfsClients.add(new Topology.NfsClient(addressOf(x.clients().get(i)).orElse(x.clients().get(i)), at));
                }
            }
        });
        Topology.ServiceAddresses sa = new Topology.ServiceAddresses(
                net.map(HostNetwork::portainerServerIp).flatMap(TopologyBuilder::addressOf),
                net.flatMap(n -> n.portainerAgentPort().isPresent()
                        ? Optional.of(n.portainerAgentPort().getAsInt()) : Optional.empty())
                        .map(p -> p >= 1 && p <= 65535 ? p : 0)
                        .orElse(PORTAINER_AGENT_DEFAULT_PORT),
                net.map(HostNetwork::nfsServer).flatMap(TopologyBuilder::addressOf),
                hv.flatMap(HypervisorConfig::stepCa).map(s -> s.dnsName()).orElse(""),
                net.map(HostNetwork::location).orElse(hvLocation));
        return new Topology(hv.map(HypervisorConfig::domainName).orElse(""), host,
                new ArrayList<>(guests.values()), sa, nfsClients);
    }

    private static List<String> validAddresses(List<String> addresses) {
        return addresses.stream().map(TopologyBuilder::addressOf).flatMap(Optional::stream).toList();
    }

    private static Optional<HostInterface> primaryInterface(List<HostInterface> interfaces) {
        return interfaces.stream().filter(i -> !i.address().isBlank()).findFirst();
    }

    private static Optional<Service> service(TraefikService t, String scheme) {
        if (t.port().isEmpty() || t.port().getAsInt() < 1 || t.port().getAsInt() > 65535) {
            return Optional.empty();
        }
        return Optional.of(new Service(t.name(), t.port().getAsInt(), scheme, t.location()));
    }

    private static void addShared(List<SharedVolume> shared, int id, List<Guest.Mount> mounts) {
        for (SharedVolume v : shared) {
            String path = v.mounts().get(id);
            if (path != null) {
                Location at = v.location().pointer().isEmpty() ? v.location()
                        : new Location(v.location().file(), v.location().pointer() + "/mounts/" + id, 0, 0);
                mounts.add(new Guest.Mount(v.hostPath(), path, at));
            }
        }
    }

    private static Optional<String> idText(java.util.OptionalInt id) {
        return id.isPresent() ? Optional.of(String.valueOf(id.getAsInt())) : Optional.empty();
    }

    /**
     * The address part of {@code a.b.c.d/nn}, in canonical form, or empty for blank, {@code dhcp},
     * {@code manual} and anything that is not an IPv4/IPv6 address (reported by the
     * {@code config.invalid-value} check).
     */
    static Optional<String> addressOf(String cidr) {
        String s = cidr.trim();
        if (s.isEmpty() || s.equalsIgnoreCase("dhcp") || s.equalsIgnoreCase("manual")) {
            return Optional.empty();
        }
        int slash = s.indexOf('/');
        String a = slash < 0 ? s : s.substring(0, slash);
        return io.phoenixdiag.core.firewall.IpAddress.tryParse(a).isPresent() ? Optional.of(a) : Optional.empty();
    }

    /**
     * Whether a configured address (optionally with a prefix length) is usable.
     *
     * @param cidr the text, e.g. {@code 10.0.0.10/24}
     * @return true for a valid IPv4/IPv6 address with an optional prefix length within range
     */
    public static boolean isAddress(String cidr) {
        String s = cidr.trim();
        int slash = s.indexOf('/');
        if (addressOf(s).isEmpty()) {
            return false;
        }
        if (slash < 0) {
            return true;
        }
        try {
            int len = Integer.parseInt(s.substring(slash + 1));
            return len >= 0 && len <= (s.contains(":") ? 128 : 32);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** The prefix length of {@code a.b.c.d/nn}, or 0. */
    static int prefixOf(String cidr) {
        int slash = cidr.indexOf('/');
        if (slash < 0) {
            return 0;
        }
        try {
            return Integer.parseInt(cidr.substring(slash + 1).trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
