package io.phoenixdiag.core.firewall.pvefile;

import io.phoenixdiag.core.diag.Finding;
import io.phoenixdiag.core.diag.Location;
import io.phoenixdiag.core.diag.Severity;
import io.phoenixdiag.core.firewall.Action;
import io.phoenixdiag.core.firewall.Alias;
import io.phoenixdiag.core.firewall.DatacenterFirewall;
import io.phoenixdiag.core.firewall.DatacenterOptions;
import io.phoenixdiag.core.firewall.Direction;
import io.phoenixdiag.core.firewall.FirewallRule;
import io.phoenixdiag.core.firewall.GuestKind;
import io.phoenixdiag.core.firewall.GuestFirewall;
import io.phoenixdiag.core.firewall.GuestOptions;
import io.phoenixdiag.core.firewall.HostFirewall;
import io.phoenixdiag.core.firewall.HostOptions;
import io.phoenixdiag.core.firewall.IpRange;
import io.phoenixdiag.core.firewall.IpSet;
import io.phoenixdiag.core.firewall.SecurityGroup;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one {@code .fw} file the way pve-firewall's {@code generic_fw_config_parser} does (section
 * headers, options, aliases, IPSet entries, rules via {@code parse_fw_rule} and {@code verify_rule}),
 * keeping every line's location. Lines pve-firewall cannot read become {@code firewall.fw-syntax}
 * warnings and are left out; rules it reads but refuses keep their errors (the evaluator skips them)
 * and become {@code firewall.rule-refused} warnings. Not thread-safe; one instance per file.
 */
final class FwParser {
    static final String SYNTAX = "firewall.fw-syntax";
    static final String REFUSED = "firewall.rule-refused";
    static final String ENTRY_REFUSED = "firewall.ipset-entry-refused";

    private static final String NAME = "[A-Za-z][A-Za-z0-9\\-_]+";
    private static final String LEVELS = "emerg|alert|crit|err|warning|notice|info|debug|nolog";
    private static final Pattern OPTIONS_HEADER = Pattern.compile("^\\[options\\]$", Pattern.CASE_INSENSITIVE);
    private static final Pattern ALIASES_HEADER = Pattern.compile("^\\[aliases\\]$", Pattern.CASE_INSENSITIVE);
    private static final Pattern RULES_HEADER = Pattern.compile("^\\[rules\\]$", Pattern.CASE_INSENSITIVE);
    private static final Pattern GROUP_HEADER =
            Pattern.compile("^\\[group\\s+(\\S+)\\]\\s*(?:#\\s*(.*?)\\s*)?$", Pattern.CASE_INSENSITIVE);
    private static final Pattern IPSET_HEADER =
            Pattern.compile("^\\[ipset\\s+(\\S+)\\]\\s*(?:#\\s*(.*?)\\s*)?$", Pattern.CASE_INSENSITIVE);
    private static final Pattern COMMENT = Pattern.compile("#\\s*(.*?)\\s*$");
    private static final Pattern RULE_HEAD = Pattern.compile("^(\\S+)\\s+(\\S+)\\s*");
    private static final Pattern MACRO = Pattern.compile("^(\\S+)\\((ACCEPT|DROP|REJECT)\\)$");
    private static final Pattern OPT_IFACE = Pattern.compile("^-i (\\S+)\\s*");
    private static final Pattern OPT_PROTO = Pattern.compile("^(?:-p|--?proto) (\\S+)\\s*");
    private static final Pattern OPT_DPORT = Pattern.compile("^--?dport (\\S+)\\s*");
    private static final Pattern OPT_SPORT = Pattern.compile("^--?sport (\\S+)\\s*");
    private static final Pattern OPT_SOURCE = Pattern.compile("^--?source (\\S+)\\s*");
    private static final Pattern OPT_DEST = Pattern.compile("^--?dest (\\S+)\\s*");
    private static final Pattern OPT_LOG = Pattern.compile("^--?log (" + LEVELS + ")\\s*");
    private static final Pattern OPT_ICMP = Pattern.compile("^--?icmp-type (\\S+)\\s*");
    private static final Pattern IPSET_REF = Pattern.compile("^\\+(guest/|dc/|sdn/)?(" + NAME + ")$");
    private static final Pattern ALIAS_REF = Pattern.compile("^(guest/|dc/)?(" + NAME + ")$");
    private static final Pattern IFACE = Pattern.compile("^[a-z][a-z0-9_]{1,20}([:.]\\d+)?$", Pattern.CASE_INSENSITIVE);
    private static final Pattern ENTRY = Pattern.compile("^(!)?\\s*(\\S+)\\s*$");
    private static final Pattern ALIAS_LINE = Pattern.compile("^(\\S+)\\s(\\S+)$");
    private static final Pattern IPV4 = Pattern.compile("^(?:(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}"
            + "(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(/\\d+)?$");
    private static final Pattern IPV6 = Pattern.compile("^[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*(/\\d+)?$");

