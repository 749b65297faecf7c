package io.phoenixdiag.net.iptables.internal;

import io.phoenixdiag.core.diag.Finding;
import io.phoenixdiag.core.diag.Location;
import io.phoenixdiag.core.diag.Severity;
import io.phoenixdiag.net.iptables.Chain;
import io.phoenixdiag.net.iptables.EvaluationOptions;
import io.phoenixdiag.net.iptables.Hook;
import io.phoenixdiag.net.iptables.IptablesSave;
import io.phoenixdiag.net.iptables.Match;
import io.phoenixdiag.net.iptables.Option;
import io.phoenixdiag.net.iptables.Rule;
import io.phoenixdiag.net.iptables.Ruleset;
import io.phoenixdiag.net.iptables.Table;
import io.phoenixdiag.net.iptables.Target;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Converts the syntax-faithful model into the evaluated model (compiled chains), reporting values it
 * cannot interpret as warnings. Not thread-safe per instance.
 */
final class Compiler {
    private static final int[] TCP = {6};
    private static final int[] UDP = {17};
    private static final int[] SCTP = {132};
    private static final int[] DCCP = {33};
    private static final int[] UDPLITE = {136};
    private static final int[] MULTI = {6, 17, 132, 33, 136};
    private static final Set<String> CONTINUE_TARGETS = Set.of("LOG", "NFLOG", "ULOG", "TRACE", "TCPMSS", "CHECKSUM",
            "CLASSIFY", "DSCP", "TOS", "TTL", "HL", "SET", "TEE", "AUDIT", "SECMARK", "CONNSECMARK", "IDLETIMER", "LED",
            "RATEEST", "HMARK");
    private static final Set<String> NAT_TARGETS = Set.of("SNAT", "MASQUERADE", "NETMAP", "DNAT", "REDIRECT");

    private static final java.util.regex.Pattern MAC = java.util.regex.Pattern.compile("[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2}){5}");

    private final String source;
    private final EvaluationOptions options;
    private final List<Finding> warnings = new ArrayList<>();
    private boolean v6;

    private Compiler(String source, EvaluationOptions options) {
        this.source = source;
        this.options = options;
    }

    static List<Finding> validate(IptablesSave dump) {
        Compiler c = new Compiler(dump.source(), EvaluationOptions.defaults());
        for (Ruleset rs : dump.rulesets()) {
            c.compile(rs);
        }
        return c.warnings;
    }

    static List<Program> compile(IptablesSave dump, EvaluationOptions options) {
        Compiler c = new Compiler(dump.source(), options);
        List<Program> out = new ArrayList<>();
        for (Ruleset rs : dump.rulesets()) {
            out.add(c.compile(rs));
        }
        return out;
    }

    Program compile(Ruleset rs) {
        v6 = rs.family() == io.phoenixdiag.net.iptables.Family.IPV6;
        List<CChain> chains = new ArrayList<>();
        Map<String, Map<String, Integer>> index = new HashMap<>();
        for (Table t : rs.tables()) {
            Map<String, Integer> byName = new HashMap<>();
            index.put(t.name(), byName);
            for (Chain ch : t.chains()) {
                byName.put(ch.name(), chains.size());
                chains.add(new CChain(t.name(), ch, chains.size()));
            }
        }
        for (CChain cc : chains) {
            List<Rule> rules = cc.chain.rules();
            cc.rules = new CRule[rules.size()];
            for (int i = 0; i < rules.size(); i++) {
                cc.rules[i] = rule(rules.get(i), i, index.get(cc.table));
            }
            cc.indexRuns();
        }
        int[][] hooks = new int[Hook.values().length][];
        for (Hook h : Hook.values()) {
            List<Integer> ids = new ArrayList<>();
            for (String table : h.tables()) {
                Map<String, Integer> byName = index.get(table);
                Integer id = byName == null ? null : byName.get(h.name());
                if (id != null && chains.get(id).policy >= 0) {
                    ids.add(id);
                }
            }
            hooks[h.ordinal()] = ids.stream().mapToInt(Integer::intValue).toArray();
        }
        return new Program(rs, chains.toArray(new CChain[0]), hooks);
    }

