package io.phoenixdiag.net.pvecompile;

import io.phoenixdiag.core.firewall.Action;
import io.phoenixdiag.core.firewall.AddressSpec;
import io.phoenixdiag.core.firewall.Alias;
import io.phoenixdiag.core.firewall.Direction;
import io.phoenixdiag.core.firewall.FirewallRule;
import io.phoenixdiag.core.firewall.GuestFirewall;
import io.phoenixdiag.core.firewall.GuestKind;
import io.phoenixdiag.core.firewall.GuestNic;
import io.phoenixdiag.core.firewall.HostFirewall;
import io.phoenixdiag.core.firewall.IpRange;
import io.phoenixdiag.core.firewall.IpSet;
import io.phoenixdiag.core.firewall.PortSpec;
import io.phoenixdiag.core.firewall.PveFirewall;
import io.phoenixdiag.core.firewall.SecurityGroup;
import io.phoenixdiag.net.iptables.IptablesSave;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Renders a Proxmox VE firewall model as the {@code filter} table pve-firewall generates for it
 * (src/PVE/Firewall.pm {@code compile_iptables_filter}), in {@code iptables-save} form.
 *
 * <p>Chains: {@code PVEFW-INPUT}, {@code PVEFW-OUTPUT}, {@code PVEFW-FORWARD} (hooked from the built-in
 * chains, whose policies are ACCEPT), {@code PVEFW-FWBR-IN} / {@code PVEFW-FWBR-OUT} (the bridge input
 * filters and one physdev jump per filtered guest NIC), {@code PVEFW-HOST-IN} / {@code PVEFW-HOST-OUT},
 * {@code tap<vmid>i<n>-IN/OUT} and {@code veth<vmid>i<n>-IN/OUT} per guest NIC with {@code firewall=1}
 * of a guest whose firewall is enabled, {@code GROUP-<name>-IN/OUT} per security group used, and the
 * standard chains ({@code PVEFW-Drop}, {@code PVEFW-Reject}, {@code PVEFW-reject},
 * {@code PVEFW-DropBroadcast}, {@code PVEFW-SET-ACCEPT-MARK}, {@code PVEFW-smurfs}, {@code PVEFW-tcpflags}...).
 * IPSet and alias references become {@code -m set --match-set PVEFW-<vmid>-<name>-v4} and literal
 * addresses; rules pve-firewall refuses or skips (errors, disabled, a missing IPSet or alias) are left out
 * and listed in {@link Rendered#skipped()}. The datacenter switch off gives an empty table (nothing is
 * filtered). The {@code PVESIG} comment rules and the raw table (SYN flood protection, conntrack helpers)
 * are not rendered; NFLOG rules are, for rules with {@code -log} and for policies with a log level.
 *
 * <p>Stateless and thread-safe.
 */
public final class PveRulesetRenderer {
    private static final String MARK_ON = "0x80000000/0x80000000";
    private static final String MARK_OFF = "0x0/0x80000000";
    private static final Map<String, Integer> LOG_LEVELS = Map.of("debug", 7, "info", 6, "notice", 5, "warning", 4,
            "err", 3, "crit", 2, "alert", 1, "emerg", 0);