    private static final Pattern[] CLUSTER_OPTIONS = {
        Pattern.compile("^(enable):\\s*(\\d+)\\s*$", Pattern.CASE_INSENSITIVE),
        Pattern.compile("^(ebtables):\\s*(0|1)\\s*$", Pattern.CASE_INSENSITIVE),
        Pattern.compile("^(policy_(?:in|out|forward)):\\s*(ACCEPT|DROP|REJECT)\\s*$", Pattern.CASE_INSENSITIVE),
        Pattern.compile("^(log_ratelimit):\\s*(\\S+)\\s*$"),
    };
    private static final Pattern[] HOST_OPTIONS = {
        Pattern.compile("^(enable|nosmurfs|tcpflags|ndp|log_nf_conntrack|nf_conntrack_allow_invalid|protection_synflood"
                + "|nftables):\\s*(0|1)\\s*$", Pattern.CASE_INSENSITIVE),
        Pattern.compile("^(log_level_(?:in|out|forward)|tcp_flags_log_level|smurf_log_level):\\s*((?:" + LEVELS
                + ")?)\\s*$", Pattern.CASE_INSENSITIVE),
        Pattern.compile("^(nf_conntrack_helpers):\\s*((?:\\S+,?)+)\\s*$", Pattern.CASE_INSENSITIVE),
        Pattern.compile("^(nf_conntrack_max|nf_conntrack_tcp_timeout_established|nf_conntrack_tcp_timeout_syn_recv"
                + "|protection_synflood_rate|protection_synflood_burst|protection_limit):\\s*(\\d+)\\s*$",
                Pattern.CASE_INSENSITIVE),
    };
    private static final Pattern[] GUEST_OPTIONS = {
        Pattern.compile("^(enable|dhcp|ndp|radv|macfilter|ipfilter|ips):\\s*(0|1)\\s*$", Pattern.CASE_INSENSITIVE),
        Pattern.compile("^(log_level_in|log_level_out):\\s*((?:" + LEVELS + ")?)\\s*$", Pattern.CASE_INSENSITIVE),
        Pattern.compile("^(policy_(?:in|out)):\\s*(ACCEPT|DROP|REJECT)\\s*$", Pattern.CASE_INSENSITIVE),
        Pattern.compile("^(ips_queues):\\s*(\\d+(?::\\d+)?)\\s*$", Pattern.CASE_INSENSITIVE),
        Pattern.compile("^(layer2_protocols):\\s*((?:\\S+,?)+)\\s*$", Pattern.CASE_INSENSITIVE),
    };

    /** An IPSet or security group being read. */
    private static final class Draft {
        final String comment;
        final Location origin;
        final List<IpSet.Entry> entries = new ArrayList<>();
        final Set<String> keys = new HashSet<>();
        final List<FirewallRule> rules = new ArrayList<>();

        Draft(String comment, Location origin) {
            this.comment = comment;
            this.origin = origin;
        }
    }

    private final FileKind kind;
    private final String file;
    private final DatacenterFirewall context;
    private final List<Finding> findings = new ArrayList<>();
    private final Map<String, String> options = new LinkedHashMap<>();
    private final Map<String, Alias> aliases = new LinkedHashMap<>();
    private final Map<String, Draft> ipsets = new LinkedHashMap<>();
    private final Map<String, Draft> groups = new LinkedHashMap<>();
    private final List<FirewallRule> rules = new ArrayList<>();
    private Location optionsOrigin;

    /**
     * @param kind    the file kind
     * @param file    the file name used in locations
     * @param context the datacenter firewall (for host and guest files: the names rules may reference)
     */
    FwParser(FileKind kind, String file, DatacenterFirewall context) {
        this.kind = kind;
        this.file = file;
        this.context = context;
    }