    private void warn(Rule r, int column, String id, String title, String message) {
        warnings.add(Finding.builder("iptables.parse." + id, Severity.WARNING).title(title).message(message)
                .location(Location.ofLine(source, r.line(), column)).build());
    }

    private CRule rule(Rule r, int idx, Map<String, Integer> chains) {
        CRule c = new CRule(r, idx);
        List<Matcher> ms = new ArrayList<>();
        for (Match m : r.matches()) {
            if (m.module().isEmpty()) {
                builtins(r, m, c, ms);
            } else {
                module(r, m, ms);
            }
        }
        c.matchers = ms.toArray(new Matcher[0]);
        r.target().ifPresent(t -> target(r, t, c, chains));
        return c;
    }

    private void builtins(Rule r, Match m, CRule c, List<Matcher> ms) {
        for (Option o : m.options()) {
            try {
                switch (o.name()) {
                    case "-s", "-d" -> {
                        if (o.value().contains(",")) {
                            throw new IllegalArgumentException("address lists are expanded by iptables into one rule per "
                                    + "address and cannot appear in a dump");
                        }
                        long[] p = Values.prefix(o.value(), v6);
                        if (o.name().equals("-s")) {
                            c.hasSrc = true;
                            c.srcNeg = o.negated();
                            c.sHi = p[0];
                            c.sLo = p[1];
                            c.smHi = p[2];
                            c.smLo = p[3];
                            c.sLen = (int) p[4];
                        } else {
                            c.hasDst = true;
                            c.dstNeg = o.negated();
                            c.dHi = p[0];
                            c.dLo = p[1];
                            c.dmHi = p[2];
                            c.dmLo = p[3];
                            c.dLen = (int) p[4];
                        }
                    }
                    case "-p" -> {
                        int p = Values.protocol(o.value());
                        if (p == 0) {
                            if (o.negated()) {
                                c.proto = 256; // ! -p all matches nothing
                                c.protoNeg = false;
                            }
                        } else {
                            c.proto = p;
                            c.protoNeg = o.negated();
                        }
                    }
                    case "-i", "-o" -> {
                        String name = o.value();
                        boolean wild = name.endsWith("+");
                        String pat = wild ? name.substring(0, name.length() - 1) : name;
                        if (o.name().equals("-i")) {
                            c.inIf = pat;
                            c.inWild = wild;
                            c.inNeg = o.negated();
                        } else {
                            c.outIf = pat;
                            c.outWild = wild;
                            c.outNeg = o.negated();
                        }
                    }
                    case "-f" -> ms.add(new Matcher.Fragment(o.toString(), o.negated()));
                    default -> ms.add(new Matcher.Unknown(o.toString(), "unknown option"));
                }
            } catch (IllegalArgumentException e) {
                warn(r, o.column(), "bad-value", "Unreadable value of " + o.name(),
                        "`" + o + "`: " + e.getMessage() + "; the rule is UNKNOWN in evaluation.");
                ms.add(new Matcher.Unknown(o.toString(), e.getMessage()));
            }
        }
    }

