package io.phoenixdiag.core.config;

import io.phoenixdiag.core.config.JNode.JObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps parsed Phoenix JSON trees to the typed records, one small method per record. Field names not
 * listed here end up in the records' {@code extraFields}; those not in a "known untyped" list are
 * reported once per file as unknown.
 */
final class ModelMapper {

    private static final Pattern DOCKER_PORT =
            Pattern.compile("(?:(\\[?[0-9a-fA-F.:]+\\]?):)?([0-9]{1,5}):([0-9]{1,5})(?:/(tcp|udp|sctp))?");
    private static final Set<String> ACTIONS = Set.of("ACCEPT", "DROP", "REJECT");

    private ModelMapper() {
    }

    // ---------------------------------------------------------------- shared parts

    static FirewallRule rule(Fields f) {
        JNode typeNode = f.require("type", "in, out or group");
        FirewallRule.Type type = f.text(typeNode, "in, out or group").flatMap(FirewallRule.Type::of).orElseThrow(() -> {
            f.ctx().invalid(typeNode, "in, out or group", "the rule is skipped");
            return new Fields.Skip();
        });
        String action = f.text("action");
        if (ACTIONS.contains(action.toUpperCase(Locale.ROOT))) {
            action = action.toUpperCase(Locale.ROOT);
        }
        return new FirewallRule(type, action, f.text("macro"), f.text("proto").toLowerCase(Locale.ROOT),
                ports(f, "dport", "port"), ports(f, "sport"), f.text("source"), f.text("dest"), f.text("iface"),
                f.text("comment"), f.bool("enable", f.bool("enabled", true)), f.extras("log", "icmp-type"),
                f.location());
    }

    private static Optional<PortSpec> ports(Fields f, String... keys) {
        Optional<JNode> n = f.node(keys);
        Optional<String> text = n.flatMap(node -> f.text(node, "ports like 80,443 or 8000:8010"));
        if (text.isEmpty() || text.get().isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(PortSpec.parse(text.get()));
        } catch (IllegalArgumentException e) {
            f.ctx().invalid(n.get(), "ports in Proxmox syntax (a list like 80,443 or a range like 8000:8010)",
                    "the rule is skipped");
            throw new Fields.Skip();
        }
    }

    static GuestFirewall guestFirewall(Fields f) {
        return new GuestFirewall(f.bool("enabled", false), f.objects(ModelMapper::rule, "rule", "rules"),
                f.extras(), f.location());
    }

    static GlobalFirewall globalFirewall(Fields f) {
        return new GlobalFirewall(f.bool("enabled", false), f.text("default_input_policy"),
                f.text("default_output_policy"), f.objects(ModelMapper::rule, "rule", "global_firewall_rules", "rules"),
                f.extras(), f.location());
    }

    static GuestNetwork network(Fields f) {
        return new GuestNetwork(f.text("name"), f.text("bridge"), f.text("ip"), f.text("gw", "gateway"),
                f.addresses("nameservers", "nameserver"), f.extras(), f.location());
    }

    static TraefikService traefik(Fields f) {
        return new TraefikService(f.text("name"), f.integer("port"), f.extras(), f.location());
    }

    static MountPoint mountPoint(Fields f) {
        return new MountPoint(f.text("host_path"), f.text("container_path"), f.integer("owner_uid"),
                f.integer("owner_gid"), f.extras(), f.location());
    }

    static DnsRecord dnsRecord(Fields f) {
        return new DnsRecord(f.text("hostname"), f.text("ip"), f.text("ip_internal"), f.text("ip_external"),
                f.extras(), f.location());
    }

    static VmDefaults vmDefaults(Fields f) {
        return new VmDefaults(f.text("template"), f.integer("cores"), f.integer("memory_mb"),
                f.integer("disk_size_gb"), f.text("storage_pool"), f.text("network_bridge"),
                f.text("ubuntu_release"), f.extras(), f.location());
    }