    List<Finding> findings() {
        return findings;
    }

    // ------------------------------------------------------------------ results

    DatacenterFirewall datacenter() {
        DatacenterOptions.Builder o = DatacenterOptions.builder();
        Map<String, String> other = new LinkedHashMap<>(options);
        String enable = other.remove("enable");
        // enable > 1 is a time stamp: enabled for 60 s from then (pve-firewall parse_clusterfw_option);
        // any time stamp written in a file is long past, so it counts as disabled.
        o.enable("1".equals(enable));
        policy(other.remove("policy_in")).ifPresent(o::policyIn);
        policy(other.remove("policy_out")).ifPresent(o::policyOut);
        policy(other.remove("policy_forward")).ifPresent(o::policyForward);
        DatacenterFirewall.Builder b = DatacenterFirewall.builder().options(o.other(other).build()).rules(rules)
                .origin(origin());
        aliases.values().forEach(b::alias);
        ipsets().forEach(b::ipset);
        groups.forEach((name, g) -> b.group(new SecurityGroup(name, g.rules, g.comment, Optional.of(g.origin))));
        return b.build();
    }

    HostFirewall host(String localNetwork) {
        Map<String, String> other = new LinkedHashMap<>(options);
        HostOptions o = HostOptions.builder()
                .enable(!"0".equals(other.remove("enable")))
                .smurfFilter(!"0".equals(other.remove("nosmurfs")))
                .tcpflags("1".equals(other.remove("tcpflags")))
                .ndp(!"0".equals(other.remove("ndp")))
                .nftables("1".equals(other.remove("nftables")))
                .nfConntrackAllowInvalid("1".equals(other.remove("nf_conntrack_allow_invalid")))
                .other(new java.util.LinkedHashMap<>(other)).build();
        return HostFirewall.builder().options(o).rules(rules).localNetwork(localNetwork).origin(origin()).build();
    }

    GuestFirewall.Builder guest(GuestKind guestKind, int vmid) {
        Map<String, String> other = new LinkedHashMap<>(options);
        GuestOptions.Builder o = GuestOptions.builder()
                .enable("1".equals(other.remove("enable")))
                .ipfilter("1".equals(other.remove("ipfilter")))
                .macfilter(!"0".equals(other.remove("macfilter")))
                .dhcp(!"0".equals(other.remove("dhcp")))
                .ndp(!"0".equals(other.remove("ndp")))
                .radv("1".equals(other.remove("radv")));
        policy(other.remove("policy_in")).ifPresent(o::policyIn);
        policy(other.remove("policy_out")).ifPresent(o::policyOut);
        GuestFirewall.Builder b = GuestFirewall.builder(guestKind, vmid).options(o.other(new java.util.LinkedHashMap<>(other)).build())
                .rules(rules).origin(origin());
        aliases.values().forEach(b::alias);
        ipsets().forEach(b::ipset);
        return b;
    }

    private List<IpSet> ipsets() {
        List<IpSet> out = new ArrayList<>();
        ipsets.forEach((name, s) -> out.add(new IpSet(name, s.entries, true, s.comment, Optional.of(s.origin))));
        return out;
    }

    private Location origin() {
        return optionsOrigin != null ? optionsOrigin : Location.ofFile(file);
    }

    private static Optional<Action> policy(String value) {
        return value == null ? Optional.empty() : Optional.of(Action.valueOf(value));
    }

    // ------------------------------------------------------------------ reading

    /** The sections of the file. */
    private enum Section { OPTIONS, ALIASES, RULES, GROUP, IPSET }