    private void module(Rule r, Match m, List<Matcher> ms) {
        String text = m.toString();
        String mod = m.module();
        Syntax.Options spec = Syntax.MODULES.get(mod);
        if (spec == null) {
            ms.add(new Matcher.Unknown(text, "match module `" + mod + "` is not modelled"));
            return;
        }
        for (Option o : m.options()) {
            if (spec.get(o.name()) == null) {
                ms.add(new Matcher.Unknown(text, "option " + o.name() + " is not modelled"));
                return;
            }
        }
        try {
            switch (mod) {
                case "tcp", "udp", "sctp", "dccp", "udplite" -> transport(m, mod, ms);
                case "multiport" -> {
                    for (Option o : m.options()) {
                        String[] parts = o.value().split(",");
                        int[] ranges = new int[parts.length * 2];
                        int count = 0;
                        for (int i = 0; i < parts.length; i++) {
                            int[] pr = Values.portRange(parts[i]);
                            ranges[2 * i] = pr[0];
                            ranges[2 * i + 1] = pr[1];
                            count += pr[0] == pr[1] ? 1 : 2;
                        }
                        if (count > 15) {
                            warn(r, o.column(), "multiport-too-long", "More than 15 ports in multiport",
                                    "`" + o + "` lists " + count + " ports (a range counts as two); the kernel accepts 15.");
                        }
                        int which = o.name().equals("--sports") ? 0 : o.name().equals("--dports") ? 1 : 2;
                        ms.add(new Matcher.Ports(text, which, ranges, o.negated(), MULTI));
                    }
                }
                case "icmp", "icmp6" -> {
                    if (mod.equals("icmp6") != v6) {
                        warn(r, m.column(), "wrong-family-module", "Match module " + mod + " in an "
                                + (v6 ? "IPv6" : "IPv4") + " dump", "`-m " + mod + "` works only in "
                                + (v6 ? "iptables" : "ip6tables") + "; iptables-restore refuses it. It is evaluated "
                                + "as a type match on protocol " + (mod.equals("icmp") ? 1 : 58) + ".");
                    }
                    Option o = m.options().isEmpty() ? null : m.options().get(0);
                    if (o != null) {
                        ms.add(new Matcher.Icmp(text, mod.equals("icmp") ? 1 : 58,
                                Values.icmpType(o.value(), mod.equals("icmp6")), o.negated()));
                    }
                }
                case "state", "conntrack" -> {
                    for (Option o : m.options()) {
                        if (o.name().equals("--state") || o.name().equals("--ctstate")) {
                            ms.add(new Matcher.State(text, states(o.value()), o.negated()));
                        } else {
                            ms.add(new Matcher.Unknown(text, "conntrack " + o.name() + " is not evaluated"));
                        }
                    }
                }
                case "comment" -> {
                    // no effect on matching
                }
                case "mark", "connmark" -> {
                    Option o = m.options().get(0);
                    ms.add(new Matcher.Mark(text, Values.markMask(o.value()), o.negated(), mod.equals("connmark")));
                }
                case "iprange" -> {
                    for (Option o : m.options()) {
                        String[] ab = o.value().split("-");
                        if (ab.length != 2) {
                            throw new IllegalArgumentException("expected a-b: " + o.value());
                        }
                        long[] lo = Values.prefix(ab[0], v6);
                        long[] hi = Values.prefix(ab[1], v6);
                        ms.add(new Matcher.Range(text, o.name().equals("--dst-range"), lo, hi, o.negated()));
                    }
                }
                case "addrtype" -> addrtype(m, ms);
                case "physdev" -> physdev(m, ms);
                case "mac" -> {
                    Option o = m.options().get(0);
                    if (!MAC.matcher(o.value()).matches()) {
                        throw new IllegalArgumentException("not a MAC address (aa:bb:cc:dd:ee:ff): " + o.value());
                    }
                    ms.add(new Matcher.Mac(text, o.value(), o.negated()));
                }
                case "limit" -> ms.add(new Matcher.Limit(text, options.strictLimits(), false));
                case "hashlimit" -> ms.add(new Matcher.Limit(text, options.strictLimits(),
                        m.option("--hashlimit-above").isPresent()));
                case "recent" -> {
                    boolean set = m.option("--set").isPresent();
                    boolean neg = m.options().stream().anyMatch(Option::negated);
                    ms.add(new Matcher.Recent(text, set, neg, options.emptyRecentLists()));
                }
                case "set" -> ipset(m, ms);
                default -> ms.add(new Matcher.Unknown(text, "match module `" + mod + "` is not evaluated"));
            }
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            warn(r, m.column(), "bad-value", "Unreadable value in -m " + mod,
                    "`" + text + "`: " + e.getMessage() + "; the rule is UNKNOWN in evaluation.");
            ms.add(new Matcher.Unknown(text, String.valueOf(e.getMessage())));
        }
    }

