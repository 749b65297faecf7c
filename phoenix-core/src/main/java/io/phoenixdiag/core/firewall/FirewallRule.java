package io.phoenixdiag.core.firewall;

import io.phoenixdiag.core.diag.Location;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One Proxmox VE firewall rule, as written and parsed (pve-firewall {@code parse_fw_rule} and
 * {@code verify_rule}; Proxmox VE Admin Guide, "Firewall Rules").
 *
 * <p>Build with {@link #builder(Direction, Action)} or {@link #group(String)}. The builder never
 * throws for bad rule content: what pve-firewall would refuse (a port without a protocol, an unknown
 * macro or protocol, an invalid address, ICMP types on a non-ICMP protocol, mixed IPv4/IPv6, more
 * than 15 multiport entries, a macro whose fixed values conflict with the rule's...) is listed in
 * {@link #errors()}, and pve-firewall skips such a rule when it compiles the ruleset, as the evaluator
 * does. Errors that depend on the rule's context (an IPSet or alias that does not exist) are found
 * when the rule is evaluated or analysed. Immutable and thread-safe.
 *
 * @param direction     IN, OUT, FORWARD or GROUP
 * @param action        ACCEPT, DROP or REJECT; empty for a GROUP rule
 * @param securityGroup for a GROUP rule the lower-cased security group name; else {@code ""}
 * @param macro         the macro name in pve-firewall's spelling (e.g. {@code SSH}), or {@code ""};
 *                      an unknown macro keeps its text and gets an error
 * @param iface         {@code -i}: a guest NIC ({@code net0}) for guest rules, a host interface name for
 *                      host/datacenter rules; {@code ""} for any
 * @param source        {@code -source}
 * @param dest          {@code -dest}
 * @param proto         {@code -p}: a protocol name or number as written (lower-cased), or {@code ""}
 * @param dport         {@code -dport} (for ICMP protocols it holds the ICMP type, as pve-firewall stores it)
 * @param sport         {@code -sport}
 * @param icmpType      {@code -icmp-type} as written, or {@code ""}
 * @param enabled       false for a disabled rule ({@code |} prefix, {@code enable: 0})
 * @param log           the log level ({@code nolog}, {@code info}...), or {@code ""}
 * @param comment       the comment, or {@code ""}
 * @param text          the rule as written in its source (a {@code .fw} line, or a rendering of a JSON rule)
 * @param origin        where the rule was read: file and JSON pointer, or file and line
 * @param errors        why pve-firewall would refuse the rule; empty when valid
 */
public record FirewallRule(Direction direction, Optional<Action> action, String securityGroup, String macro,
                           String iface, AddressSpec source, AddressSpec dest, String proto, PortSpec dport,
                           PortSpec sport, String icmpType, boolean enabled, String log, String comment,
                           String text, Optional<Location> origin, List<String> errors) {

    /**
     * Validates and copies the components.
     *
     * @param direction the direction
     * @param action the action
     * @param securityGroup the group name
     * @param macro the macro
     * @param iface the interface
     * @param source the source
     * @param dest the destination
     * @param proto the protocol
     * @param dport the destination port
     * @param sport the source port
     * @param icmpType the ICMP type
     * @param enabled whether enabled
     * @param log the log level
     * @param comment the comment
     * @param text the text as written
     * @param origin the origin
     * @param errors the errors
     * @throws NullPointerException if a component is null
     * @throws IllegalArgumentException if a GROUP rule has an action or lacks a group name, or another rule lacks an action
     */
    public FirewallRule {
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(securityGroup, "securityGroup");
        Objects.requireNonNull(macro, "macro");
        Objects.requireNonNull(iface, "iface");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(dest, "dest");
        Objects.requireNonNull(proto, "proto");
        Objects.requireNonNull(dport, "dport");
        Objects.requireNonNull(sport, "sport");
        Objects.requireNonNull(icmpType, "icmpType");
        Objects.requireNonNull(log, "log");
        Objects.requireNonNull(comment, "comment");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(origin, "origin");
        errors = List.copyOf(errors);
        if ((direction == Direction.GROUP) != action.isEmpty()) {
            throw new IllegalArgumentException("a GROUP rule has no action; every other rule has one");
        }
        if ((direction == Direction.GROUP) == securityGroup.isEmpty()) {
            throw new IllegalArgumentException("a GROUP rule (and only a GROUP rule) names a security group");
        }
    }

    /**
     * Starts an IN, OUT or FORWARD rule.
     *
     * @param direction IN, OUT or FORWARD
     * @param action    the action
     * @return a new builder; not thread-safe
     * @throws IllegalArgumentException if {@code direction} is GROUP (use {@link #group(String)})
     */
    public static Builder builder(Direction direction, Action action) {
        if (direction == Direction.GROUP) {
            throw new IllegalArgumentException("use FirewallRule.group(name) for GROUP rules");
        }
        return new Builder(direction, Objects.requireNonNull(action, "action"), "");
    }

    /**
     * Starts a security group reference ({@code GROUP name}).
     *
     * @param name the security group name (matched case-insensitively)
     * @return a new builder; not thread-safe
     * @throws IllegalArgumentException if the name is blank
     */
    public static Builder group(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("security group name must not be blank");
        }
        return new Builder(Direction.GROUP, null, name.trim().toLowerCase(Locale.ROOT));
    }

    /**
     * A builder starting from this rule's values (the text and errors are recomputed on build).
     *
     * @return a new builder; not thread-safe
     */
    public Builder toBuilder() {
        Builder b = new Builder(direction, action.orElse(null), securityGroup);
        b.macro = macro;
        b.iface = iface;
        b.source = source.text();
        b.dest = dest.text();
        b.proto = proto;
        b.dport = dport.text();
        b.sport = sport.text();
        b.icmpType = icmpType;
        b.enabled = enabled;
        b.log = log;
        b.comment = comment;
        b.origin = origin.orElse(null);
        return b;
    }

    /**
     * Whether the rule is a security group reference.
     *
     * @return true for GROUP rules
     */
    public boolean isGroup() {
        return direction == Direction.GROUP;
    }

    /**
     * Whether pve-firewall would use the rule: enabled and without errors.
     *
     * @return true when active
     */
    public boolean isActive() {
        return enabled && errors.isEmpty();
    }

    /**
     * The IP version the rule's own literals fix ({@code icmp} -> 4, {@code icmpv6} -> 6, literal
     * addresses), as pve-firewall's {@code ipversion}; aliases and IPSets are resolved later.
     *
     * @return 4, 6, or 0 when not fixed (or conflicting, which is an error)
     */
    public int ipVersion() {
        int v = 0;
        if (proto.equals("icmp")) {
            v = 4;
        } else if (proto.equals("icmpv6") || proto.equals("ipv6-icmp")) {
            v = 6;
        }
        for (AddressSpec a : List.of(source, dest)) {
            int av = a.ipVersion();
            if (av != 0) {
                if (v != 0 && v != av) {
                    return 0;
                }
                v = av;
            }
        }
        return v;
    }

    /**
     * One match entry of a rule after macro expansion (pve-firewall {@code apply_macro}): the macro's
     * protocol and ports, where the macro leaves a value open the rule's own.
     *
     * @param proto      the protocol as written, or {@code ""}
     * @param dport      the destination ports (for ICMP protocols the ICMP type), or {@code ""}
     * @param sport      the source ports, or {@code ""}
     * @param icmpType   the rule's {@code -icmp-type}, or {@code ""}
     * @param ipVersions the IP versions the entry applies to: 4, 6, or 0 for both
     */
    public record Expanded(String proto, String dport, String sport, String icmpType, int ipVersions) {
    }

    /**
     * The match entries of this rule: itself, or its macro's entries merged with it (pve-firewall
     * {@code apply_macro}; a macro with IPv4 and IPv6 variants gives entries of each version).
     *
     * @return the entries in order; empty for a GROUP rule or an unknown macro
     */
    public List<Expanded> expand() {
        if (isGroup() || (!macro.isEmpty() && Tables.MACROS.get(macro) == null)) {
            return List.of();
        }
        return FirewallCompiler.entries(this).stream().map(e -> new Expanded(e.proto(), e.dport(), e.sport(),
                e.icmpType(), e.versions() == 1 ? 4 : e.versions() == 2 ? 6 : 0)).toList();
    }

    /**
     * The rule in {@code .fw} syntax, built from the parsed fields (pve-firewall's option order).
     *
     * @return such as {@code IN SSH(ACCEPT) -i net0 -source 10.0.0.0/24 # admins}
     */
    public String toFwLine() {
        StringBuilder sb = new StringBuilder();
        if (!enabled) {
            sb.append('|');
        }
        sb.append(direction.name()).append(' ');
        if (isGroup()) {
            sb.append(securityGroup);
        } else if (!macro.isEmpty()) {
            sb.append(macro).append('(').append(action.get()).append(')');
        } else {
            sb.append(action.get());
        }
        opt(sb, "-i", iface);
        opt(sb, "-source", source.text());
        opt(sb, "-dest", dest.text());
        opt(sb, "-p", proto);
        opt(sb, "-dport", dport.text());
        opt(sb, "-sport", sport.text());
        opt(sb, "-log", log);
        opt(sb, "-icmp-type", icmpType);
        if (!comment.isEmpty()) {
            sb.append(" # ").append(comment);
        }
        return sb.toString();
    }

    private static void opt(StringBuilder sb, String flag, String value) {
        if (!value.isEmpty()) {
            sb.append(' ').append(flag).append(' ').append(value);
        }
    }

    /**
     * A short human description of what the rule matches, for verdicts and findings.
     *
     * @return such as {@code ACCEPT tcp/9000 from 10.0.0.12} or {@code GROUP webserver on net0}
     */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        if (isGroup()) {
            sb.append("GROUP ").append(securityGroup);
        } else {
            sb.append(action.get());
            if (!macro.isEmpty()) {
                sb.append(' ').append(macro);
            }
            if (!proto.isEmpty()) {
                sb.append(' ').append(proto);
                if (!dport.isAny()) {
                    sb.append('/').append(dport.text());
                }
            } else if (macro.isEmpty()) {
                sb.append(" all");
            }
            if (!sport.isAny()) {
                sb.append(" sport ").append(sport.text());
            }
            if (!icmpType.isEmpty()) {
                sb.append(" type ").append(icmpType);
            }
            if (!source.isAny()) {
                sb.append(" from ").append(source.text());
            }
            if (!dest.isAny()) {
                sb.append(" to ").append(dest.text());
            }
        }
        if (!iface.isEmpty()) {
            sb.append(" on ").append(iface);
        }
        return sb.toString();
    }

    /**
     * The text as written.
     *
     * @return {@link #text()}
     */
    @Override
    public String toString() {
        return text;
    }

    /** Builder for {@link FirewallRule}. Not thread-safe; {@link #build()} may be called more than once. */
    public static final class Builder {
        private final Direction direction;
        private final Action action;
        private final String securityGroup;
        private String macro = "";
        private String iface = "";
        private String source = "";
        private String dest = "";
        private String proto = "";
        private String dport = "";
        private String sport = "";
        private String icmpType = "";
        private boolean enabled = true;
        private String log = "";
        private String comment = "";
        private String text = "";
        private Location origin;
        private final List<String> contextErrors = new ArrayList<>();

        private Builder(Direction direction, Action action, String securityGroup) {
            this.direction = direction;
            this.action = action;
            this.securityGroup = securityGroup;
        }

        private static String clean(String s) {
            return s == null ? "" : s.trim();
        }

        /**
         * Sets the macro ({@code SSH}, {@code HTTP}, {@code DNS}, {@code Ping}...; any case).
         *
         * @param macro the macro name, or null/blank for none
         * @return this builder
         */
        public Builder macro(String macro) {
            this.macro = clean(macro);
            return this;
        }

        /**
         * Sets {@code -i}.
         *
         * @param iface {@code net0} for guest rules, a host interface for host rules; null/blank for any
         * @return this builder
         */
        public Builder iface(String iface) {
            this.iface = clean(iface);
            return this;
        }

        /**
         * Sets {@code -source} (see {@link AddressSpec}).
         *
         * @param source the address text, or null/blank for any
         * @return this builder
         */
        public Builder source(String source) {
            this.source = clean(source);
            return this;
        }

        /**
         * Sets {@code -dest} (see {@link AddressSpec}).
         *
         * @param dest the address text, or null/blank for any
         * @return this builder
         */
        public Builder dest(String dest) {
            this.dest = clean(dest);
            return this;
        }

        /**
         * Sets {@code -p}.
         *
         * @param proto a name ({@code tcp}, {@code udp}, {@code icmp}, {@code icmpv6}...) or a number; null/blank for any
         * @return this builder
         */
        public Builder proto(String proto) {
            this.proto = clean(proto).toLowerCase(Locale.ROOT);
            return this;
        }

        /**
         * Sets {@code -dport} (see {@link PortSpec}; for ICMP protocols an ICMP type).
         *
         * @param dport the port text, or null/blank for any
         * @return this builder
         */
        public Builder dport(String dport) {
            this.dport = clean(dport);
            return this;
        }

        /**
         * Sets {@code -sport} (see {@link PortSpec}).
         *
         * @param sport the port text, or null/blank for any
         * @return this builder
         */
        public Builder sport(String sport) {
            this.sport = clean(sport);
            return this;
        }

        /**
         * Sets {@code -icmp-type}.
         *
         * @param icmpType an iptables ICMP/ICMPv6 type name, or null/blank for none
         * @return this builder
         */
        public Builder icmpType(String icmpType) {
            this.icmpType = clean(icmpType);
            return this;
        }

        /**
         * Enables or disables the rule (default enabled).
         *
         * @param enabled false for a disabled rule
         * @return this builder
         */
        public Builder enabled(boolean enabled) {
            this.enabled = enabled;
            return this;
        }

        /**
         * Sets the log level.
         *
         * @param log {@code emerg}..{@code debug} or {@code nolog}; null/blank for none
         * @return this builder
         */
        public Builder log(String log) {
            this.log = clean(log).toLowerCase(Locale.ROOT);
            return this;
        }

        /**
         * Sets the comment.
         *
         * @param comment the comment; null for none
         * @return this builder
         */
        public Builder comment(String comment) {
            this.comment = clean(comment);
            return this;
        }

        /**
         * Sets the text as written in the source; when not set, {@link FirewallRule#toFwLine()} is used.
         *
         * @param text the original text
         * @return this builder
         */
        public Builder text(String text) {
            this.text = text == null ? "" : text;
            return this;
        }

        /**
         * Sets where the rule was read.
         *
         * @param origin file + JSON pointer or file + line; null for unknown
         * @return this builder
         */
        public Builder origin(Location origin) {
            this.origin = origin;
            return this;
        }

        /**
         * Adds an error that depends on the rule's context rather than its own fields, found by a parser:
         * pve-firewall's {@code verify_rule} refuses a rule type or {@code -i} the file does not allow, and
         * an IPSet or alias that does not exist at that point of the file (it checks references while
         * reading the file, in file order). Such errors are kept after the rule's own errors; they are
         * not carried over by {@link FirewallRule#toBuilder()}.
         *
         * @param error the reason, in pve-firewall's words where it has them
         * @return this builder
         * @throws NullPointerException if {@code error} is null
         */
        public Builder error(String error) {
            this.contextErrors.add(Objects.requireNonNull(error, "error"));
            return this;
        }

        /**
         * Builds the rule, parsing its fields and collecting what pve-firewall would refuse.
         *
         * @return the immutable rule
         */
        public FirewallRule build() {
            AddressSpec src = AddressSpec.parse(source);
            AddressSpec dst = AddressSpec.parse(dest);
            PortSpec dp = PortSpec.parse(dport);
            PortSpec sp = PortSpec.parse(sport);
            String macroName = macro;
            List<String> errors = new ArrayList<>();
            if (direction == Direction.GROUP) {
                if (!AddressSpec.isName(securityGroup) || securityGroup.length() > 18) {
                    errors.add("invalid security group name '" + securityGroup + "'");
                }
                if (!macro.isEmpty() || !source.isEmpty() || !dest.isEmpty() || !proto.isEmpty()
                        || !dport.isEmpty() || !sport.isEmpty() || !icmpType.isEmpty() || !log.isEmpty()) {
                    errors.add("a GROUP rule takes no options besides -i");
                }
            } else {
                validate(src, dst, dp, sp, errors);
                if (!macro.isEmpty()) {
                    String preferred = Tables.macroName(macro);
                    if (preferred == null) {
                        errors.add("unknown macro '" + macro + "'");
                    } else {
                        macroName = preferred;
                        if (errors.isEmpty()) {
                            checkMacro(preferred, errors);
                        }
                    }
                }
            }
            if (!log.isEmpty() && !List.of("emerg", "alert", "crit", "err", "warning", "notice", "info", "debug",
                    "nolog").contains(log)) {
                errors.add("invalid log level '" + log + "'");
            }
            for (String e : contextErrors) {
                if (!errors.contains(e)) {
                    errors.add(e);
                }
            }
            FirewallRule draft = new FirewallRule(direction, Optional.ofNullable(action), securityGroup, macroName,
                    iface, src, dst, proto, dp, sp, icmpType, enabled, log, comment, text,
                    Optional.ofNullable(origin), errors);
            if (text.isEmpty()) {
                return new FirewallRule(direction, Optional.ofNullable(action), securityGroup, macroName, iface,
                        src, dst, proto, dp, sp, icmpType, enabled, log, comment, draft.toFwLine(),
                        Optional.ofNullable(origin), errors);
            }
            return draft;
        }

        private void validate(AddressSpec src, AddressSpec dst, PortSpec dp, PortSpec sp, List<String> errors) {
            if (direction == Direction.FORWARD && action == Action.REJECT) {
                errors.add("cannot define REJECT rules on forward chain");
            }
            boolean icmp = Tables.isIcmp(proto);
            if (!proto.isEmpty() && Tables.protocolNumber(proto) < 0) {
                errors.add("unknown protocol '" + proto + "'");
            }
            if (!dport.isEmpty()) {
                if (proto.isEmpty()) {
                    errors.add("missing property - 'dport' requires this property ('-p')");
                } else if (proto.equals("ipv6-icmp")) {
                    errors.add("protocol ipv6-icmp does not have ports (use -icmp-type or -p icmpv6)");
                } else if (icmp) {
                    if (icmpTypeOf(proto, dport) == null) {
                        errors.add("invalid icmp-type '" + dport + "' for proto '" + proto + "'");
                    }
                } else if (!Tables.PORT_PROTOCOLS.contains(proto)) {
                    errors.add("protocol '" + proto + "' does not support ports");
                } else {
                    errors.addAll(dp.errors());
                }
            }
            if (!icmpType.isEmpty()) {
                if (!icmp) {
                    errors.add("missing property - 'icmp-type' requires proto icmp, icmpv6 or ipv6-icmp");
                } else if (!dport.isEmpty()) {
                    errors.add("'icmp-type' cannot be specified together with 'dport'");
                } else if (icmpTypeOf(proto, icmpType) == null || icmpType.chars().allMatch(Character::isDigit)) {
                    errors.add("invalid icmp-type '" + icmpType + "' for proto '" + proto + "'");
                }
            }
            if (!sport.isEmpty()) {
                if (proto.isEmpty()) {
                    errors.add("missing property - 'sport' requires this property ('-p')");
                } else if (!Tables.PORT_PROTOCOLS.contains(proto)) {
                    errors.add("protocol '" + proto + "' does not support ports");
                } else {
                    errors.addAll(sp.errors());
                }
            }
            errors.addAll(src.errors());
            errors.addAll(dst.errors());
            int v = proto.equals("icmp") ? 4 : (icmp ? 6 : 0);
            for (AddressSpec a : List.of(src, dst)) {
                if (a.ipVersion() != 0) {
                    if (v != 0 && v != a.ipVersion()) {
                        errors.add("detected mixed ipv4/ipv6 addresses in rule");
                        break;
                    }
                    v = a.ipVersion();
                }
            }
        }

        private void checkMacro(String name, List<String> errors) {
            List<List<Tables.MacroEntry>> variants = new ArrayList<>();
            variants.add(Tables.MACROS.get(name));
            if (Tables.MACROS_V6.containsKey(name)) {
                variants.add(Tables.MACROS_V6.get(name));
            }
            for (List<Tables.MacroEntry> entries : variants) {
                for (Tables.MacroEntry e : entries) {
                    conflict("proto", e.proto(), proto, errors);
                    conflict("dport", e.dport(), dport, errors);
                    conflict("sport", e.sport(), sport, errors);
                    String p = e.proto();
                    if (!dport.isEmpty() && e.dport().isEmpty() && !Tables.PORT_PROTOCOLS.contains(p)) {
                        errors.add("protocol " + p + " does not have ports (macro " + name + ")");
                    }
                    if (!sport.isEmpty() && e.sport().isEmpty() && !Tables.PORT_PROTOCOLS.contains(p)) {
                        errors.add("protocol " + p + " does not have ports (macro " + name + ")");
                    }
                }
            }
            List<String> unique = errors.stream().distinct().toList();
            errors.clear();
            errors.addAll(unique);
        }

        private static void conflict(String key, String macroValue, String ruleValue, List<String> errors) {
            if (!macroValue.isEmpty() && !ruleValue.isEmpty() && !macroValue.equals(ruleValue)) {
                errors.add("parameter '" + key + "' already defined in macro (value = '" + macroValue + "')");
            }
        }
    }

    /**
     * Resolves an ICMP type text for a protocol: an iptables name of that family or a number 0..255.
     *
     * @return {type, code} with code -1 for any code and type -1 for {@code any}; null when invalid
     */
    static int[] icmpTypeOf(String proto, String text) {
        if (!text.isEmpty() && text.length() <= 3 && text.chars().allMatch(Character::isDigit)) {
            int t = Integer.parseInt(text);
            return t <= 255 ? new int[] {t, -1} : null;
        }
        return proto.equals("icmp") ? Tables.ICMP4.get(text) : Tables.ICMP6.get(text);
    }
}