    /**
     * The rendering of one model for one IP version.
     *
     * @param text    the {@code iptables-save} text ({@code *filter} ... {@code COMMIT})
     * @param dump    the text parsed by {@link IptablesSave#parse(String, String)}
     * @param ipsets  the contents of every IPSet the rules reference, by kernel set name, for
     *                {@link io.phoenixdiag.net.iptables.EvaluationOptions.Builder#ipset}; sets whose contents
     *                are unknown or hold {@code !} nomatch entries are left out
     * @param skipped one line per rule left out, with the reason pve-firewall gives
     */
    public record Rendered(String text, IptablesSave dump, Map<String, List<String>> ipsets, List<String> skipped) {
        /**
         * Validates and copies the components.
         *
         * @param text    the text
         * @param dump    the parsed dump
         * @param ipsets  the set contents
         * @param skipped the skipped rules
         * @throws NullPointerException if a component is null
         */
        public Rendered {
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(dump, "dump");
            ipsets = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(ipsets)); // rendered in this order
            skipped = List.copyOf(skipped);
        }
    }

    private final PveFirewall fw;
    private final int v;
    private final Map<String, List<String>> chains = new TreeMap<>();
    private final Map<String, List<String>> sets = new LinkedHashMap<>();
    private final List<String> skipped = new ArrayList<>();

    private PveRulesetRenderer(PveFirewall fw, int ipVersion) {
        this.fw = fw;
        this.v = ipVersion;
    }

    /**
     * Renders a model.
     *
     * @param model     the Proxmox firewall model
     * @param ipVersion 4 ({@code iptables-save}) or 6 ({@code ip6tables-save})
     * @return the rendering
     * @throws IllegalArgumentException if {@code ipVersion} is not 4 or 6
     */
    public static Rendered render(PveFirewall model, int ipVersion) {
        Objects.requireNonNull(model, "model");
        if (ipVersion != 4 && ipVersion != 6) {
            throw new IllegalArgumentException("ipVersion must be 4 or 6");
        }
        PveRulesetRenderer r = new PveRulesetRenderer(model, ipVersion);
        String text = r.build();
        String name = ipVersion == 4 ? "pve-firewall.iptables" : "pve-firewall.ip6tables";
        return new Rendered(text, IptablesSave.parse(name, text), r.sets, r.skipped);
    }

    /**
     * The device name of a guest NIC.
     *
     * @param kind  VM ({@code tap}) or LXC ({@code veth})
     * @param vmid  the VMID/CTID
     * @param index the NIC number ({@code net1} -> 1)
     * @return e.g. {@code veth103i0}
     */
    public static String deviceName(GuestKind kind, int vmid, int index) {
        return (kind == GuestKind.VM ? "tap" : "veth") + vmid + "i" + index;
    }

    /**
     * The kernel ipset name pve-firewall gives an IPSet ({@code compute_ipset_chain_name}): {@code
     * PVEFW-<vmid>-<name>-v<version>}, or {@code PVEFW-} and the FNV-31a hash in upper-case hex when that
     * is longer than 20 characters after {@code PVEFW-}.
     *
     * @param vmid      0 for the datacenter, else the guest
     * @param name      the lower-cased IPSet name
     * @param ipVersion 4 or 6
     * @return the set name
     */
    public static String ipsetName(int vmid, String name, int ipVersion) {
        String id = vmid + "-" + name + "-v" + ipVersion;
        if (id.length() > 31 - "PVEFW-".length() - "_swap".length()) {
            long h = 0x811c9dc5L;
            for (byte b : id.getBytes(StandardCharsets.UTF_8)) {
                h ^= b & 0xff;
                h += (h << 1) + (h << 4) + (h << 7) + (h << 8) + (h << 24);
                h &= 0xffffffffL;
            }
            id = Long.toHexString(h & 0x7fffffffL).toUpperCase(Locale.ROOT);
        }
        return "PVEFW-" + id;
    }

    // ------------------------------------------------------------------ building

    private String build() {
        StringBuilder sb = new StringBuilder("# Generated by phoenix-diagnostics from the Proxmox firewall model\n*filter\n");
        sb.append(":INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n");
        if (fw.datacenter().options().enable()) {
            compile();
            for (String c : chains.keySet()) {
                sb.append(':').append(c).append(" - [0:0]\n");
            }
            sb.append("-A INPUT -j PVEFW-INPUT\n-A FORWARD -j PVEFW-FORWARD\n-A OUTPUT -j PVEFW-OUTPUT\n");
            for (Map.Entry<String, List<String>> e : chains.entrySet()) {
                for (String r : e.getValue()) {
                    sb.append("-A ").append(e.getKey()).append(r.isEmpty() ? "" : " " + r).append('\n');
                }
            }
        }
        return sb.append("COMMIT\n").toString();
    }

    private List<String> chain(String name) {
        return chains.computeIfAbsent(name, k -> new ArrayList<>());
    }

    private void add(String chain, String match, String target) {
        chain(chain).add(match.isEmpty() ? target : match + " " + target);
    }

    private void compile() {
        HostFirewall host = fw.host();
        chain("PVEFW-INPUT");
        chain("PVEFW-OUTPUT");
        if (!host.options().nfConntrackAllowInvalid()) {
            add("PVEFW-FORWARD", "-m conntrack --ctstate INVALID", "-j DROP");
        }
        add("PVEFW-FORWARD", "-m conntrack --ctstate RELATED,ESTABLISHED", "-j ACCEPT");
        chain("PVEFW-FWBR-IN");
        inputFilters("PVEFW-FWBR-IN", level(host.options().other(), "log_level_out"));
        add("PVEFW-FORWARD", "-m physdev --physdev-is-bridged --physdev-in fwln+", "-j PVEFW-FWBR-IN");
        chain("PVEFW-FWBR-OUT");
        add("PVEFW-FORWARD", "-m physdev --physdev-is-bridged --physdev-out fwln+", "-j PVEFW-FWBR-OUT");
        stdChains();
        if (host.options().enable()) {
            hostChains();
        }
        for (GuestKind kind : List.of(GuestKind.VM, GuestKind.LXC)) {
            for (GuestFirewall g : fw.guests().values()) {
                if (g.kind() != kind || !g.options().enable()) {
                    continue;
                }
                for (GuestNic nic : new TreeMap<>(g.nics()).values()) {
                    if (!nic.firewall()) {
                        continue;
                    }
                    String dev = deviceName(kind, g.vmid(), PveNodeEvaluator.nicIndex(nic.name()));
                    guestChain(g, nic, dev, Direction.IN);
                    guestChain(g, nic, dev, Direction.OUT);
                }
            }
        }
    }

    private static String level(Map<String, String> options, String key) {
        String lv = options.getOrDefault(key, "nolog");
        return LOG_LEVELS.containsKey(lv) ? lv : "";
    }

    private void log(String chain, String match, int vmid, String level, String msg) {
        if (!level.isEmpty()) {
            add(chain, match, "-j NFLOG --nflog-prefix \":" + vmid + ":" + LOG_LEVELS.get(level) + ":" + chain + ": "
                    + msg + "\"");
        }
    }

    private void inputFilters(String chain, String loglevel) {
        IpSet bl = fw.datacenter().ipsets().get("blacklist");
        if (bl != null) {
            if (!chains.containsKey("PVEFW-blacklist")) {
                log("PVEFW-blacklist", "", 0, loglevel, "DROP: ");
                add("PVEFW-blacklist", "", "-j DROP");
            }
            String set = ipsetName(0, "blacklist", v);
            defineSet(set, bl, null);
            add(chain, "-m set --match-set " + set + " src", "-j PVEFW-blacklist");
        }
        if (fw.host().options().smurfFilter() && v == 4) {
            add(chain, "-m conntrack --ctstate INVALID,NEW", "-j PVEFW-smurfs");
        }
        if (fw.host().options().tcpflags()) {
            add(chain, "-p tcp", "-j PVEFW-tcpflags");
        }
    }

    private void stdChains() {
        String icmp = v == 4 ? "icmp" : "ipv6-icmp";
        String icmpm = v == 4 ? "-p icmp -m icmp --icmp-type " : "-p ipv6-icmp -m icmp6 --icmpv6-type ";
        add("PVEFW-SET-ACCEPT-MARK", "", "-j MARK --set-xmark " + MARK_ON);
        if (v == 4) {
            add("PVEFW-DropBroadcast", "-m addrtype --dst-type BROADCAST", "-j DROP");
            add("PVEFW-DropBroadcast", "-m addrtype --dst-type MULTICAST", "-j DROP");
            add("PVEFW-DropBroadcast", "-m addrtype --dst-type ANYCAST", "-j DROP");
            add("PVEFW-DropBroadcast", "-d 224.0.0.0/4", "-j DROP");
            add("PVEFW-reject", "-m addrtype --dst-type BROADCAST", "-j DROP");
            add("PVEFW-reject", "-s 224.0.0.0/4", "-j DROP");
            add("PVEFW-reject", "-p icmp", "-j DROP");
            add("PVEFW-reject", "-p tcp", "-j REJECT --reject-with tcp-reset");
            add("PVEFW-reject", "-p udp", "-j REJECT --reject-with icmp-port-unreachable");
            add("PVEFW-reject", "-p icmp", "-j REJECT --reject-with icmp-host-unreachable");
            add("PVEFW-reject", "", "-j REJECT --reject-with icmp-host-prohibited");
        } else {
            add("PVEFW-DropBroadcast", "-d ff00::/8", "-j DROP");
            add("PVEFW-reject", "-p " + icmp, "-j DROP");
            add("PVEFW-reject", "-p tcp", "-j REJECT --reject-with tcp-reset");
            add("PVEFW-reject", "-p udp", "-j REJECT --reject-with icmp6-port-unreachable");
            add("PVEFW-reject", "", "-j REJECT --reject-with icmp6-adm-prohibited");
        }
        for (String policy : List.of("Drop", "Reject")) {
            String c = "PVEFW-" + policy;
            String smb = policy.equals("Drop") ? "-j DROP" : "-j PVEFW-reject";
            if (v == 6) {
                add(c, "-p tcp -m tcp --dport 43", "-j PVEFW-reject");
            }
            add(c, "", "-j PVEFW-DropBroadcast");
            if (v == 4) {
                add(c, icmpm + "3/4", "-j ACCEPT");
                add(c, icmpm + "11", "-j ACCEPT");
            } else {
                add(c, icmpm + "1", "-j ACCEPT");
                add(c, icmpm + "3", "-j ACCEPT");
                add(c, icmpm + "2", "-j ACCEPT");
            }
            add(c, "-m conntrack --ctstate INVALID", "-j DROP");
            add(c, "-p udp -m multiport --dports 135,445", smb);
            add(c, "-p udp -m udp --dport 137:139", smb);
            add(c, "-p udp -m udp --sport 137 --dport 1024:65535", smb);
            add(c, "-p tcp -m multiport --dports 135,139,445", smb);
            add(c, "-p udp -m udp --dport 1900", "-j DROP");
            add(c, "-p tcp -m tcp ! --tcp-flags FIN,SYN,RST,ACK SYN", "-j DROP");
            add(c, "-p udp -m udp --sport 53", "-j DROP");
        }
        add("PVEFW-tcpflags", "-p tcp -m tcp --tcp-flags FIN,SYN,RST,PSH,ACK,URG FIN,PSH,URG", "-g PVEFW-logflags");
        add("PVEFW-tcpflags", "-p tcp -m tcp --tcp-flags FIN,SYN,RST,PSH,ACK,URG NONE", "-g PVEFW-logflags");
        add("PVEFW-tcpflags", "-p tcp -m tcp --tcp-flags SYN,RST SYN,RST", "-g PVEFW-logflags");
        add("PVEFW-tcpflags", "-p tcp -m tcp --tcp-flags FIN,SYN FIN,SYN", "-g PVEFW-logflags");
        add("PVEFW-tcpflags", "-p tcp -m tcp --sport 0 --tcp-flags FIN,SYN,RST,ACK SYN", "-g PVEFW-logflags");
        log("PVEFW-logflags", "", 0, level(fw.host().options().other(), "tcp_flags_log_level"), "DROP: ");
        add("PVEFW-logflags", "", "-j DROP");
        if (v == 4) {
            add("PVEFW-smurfs", "-s 0.0.0.0/32", "-j RETURN");
            add("PVEFW-smurfs", "-m addrtype --src-type BROADCAST", "-g PVEFW-smurflog");
            add("PVEFW-smurfs", "-s 224.0.0.0/4", "-g PVEFW-smurflog");
            log("PVEFW-smurflog", "", 0, level(fw.host().options().other(), "smurf_log_level"), "DROP: ");
            add("PVEFW-smurflog", "", "-j DROP");
        }
    }

    private void policy(String chain, Action policy, String acceptTarget, int vmid, String loglevel) {
        switch (policy) {
            case ACCEPT -> add(chain, "", acceptTarget);
            case DROP -> {
                add(chain, "", "-j PVEFW-Drop");
                log(chain, "", vmid, loglevel, "policy DROP: ");
                add(chain, "", "-j DROP");
            }
            case REJECT -> {
                add(chain, "", "-j PVEFW-Reject");
                log(chain, "", vmid, loglevel, "policy REJECT: ");
                add(chain, "", "-g PVEFW-reject");
            }
        }
    }

    private void ndp(String chain, boolean out, boolean radv, String target) {
        if (v != 6) {
            return;
        }
        String m = "-p ipv6-icmp -m icmp6 --icmpv6-type ";
        add(chain, m + "133", target);
        if (!out || radv) {
            add(chain, m + "134", target);
        }
        add(chain, m + "135", target);
        add(chain, m + "136", target);
    }

    private void hostChains() {
        HostFirewall h = fw.host();
        String in = "PVEFW-HOST-IN";
        String lin = level(h.options().other(), "log_level_in");
        add(in, "-i lo", "-j ACCEPT");
        add(in, "-m conntrack --ctstate INVALID", "-j DROP");
        add(in, "-m conntrack --ctstate RELATED,ESTABLISHED", "-j ACCEPT");
        if (h.options().ndp()) {
            ndp(in, false, false, "-j RETURN");
        }
        inputFilters(in, lin);
        add(in, "-p igmp", "-j RETURN");
        Scope hostScope = new Scope(0, Map.of(), Map.of());
        rules(in, h.rules(), Direction.IN, hostScope, null, "RETURN", 0);
        rules(in, fw.datacenter().rules(), Direction.IN, hostScope, null, "RETURN", 0);
        String mg = ipsetName(0, "management", v);
        managementSet(mg);
        String src = "-m set --match-set " + mg + " src ";
        for (String p : List.of("--dport 8006", "--dport 5900:5999", "--dport 3128", "--dport 22", "--dport 60000:60050")) {
            add(in, src + "-p tcp -m tcp " + p, "-j RETURN");
        }
        for (HostFirewall.CorosyncLink l : h.corosync()) {
            if (version(l.peerAddress()) == v) {
                add(in, "-s " + l.peerAddress() + " -d " + l.localAddress() + " -p udp -m udp --dport 5404:5405", "-j RETURN");
            }
        }
        policy(in, fw.datacenter().options().policyIn(), "-j RETURN", 0, lin);

        String out = "PVEFW-HOST-OUT";
        String lout = level(h.options().other(), "log_level_out");
        add(out, "-o lo", "-j ACCEPT");
        add(out, "-m conntrack --ctstate INVALID", "-j DROP");
        add(out, "-m conntrack --ctstate RELATED,ESTABLISHED", "-j ACCEPT");
        if (h.options().ndp()) {
            ndp(out, true, false, "-j RETURN");
        }
        add(out, "-p igmp", "-j RETURN");
        rules(out, h.rules(), Direction.OUT, hostScope, null, "RETURN", 0);
        rules(out, fw.datacenter().rules(), Direction.OUT, hostScope, null, "RETURN", 0);
        localNetwork().filter(r -> r.version() == v).ifPresent(ln -> {
            for (String p : List.of("--dport 8006", "--dport 22", "--dport 5900:5999", "--dport 3128")) {
                add(out, "-d " + ln + " -p tcp -m tcp " + p, "-j RETURN");
            }
        });
        for (HostFirewall.CorosyncLink l : h.corosync()) {
            if (version(l.peerAddress()) == v) {
                add(out, "-s " + l.localAddress() + " -d " + l.peerAddress() + " -p udp -m udp --dport 5404:5405", "-j RETURN");
            }
        }
        policy(out, fw.datacenter().options().policyOut(), "-j RETURN", 0, lout);
        add("PVEFW-OUTPUT", "", "-j PVEFW-HOST-OUT");
        add("PVEFW-INPUT", "", "-j PVEFW-HOST-IN");
    }

    private static int version(String address) {
        return address.contains(":") ? 6 : 4;
    }

    private Optional<IpRange> localNetwork() {
        Alias a = fw.datacenter().aliases().get("local_network");
        if (a != null) {
            return a.range();
        }
        return IpRange.tryParse(fw.host().localNetwork());
    }

    private void managementSet(String name) {
        IpSet m = fw.datacenter().ipsets().get("management");
        if (m != null && !m.contentsKnown()) {
            return;
        }
        List<String> entries = new ArrayList<>();
        if (m != null && !setEntries(m, null, entries)) {
            return;
        }
        Optional<IpRange> ln = localNetwork();
        if (ln.isEmpty()) {
            return;
        }
        if (ln.get().version() == v) {
            entries.add(ln.get().toString());
        }
        sets.put(name, entries);
    }

    private void guestChain(GuestFirewall g, GuestNic nic, String dev, Direction dir) {
        String chain = dev + "-" + dir.name();
        var o = g.options();
        String lv = level(o.other(), dir == Direction.IN ? "log_level_in" : "log_level_out");
        add(chain, "", "-j CONNMARK --set-xmark 0x" + Integer.toHexString(g.vmid()) + "/0xffffffff");
        if (o.dhcp()) {
            if (dir == Direction.OUT) {
                add(chain, v == 4 ? "-p udp -m udp --sport 68 --dport 67" : "-p udp -m udp --sport 546 --dport 547",
                        "-g PVEFW-SET-ACCEPT-MARK");
            } else {
                add(chain, v == 4 ? "-p udp -m udp --sport 67 --dport 68" : "-p udp -m udp --sport 547 --dport 546",
                        "-j ACCEPT");
            }
        }
        if (dir == Direction.OUT) {
            if (!nic.mac().isEmpty() && o.macfilter()) {
                add(chain, "-m mac ! --mac-source " + nic.mac(), "-j DROP");
            }
            if (v == 6 && !o.radv()) {
                add(chain, "-p ipv6-icmp -m icmp6 --icmpv6-type 134", "-j DROP");
            }
            String ipf = "ipfilter-" + nic.name();
            if (o.ipfilter() || g.ipsets().containsKey(ipf)) {
                String set = ipsetName(g.vmid(), ipf, v);
                IpSet s = g.ipsets().get(ipf);
                if (s != null) {
                    defineSet(set, s, g);
                } else {
                    List<String> entries = new ArrayList<>();
                    if (g.kind() == GuestKind.LXC) {
                        for (var a : nic.parsedAddresses()) {
                            if (a.version() == v) {
                                entries.add(a.toString());
                            }
                        }
                    }
                    sets.put(set, entries);
                }
                add(chain, "-m set ! --match-set " + set + " src", "-j DROP");
            }
            add(chain, "", "-j MARK --set-xmark " + MARK_OFF);
        }
        if (o.ndp()) {
            ndp(chain, dir == Direction.OUT, o.radv(), dir == Direction.OUT ? "-g PVEFW-SET-ACCEPT-MARK" : "-j ACCEPT");
        }
        Scope scope = new Scope(g.vmid(), g.ipsets(), g.aliases());
        rules(chain, g.rules(), dir, scope, nic.name(), dir == Direction.OUT ? "PVEFW-SET-ACCEPT-MARK" : "ACCEPT", g.vmid());
        Action policy = dir == Direction.IN ? o.policyIn() : o.policyOut();
        policy(chain, policy, dir == Direction.OUT ? "-g PVEFW-SET-ACCEPT-MARK" : "-j ACCEPT", g.vmid(), lv);
        if (dir == Direction.IN) {
            add("PVEFW-FWBR-IN", "-m physdev --physdev-out " + dev + " --physdev-is-bridged", "-j " + chain);
        } else {
            add("PVEFW-FWBR-OUT", "-m physdev --physdev-in " + dev + " --physdev-is-bridged", "-j " + chain);
        }
    }

    /** Where names resolve: a guest's IPSets and aliases, then the datacenter's. */
    private record Scope(int vmid, Map<String, IpSet> ipsets, Map<String, Alias> aliases) {
    }

    /**
     * Renders a rule list. {@code nic}: the guest NIC for guest chains (rules for other NICs are skipped),
     * null for host chains ({@code -i} becomes {@code -i}/{@code -o}).
     */
    private void rules(String chain, List<FirewallRule> rules, Direction dir, Scope scope, String nic,
                       String accept, int vmid) {
        boolean outChain = dir == Direction.OUT;
        for (FirewallRule r : rules) {
            if (r.direction() != dir && !r.isGroup()) {
                continue;
            }
            if (!r.enabled() || !r.errors().isEmpty()) {
                skipped.add(chain + ": " + r.text() + " (" + (r.enabled() ? String.join("; ", r.errors()) : "disabled") + ")");
                continue;
            }
            String ifaceMatch = "";
            if (!r.iface().isEmpty()) {
                if (nic != null) {
                    if (!r.iface().equals(nic)) {
                        continue;
                    }
                } else {
                    ifaceMatch = (outChain ? "-o " : "-i ") + r.iface();
                }
            }
            if (r.isGroup()) {
                String gc = groupChain(r.securityGroup(), dir);
                add(chain, ifaceMatch, "-j " + gc);
                add(chain, "-m mark --mark " + MARK_ON, "-j " + (nic != null && outChain ? "RETURN" : accept));
                continue;
            }
            String target = switch (r.action().orElseThrow()) {
                case ACCEPT -> accept.equals("PVEFW-SET-ACCEPT-MARK") ? "-g " + accept : "-j " + accept;
                case DROP -> "-j DROP";
                case REJECT -> "-j PVEFW-reject";
            };
            emit(chain, r, scope, ifaceMatch, target, vmid);
        }
    }

    private String groupChain(String name, Direction dir) {
        String base = "GROUP-" + name + "-";
        if (!chains.containsKey(base + "IN")) {
            SecurityGroup g = fw.datacenter().groups().get(name);
            for (Direction d : List.of(Direction.IN, Direction.OUT)) {
                String c = base + d.name();
                add(c, "", "-j MARK --set-xmark " + MARK_OFF);
                if (g == null) {
                    continue;
                }
                Scope dc = new Scope(0, Map.of(), Map.of());
                for (FirewallRule r : g.rules()) {
                    if (r.direction() != d || r.isGroup()) {
                        continue;
                    }
                    if (!r.enabled() || !r.errors().isEmpty() || !r.iface().isEmpty()) {
                        skipped.add(c + ": " + r.text() + " (" + (!r.enabled() ? "disabled"
                                : r.errors().isEmpty() ? "-i is not allowed in security groups" : String.join("; ", r.errors())) + ")");
                        continue;
                    }
                    String target = switch (r.action().orElseThrow()) {
                        case ACCEPT -> "-g PVEFW-SET-ACCEPT-MARK";
                        case DROP -> "-j DROP";
                        case REJECT -> "-j PVEFW-reject";
                    };
                    emit(c, r, dc, "", target, 0);
                }
            }
        }
        return base + dir.name();
    }

    /** One rule's commands (all or nothing), expanded over macro entries and address lists. */
    private void emit(String chain, FirewallRule r, Scope scope, String ifaceMatch, String target, int vmid) {
        List<String> out = new ArrayList<>();
        try {
            List<String> srcs = address(r.source(), "s", scope);
            List<String> dsts = address(r.dest(), "d", scope);
            int av = addrVersion(r.source(), scope) | addrVersion(r.dest(), scope);
            if (av == 3) {
                throw new Skip("detected mixed ipv4/ipv6 addresses in rule");
            }
            if (av != 0 && av != (v == 4 ? 1 : 2)) {
                return;
            }
            for (FirewallRule.Expanded e : r.expand()) {
                if (e.ipVersions() != 0 && e.ipVersions() != v) {
                    continue;
                }
                String proto = e.proto();
                boolean icmp = proto.equals("icmp") || proto.equals("icmpv6") || proto.equals("ipv6-icmp");
                if ((proto.equals("icmp") && v == 6) || ((proto.equals("icmpv6") || proto.equals("ipv6-icmp")) && v == 4)) {
                    continue;
                }
                StringBuilder pm = new StringBuilder();
                if (!proto.isEmpty()) {
                    String p = proto.equals("icmpv6") ? "ipv6-icmp" : proto;
                    pm.append("-p ").append(p);
                    String type = icmp ? (!e.dport().isEmpty() ? e.dport() : e.icmpType()) : "";
                    if (icmp && !type.isEmpty()) {
                        pm.append(v == 4 ? " -m icmp --icmp-type " : " -m icmp6 --icmpv6-type ").append(type);
                    } else if (!icmp) {
                        ports(pm, p, e.sport(), e.dport());
                    }
                }
                for (String s : srcs) {
                    for (String d : dsts) {
                        String m = String.join(" ", List.of(ifaceMatch, s, d, pm.toString()).stream()
                                .filter(x -> !x.isEmpty()).toList());
                        if (!r.log().isEmpty() && !r.log().equals("nolog") && LOG_LEVELS.containsKey(r.log())) {
                            out.add((m.isEmpty() ? "" : m + " ") + "-j NFLOG --nflog-prefix \":" + vmid + ":"
                                    + LOG_LEVELS.get(r.log()) + ":" + chain + ": " + r.action().orElseThrow() + ": \"");
                        }
                        out.add(m.isEmpty() ? target : m + " " + target);
                    }
                }
            }
        } catch (Skip ex) {
            skipped.add(chain + ": " + r.text() + " (" + ex.getMessage() + ")");
            return;
        }
        chain(chain).addAll(out);
    }

    private static void ports(StringBuilder pm, String proto, String sport, String dport) {
        boolean tcpLike = proto.equals("tcp") || proto.equals("udp") || proto.equals("sctp") || proto.equals("dccp")
                || proto.equals("udplite");
        if (!tcpLike) {
            return;
        }
        PortSpec sp = PortSpec.parse(sport);
        PortSpec dp = PortSpec.parse(dport);
        boolean multiS = sp.ranges().size() > 1;
        boolean multiD = dp.ranges().size() > 1;
        StringBuilder single = new StringBuilder();
        if (!sp.isAny() && !multiS) {
            single.append(" --sport ").append(range(sp.ranges().get(0)));
        }
        if (!dp.isAny() && !multiD) {
            single.append(" --dport ").append(range(dp.ranges().get(0)));
        }
        if (single.length() > 0) {
            pm.append(" -m ").append(proto).append(single);
        }
        if (multiS) {
            pm.append(" -m multiport --sports ").append(String.join(",", sp.ranges().stream().map(PveRulesetRenderer::range).toList()));
        }
        if (multiD) {
            pm.append(" -m multiport --dports ").append(String.join(",", dp.ranges().stream().map(PveRulesetRenderer::range).toList()));
        }
    }

    private static String range(PortSpec.PortRange r) {
        return r.from() == r.to() ? Integer.toString(r.from()) : r.from() + ":" + r.to();
    }

    /** A rule pve-firewall skips. */
    private static final class Skip extends Exception {
        private static final long serialVersionUID = 1L;

        Skip(String message) {
            super(message);
        }
    }

    /** Bit mask of the IP versions an address spec fixes: 1 IPv4, 2 IPv6, 0 any. */
    private int addrVersion(AddressSpec a, Scope scope) throws Skip {
        switch (a.kind()) {
            case ANY:
                return 0;
            case LIST:
                return a.ipVersion() == 4 ? 1 : 2;
            case ALIAS:
                return resolveAlias(a, scope).version() == 4 ? 1 : 2;
            case IPSET:
                return 0;
            default:
                throw new Skip("invalid address '" + a.text() + "'");
        }
    }

    private IpRange resolveAlias(AddressSpec a, Scope scope) throws Skip {
        Alias al = null;
        if (a.scope() != AddressSpec.Scope.DC) {
            al = scope.aliases().get(a.name());
        }
        if (al == null && a.scope() != AddressSpec.Scope.GUEST) {
            al = fw.datacenter().aliases().get(a.name());
        }
        if (al != null && al.range().isPresent()) {
            return al.range().get();
        }
        if (a.name().equals("local_network") && a.scope() != AddressSpec.Scope.GUEST) {
            Optional<IpRange> ln = localNetwork();
            if (ln.isPresent()) {
                return ln.get();
            }
        }
        throw new Skip("no such alias '" + a.text() + "'");
    }

    /** The address matches of a spec: one per list entry ({@code -s a}, {@code -m iprange}, {@code -m set}). */
    private List<String> address(AddressSpec a, String dir, Scope scope) throws Skip {
        switch (a.kind()) {
            case ANY:
                return List.of("");
            case LIST: {
                List<String> out = new ArrayList<>();
                for (IpRange r : a.ranges()) {
                    out.add(literal(r, dir));
                }
                return out;
            }
            case ALIAS:
                return List.of(literal(resolveAlias(a, scope), dir));
            case IPSET: {
                String name = a.name();
                String flag = dir.equals("s") ? " src" : " dst";
                if (a.scope() == AddressSpec.Scope.SDN) {
                    throw new Skip("no such ipset '" + name + "' (SDN IPSets are not modelled)");
                }
                if (a.scope() != AddressSpec.Scope.DC && scope.ipsets().containsKey(name) && scope.vmid() != 0) {
                    String set = ipsetName(scope.vmid(), name, v);
                    defineSet(set, scope.ipsets().get(name), fw.guests().get(scope.vmid()));
                    return List.of("-m set --match-set " + set + flag);
                }
                if (a.scope() != AddressSpec.Scope.GUEST) {
                    if (name.equals("management")) {
                        String set = ipsetName(0, name, v);
                        managementSet(set);
                        return List.of("-m set --match-set " + set + flag);
                    }
                    IpSet s = fw.datacenter().ipsets().get(name);
                    if (s != null) {
                        String set = ipsetName(0, name, v);
                        defineSet(set, s, null);
                        return List.of("-m set --match-set " + set + flag);
                    }
                }
                throw new Skip("no such ipset '" + name + "'");
            }
            default:
                throw new Skip("invalid address '" + a.text() + "'");
        }
    }

    private static String literal(IpRange r, String dir) {
        if (r.prefixLength() >= 0 || r.first().equals(r.last())) {
            return "-" + dir + " " + (r.first().equals(r.last()) ? r.first() + "/" + r.first().bits() : r.toString());
        }
        return "-m iprange --" + (dir.equals("s") ? "src" : "dst") + "-range " + r.first() + "-" + r.last();
    }

    private void defineSet(String kernelName, IpSet s, GuestFirewall owner) {
        if (sets.containsKey(kernelName) || !s.contentsKnown()) {
            return;
        }
        List<String> entries = new ArrayList<>();
        if (setEntries(s, owner, entries)) {
            sets.put(kernelName, entries);
        }
    }

    /** The entries of this version; false when a nomatch entry or an unresolvable alias makes it inexact. */
    private boolean setEntries(IpSet s, GuestFirewall owner, List<String> entries) {
        for (IpSet.Entry e : s.entries()) {
            if (e.nomatch() || !e.errors().isEmpty()) {
                return false;
            }
            Optional<IpRange> r = e.range();
            if (e.isAlias()) {
                Alias a = owner == null ? null : owner.aliases().get(e.cidr().toLowerCase(Locale.ROOT));
                if (a == null) {
                    a = fw.datacenter().aliases().get(e.cidr().toLowerCase(Locale.ROOT));
                }
                r = a == null ? Optional.empty() : a.range();
                if (r.isEmpty()) {
                    return false;
                }
            }
            if (r.isPresent() && r.get().version() == v) {
                entries.add(r.get().toString());
            }
        }
        return true;
    }
}
