package io.phoenixdiag.core.firewall;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Compiles the Proxmox model into chains of {@link Step}s the way pve-firewall builds its iptables
 * chains (src/PVE/Firewall.pm: {@code enable_host_firewall}, {@code generate_tap_rules_direction},
 * {@code ruleset_create_vm_chain}, {@code ruleset_generate_vm_rules}, {@code generate_group_rules},
 * {@code ruleset_add_chain_policy}). Package-private engine.
 */
final class FirewallCompiler {

    /** A rule refers to something that does not exist: pve-firewall skips the rule. */
    static final class Missing extends Exception {
        private static final long serialVersionUID = 1L;

        Missing(String message) {
            super(message, null, false, false);
        }
    }

    /** Resolution context of a rule list: the local IPSets/aliases (guest) and the datacenter's. */
    record Ctx(String owner, Map<String, IpSet> sets, Map<String, Alias> aliases, String setPrefix) {
    }

    /** A resolved address: the matcher and the IP versions it allows (bit 1 IPv4, bit 2 IPv6). */
    record Res(AddrMatch match, int versions) {
    }

    final PveFirewall fw;
    final DatacenterFirewall dc;
    final boolean complete;
    final Ctx dcCtx;
    private final Map<String, AddrMatch> setCache = new HashMap<>();
    final Optional<IpRange> localNet;

    FirewallCompiler(PveFirewall fw) {
        this.fw = fw;
        this.dc = fw.datacenter();
        this.complete = fw.complete();
        this.dcCtx = new Ctx("datacenter", Map.of(), Map.of(), "dc");
        Alias ln = dc.aliases().get("local_network");
        if (ln != null && ln.range().isPresent()) {
            localNet = ln.range();
        } else {
            localNet = IpRange.tryParse(fw.host().localNetwork());
        }
    }

    static Ctx guestCtx(GuestFirewall g) {
        return new Ctx(g.subject(), g.ipsets(), g.aliases(), "guest" + g.vmid());
    }

    // ---------------------------------------------------------------- addresses

    Optional<Alias> alias(String name, AddressSpec.Scope scope, Ctx ctx) {
        Alias a = null;
        if (scope != AddressSpec.Scope.DC) {
            a = ctx.aliases().get(name);
        }
        if (a == null && scope != AddressSpec.Scope.GUEST) {
            a = dc.aliases().get(name);
        }
        return a != null && a.range().isPresent() ? Optional.of(a) : Optional.empty();
    }

    Res resolve(AddressSpec a, Ctx ctx) throws Missing {
        switch (a.kind()) {
            case LIST:
                return new Res(AddrMatch.of(AddrSet.of(a.ranges())), a.ipVersion() == 4 ? 1 : 2);
            case ALIAS: {
                Optional<Alias> al = alias(a.name(), a.scope(), ctx);
                if (al.isPresent()) {
                    IpRange r = al.get().range().get();
                    return new Res(AddrMatch.of(AddrSet.of(r)), r.version() == 4 ? 1 : 2);
                }
                if (a.name().equals("local_network") && a.scope() != AddressSpec.Scope.GUEST) {
                    if (localNet.isPresent()) {
                        return new Res(AddrMatch.of(AddrSet.of(localNet.get())), localNet.get().version() == 4 ? 1 : 2);
                    }
                    return new Res(AddrMatch.unknownAll("alias local_network: the node's local network is not"
                            + " known (define the datacenter alias local_network or give the host's local network)"), 3);
                }
                if (complete) {
                    throw new Missing("no such alias '" + a.text() + "'");
                }
                return new Res(AddrMatch.unknownAll("alias '" + a.text()
                        + "' is not defined in the given configuration, so its address is unknown"), 3);
            }
            case IPSET:
                return new Res(ipset(a, ctx), 3);
            default:
                throw new Missing("invalid address '" + a.text() + "'");
        }
    }