    private static void transport(Match m, String mod, List<Matcher> ms) {
        int[] protos = switch (mod) {
            case "tcp" -> TCP;
            case "udp" -> UDP;
            case "sctp" -> SCTP;
            case "dccp" -> DCCP;
            default -> UDPLITE;
        };
        String text = m.toString();
        for (Option o : m.options()) {
            switch (o.name()) {
                case "--sport", "--dport" -> {
                    int[] pr = Values.portRange(o.value());
                    ms.add(new Matcher.Ports(text, o.name().equals("--sport") ? 0 : 1, pr, o.negated(), protos));
                }
                case "--tcp-flags" -> ms.add(new Matcher.TcpFlags(text, flags(o.values().get(0)),
                        flags(o.values().get(1)), o.negated()));
                case "--syn" -> ms.add(new Matcher.TcpFlags(text, 0x17, 0x02, o.negated()));
                default -> ms.add(new Matcher.Unknown(text, mod + " " + o.name() + " is not evaluated"));
            }
        }
    }

    static int flags(String s) {
        int f = 0;
        for (String p : s.split(",")) {
            f |= switch (p.toUpperCase(Locale.ROOT)) {
                case "FIN" -> 0x01;
                case "SYN" -> 0x02;
                case "RST" -> 0x04;
                case "PSH" -> 0x08;
                case "ACK" -> 0x10;
                case "URG" -> 0x20;
                case "ECE" -> 0x40;
                case "CWR" -> 0x80;
                case "ALL" -> 0xff;
                case "NONE" -> 0;
                default -> throw new IllegalArgumentException("unknown TCP flag: " + p);
            };
        }
        return f;
    }

    static int states(String s) {
        int mask = 0;
        for (String p : s.split(",")) {
            mask |= switch (p.toUpperCase(Locale.ROOT)) {
                case "NEW" -> Ctx.NEW;
                case "ESTABLISHED" -> Ctx.ESTABLISHED;
                case "RELATED" -> Ctx.RELATED;
                case "INVALID" -> Ctx.INVALID;
                case "UNTRACKED" -> Ctx.UNTRACKED;
                case "SNAT" -> Ctx.SNAT;
                case "DNAT" -> Ctx.DNAT;
                default -> throw new IllegalArgumentException("unknown state: " + p);
            };
        }
        return mask;
    }

    private void addrtype(Match m, List<Matcher> ms) {
        boolean limit = m.option("--limit-iface-in").isPresent() || m.option("--limit-iface-out").isPresent();
        long[][] local = options.localAddresses().map(Compiler::words).orElse(null);
        long[][] bcast = words(options.broadcastAddresses());
        for (Option o : m.options()) {
            if (!o.name().equals("--src-type") && !o.name().equals("--dst-type")) {
                continue;
            }
            int mask = 0;
            for (String t : o.value().split(",")) {
                int i = Matcher.AddrType.TYPES.indexOf(t.toUpperCase(Locale.ROOT));
                if (i < 0) {
                    throw new IllegalArgumentException("unknown address type: " + t);
                }
                mask |= 1 << i;
            }
            ms.add(new Matcher.AddrType(m.toString(), o.name().equals("--dst-type"), mask, o.negated(), limit, local,
                    bcast));
        }
    }

    private static long[][] words(Set<InetAddress> set) {
        long[][] out = new long[set.size()][];
        int i = 0;
        for (InetAddress a : set) {
            out[i++] = Values.words(a);
        }
        return out;
    }