    void parse(String text) {
        String[] lines = text.split("\n", -1);
        Section section = null;
        String current = null;
        for (int i = 0; i < lines.length; i++) {
            int lineNo = i + 1;
            String raw = lines[i];
            if (i == 0 && raw.startsWith("\uFEFF")) {
                raw = raw.substring(1);
            }
            if (raw.endsWith("\r")) {
                raw = raw.substring(0, raw.length() - 1);
            }
            int start = 0;
            while (start < raw.length() && (raw.charAt(start) == ' ' || raw.charAt(start) == '\t')) {
                start++;
            }
            int end = raw.length();
            while (end > start && (raw.charAt(end - 1) == ' ' || raw.charAt(end - 1) == '\t')) {
                end--;
            }
            String line = raw.substring(start, end);
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Location at = Location.ofLine(file, lineNo, start + 1);
            Matcher m;
            if (OPTIONS_HEADER.matcher(line).matches()) {
                section = Section.OPTIONS;
                if (optionsOrigin == null) {
                    optionsOrigin = at;
                }
                continue;
            }
            if (kind.definesNames() && ALIASES_HEADER.matcher(line).matches()) {
                section = Section.ALIASES;
                continue;
            }
            if (kind == FileKind.CLUSTER && (m = GROUP_HEADER.matcher(line)).matches()) {
                current = named(m, 18, "security group", groups, at, line);
                section = current == null ? null : Section.GROUP;
                continue;
            }
            if (RULES_HEADER.matcher(line).matches()) {
                section = Section.RULES;
                continue;
            }
            if (kind.definesNames() && (m = IPSET_HEADER.matcher(line)).matches()) {
                current = named(m, 64, "ipset", ipsets, at, line);
                section = current == null ? null : Section.IPSET;
                continue;
            }
            if (section == null) {
                syntax(at, "skip line - no section (or a section this file kind cannot have)", line);
                continue;
            }
            switch (section) {
                case OPTIONS -> option(line, at);
                case ALIASES -> alias(line, at);
                case RULES -> rule(line, at, kind.ruleEnv()).ifPresent(rules::add);
                case GROUP -> rule(line, at, "group").ifPresent(groups.get(current).rules::add);
                default -> entry(line, at, ipsets.get(current), current);
            }
        }
    }

    /** A {@code [group name]} or {@code [ipset name]} header: the lower-cased name, or null when refused. */
    private String named(Matcher m, int maxLength, String what, Map<String, Draft> drafts, Location at, String line) {
        String name = m.group(1).toLowerCase(Locale.ROOT);
        String error = name.length() > maxLength ? what + " name too long"
                : !name.matches(NAME) ? "invalid " + what + " name '" + name + "'" : null;
        if (error != null) {
            syntax(at, error + "; the lines up to the next section header are skipped", line);
            return null;
        }
        if (drafts.containsKey(name)) {
            syntax(at, what + " " + name + " is defined again; pve-firewall keeps only this definition", line);
        }
        drafts.put(name, new Draft(m.group(2) == null ? "" : m.group(2), at));
        return name;
    }

    private void syntax(Location at, String message, String line) {
        findings.add(Finding.builder(SYNTAX, Severity.WARNING)
                .title("pve-firewall cannot read line " + at.line() + " of " + file)
                .message(message + ". pve-firewall skips this line and reads the rest of the file.")
                .subject(file).evidence(line).location(at)
                .remediation("Fix or remove the line (see the Proxmox VE Admin Guide, \"Firewall\").").build());
    }

    private void option(String line, Location at) {
        Pattern[] table = switch (kind) {
            case CLUSTER -> CLUSTER_OPTIONS;
            case HOST -> HOST_OPTIONS;
            default -> GUEST_OPTIONS;
        };
        for (Pattern p : table) {
            Matcher m = p.matcher(line);
            if (m.matches()) {
                String key = m.group(1).toLowerCase(Locale.ROOT);
                String value = m.group(2);
                if (key.startsWith("policy_")) {
                    value = value.toUpperCase(Locale.ROOT);
                } else if (key.contains("log_level") || key.equals("nf_conntrack_helpers")) {
                    value = value.toLowerCase(Locale.ROOT);
                } else if (value.chars().allMatch(Character::isDigit) && !key.equals("ips_queues")) {
                    value = String.valueOf(Long.parseLong(value.length() > 18 ? value.substring(0, 18) : value));
                }
                options.put(key, value);
                return;
            }
        }
        syntax(at, "can't parse option '" + line + "' for a " + kind.ruleEnv() + " firewall file", line);
    }