    AddrMatch ipset(AddressSpec a, Ctx ctx) throws Missing {
        if (a.scope() == AddressSpec.Scope.SDN) {
            return AddrMatch.unknownAll("IPSet " + a.text() + " is generated from the SDN configuration, which is not modelled");
        }
        String name = a.name();
        if (a.scope() != AddressSpec.Scope.DC) {
            IpSet local = ctx.sets().get(name);
            if (local != null) {
                return setMatch(local, ctx, ctx.setPrefix() + "/" + name);
            }
        }
        if (a.scope() != AddressSpec.Scope.GUEST) {
            if (name.equals("management")) {
                return management();
            }
            IpSet s = dc.ipsets().get(name);
            if (s != null) {
                return setMatch(s, dcCtx, "dc/" + name);
            }
        }
        if (complete) {
            throw new Missing("no such ipset '" + name + "'");
        }
        return AddrMatch.unknownAll("IPSet " + a.text() + " is not defined in the given configuration, so its contents are unknown");
    }

    /** The datacenter {@code management} IPSet plus the local network, as pve-firewall's {@code compile} adds it. */
    AddrMatch management() {
        return setCache.computeIfAbsent("dc/management#", k -> {
            IpSet s = dc.ipsets().get("management");
            List<IpSet.Entry> entries = new ArrayList<>(s == null ? List.of() : s.entries());
            if (s != null && !s.contentsKnown()) {
                return AddrMatch.unknownAll("IPSet management: its contents were not given");
            }
            localNet.ifPresent(r -> entries.add(new IpSet.Entry(r.toString(), false, "", Optional.of(r), List.of())));
            AddrMatch m = entriesMatch("management", entries, dcCtx, List.of());
            if (localNet.isEmpty()) {
                return new AddrMatch(m.yes, AddrSet.ALL, "IPSet management includes the node's local network, which"
                        + " is not known (define the datacenter alias local_network or give the host's local network)");
            }
            return m;
        });
    }

    AddrMatch setMatch(IpSet s, Ctx ctx, String cacheKey) {
        AddrMatch cached = setCache.get(cacheKey);
        if (cached != null) {
            return cached;
        }
        AddrMatch m = s.contentsKnown() ? entriesMatch(s.name(), s.entries(), ctx, List.of())
                : AddrMatch.unknownAll("IPSet " + s.name() + ": its contents were not given");
        setCache.put(cacheKey, m);
        return m;
    }

    /** One hash:net entry after alias resolution. */
    private record Net(IpRange range, boolean nomatch) {
    }

    /**
     * Membership of hash:net entries: the most specific entry wins, nomatch entries exclude (ipset(8)).
     * Entries with errors are skipped as pve-firewall skips them.
     */
    AddrMatch entriesMatch(String setName, List<IpSet.Entry> entries, Ctx ctx, List<Net> extra) {
        List<Net> nets = new ArrayList<>(extra);
        String unknown = "";
        for (IpSet.Entry e : entries) {
            if (!e.errors().isEmpty()) {
                continue;
            }
            if (e.range().isPresent()) {
                nets.add(new Net(e.range().get(), e.nomatch()));
                continue;
            }
            String text = e.cidr();
            AddressSpec.Scope scope = AddressSpec.Scope.NONE;
            if (text.startsWith("dc/")) {
                scope = AddressSpec.Scope.DC;
                text = text.substring(3);
            } else if (text.startsWith("guest/")) {
                scope = AddressSpec.Scope.GUEST;
                text = text.substring(6);
            }
            Optional<Alias> al = alias(text.toLowerCase(java.util.Locale.ROOT), scope, ctx);
            if (al.isPresent()) {
                nets.add(new Net(al.get().range().get(), e.nomatch()));
            } else if (!complete) {
                unknown = "IPSet " + setName + " names alias '" + e.cidr() + "', which is not defined in the given configuration";
            }
        }
        if (!unknown.isEmpty()) {
            return AddrMatch.unknownAll(unknown);
        }
        nets.sort(Comparator.comparingInt(n -> n.range().prefixLength()));
        AddrSet yes = AddrSet.EMPTY;
        for (Net n : nets) {
            yes = n.nomatch() ? yes.minus(AddrSet.of(n.range())) : yes.union(AddrSet.of(n.range()));
        }
        return AddrMatch.of(yes);
    }