    private static void physdev(Match m, List<Matcher> ms) {
        String in = null;
        String out = null;
        boolean inNeg = false;
        boolean outNeg = false;
        int isIn = 0;
        int isOut = 0;
        int isBridged = 0;
        for (Option o : m.options()) {
            int flag = o.negated() ? 2 : 1;
            switch (o.name()) {
                case "--physdev-in" -> {
                    in = o.value();
                    inNeg = o.negated();
                }
                case "--physdev-out" -> {
                    out = o.value();
                    outNeg = o.negated();
                }
                case "--physdev-is-in" -> isIn = flag;
                case "--physdev-is-out" -> isOut = flag;
                default -> isBridged = flag;
            }
        }
        ms.add(new Matcher.Physdev(m.toString(), in, inNeg, out, outNeg, isIn, isOut, isBridged));
    }

    private void ipset(Match m, List<Matcher> ms) {
        Option o = m.option("--match-set").orElseThrow(() -> new IllegalArgumentException("--match-set missing"));
        String name = o.values().get(0);
        String[] flags = o.values().get(1).split(",");
        String text = m.toString();
        if (m.options().size() > 1) {
            ms.add(new Matcher.IpSet(text, name, false, false, null, "set counters and nomatch options are not evaluated"));
            return;
        }
        List<String> entries = options.ipsets().get(name);
        if (entries == null) {
            ms.add(new Matcher.IpSet(text, name, false, false, null, "the contents of ipset " + name + " are not given"));
            return;
        }
        if (flags.length != 1) {
            ms.add(new Matcher.IpSet(text, name, false, false, null, "multi-dimension sets are not evaluated"));
            return;
        }
        long[][] e = new long[entries.size()][];
        for (int i = 0; i < e.length; i++) {
            String s = entries.get(i);
            int dash = s.indexOf('-');
            if (dash > 0) {
                long[] lo = Values.prefix(s.substring(0, dash), v6);
                long[] hi = Values.prefix(s.substring(dash + 1), v6);
                e[i] = new long[] {lo[0], lo[1], hi[0], hi[1]};
            } else {
                long[] p = Values.prefix(s, v6);
                e[i] = v6 ? new long[] {p[0], p[1], p[0] | ~p[2], p[1] | ~p[3]}
                        : new long[] {0, p[1], 0, p[1] | (~p[3] & 0xffffffffL)};
            }
        }
        ms.add(new Matcher.IpSet(text, name, flags[0].equals("dst"), o.negated(), e, ""));
    }

    private void target(Rule r, Target t, CRule c, Map<String, Integer> chains) {
        String name = t.name();
        Integer chain = chains.get(name);
        if (chain != null) {
            c.kind = t.isGoto() ? CRule.GOTO : CRule.JUMP;
            c.jump = chain;
            return;
        }
        if (t.isGoto()) {
            c.kind = CRule.UNKNOWN;
            c.targetNote = "goto to missing chain " + name;
            return;
        }
        try {
            switch (name) {
                case "ACCEPT" -> c.kind = CRule.ACCEPT;
                case "DROP" -> c.kind = CRule.DROP;
                case "REJECT" -> {
                    c.kind = CRule.REJECT;
                    c.targetNote = t.option("--reject-with").map(Option::value).orElse("icmp-port-unreachable");
                }
                case "RETURN" -> c.kind = CRule.RETURN;
                case "QUEUE", "NFQUEUE" -> c.kind = CRule.QUEUE;
                case "NOTRACK" -> c.kind = CRule.NOTRACK;
                case "CT" -> c.kind = t.option("--notrack").isPresent() ? CRule.NOTRACK : CRule.CONTINUE;
                case "MARK" -> mark(t, c);
                case "CONNMARK" -> connmark(t, c);
                default -> {
                    if (CONTINUE_TARGETS.contains(name)) {
                        c.kind = CRule.CONTINUE;
                    } else if (NAT_TARGETS.contains(name)) {
                        nat(t, c);
                    } else if (Syntax.TARGETS.containsKey(name)) {
                        c.kind = CRule.UNKNOWN;
                        c.targetNote = "target " + name + " is not modelled";
                    } else {
                        c.kind = CRule.UNKNOWN;
                        c.targetNote = "jump to missing chain " + name;
                    }
                }
            }
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            warn(r, t.column(), "bad-value", "Unreadable option of target " + name,
                    "`" + t + "`: " + e.getMessage() + "; the rule's target is UNKNOWN in evaluation.");
            c.kind = CRule.UNKNOWN;
            c.targetNote = "unreadable target options: " + e.getMessage();
        }
    }