    private void alias(String line, Location at) {
        String comment = "";
        Matcher c = Pattern.compile("\\s*#\\s*(.*?)\\s*$").matcher(line);
        if (c.find()) {
            comment = c.group(1);
            line = line.substring(0, c.start());
        }
        Matcher m = ALIAS_LINE.matcher(line);
        if (!m.matches()) {
            syntax(at, "an alias line is 'name address' (one space between them)", line);
            return;
        }
        Optional<String> cidr = ipOrCidr(m.group(2));
        Optional<IpRange> range = cidr.flatMap(IpRange::tryParse);
        if (range.isEmpty()) {
            syntax(at, "alias " + m.group(1) + ": value '" + m.group(2)
                    + "' does not look like a valid IP address or CIDR network", line);
            return;
        }
        String name = m.group(1).toLowerCase(Locale.ROOT);
        if (aliases.containsKey(name)) {
            syntax(at, "alias " + name + " is defined again; pve-firewall keeps only this definition", line);
        }
        aliases.put(name, new Alias(name, cidr.get(), comment, range, Optional.of(at), List.of()));
    }

    /** pve-firewall's {@code parse_ip_or_cidr}: the text with {@code /32} or {@code /128} removed. */
    static Optional<String> ipOrCidr(String s) {
        if (IPV4.matcher(s).matches()) {
            return Optional.of(s.endsWith("/32") ? s.substring(0, s.length() - 3) : s);
        }
        if (IPV6.matcher(s).matches() && IpRange.tryParse(s).isPresent()) {
            return Optional.of(s.endsWith("/128") ? s.substring(0, s.length() - 4) : s);
        }
        return Optional.empty();
    }

    private void entry(String line, Location at, Draft set, String setName) {
        String comment = "";
        Matcher c = COMMENT.matcher(line);
        if (c.find()) {
            comment = c.group(1);
            line = line.substring(0, c.start());
        }
        Matcher m = ENTRY.matcher(line);
        if (!m.matches()) {
            syntax(at, "an IPSet entry is one address, network or alias name, optionally preceded by '!'", line);
            return;
        }
        boolean nomatch = m.group(1) != null;
        String cidr = m.group(2);
        Optional<IpRange> range = Optional.empty();
        List<String> errors = new ArrayList<>();
        Matcher a = ALIAS_REF.matcher(cidr);
        if (a.matches()) {
            String scope = a.group(1) == null ? "" : a.group(1);
            if (resolveAlias(a.group(2).toLowerCase(Locale.ROOT), scope).isEmpty()) {
                errors.add("no such alias '" + a.group(2) + "'");
            }
        } else {
            Optional<String> parsed = ipOrCidr(cidr);
            if (parsed.isEmpty() || IpRange.tryParse(parsed.get()).isEmpty()) {
                errors.add("value does not look like a valid IP address or CIDR network");
            } else {
                cidr = parsed.get();
                range = IpRange.tryParse(cidr);
            }
        }
        if (errors.isEmpty() && set.keys.contains(cidr)) {
            errors.add("duplicate ipset entry for '" + cidr + "'");
        }
        if (cidr.matches(".*/0+")) {
            errors.clear();
            errors.add("a zero prefix is not allowed in ipset entries");
        }
        if (!errors.isEmpty()) {
            range = Optional.empty();
            findings.add(Finding.builder(ENTRY_REFUSED, Severity.WARNING)
                    .title("pve-firewall skips entry " + (nomatch ? "!" : "") + cidr + " of IPSet " + setName)
                    .message("Line " + at.line() + " of " + file + ": " + String.join("; ", errors)
                            + ". pve-firewall leaves the entry out of the set it loads into the kernel.")
                    .subject(file, "ipset " + setName).evidence(line).location(at)
                    .remediation("Fix the entry, or define the alias before the IPSet.").build());
        }
        set.entries.add(new IpSet.Entry(cidr, nomatch, comment, range, errors));
        set.keys.add(cidr);
    }

    /** pve-firewall's {@code resolve_alias} at this point of the file: the address of the alias. */
    private Optional<Alias> resolveAlias(String name, String scope) {
        Map<String, Alias> local = kind == FileKind.CLUSTER ? aliases : kind.isGuest() ? aliases : Map.of();
        Map<String, Alias> cluster = kind == FileKind.CLUSTER ? aliases : context.aliases();
        Alias e = null;
        if (!scope.equals("dc/") && kind != FileKind.CLUSTER) {
            e = local.get(name);
        }
        if (!scope.equals("guest/") && e == null) {
            e = cluster.get(name);
        }
        if (kind == FileKind.CLUSTER && e == null && !scope.equals("dc/")) {
            e = local.get(name);
        }
        return Optional.ofNullable(e);
    }