    /** The ipfilter set of a guest NIC (explicit {@code ipfilter-netN} IPSet or implicit), or null when none applies. */
    AddrMatch ipfilter(GuestFirewall g, GuestNic nic) {
        IpSet explicit = g.ipsets().get("ipfilter-" + nic.name());
        if (explicit == null && !g.options().ipfilter()) {
            return null;
        }
        if (explicit != null && !explicit.contentsKnown()) {
            return AddrMatch.unknownAll("IPSet ipfilter-" + nic.name() + ": its contents were not given");
        }
        List<Net> extra = new ArrayList<>();
        IpRange fe80 = IpRange.cidr(IpAddress.parse("fe80::"), 10);
        extra.add(new Net(fe80, true));
        Optional<IpAddress> ll = linkLocal(nic.mac());
        ll.ifPresent(a -> extra.add(new Net(IpRange.of(a), false)));
        if (g.kind() == GuestKind.LXC) {
            for (IpAddress a : nic.parsedAddresses()) {
                extra.add(new Net(IpRange.of(a), false));
            }
        }
        AddrMatch m = entriesMatch("ipfilter-" + nic.name(), explicit == null ? List.of() : explicit.entries(),
                guestCtx(g), extra);
        if (ll.isEmpty() && m.unknown.isEmpty()) {
            AddrSet llRegion = AddrSet.of(fe80).minus(m.yes);
            return new AddrMatch(m.yes, llRegion, g.subject() + " " + nic.name()
                    + ": the MAC address is not known, so its IPv6 link-local address (always in the ipfilter set) is unknown");
        }
        return m;
    }

