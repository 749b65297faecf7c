package io.phoenixdiag.core.firewall.pvefile;

import io.phoenixdiag.core.config.LoadResult;
import io.phoenixdiag.core.diag.Finding;
import io.phoenixdiag.core.diag.Location;
import io.phoenixdiag.core.diag.Severity;
import io.phoenixdiag.core.firewall.DatacenterFirewall;
import io.phoenixdiag.core.firewall.GuestFirewall;
import io.phoenixdiag.core.firewall.GuestKind;
import io.phoenixdiag.core.firewall.GuestNic;
import io.phoenixdiag.core.firewall.HostFirewall;
import io.phoenixdiag.core.firewall.PveFirewall;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads Proxmox VE firewall files ({@code cluster.fw}, {@code host.fw}, {@code <vmid>.fw}) and guest
 * configs into the {@link PveFirewall} model, and writes the model back as {@code .fw} text.
 *
 * <p>Reading follows pve-firewall (src/PVE/Firewall.pm: {@code generic_fw_config_parser},
 * {@code parse_fw_rule}, {@code verify_rule}, the option parsers) line by line, and never throws for
 * bad content; what it finds is returned as findings beside the model (warnings as data):
 * <ul>
 * <li>{@code firewall.fw-syntax} (WARNING): a line pve-firewall cannot read (no section, a bad section
 *     header, an unknown option, an option value it refuses, an alias line that is not
 *     {@code name address}, a rule it cannot parse). The line is left out; the rest of the file loads.</li>
 * <li>{@code firewall.rule-refused} (WARNING): a rule pve-firewall reads but refuses (a port without a
 *     protocol, more than 15 multiport entries with a range counting as two, an unknown macro or protocol,
 *     an IPSet or alias that does not exist at that point of the file, a rule type or {@code -i} the file
 *     does not allow...). The rule stays in the model with its {@link
 *     io.phoenixdiag.core.firewall.FirewallRule#errors() errors}, so the evaluator skips it exactly as
 *     pve-firewall skips it when it builds the ruleset. A rule with an unknown type or action has no
 *     model form and is left out.</li>
 * <li>{@code firewall.ipset-entry-refused} (WARNING): an IPSet entry pve-firewall leaves out of the set
 *     (not an address or network, an alias not defined yet, a duplicate, a {@code /0} prefix).</li>
 * <li>{@code firewall.fw-input} (INFO, or ERROR for an unreadable directory or file): what the
 *     directory lacks and how that is treated.</li>
 * </ul>
 * Every rule, IPSet, IPSet entry, alias and security group carries its {@link Location} (file, line,
 * column). pve-firewall checks names while it reads a file, top to bottom: a rule that names an IPSet
 * defined further down in the same file is refused, and so it is here.
 *
 * <p>Writing ({@link #render(DatacenterFirewall)} and the overloads) uses pve-firewall's own save order;
 * reading the written text gives back an equal model (apart from locations and the rules' text as
 * written), except for rules refused only because a name was defined further down in the original file:
 * in the written order the name comes first, as when pve-firewall itself rewrites the file.
 *
 * <p>All methods are stateless and thread-safe; the {@link Loader} is not.
 */
public final class PveFirewallFiles {
    private static final String INPUT = "firewall.fw-input";
    private static final Pattern GUEST_FW = Pattern.compile("^(\\d+)\\.fw$");
    private static final Pattern GUEST_CONF = Pattern.compile("^(\\d+)\\.conf$");

    private PveFirewallFiles() {
    }

    /**
     * Reads a directory with the default {@link Loader} (no node name, local network unknown).
     *
     * @param directory see {@link Loader#load(Path)}
     * @return the model ({@link PveFirewall#complete() complete}) and the findings; never null
     */
    public static LoadResult<PveFirewall> parseDirectory(Path directory) {
        return loader().load(directory);
    }

    /**
     * Starts a loader, to give the facts of the node that the files do not hold.
     *
     * @return a new loader; not thread-safe
     */
    public static Loader loader() {
        return new Loader();
    }

    /**
     * Reads one file on its own: references to datacenter IPSets and aliases from a host or guest
     * file are refused, as there is no datacenter.
     *
     * @param text  the file content
     * @param label the file name used in locations and findings, such as {@code /etc/pve/firewall/100.fw};
     *              for {@link FileKind#VM} and {@link FileKind#CT} its last digits give the VMID (0 when none)
     * @param kind  the file kind
     * @return a model holding the file's part (the datacenter, the host, or the one guest without NICs),
     *         and the findings
     * @throws NullPointerException if an argument is null
     */
    public static LoadResult<PveFirewall> parse(String text, String label, FileKind kind) {
        return parse(text, label, kind, DatacenterFirewall.builder().build());
    }

    /**
     * Reads one host or guest file against a datacenter firewall (the IPSets and aliases its rules may
     * name); for {@link FileKind#CLUSTER} the datacenter argument is ignored.
     *
     * @param text       the file content
     * @param label      the file name used in locations and findings (see {@link #parse(String, String, FileKind)})
     * @param kind       the file kind
     * @param datacenter the datacenter firewall, e.g. from reading {@code cluster.fw} first
     * @return a model holding the datacenter and the file's part, and the findings
     * @throws NullPointerException if an argument is null
     */
    public static LoadResult<PveFirewall> parse(String text, String label, FileKind kind, DatacenterFirewall datacenter) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(datacenter, "datacenter");
        FwParser p = new FwParser(kind, label, datacenter);
        p.parse(text);
        PveFirewall.Builder b = PveFirewall.builder().complete(true);
        switch (kind) {
            case CLUSTER -> b.datacenter(p.datacenter());
            case HOST -> b.datacenter(datacenter).host(p.host(""));
            default -> b.datacenter(datacenter).guest(p.guest(kind == FileKind.CT ? GuestKind.LXC : GuestKind.VM,
                    vmidOf(label)).build());
        }
        return new LoadResult<>(b.build(), p.findings());
    }

    private static int vmidOf(String label) {
        Matcher m = Pattern.compile("(\\d{1,9})(?:\\.fw)?$").matcher(Path.of(label).getFileName().toString());
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    /**
     * The datacenter firewall as {@code cluster.fw} text.
     *
     * @param datacenter the datacenter firewall
     * @return the text
     */
    public static String render(DatacenterFirewall datacenter) {
        return FwRenderer.datacenter(Objects.requireNonNull(datacenter, "datacenter"));
    }

    /**
     * The host firewall as {@code host.fw} text.
     *
     * @param host the host firewall
     * @return the text
     */
    public static String render(HostFirewall host) {
        return FwRenderer.host(Objects.requireNonNull(host, "host"));
    }

    /**
     * A guest firewall as {@code <vmid>.fw} text (the NICs belong to the guest config and are not written).
     *
     * @param guest the guest firewall
     * @return the text
     */
    public static String render(GuestFirewall guest) {
        return FwRenderer.guest(Objects.requireNonNull(guest, "guest"));
    }

    /**
     * Reads a directory of Proxmox firewall files and guest configs. Not thread-safe; a loader may load
     * more than one directory.
     *
     * <p>Layouts (the first that exists wins for each file):
     * <ul>
     * <li>{@code cluster.fw} and {@code <vmid>.fw}: in {@code DIR/firewall/} (a copy of {@code /etc/pve})
     *     or in {@code DIR/} (a flat directory, as pve-firewall's simulator tests use);</li>
     * <li>{@code host.fw}: {@code DIR/host.fw}, {@code DIR/local/host.fw}, {@code DIR/nodes/<node>/host.fw}
     *     (the node named with {@link #nodeName(String)}, or the only node directory);</li>
     * <li>guest configs: {@code DIR/lxc/<id>.conf}, {@code DIR/qemu-server/<id>.conf} and the same under
     *     {@code DIR/nodes/<node>/}, plus those given with {@link #guestConfig(GuestKind, int, String)};</li>
     * <li>{@code corosync.conf}: {@code DIR/corosync.conf} or the file given with {@link #corosync(Path)}.</li>
     * </ul>
     * As pve-firewall does, only guests with a config on the node are filtered: a {@code <vmid>.fw} without
     * a guest config is ignored (an INFO finding). When the directory holds no guest config at all, each
     * {@code <vmid>.fw} is read as a VM without NICs and a WARNING says that its NICs are unknown.
     */
    public static final class Loader {
        private String nodeName = "";
        private String localNetwork = "";
        private Path corosync;
        private final Map<Integer, GuestConfig> guests = new TreeMap<>();

        /** A guest config given in code. */
        private record GuestConfig(GuestKind kind, String text, String label) {
        }

        private Loader() {
        }

        /**
         * Sets the local node's name (picks {@code nodes/<node>/}, and the local node of {@code corosync.conf}).
         *
         * @param name the node name, such as {@code pve1}; null or blank for unknown
         * @return this loader
         */
        public Loader nodeName(String name) {
            this.nodeName = name == null ? "" : name.trim();
            return this;
        }

        /**
         * Sets the node's local network, which pve-firewall detects from the node's address
         * ({@code pve-firewall localnet}); the datacenter alias {@code local_network} overrides it.
         *
         * @param cidr such as {@code 172.16.1.0/24}; null or blank for unknown
         * @return this loader
         */
        public Loader localNetwork(String cidr) {
            this.localNetwork = cidr == null ? "" : cidr.trim();
            return this;
        }

        /**
         * Uses this {@code corosync.conf} instead of {@code DIR/corosync.conf}.
         *
         * @param file the file
         * @return this loader
         */
        public Loader corosync(Path file) {
            this.corosync = Objects.requireNonNull(file, "file");
            return this;
        }

        /**
         * Adds a guest config given as text (its {@code netN} lines), as if it were in the directory;
         * replaces one found there.
         *
         * @param kind the guest kind
         * @param vmid the VMID/CTID
         * @param text the config text, e.g. {@code net0: name=eth0,bridge=vmbr0,firewall=1,ip=10.0.0.10/24}
         * @return this loader
         * @throws NullPointerException if an argument is null
         */
        public Loader guestConfig(GuestKind kind, int vmid, String text) {
            guests.put(vmid, new GuestConfig(Objects.requireNonNull(kind, "kind"), Objects.requireNonNull(text, "text"),
                    "(" + kind.subject(vmid) + " config)"));
            return this;
        }

        /**
         * Reads the directory.
         *
         * @param directory the directory (see the layouts above)
         * @return the model ({@link PveFirewall#complete() complete}: names not defined in the files do not
         *         exist) and the findings; an unreadable directory gives an empty, disabled model and an
         *         ERROR finding. Never null, never throws for bad input.
         * @throws NullPointerException if {@code directory} is null
         */
        public LoadResult<PveFirewall> load(Path directory) {
            Objects.requireNonNull(directory, "directory");
            List<Finding> findings = new ArrayList<>();
            PveFirewall.Builder model = PveFirewall.builder().complete(true);
            if (!Files.isDirectory(directory)) {
                findings.add(input(Severity.ERROR, "not a directory: " + directory,
                        "The Proxmox firewall directory " + directory + " does not exist or is not a directory.",
                        directory.toString()));
                return new LoadResult<>(model.build(), findings);
            }
            Path fwDir = Files.isDirectory(directory.resolve("firewall")) ? directory.resolve("firewall") : directory;
            String node = nodeName;
            Optional<Path> nodeDir = nodeDir(directory, findings);
            if (node.isEmpty() && nodeDir.isPresent()) {
                node = nodeDir.get().getFileName().toString();
            }
            // cluster.fw
            DatacenterFirewall dc = DatacenterFirewall.builder().build();
            Path clusterFw = fwDir.resolve("cluster.fw");
            if (Files.isRegularFile(clusterFw)) {
                Optional<String> text = read(clusterFw, findings);
                if (text.isPresent()) {
                    FwParser p = new FwParser(FileKind.CLUSTER, clusterFw.toString(), dc);
                    p.parse(text.get());
                    dc = p.datacenter();
                    findings.addAll(p.findings());
                }
            } else {
                findings.add(input(Severity.INFO, "no cluster.fw", "There is no " + clusterFw
                        + ": the datacenter firewall is disabled (pve-firewall's default), so nothing is filtered.",
                        clusterFw.toString()));
            }
            model.datacenter(dc);
            // host.fw
            List<Path> hostCandidates = new ArrayList<>(List.of(directory.resolve("host.fw"), fwDir.resolve("host.fw"),
                    directory.resolve("local").resolve("host.fw")));
            nodeDir.ifPresent(d -> hostCandidates.add(d.resolve("host.fw")));
            HostFirewall.Builder hostDefaults = HostFirewall.builder().localNetwork(localNetwork);
            HostFirewall host = hostDefaults.build();
            Optional<Path> hostFw = hostCandidates.stream().filter(Files::isRegularFile).findFirst();
            if (hostFw.isPresent()) {
                Optional<String> text = read(hostFw.get(), findings);
                if (text.isPresent()) {
                    FwParser p = new FwParser(FileKind.HOST, hostFw.get().toString(), dc);
                    p.parse(text.get());
                    host = p.host(localNetwork);
                    findings.addAll(p.findings());
                }
            }
            // corosync
            Path coro = corosync != null ? corosync : directory.resolve("corosync.conf");
            if (Files.isRegularFile(coro)) {
                Optional<String> text = read(coro, findings);
                if (text.isPresent()) {
                    host = withCorosync(host, text.get(), node, coro, findings);
                }
            }
            model.host(host);
            // guests
            Map<Integer, GuestConfig> configs = new TreeMap<>();
            List<Path> confDirs = new ArrayList<>(List.of(directory.resolve("lxc"), directory.resolve("qemu-server")));
            nodeDir.ifPresent(d -> confDirs.addAll(List.of(d.resolve("lxc"), d.resolve("qemu-server"))));
            for (Path d : confDirs) {
                GuestKind kind = d.getFileName().toString().equals("lxc") ? GuestKind.LXC : GuestKind.VM;
                for (Path f : list(d, GUEST_CONF, findings)) {
                    int id = Integer.parseInt(numberOf(f, GUEST_CONF));
                    read(f, findings).ifPresent(t -> configs.putIfAbsent(id, new GuestConfig(kind, t, f.toString())));
                }
            }
            configs.putAll(guests);
            Map<Integer, Path> fwFiles = new TreeMap<>();
            for (Path f : list(fwDir, GUEST_FW, findings)) {
                fwFiles.put(Integer.parseInt(numberOf(f, GUEST_FW)), f);
            }
            for (Map.Entry<Integer, GuestConfig> e : configs.entrySet()) {
                GuestConfig cfg = e.getValue();
                GuestFirewall.Builder g = GuestFirewall.builder(cfg.kind(), e.getKey());
                Path f = fwFiles.get(e.getKey());
                if (f != null) {
                    Optional<String> text = read(f, findings);
                    if (text.isPresent()) {
                        FwParser p = new FwParser(cfg.kind() == GuestKind.LXC ? FileKind.CT : FileKind.VM, f.toString(), dc);
                        p.parse(text.get());
                        g = p.guest(cfg.kind(), e.getKey());
                        findings.addAll(p.findings());
                    }
                }
                for (GuestNic nic : GuestConfigs.nics(cfg.text(), cfg.kind()).values()) {
                    g.nic(nic);
                }
                model.guest(g.build());
            }
            for (Map.Entry<Integer, Path> e : fwFiles.entrySet()) {
                if (configs.containsKey(e.getKey())) {
                    continue;
                }
                String file = e.getValue().toString();
                if (!configs.isEmpty()) {
                    findings.add(input(Severity.INFO, "no guest config for " + e.getValue().getFileName(),
                            "There is no guest config for " + file + " on this node, so pve-firewall does not use"
                                    + " the file (it filters only the node's own guests).", file));
                    continue;
                }
                Optional<String> text = read(e.getValue(), findings);
                if (text.isPresent()) {
                    FwParser p = new FwParser(FileKind.VM, file, dc);
                    p.parse(text.get());
                    model.guest(p.guest(GuestKind.VM, e.getKey()).build());
                    findings.addAll(p.findings());
                    findings.add(input(Severity.WARNING, "NICs of guest " + e.getKey() + " unknown",
                            "The directory holds no guest config, so the NICs of guest " + e.getKey()
                                    + " and their firewall=1 flags are unknown; read as a VM without NICs, whose"
                                    + " traffic the evaluator treats as not filtered. Add its config"
                                    + " (lxc/<id>.conf or qemu-server/<id>.conf).", file));
                }
            }
            return new LoadResult<>(model.build(), findings);
        }

        private Optional<Path> nodeDir(Path directory, List<Finding> findings) {
            Path nodes = directory.resolve("nodes");
            if (!Files.isDirectory(nodes)) {
                return Optional.empty();
            }
            if (!nodeName.isEmpty()) {
                return Optional.of(nodes.resolve(nodeName)).filter(Files::isDirectory);
            }
            List<Path> dirs;
            try (Stream<Path> s = Files.list(nodes)) {
                dirs = s.filter(Files::isDirectory).sorted().toList();
            } catch (IOException e) {
                findings.add(input(Severity.ERROR, "cannot list " + nodes, "Cannot list " + nodes + ": " + e.getMessage(),
                        nodes.toString()));
                return Optional.empty();
            }
            if (dirs.size() == 1) {
                return Optional.of(dirs.get(0));
            }
            if (dirs.size() > 1) {
                findings.add(input(Severity.WARNING, "which node?", nodes + " holds " + dirs.size()
                        + " nodes; give the node name to read its host.fw and guest configs.", nodes.toString()));
            }
            return Optional.empty();
        }

        private static HostFirewall withCorosync(HostFirewall host, String text, String node, Path file,
                                                 List<Finding> findings) {
            if (node.isEmpty()) {
                findings.add(input(Severity.INFO, "corosync links not modelled", file
                        + " is present but the local node's name is not known, so the corosync rules pve-firewall"
                        + " adds (udp/5404:5405 between ring addresses) are not modelled.", file.toString()));
                return host;
            }
            Corosync.Links links = Corosync.links(text, node);
            if (!links.localFound()) {
                findings.add(input(Severity.INFO, "node " + node + " not in corosync.conf", file + " has no node named "
                        + node + ", so no corosync rules are modelled.", file.toString()));
                return host;
            }
            if (!links.unresolved().isEmpty()) {
                findings.add(input(Severity.INFO, "corosync host names not resolved", "Ring addresses that are host"
                        + " names are not resolved offline, so their corosync rules are not modelled: "
                        + String.join(", ", links.unresolved()) + ".", file.toString()));
            }
            HostFirewall.Builder b = HostFirewall.builder().options(host.options()).rules(host.rules())
                    .localNetwork(host.localNetwork()).origin(host.origin().orElse(null));
            links.links().forEach(l -> b.corosync(l.localAddress(), l.peerAddress()));
            return b.build();
        }

        private static String numberOf(Path f, Pattern p) {
            Matcher m = p.matcher(f.getFileName().toString());
            return m.matches() ? m.group(1) : "0";
        }

        private static List<Path> list(Path dir, Pattern names, List<Finding> findings) {
            if (!Files.isDirectory(dir)) {
                return List.of();
            }
            try (Stream<Path> s = Files.list(dir)) {
                return s.filter(f -> names.matcher(f.getFileName().toString()).matches()
                        && f.getFileName().toString().length() < 14).sorted().toList();
            } catch (IOException e) {
                findings.add(input(Severity.ERROR, "cannot list " + dir, "Cannot list " + dir + ": " + e.getMessage(),
                        dir.toString()));
                return List.of();
            }
        }

        private static Optional<String> read(Path f, List<Finding> findings) {
            try {
                return Optional.of(new String(Files.readAllBytes(f), StandardCharsets.UTF_8));
            } catch (IOException e) {
                findings.add(input(Severity.ERROR, "cannot read " + f.getFileName(), "Cannot read " + f + ": "
                        + e.getMessage() + "; its part of the firewall is missing from the model.", f.toString()));
                return Optional.empty();
            }
        }
    }

    private static Finding input(Severity severity, String title, String message, String file) {
        return Finding.builder(INPUT, severity).title(title).message(message).subject(file)
                .location(Location.ofFile(file)).build();
    }
}
