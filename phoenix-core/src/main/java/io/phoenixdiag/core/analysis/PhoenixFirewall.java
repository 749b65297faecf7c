package io.phoenixdiag.core.analysis;

import io.phoenixdiag.core.config.Deployment;
import io.phoenixdiag.core.config.DockerStack;
import io.phoenixdiag.core.config.DockerStackRef;
import io.phoenixdiag.core.config.GlobalFirewall;
import io.phoenixdiag.core.config.GuestFirewall;
import io.phoenixdiag.core.config.HypervisorConfig;
import io.phoenixdiag.core.config.LxcContainer;
import io.phoenixdiag.core.config.StackEnvironment;
import io.phoenixdiag.core.config.VirtualMachine;
import io.phoenixdiag.core.diag.Finding;
import io.phoenixdiag.core.diag.Severity;
import io.phoenixdiag.core.firewall.Action;
import io.phoenixdiag.core.firewall.DatacenterFirewall;
import io.phoenixdiag.core.firewall.DatacenterOptions;
import io.phoenixdiag.core.firewall.Direction;
import io.phoenixdiag.core.firewall.FirewallRule;
import io.phoenixdiag.core.firewall.GuestKind;
import io.phoenixdiag.core.firewall.GuestNic;
import io.phoenixdiag.core.firewall.GuestOptions;
import io.phoenixdiag.core.firewall.HostFirewall;
import io.phoenixdiag.core.firewall.PveFirewall;
import io.phoenixdiag.core.topology.Endpoint;
import io.phoenixdiag.core.topology.Guest;
import io.phoenixdiag.core.topology.Topology;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Translates the firewall intent of the Phoenix JSON into the Proxmox VE firewall model, as the
 * deployment's own scripts write it to {@code /etc/pve/firewall}.
 *
 * <ul>
 *   <li>The global firewall ({@code shared_volumes.firewall}, or a top-level {@code firewall}) becomes
 *       the datacenter ({@code cluster.fw}): {@code enabled} is the datacenter {@code enable} option (the
 *       master switch), {@code default_input_policy}/{@code default_output_policy} are
 *       {@code policy_in}/{@code policy_out}, and {@code global_firewall_rules} are datacenter rules,
 *       which Proxmox applies to the <em>host</em> only. Without a global firewall section the
 *       datacenter firewall is off, as on a fresh Proxmox install.</li>
 *   <li>Each guest's {@code firewall.enabled: true} means guest option {@code enable: 1} and
 *       {@code firewall=1} on its NIC {@code net0}; its {@code rules} are the guest's rules, with the
 *       Proxmox guest defaults {@code policy_in: DROP}, {@code policy_out: ACCEPT}.</li>
 *   <li>A VM's rules also include the {@code firewall_rules} of the {@code production} environment (or
 *       the environment its {@code docker_stacks} entry names) of each of its docker stacks, from
 *       {@code stacks/<name>/phoenix.json}, else from {@code phoenix_stacks_config.json}, appended after the
 *       VM's own rules as the deployment's VM manager writes them.</li>
 * </ul>
 * A rule whose action is neither ACCEPT, DROP nor REJECT is skipped and reported
 * ({@code firewall.invalid-rule}). Stateless and thread-safe.
 */
public final class PhoenixFirewall {
    private PhoenixFirewall() {
    }

    /**
     * The result of a translation: the model and what could not be translated.
     *
     * @param firewall the Proxmox firewall model
     * @param findings rules that were skipped, with their locations
     */
    public record Translation(PveFirewall firewall, List<Finding> findings) {
        /**
         * Copies the findings.
         *
         * @param firewall the model
         * @param findings the findings
         */
        public Translation {
            java.util.Objects.requireNonNull(firewall, "firewall");
            findings = List.copyOf(findings);
        }
    }