    /** The RFC 4291 modified EUI-64 link-local address of a MAC, as pve-firewall's {@code mac_to_linklocal}. */
    static Optional<IpAddress> linkLocal(String mac) {
        String[] p = mac.split("[:-]");
        if (p.length != 6) {
            return Optional.empty();
        }
        int[] b = new int[6];
        for (int i = 0; i < 6; i++) {
            if (p[i].isEmpty() || p[i].length() > 2) {
                return Optional.empty();
            }
            try {
                b[i] = Integer.parseInt(p[i], 16);
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        long lo = ((long) (b[0] ^ 2) << 56) | ((long) b[1] << 48) | ((long) b[2] << 40) | (0xffL << 32)
                | (0xfeL << 24) | ((long) b[3] << 16) | ((long) b[4] << 8) | b[5];
        return Optional.of(new IpAddress(6, 0xfe80000000000000L, lo));
    }

    // ---------------------------------------------------------------- rules

    static int versionBit(int v) {
        return v == 4 ? 1 : 2;
    }

    static int[] ranges(PortSpec p) {
        if (p.isAny()) {
            return null;
        }
        int[] out = new int[p.ranges().size() * 2];
        for (int i = 0; i < p.ranges().size(); i++) {
            out[2 * i] = p.ranges().get(i).from();
            out[2 * i + 1] = p.ranges().get(i).to();
        }
        return out;
    }

    /** One match entry of a rule after macro expansion. */
    record Entry(String proto, String dport, String sport, String icmpType, int versions) {
    }

    /** The match entries of a rule: itself, or its macro's entries merged with it (pve-firewall {@code apply_macro}). */
    static List<Entry> entries(FirewallRule r) {
        if (r.macro().isEmpty()) {
            return List.of(new Entry(r.proto(), r.dport().text(), r.sport().text(), r.icmpType(), 3));
        }
        String m = r.macro();
        List<Entry> out = new ArrayList<>();
        if (Tables.MACROS_V6_ONLY.contains(m)) {
            addMacro(out, Tables.MACROS.get(m), r, 2);
        } else if (Tables.MACROS_V6.containsKey(m)) {
            addMacro(out, Tables.MACROS.get(m), r, 1);
            addMacro(out, Tables.MACROS_V6.get(m), r, 2);
        } else {
            addMacro(out, Tables.MACROS.get(m), r, 3);
        }
        return out;
    }

    private static void addMacro(List<Entry> out, List<Tables.MacroEntry> entries, FirewallRule r, int versions) {
        for (Tables.MacroEntry e : entries) {
            out.add(new Entry(e.proto().isEmpty() ? r.proto() : e.proto(),
                    e.dport().isEmpty() ? r.dport().text() : e.dport(),
                    e.sport().isEmpty() ? r.sport().text() : e.sport(), r.icmpType(), versions));
        }
    }

    /** The version mask a protocol text allows. */
    static int protoVersions(String proto) {
        if (proto.equals("icmp")) {
            return 1;
        }
        return proto.equals("icmpv6") || proto.equals("ipv6-icmp") ? 2 : 3;
    }

    /** Compiles one valid, enabled non-group rule into matches (one per macro entry). */
    List<CRule> compile(FirewallRule r, Ctx ctx, String hostIface, String label) throws Missing {
        AddrMatch src = null;
        AddrMatch dst = null;
        int mask = 3;
        if (!r.source().isAny()) {
            Res s = resolve(r.source(), ctx);
            src = s.match();
            mask &= s.versions();
        }
        if (!r.dest().isAny()) {
            Res d = resolve(r.dest(), ctx);
            if ((mask & d.versions()) == 0) {
                throw new Missing("detected mixed ipv4/ipv6 addresses in rule");
            }
            dst = d.match();
            mask &= d.versions();
        }
        if ((mask & protoVersions(r.proto())) == 0) {
            throw new Missing("detected mixed ipv4/ipv6 addresses in rule");
        }
        List<CRule> out = new ArrayList<>();
        for (Entry e : entries(r)) {
            int v = mask & e.versions() & protoVersions(e.proto());
            if (v == 0) {
                continue;
            }
            CRule c = new CRule();
            c.versions = v;
            c.proto = e.proto().isEmpty() ? -1 : Tables.protocolNumber(e.proto());
            if (Tables.isIcmp(e.proto())) {
                String t = !e.dport().isEmpty() ? e.dport() : e.icmpType();
                if (!t.isEmpty()) {
                    int[] tc = FirewallRule.icmpTypeOf(e.proto().equals("icmp") ? "icmp" : "icmpv6", t);
                    if (tc == null) {
                        throw new Missing("invalid icmp-type '" + t + "'");
                    }
                    c.icmpType = tc[0];
                    c.icmpCode = tc[1];
                }
            } else {
                if ((!e.dport().isEmpty() || !e.sport().isEmpty()) && !Tables.PORT_PROTOCOLS.contains(e.proto())) {
                    throw new Missing("protocol " + e.proto() + " does not have ports");
                }
                c.dport = ranges(PortSpec.parse(e.dport()));
                c.sport = ranges(PortSpec.parse(e.sport()));
            }
            c.src = src;
            c.dst = dst;
            c.iface = hostIface;
            c.action = r.action().orElseThrow();
            c.label = label;
            c.location = r.origin();
            out.add(c);
        }
        return out;
    }

    static String describe(String owner, String chain, int number, FirewallRule r) {
        StringBuilder sb = new StringBuilder(owner).append(' ').append(chain).append(" rule ").append(number);
        if (!r.comment().isEmpty()) {
            sb.append(" \"").append(r.comment()).append('"');
        }
        return sb.append(" (").append(r.summary()).append(')').toString();
    }

    /**
     * Compiles a rule list for one direction. {@code nic} is the guest NIC for guest chains (rules for
     * another NIC are skipped), or null for host chains (where {@code -i} becomes an interface match).
     */
    void compileList(List<Step> out, List<FirewallRule> rules, Direction dir, Ctx ctx, String nic) {
        String chain = dir.name();
        for (int i = 0; i < rules.size(); i++) {
            FirewallRule r = rules.get(i);
            int n = i + 1;
            if (r.direction() != dir && r.direction() != Direction.GROUP) {
                continue;
            }
            String label = describe(ctx.owner(), chain, n, r);
            if (!r.enabled()) {
                out.add(Step.skip(label, "disabled", r.origin()));
                continue;
            }
            if (!r.errors().isEmpty()) {
                out.add(Step.skip(label, "pve-firewall refuses the rule: " + String.join("; ", r.errors()), r.origin()));
                continue;
            }
            String hostIface = "";
            if (!r.iface().isEmpty()) {
                if (nic != null) {
                    if (!r.iface().matches("net\\d+")) {
                        out.add(Step.skip(label, "pve-firewall refuses the rule: -i must name a guest NIC (net0..net31)", r.origin()));
                        continue;
                    }
                    if (!r.iface().equals(nic)) {
                        out.add(Step.skip(label, "applies to " + r.iface() + " only", r.origin()));
                        continue;
                    }
                } else {
                    hostIface = r.iface();
                }
            }
            if (r.isGroup()) {
                compileGroup(out, r, dir, label, hostIface);
                continue;
            }
            try {
                for (CRule c : compile(r, ctx, hostIface, label)) {
                    out.add(Step.rule(c));
                }
            } catch (Missing m) {
                out.add(Step.skip(label, "pve-firewall skips the rule: " + m.getMessage(), r.origin()));
            }
        }
    }

    private void compileGroup(List<Step> out, FirewallRule r, Direction dir, String label, String hostIface) {
        SecurityGroup g = dc.groups().get(r.securityGroup());
        if (g == null) {
            if (complete) {
                out.add(Step.skip(label, "no such security group '" + r.securityGroup()
                        + "' (pve-firewall creates an empty chain, which matches nothing)", r.origin()));
            } else {
                CRule c = new CRule();
                c.src = AddrMatch.unknownAll("security group '" + r.securityGroup()
                        + "' is not defined in the given configuration, so its rules are unknown");
                c.action = Action.DROP;
                c.label = label;
                c.location = r.origin();
                out.add(Step.rule(c));
            }
            return;
        }
        List<FirewallRule> rules = g.rules();
        for (int j = 0; j < rules.size(); j++) {
            FirewallRule gr = rules.get(j);
            if (gr.direction() != dir) {
                continue;
            }
            String glabel = label + ", " + describe("group " + g.name(), dir.name(), j + 1, gr);
            if (!gr.enabled()) {
                out.add(Step.skip(glabel, "disabled", gr.origin()));
                continue;
            }
            if (!gr.errors().isEmpty() || !gr.iface().isEmpty()) {
                out.add(Step.skip(glabel, "pve-firewall refuses the rule: "
                        + (gr.errors().isEmpty() ? "-i is not allowed in security groups" : String.join("; ", gr.errors())),
                        gr.origin()));
                continue;
            }
            try {
                for (CRule c : compile(gr, dcCtx, hostIface, glabel)) {
                    out.add(Step.rule(c));
                }
            } catch (Missing m) {
                out.add(Step.skip(glabel, "pve-firewall skips the rule: " + m.getMessage(), gr.origin()));
            }
        }
    }

    // ---------------------------------------------------------------- implicit rules

    static CRule implicit(String label, int versions, String proto, int[] dport, int[] sport, int icmpType,
                          AddrMatch src, AddrMatch dst, Action action) {
        CRule c = new CRule();
        c.label = "implicit: " + label;
        c.versions = versions;
        c.proto = proto.isEmpty() ? -1 : Tables.protocolNumber(proto);
        c.dport = dport;
        c.sport = sport;
        c.icmpType = icmpType;
        c.src = src;
        c.dst = dst;
        c.action = action;
        return c;
    }

    static int[] port(int p) {
        return new int[] {p, p};
    }

    static int[] range(int a, int b) {
        return new int[] {a, b};
    }

    void ndp(List<Step> out, boolean outgoing, boolean radv, String what) {
        out.add(Step.rule(implicit("IPv6 router solicitation accepted (" + what + ")", 2, "icmpv6", null, null, 133, null, null, Action.ACCEPT)));
        if (!outgoing || radv) {
            out.add(Step.rule(implicit("IPv6 router advertisement accepted (" + what + ")", 2, "icmpv6", null, null, 134, null, null, Action.ACCEPT)));
        }
        out.add(Step.rule(implicit("IPv6 neighbor solicitation accepted (" + what + ")", 2, "icmpv6", null, null, 135, null, null, Action.ACCEPT)));
        out.add(Step.rule(implicit("IPv6 neighbor advertisement accepted (" + what + ")", 2, "icmpv6", null, null, 136, null, null, Action.ACCEPT)));
    }

    /** pve-firewall's input filters (blacklist IPSet, smurfs); tcpflags assumes well-formed packets. */
    void inputFilters(List<Step> out) {
        if (dc.ipsets().containsKey("blacklist")) {
            AddrMatch bl = setMatch(dc.ipsets().get("blacklist"), dcCtx, "dc/blacklist");
            out.add(Step.rule(implicit("source in IPSet blacklist dropped", 3, "", null, null, -1, bl, null, Action.DROP)));
        }
        if (fw.host().options().smurfFilter()) {
            AddrSet smurf = AddrSet.of(IpRange.cidr(IpAddress.parse("224.0.0.0"), 4))
                    .union(AddrSet.of(IpRange.of(IpAddress.parse("255.255.255.255"))));
            out.add(Step.rule(implicit("multicast/broadcast source dropped (smurf filter)", 1, "", null, null, -1,
                    AddrMatch.of(smurf), null, Action.DROP)));
        }
    }

    List<Step> hostIn() {
        List<Step> out = new ArrayList<>();
        HostFirewall h = fw.host();
        out.add(Step.conntrack(true));
        if (h.options().ndp()) {
            ndp(out, false, false, "host ndp");
        }
        inputFilters(out);
        out.add(Step.rule(implicit("IGMP accepted", 3, "igmp", null, null, -1, null, null, Action.ACCEPT)));
        compileList(out, h.rules(), Direction.IN, new Ctx("host", Map.of(), Map.of(), "host"), null);
        compileList(out, dc.rules(), Direction.IN, dcCtx, null);
        AddrMatch mgmt = management();
        int[][] mports = {port(8006), range(5900, 5999), port(3128), port(22), range(60000, 60050)};
        String[] names = {"PVE API tcp/8006", "VNC console tcp/5900:5999", "SPICE proxy tcp/3128", "SSH tcp/22",
            "migration tcp/60000:60050"};
        for (int i = 0; i < mports.length; i++) {
            out.add(Step.rule(implicit(names[i] + " from IPSet management accepted", 3, "tcp", mports[i], null, -1,
                    mgmt, null, Action.ACCEPT)));
        }
        for (HostFirewall.CorosyncLink l : h.corosync()) {
            Optional<IpRange> peer = IpRange.tryParse(l.peerAddress());
            Optional<IpRange> local = IpRange.tryParse(l.localAddress());
            if (peer.isPresent() && local.isPresent()) {
                out.add(Step.rule(implicit("corosync udp/5404:5405 from " + l.peerAddress() + " accepted",
                        versionBit(peer.get().version()), "udp", range(5404, 5405), null, -1,
                        AddrMatch.of(AddrSet.of(peer.get())), AddrMatch.of(AddrSet.of(local.get())), Action.ACCEPT)));
            }
        }
        out.add(Step.policy(dc.options().policyIn(), "datacenter policy_in " + dc.options().policyIn(), dc.origin()));
        return out;
    }

    List<Step> hostOut() {
        List<Step> out = new ArrayList<>();
        HostFirewall h = fw.host();
        out.add(Step.conntrack(true));
        if (h.options().ndp()) {
            ndp(out, true, false, "host ndp");
        }
        out.add(Step.rule(implicit("IGMP accepted", 3, "igmp", null, null, -1, null, null, Action.ACCEPT)));
        compileList(out, h.rules(), Direction.OUT, new Ctx("host", Map.of(), Map.of(), "host"), null);
        compileList(out, dc.rules(), Direction.OUT, dcCtx, null);
        AddrMatch ln = localNet.map(r -> AddrMatch.of(AddrSet.of(r))).orElse(AddrMatch.unknownAll(
                "the node's local network is not known (define the datacenter alias local_network or give the host's local network)"));
        int[][] lports = {port(8006), port(22), range(5900, 5999), port(3128)};
        String[] names = {"PVE API tcp/8006", "SSH tcp/22", "VNC console tcp/5900:5999", "SPICE proxy tcp/3128"};
        for (int i = 0; i < lports.length; i++) {
            out.add(Step.rule(implicit(names[i] + " to local_network accepted", 3, "tcp", lports[i], null, -1, null,
                    ln, Action.ACCEPT)));
        }
        for (HostFirewall.CorosyncLink l : h.corosync()) {
            Optional<IpRange> peer = IpRange.tryParse(l.peerAddress());
            Optional<IpRange> local = IpRange.tryParse(l.localAddress());
            if (peer.isPresent() && local.isPresent()) {
                out.add(Step.rule(implicit("corosync udp/5404:5405 to " + l.peerAddress() + " accepted",
                        versionBit(peer.get().version()), "udp", range(5404, 5405), null, -1,
                        AddrMatch.of(AddrSet.of(local.get())), AddrMatch.of(AddrSet.of(peer.get())), Action.ACCEPT)));
            }
        }
        out.add(Step.policy(dc.options().policyOut(), "datacenter policy_out " + dc.options().policyOut(), dc.origin()));
        return out;
    }

    List<Step> hostForward() {
        List<Step> out = new ArrayList<>();
        out.add(Step.conntrack(!fw.host().options().nfConntrackAllowInvalid()));
        compileList(out, fw.host().rules(), Direction.FORWARD, new Ctx("host", Map.of(), Map.of(), "host"), null);
        compileList(out, dc.rules(), Direction.FORWARD, dcCtx, null);
        out.add(Step.policy(dc.options().policyForward(), "datacenter policy_forward " + dc.options().policyForward(),
                dc.origin()));
        return out;
    }

    /** A guest NIC's IN chain (after the bridge's conntrack and input filters), or its OUT chain. */
    List<Step> guestChain(GuestFirewall g, GuestNic nic, Direction dir) {
        List<Step> out = new ArrayList<>();
        GuestOptions o = g.options();
        String who = g.subject();
        if (dir == Direction.IN) {
            if (o.dhcp()) {
                out.add(Step.rule(implicit("DHCP reply udp 67->68 accepted (dhcp)", 1, "udp", port(68), port(67), -1, null, null, Action.ACCEPT)));
                out.add(Step.rule(implicit("DHCPv6 reply udp 547->546 accepted (dhcp)", 2, "udp", port(546), port(547), -1, null, null, Action.ACCEPT)));
            }
            if (o.ndp()) {
                ndp(out, false, o.radv(), "ndp");
            }
        } else {
            if (o.dhcp()) {
                out.add(Step.rule(implicit("DHCP request udp 68->67 accepted (dhcp)", 1, "udp", port(67), port(68), -1, null, null, Action.ACCEPT)));
                out.add(Step.rule(implicit("DHCPv6 request udp 546->547 accepted (dhcp)", 2, "udp", port(547), port(546), -1, null, null, Action.ACCEPT)));
            }
            if (!o.radv()) {
                out.add(Step.rule(implicit("IPv6 router advertisement from the guest dropped (radv off)", 2, "icmpv6", null, null, 134, null, null, Action.DROP)));
            }
            AddrMatch ipf = ipfilter(g, nic);
            if (ipf != null) {
                CRule c = implicit("source address not in IPSet ipfilter-" + nic.name() + " dropped (ipfilter)", 3, "",
                        null, null, -1, ipf.negate(), null, Action.DROP);
                c.location = g.ipsets().containsKey("ipfilter-" + nic.name())
                        ? g.ipsets().get("ipfilter-" + nic.name()).origin() : Optional.empty();
                out.add(Step.rule(c));
            }
            if (o.ndp()) {
                ndp(out, true, o.radv(), "ndp");
            }
        }
        compileList(out, g.rules(), dir, guestCtx(g), nic.name());
        Action policy = dir == Direction.IN ? o.policyIn() : o.policyOut();
        out.add(Step.policy(policy, who + (dir == Direction.IN ? " policy_in " : " policy_out ") + policy, g.origin()));
        return out;
    }
}