    // ------------------------------------------------------------------ rules

    /**
     * pve-firewall's {@code parse_fw_rule} + {@code verify_rule} for one line.
     *
     * @param env the rule environment: the file's, or {@code group} inside a security group
     * @return the rule (possibly with errors); empty when pve-firewall does not read it at all
     */
    Optional<FirewallRule> rule(String orig, Location at, String env) {
        String line = orig;
        String comment = "";
        Matcher c = COMMENT.matcher(line);
        if (c.find()) {
            comment = c.group(1);
            line = line.substring(0, c.start());
        }
        boolean enabled = true;
        if (line.startsWith("|")) {
            enabled = false;
            line = line.substring(1);
        }
        Matcher head = RULE_HEAD.matcher(line);
        if (!head.lookingAt()) {
            syntax(at, "unable to parse rule: " + line.trim(), orig);
            return Optional.empty();
        }
        String type = head.group(1).toLowerCase(Locale.ROOT);
        String action = head.group(2);
        String macro = "";
        if (type.equals("in") || type.equals("out") || type.equals("forward")) {
            Matcher mm = MACRO.matcher(action);
            if (mm.matches()) {
                macro = mm.group(1);
                action = mm.group(2);
            }
        }
        String rest = line.substring(head.end());
        Map<String, String> opts = new LinkedHashMap<>();
        while (!rest.isEmpty()) {
            Matcher m = OPT_IFACE.matcher(rest);
            if (m.lookingAt()) {
                opts.put("iface", m.group(1));
                rest = rest.substring(m.end());
                continue;
            }
            if (type.equals("group")) {
                break;
            }
            String key = null;
            for (Object[] o : new Object[][] {{OPT_PROTO, "proto"}, {OPT_DPORT, "dport"}, {OPT_SPORT, "sport"},
                {OPT_SOURCE, "source"}, {OPT_DEST, "dest"}, {OPT_LOG, "log"}, {OPT_ICMP, "icmp-type"}}) {
                m = ((Pattern) o[0]).matcher(rest);
                if (m.lookingAt()) {
                    key = (String) o[1];
                    break;
                }
            }
            if (key == null) {
                break;
            }
            opts.put(key, m.group(1));
            rest = rest.substring(m.end());
        }
        if (!rest.isEmpty()) {
            syntax(at, "unable to parse rule parameters: " + rest.trim(), orig);
            return Optional.empty();
        }
        List<String> errors = new ArrayList<>();
        FirewallRule.Builder b;
        switch (type) {
            case "in", "out", "forward" -> {
                if (!List.of("ACCEPT", "DROP", "REJECT").contains(action)) {
                    refusedUnmodelled(at, orig, "unknown action '" + action + "'");
                    return Optional.empty();
                }
                b = FirewallRule.builder(Direction.valueOf(type.toUpperCase(Locale.ROOT)), Action.valueOf(action))
                        .macro(macro);
            }
            case "group" -> {
                b = FirewallRule.group(action);
                if (!action.matches(NAME)) {
                    errors.add("invalid characters in security group name");
                }
            }
            default -> {
                refusedUnmodelled(at, orig, "unknown rule type '" + type + "'");
                return Optional.empty();
            }
        }
        boolean allowed = env.equals("group") ? List.of("in", "out", "forward").contains(type)
                : FileKind.valueOf(env.toUpperCase(Locale.ROOT)).allowsRuleType(type);
        if (!allowed) {
            errors.add(type.equals("group") && env.equals("group") ? "security groups not allowed"
                    : "invalid rule type '" + type + "' for rule_env '" + env + "'");
        }
        String iface = opts.getOrDefault("iface", "");
        if (!iface.isEmpty()) {
            if (env.equals("group")) {
                errors.add("parameter -i not allowed for this rule type");
            } else if (!IFACE.matcher(iface).matches()) {
                errors.add("invalid network interface name '" + iface + "'");
            } else if ((env.equals("vm") || env.equals("ct")) && !iface.matches("net\\d+")) {
                errors.add("value does not match the regex pattern 'net\\d+'");
            }
        }
        String proto = opts.getOrDefault("proto", "");
        if (!proto.equals(proto.toLowerCase(Locale.ROOT))) {
            errors.add("unknown protocol '" + proto + "'");
        }
        int version = proto.equals("icmp") ? 4 : proto.equals("icmpv6") || proto.equals("ipv6-icmp") ? 6 : 0;
        for (String key : List.of("source", "dest")) {
            String v = opts.getOrDefault(key, "");
            if (v.isEmpty()) {
                continue;
            }
            int literal = literalVersion(v);
            if (literal != 0) {
                version = version != 0 && version != literal ? -1 : literal;
            }
            version = checkReference(v, env, errors, version);
        }
        if (version == -1) {
            errors.add("detected mixed ipv4/ipv6 addresses in rule");
        }
        b.iface(iface).proto(proto).dport(opts.get("dport")).sport(opts.get("sport")).source(opts.get("source"))
                .dest(opts.get("dest")).log(opts.get("log")).icmpType(opts.get("icmp-type")).enabled(enabled)
                .comment(comment).text(orig).origin(at);
        errors.forEach(b::error);
        FirewallRule r = b.build();
        if (!r.errors().isEmpty()) {
            findings.add(Finding.builder(REFUSED, Severity.WARNING)
                    .title("pve-firewall refuses the rule on line " + at.line() + " of " + file)
                    .message(String.join("; ", r.errors()) + ". pve-firewall skips this rule when it builds the"
                            + " ruleset" + (r.enabled() ? "" : " (the rule is disabled as well)")
                            + "; the other rules still apply.")
                    .subject(file).evidence(orig).location(at)
                    .remediation("Fix the rule; names of IPSets and aliases must be defined before the rules"
                            + " that use them (pve-firewall checks them while reading the file, top to bottom).")
                    .build());
        }
        return Optional.of(r);
    }