    private static void mark(Target t, CRule c) {
        c.kind = CRule.MARK;
        for (Option o : t.options()) {
            long[] vm = Values.markMask(o.value());
            switch (o.name()) {
                case "--set-xmark" -> xset(c, vm[0], vm[1]);
                case "--set-mark" -> {
                    c.markOp = 1;
                    c.markValue = vm[0];
                    c.markMask = vm[1];
                }
                case "--and-mark" -> xset(c, 0, ~vm[0] & 0xffffffffL);
                case "--or-mark" -> xset(c, vm[0], vm[0]);
                case "--xor-mark" -> xset(c, vm[0], 0);
                default -> throw new IllegalArgumentException("unknown MARK option " + o.name());
            }
        }
    }

    private static void xset(CRule c, long value, long mask) {
        c.markOp = 0;
        c.markValue = value;
        c.markMask = mask;
    }

    private static void connmark(Target t, CRule c) {
        c.kind = CRule.CONNMARK;
        for (Option o : t.options()) {
            switch (o.name()) {
                case "--set-xmark", "--set-mark", "--and-mark", "--or-mark", "--xor-mark" -> {
                    long[] vm = Values.markMask(o.value());
                    switch (o.name()) {
                        case "--set-mark" -> {
                            c.markOp = 1;
                            c.markValue = vm[0];
                            c.markMask = vm[1];
                        }
                        case "--and-mark" -> xset(c, 0, ~vm[0] & 0xffffffffL);
                        case "--or-mark" -> xset(c, vm[0], vm[0]);
                        case "--xor-mark" -> xset(c, vm[0], 0);
                        default -> xset(c, vm[0], vm[1]);
                    }
                }
                case "--save-mark" -> c.markOp = 2;
                case "--restore-mark" -> c.markOp = 3;
                case "--nfmask" -> c.nfmask = Values.markMask(o.value())[0];
                case "--ctmask" -> c.ctmask = Values.markMask(o.value())[0];
                case "--mask" -> {
                    c.nfmask = Values.markMask(o.value())[0];
                    c.ctmask = c.nfmask;
                }
                default -> throw new IllegalArgumentException("unknown CONNMARK option " + o.name());
            }
        }
    }

    private void nat(Target t, CRule c) {
        c.kind = CRule.NAT;
        c.targetNote = t.name();
        if (t.name().equals("DNAT")) {
            String to = t.option("--to-destination").map(Option::value).orElse("");
            String addr = to;
            String port = "";
            if (!v6 && to.contains(":")) {
                addr = to.substring(0, to.indexOf(':'));
                port = to.substring(to.indexOf(':') + 1);
            } else if (v6 && to.startsWith("[")) {
                addr = to.substring(1, to.indexOf(']'));
                port = to.indexOf("]:") > 0 ? to.substring(to.indexOf("]:") + 2) : "";
            }
            if (!addr.isEmpty() && !addr.contains("-")) {
                long[] p = Values.prefix(addr, v6);
                c.natDst = new long[] {p[0], p[1]};
            } else if (!addr.isEmpty()) {
                c.natDstUnknown = true;
            }
            natPort(c, port);
        } else if (t.name().equals("REDIRECT")) {
            c.natDstUnknown = true; // the primary address of the incoming interface
            natPort(c, t.option("--to-ports").map(Option::value).orElse(""));
        }
    }

    private static void natPort(CRule c, String port) {
        if (port.isEmpty()) {
            return;
        }
        int[] pr = Values.portRange(port);
        c.natPort = pr[0] == pr[1] ? pr[0] : -2; // -2: a port range, the chosen port is unknown
    }
}