    private static PortMapping portMapping(Fields owner, JNode n) {
        String text = owner.text(n, "a port mapping like 8000:8000").orElseThrow(Fields.Skip::new);
        Matcher m = DOCKER_PORT.matcher(text.strip());
        if (m.matches() && Integer.parseInt(m.group(2)) <= 65535 && Integer.parseInt(m.group(3)) <= 65535) {
            return new PortMapping(text, m.group(1) == null ? "" : m.group(1), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)), m.group(4) == null ? "tcp" : m.group(4), owner.ctx().at(n));
        }
        if (text.strip().matches("[0-9]{1,5}") && Integer.parseInt(text.strip()) <= 65535) {
            int p = Integer.parseInt(text.strip());
            return new PortMapping(text, "", p, p, "tcp", owner.ctx().at(n));
        }
        owner.ctx().invalid(n, "a docker-style port mapping [ip:]host:container[/proto]", "the mapping is skipped");
        throw new Fields.Skip();
    }

    private static int idKey(String key, Fields f, String what) {
        if (key.matches("[0-9]{1,9}")) {
            return Integer.parseInt(key);
        }
        f.ctx().invalid(f.node(), "a numeric " + what + " as the key (found \"" + key + "\")", "the entry is skipped");
        throw new Fields.Skip();
    }

    // ---------------------------------------------------------------- LXC

    static LxcConfigs lxcConfigs(Fields f) {
        Map<Integer, LxcContainer> containers = new LinkedHashMap<>();
        f.entries("lxc_configs", "container", (key, c) -> lxc(idKey(key, c, "CTID"), c))
                .values().forEach(c -> containers.put(c.ctid(), c));
        return new LxcConfigs(f.text("$schema"), f.text("nvidia_driver_version"), containers,
                f.extras("nvidia_repo_url", "nvidia_runfile_url"), f.location());
    }

    private static LxcContainer lxc(int ctid, Fields f) {
        return new LxcContainer(ctid, f.text("name"), f.bool("start_at_boot", false), f.integer("boot_order"),
                f.integer("boot_delay"), f.integer("memory_mb"), f.integer("swap_mb"), f.integer("cores"),
                f.text("storage_pool"), f.integer("storage_size_gb"), f.text("template"),
                f.object("network_config", ModelMapper::network), f.text("mac_address"), f.text("gpu_assignment"),
                f.text("portainer_role"), f.optBool("unprivileged"), f.integer("clone_from_ctid"), f.texts("features"),
                f.integers("dependencies"), f.objects(ModelMapper::mountPoint, "mount point", "mount_points"),
                f.text("application_script"), f.object("firewall", ModelMapper::guestFirewall),
                f.object("traefik_service", ModelMapper::traefik), f.each("ports", "a list of port mappings",
                        n -> portMapping(f, n)), f.text("bootstrap_ca_url"),
                f.object("health_check", h -> new HealthCheck(h.text("command"), h.integer("retries"),
                        h.integer("interval"), h.extras(), h.location())),
                f.objects(v -> new ZfsVolume(v.text("name"), v.text("pool"), v.integer("size_gb"),
                        v.text("mount_point"), v.extras(), v.location()), "volume", "zfs_volumes", "volumes"),
                f.objects(m -> new IdMap(m.text("type"), m.integer("host_id"), m.integer("container_id"),
                        m.integer("size"), m.extras(), m.location()), "id map", "id_maps"),
                f.texts("lxc_options"), f.texts("pct_options"), f.text("apparmor_profile"),
                f.objects(ModelMapper::dnsRecord, "DNS record", "dns_records"),
                f.extras("vllm_engine_config", "tests", "integration_tests", "run_integration_tests", "vllm",
                        "vllm_args", "vllm_gpu_memory_utilization", "vllm_max_model_len", "vllm_model",
                        "vllm_model_type", "vllm_parameters", "vllm_port", "vllm_quantization",
                        "vllm_served_model_name", "vllm_tensor_parallel_size", "vllm_trust_remote_code",
                        "template_snapshot_name", "apparmor_manages_nesting", "enable_lifecycle_snapshots",
                        "trigger_sync_on_completion"),
                f.location());
    }

    // ---------------------------------------------------------------- VM

    static VmConfigs vmConfigs(Fields f) {
        return new VmConfigs(f.object("vm_defaults", ModelMapper::vmDefaults),
                f.objects(ModelMapper::vm, "VM", "vms"), f.extras(), f.location());
    }

    private static VirtualMachine vm(Fields f) {
        JNode idNode = f.require("vmid", "the VM id (an integer)");
        int vmid = f.integer(idNode, "the VM id (an integer)").orElseThrow(Fields.Skip::new);
        return new VirtualMachine(vmid, f.text("name"), f.bool("is_template", false), f.integer("clone_from_vmid"),
                f.integer("cores"), f.integer("memory_mb"), f.integer("disk_size_gb"), f.bool("start_at_boot", false),
                f.integer("boot_order"), f.integer("boot_delay"), f.texts("features"), f.text("portainer_role"),
                f.text("portainer_agent_hostname"), f.integers("dependencies"),
                f.object("traefik_service", ModelMapper::traefik), f.object("network_config", ModelMapper::network),
                f.objects(v -> new VmVolume(v.text("type"), v.text("name"), v.text("path"), v.text("mount_point"),
                        v.text("server"), v.extras(), v.location()), "volume", "volumes"),
                f.each("docker_stacks", "a list of stack names", n -> stackRef(f, n)),
                f.objects(ModelMapper::dnsRecord, "DNS record", "dns_records"),
                f.objects(ModelMapper::mountPoint, "mount point", "mount_points"),
                f.object("firewall", ModelMapper::guestFirewall),
                f.extras("template_image", "template_snapshot_name", "user_config", "portainer_environment_name",
                        "trigger_sync_on_completion", "storage_pool", "network_bridge", "qm_options", "snapshots",
                        "portainer_admin_user", "portainer_admin_password", "portainer_config",
                        "docker_compose_files"),
                f.location());
    }

    private static DockerStackRef stackRef(Fields owner, JNode n) {
        if (n instanceof JObject) {
            Fields s = Fields.of(n, owner.ctx(), "stack reference");
            DockerStackRef ref = new DockerStackRef(s.text("name"), s.text("environment"), s.location());
            s.extras();
            return ref;
        }
        String name = owner.text(n, "a stack name or {name, environment}").orElseThrow(Fields.Skip::new);
        return new DockerStackRef(name, "", owner.ctx().at(n));
    }

    // ---------------------------------------------------------------- hypervisor

    static HypervisorConfig hypervisor(Fields f) {
        Optional<GlobalFirewall> firewall = Optional.empty();
        List<SharedVolume> volumes = new java.util.ArrayList<>();
        Optional<JNode> shared = f.node("shared_volumes");
        if (shared.isPresent()) {
            try {
                Fields sv = Fields.of(shared.get(), f.ctx(), "shared volumes");
                firewall = sv.object("firewall", ModelMapper::globalFirewall);
                for (String key : ((JObject) shared.get()).members().keySet()) {
                    if (!key.equals("firewall")) {
                        sv.object(key, v -> sharedVolume(key, v)).ifPresent(volumes::add);
                    }
                }
            } catch (Fields.Skip skip) {
                // shared_volumes is not an object: reported; the rest of the hypervisor file still loads
            }
        }
        Optional<GlobalFirewall> topLevel = f.object("firewall", ModelMapper::globalFirewall);
        return new HypervisorConfig(f.text("version"), f.text("author"), f.text("domain_name"), f.text("timezone"),
                f.object("users", u -> new HostUser(u.text("username"), u.secret("password_hash"),
                        u.bool("sudo_access", false), u.text("ssh_public_key"), u.extras(), u.location())),
                f.textMap("core_paths"), f.object("network", ModelMapper::hostNetwork),
                f.object("nfs", ModelMapper::nfs), f.object("samba", ModelMapper::samba),
                f.object("zfs", ModelMapper::zfs), f.textMap("proxmox_storage_ids"), f.text("mount_point_base"),
                volumes, firewall.or(() -> topLevel),
                f.object("portainer_api", p -> new PortainerApi(p.text("admin_user"), p.secret("admin_password"),
                        p.text("portainer_hostname"), p.extras(), p.location())),
                f.object("step_ca", s -> new StepCaConfig(s.text("root_ca_name"), s.text("intermediate_ca_name"),
                        s.text("dns_name"), s.text("provisioner_name"), s.extras(), s.location())),
                f.object("dns_server", ModelMapper::dnsServer), f.object("vm_defaults", ModelMapper::vmDefaults),
                f.extras("docker", "proxmox_defaults", "tests", "nvidia_driver", "behavior", "vms"), f.location());
    }

    private static SharedVolume sharedVolume(String name, Fields f) {
        Map<Integer, String> mounts = new LinkedHashMap<>();
        Optional<JNode> m = f.node("mounts");
        if (m.isPresent()) {
            Fields mf = Fields.of(m.get(), f.ctx(), "mounts");
            for (Map.Entry<String, JNode> e : mf.node().members().entrySet()) {
                if (e.getKey().matches("[0-9]{1,9}")) {
                    mf.node(e.getKey());
                    f.text(e.getValue(), "a mount path").ifPresent(p -> mounts.put(Integer.parseInt(e.getKey()), p));
                } else {
                    f.ctx().invalid(e.getValue(), "a mount keyed by a numeric guest id (found key \"" + e.getKey()
                            + "\")", "the mount is skipped");
                }
            }
        }
        return new SharedVolume(name, f.text("host_path"), mounts, f.extras(), f.location());
    }

    private static HostNetwork hostNetwork(Fields f) {
        return new HostNetwork(f.objects(i -> new HostInterface(i.text("name"), i.text("address"), i.text("gateway"),
                        i.addresses("dns_nameservers"), i.extras(), i.location()), "interface", "interfaces"),
                f.text("default_subnet"), f.text("nfs_server"), f.text("fallback_dns"), f.text("portainer_server_ip"),
                f.integer("portainer_server_port"), f.integer("portainer_agent_port"),
                f.text("external_registry_url"), f.extras(), f.location());
    }

    private static NfsConfig nfs(Fields f) {
        List<NfsExport> exports = new java.util.ArrayList<>(f.objects(ModelMapper::nfsExport, "export", "exports"));
        exports.addAll(f.objects(ModelMapper::nfsExport, "share", "shares"));
        return new NfsConfig(exports, f.extras(), f.location());
    }

    private static NfsExport nfsExport(Fields e) {
        return new NfsExport(e.text("path"), e.addresses("clients"), e.texts("options"), e.extras(), e.location());
    }

    private static SambaConfig samba(Fields f) {
        return new SambaConfig(f.text("user"), f.objects(s -> new SambaShare(s.text("name"), s.text("path"),
                s.text("options"), s.texts("valid_users"), s.extras(), s.location()), "share", "shares"),
                f.extras(), f.location());
    }

    private static ZfsConfig zfs(Fields f) {
        return new ZfsConfig(f.integer("arc_max_gb"),
                f.objects(p -> new ZfsPool(p.text("name"), p.text("raid_level"), p.texts("disks"), p.extras(),
                        p.location()), "pool", "pools"),
                f.objects(ModelMapper::dataset, "dataset", "datasets"), f.extras("arc_max"), f.location());
    }

    private static ZfsDataset dataset(Fields f) {
        Map<String, String> props = new LinkedHashMap<>();
        Optional<JNode> p = f.node("properties");
        if (p.isPresent() && p.get() instanceof JObject) {
            ((JObject) p.get()).members().forEach((k, v) -> f.text(v, "a property value").ifPresent(t -> props.put(k, t)));
        } else if (p.isPresent()) {
            for (String kv : f.text(p.get(), "properties like k=v,k=v or an object").orElse("").split(",")) {
                int eq = kv.indexOf('=');
                if (!kv.isBlank()) {
                    props.put((eq < 0 ? kv : kv.substring(0, eq)).strip(), eq < 0 ? "" : kv.substring(eq + 1).strip());
                }
            }
        }
        return new ZfsDataset(f.text("name"), f.text("pool"), props, f.text("proxmox_storage_type"),
                f.text("proxmox_content_type"), f.text("storage_class"), f.extras(), f.location());
    }

    private static DnsServerConfig dnsServer(Fields f) {
        return new DnsServerConfig(f.bool("enabled", false), f.addresses("upstream_servers"),
                f.objects(z -> new DnsZone(z.text("zone_name"), z.objects(ModelMapper::dnsRecord, "record", "records"),
                        z.extras(), z.location()), "zone", "authoritative_zones"),
                f.extras(), f.location());
    }

    // ---------------------------------------------------------------- stacks

    static StacksConfig stacksConfig(Fields f) {
        return new StacksConfig(f.text("$schema"), f.entries("docker_stacks", "stack", ModelMapper::dockerStack),
                f.extras(), f.location());
    }

    static DockerStack dockerStack(String name, Fields f) {
        return new DockerStack(name, f.text("description"), f.text("compose_file_path"),
                f.entries("environments", "environment", ModelMapper::environment), f.extras("name"), f.location());
    }

    private static StackEnvironment environment(String name, Fields f) {
        return new StackEnvironment(name, f.objects(ModelMapper::variable, "variable", "variables"),
                f.objects(s -> new StackFile(s.text("source"), s.text("destination_in_container"), s.extras(),
                        s.location()), "file", "files"),
                f.entries("services", "service", (n, s) -> new StackService(n, s.texts("traefik_labels"), s.extras(),
                        s.location())),
                f.objects(ModelMapper::rule, "rule", "firewall_rules"), f.extras(), f.location());
    }

    private static StackVariable variable(Fields f) {
        String name = f.text("name");
        Optional<JNode> value = f.node("value");
        String text = value.flatMap(v -> f.text(v, "a string")).orElse("");
        boolean sensitive = value.map(v -> f.ctx().isSecret(v)).orElse(Secret.isSecretFieldName(name));
        StackVariable v = new StackVariable(name, Secret.of(text), sensitive, f.location());
        f.extras();
        return v;
    }

    // ---------------------------------------------------------------- certificate manifest

    static CertificateManifest manifest(JNode root, LoadContext ctx) {
        JNode list = root;
        if (root instanceof JObject) {
            Fields f = Fields.of(root, ctx, "manifest");
            list = f.node("certificates", "entries").orElse(root);
            f.extras();
        }
        if (!(list instanceof JNode.JArray)) {
            ctx.invalid(list, "a list of certificate entries", "the manifest is empty");
            return new CertificateManifest(List.of(), ctx.at(root));
        }
        List<CertificateEntry> entries = new java.util.ArrayList<>();
        for (JNode e : ((JNode.JArray) list).elements()) {
            try {
                Fields c = Fields.of(e, ctx, "certificate entry");
                entries.add(new CertificateEntry(c.text("common_name"), c.texts("sans"), c.text("cert_path"),
                        c.text("key_path"), c.text("owner"), c.text("permissions"), c.text("post_renewal_command"),
                        c.extras(), c.location()));
            } catch (Fields.Skip skip) {
                // reported
            }
        }
        return new CertificateManifest(entries, ctx.at(root));
    }
}