    private void refusedUnmodelled(Location at, String orig, String error) {
        findings.add(Finding.builder(REFUSED, Severity.WARNING)
                .title("pve-firewall refuses the rule on line " + at.line() + " of " + file)
                .message(error + ". pve-firewall skips this rule when it builds the ruleset; the other rules still apply.")
                .subject(file).evidence(orig).location(at)
                .remediation("Use a rule type IN, OUT, FORWARD or GROUP and an action ACCEPT, DROP or REJECT"
                        + " (upper case), or a macro such as SSH(ACCEPT).").build());
    }

    private static int literalVersion(String v) {
        if (v.startsWith("+") || ALIAS_REF.matcher(v).matches()) {
            return 0;
        }
        String first = v.split("[,-]", 2)[0];
        return first.contains(":") ? 6 : first.contains(".") ? 4 : 0;
    }

    /**
     * pve-firewall's {@code check_ipset_or_alias_property}: does the IPSet or alias exist at this point
     * of the file (scope not considered for existence), and which IP version does the alias fix.
     *
     * @return the rule's IP version so far (-1 for a mix)
     */
    private int checkReference(String value, String env, List<String> errors, int version) {
        boolean group = env.equals("group");
        Set<String> clusterSets = kind == FileKind.CLUSTER ? ipsets.keySet() : context.ipsets().keySet();
        Set<String> localSets = group || !kind.definesNames() ? Set.of() : ipsets.keySet();
        Map<String, Alias> clusterAliases = kind == FileKind.CLUSTER ? aliases : context.aliases();
        Map<String, Alias> localAliases = group || !kind.definesNames() ? Map.of() : aliases;
        if (value.startsWith("+")) {
            Matcher m = IPSET_REF.matcher(value);
            if (m.matches() && !clusterSets.contains(m.group(2)) && !localSets.contains(m.group(2))) {
                errors.add("no such ipset '" + m.group(2) + "'");
            }
            return version;
        }
        Matcher m = ALIAS_REF.matcher(value);
        if (!m.matches()) {
            return version;
        }
        String scope = m.group(1) == null ? "" : m.group(1);
        String name = m.group(2).toLowerCase(Locale.ROOT);
        if (!clusterAliases.containsKey(name) && !localAliases.containsKey(name)) {
            errors.add("no such alias '" + value + "'");
        }
        Alias e = null;
        if (!scope.equals("dc/")) {
            e = localAliases.get(name);
        }
        if (!scope.equals("guest/") && e == null) {
            e = clusterAliases.get(name);
        }
        if (e != null && e.range().isPresent() && version != -1) {
            int v = e.range().get().version();
            return version != 0 && version != v ? -1 : v;
        }
        return version;
    }
}