    /**
     * Translates a deployment's firewall intent.
     *
     * @param deployment the loaded deployment
     * @param topology   its topology (for guest addresses)
     * @return the Proxmox model and the findings of skipped rules
     */
    public static Translation translate(Deployment deployment, Topology topology) {
        List<Finding> findings = new ArrayList<>();
        Optional<GlobalFirewall> global = deployment.hypervisor().flatMap(HypervisorConfig::firewall);
        DatacenterFirewall.Builder dc = DatacenterFirewall.builder();
        DatacenterOptions.Builder dco = DatacenterOptions.builder().enable(global.map(GlobalFirewall::enabled).orElse(false));
        global.ifPresent(g -> {
            policy(g.defaultInputPolicy()).ifPresent(dco::policyIn);
            policy(g.defaultOutputPolicy()).ifPresent(dco::policyOut);
            for (io.phoenixdiag.core.config.FirewallRule r : g.rules()) {
                rule(r, findings).ifPresent(dc::rule);
            }
            dc.origin(g.location());
        });
        dc.options(dco.build());
        HostFirewall.Builder host = HostFirewall.builder()
                .localNetwork(topology.host().address()
                        .map(a -> a + "/" + (topology.host().prefixLength() == 0 ? 32 : topology.host().prefixLength()))
                        .orElse(""));
        PveFirewall.Builder fw = PveFirewall.builder().datacenter(dc.build()).host(host.build());
        for (LxcContainer c : deployment.containers().values()) {
            Guest g = c.ctid() <= 0 ? null : topology.guest(Endpoint.lxc(c.ctid())).orElse(null);
            if (g != null && g.endpoint().equals(Endpoint.lxc(c.ctid()))) {
                fw.guest(guest(GuestKind.LXC, c.ctid(), g, c.firewall(), List.of(), findings));
            }
        }
        for (VirtualMachine vm : deployment.vms()) {
            Guest g = vm.vmid() <= 0 ? null : topology.guest(Endpoint.vm(vm.vmid())).orElse(null);
            if (g == null || !g.declared().equals(vm.location())) {
                continue; // a duplicate VMID: the topology kept the first
            }
            List<io.phoenixdiag.core.config.FirewallRule> stackRules = new ArrayList<>();
            for (DockerStackRef ref : vm.dockerStacks()) {
                stackRules.addAll(stackRules(deployment, ref));
            }
            fw.guest(guest(GuestKind.VM, vm.vmid(), g, vm.firewall(), stackRules, findings));
        }
        return new Translation(fw.build(), findings);
    }

    private static List<io.phoenixdiag.core.config.FirewallRule> stackRules(Deployment d, DockerStackRef ref) {
        String env = ref.environment().isBlank() ? "production" : ref.environment();
        Optional<DockerStack> stack = Optional.ofNullable(d.stackManifests().get(ref.name()))
                .or(() -> d.stacksConfig().map(s -> s.dockerStacks().get(ref.name())));
        return stack.map(s -> s.environments().get(env)).map(StackEnvironment::firewallRules).orElse(List.of());
    }

    private static io.phoenixdiag.core.firewall.GuestFirewall guest(GuestKind kind, int id, Guest g,
            Optional<GuestFirewall> spec, List<io.phoenixdiag.core.config.FirewallRule> extra, List<Finding> findings) {
        boolean enabled = spec.map(GuestFirewall::enabled).orElse(false);
        io.phoenixdiag.core.firewall.GuestFirewall.Builder b = io.phoenixdiag.core.firewall.GuestFirewall.builder(kind, id)
                .options(GuestOptions.builder().enable(enabled).build());
        spec.ifPresent(s -> b.origin(s.location()));
        List<String> addresses = g.address().map(List::of).orElse(List.of());
        b.nic(new GuestNic("net0", enabled, g.bridge(), g.mac(), addresses));
        for (io.phoenixdiag.core.config.FirewallRule r : spec.map(GuestFirewall::rules).orElse(List.of())) {
            rule(r, findings).ifPresent(b::rule);
        }
        for (io.phoenixdiag.core.config.FirewallRule r : extra) {
            rule(r, findings).ifPresent(b::rule);
        }
        return b.build();
    }

    private static Optional<FirewallRule> rule(io.phoenixdiag.core.config.FirewallRule r, List<Finding> findings) {
        FirewallRule.Builder b;
        if (r.type() == io.phoenixdiag.core.config.FirewallRule.Type.GROUP) {
            b = FirewallRule.group(r.action());
        } else {
            Optional<Action> action = policy(r.action());
            if (action.isEmpty()) {
                findings.add(Finding.builder("firewall.invalid-rule", Severity.WARNING)
                        .title("Rule with action '" + r.action() + "' skipped")
                        .message("A Proxmox rule's action is ACCEPT, DROP, REJECT or a security group; '"
                                + r.action() + "' is none of these, so pve-firewall refuses the rule.")
                        .remediation("Use ACCEPT, DROP or REJECT.")
                        .subject(r.location().file()).location(r.location()).build());
                return Optional.empty();
            }
            b = FirewallRule.builder(r.type() == io.phoenixdiag.core.config.FirewallRule.Type.IN ? Direction.IN
                    : Direction.OUT, action.get());
        }
        b.macro(r.macro()).iface(r.iface()).source(r.source()).dest(r.dest()).proto(r.proto())
                .dport(r.dport().map(p -> p.text()).orElse("")).sport(r.sport().map(p -> p.text()).orElse(""))
                .enabled(r.enabled()).comment(r.comment()).origin(r.location());
        return Optional.of(b.build());
    }

    private static Optional<Action> policy(String text) {
        String t = text == null ? "" : text.trim().toUpperCase(Locale.ROOT);
        return switch (t) {
            case "ACCEPT" -> Optional.of(Action.ACCEPT);
            case "DROP" -> Optional.of(Action.DROP);
            case "REJECT" -> Optional.of(Action.REJECT);
            default -> Optional.empty();
        };
    }

}
