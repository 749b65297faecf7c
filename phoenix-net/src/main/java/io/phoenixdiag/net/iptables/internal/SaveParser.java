package io.phoenixdiag.net.iptables.internal;

import io.phoenixdiag.core.diag.Finding;
import io.phoenixdiag.core.diag.Location;
import io.phoenixdiag.core.diag.Severity;
import io.phoenixdiag.net.iptables.Backend;
import io.phoenixdiag.net.iptables.Chain;
import io.phoenixdiag.net.iptables.Counters;
import io.phoenixdiag.net.iptables.Family;
import io.phoenixdiag.net.iptables.IptablesSave;
import io.phoenixdiag.net.iptables.Match;
import io.phoenixdiag.net.iptables.Option;
import io.phoenixdiag.net.iptables.Rule;
import io.phoenixdiag.net.iptables.Ruleset;
import io.phoenixdiag.net.iptables.Table;
import io.phoenixdiag.net.iptables.Target;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads iptables-save text into the syntax-faithful model (the format iptables-restore(8) reads).
 * Not thread-safe per instance; {@link #parse} makes a fresh one.
 */
public final class SaveParser {
    static final String LEGACY_WARNING = "# Warning: iptables-legacy tables present, use iptables-legacy-save to see them";
    private static final Map<String, List<String>> BUILTIN_CHAINS = Map.of(
            "raw", List.of("PREROUTING", "OUTPUT"),
            "mangle", List.of("PREROUTING", "INPUT", "FORWARD", "OUTPUT", "POSTROUTING"),
            "nat", List.of("PREROUTING", "INPUT", "OUTPUT", "POSTROUTING"),
            "filter", List.of("INPUT", "FORWARD", "OUTPUT"),
            "security", List.of("INPUT", "FORWARD", "OUTPUT"));
    private static final Set<String> BUILTIN_OPTS = Set.of("-s", "-d", "-p", "-i", "-o", "-f");
    private static final Map<String, String> BUILTIN_ALIASES = Map.ofEntries(
            Map.entry("--source", "-s"), Map.entry("--src", "-s"), Map.entry("--destination", "-d"),
            Map.entry("--dst", "-d"), Map.entry("--protocol", "-p"), Map.entry("--in-interface", "-i"),
            Map.entry("--out-interface", "-o"), Map.entry("--fragment", "-f"));

    private final String source;
    private final List<Finding> diagnostics = new ArrayList<>();
    private final List<Ruleset> rulesets = new ArrayList<>();
    private final List<TableBuilder> current = new ArrayList<>();
    private String generator = "";
    private String pendingGenerator = "";
    private int rulesetLine = 1;
    private TableBuilder open;
    private boolean legacyHidden;

    private SaveParser(String source) {
        this.source = source;
    }

    /**
     * Parses a whole dump.
     *
     * @param source the file name or label
     * @param text   the dump
     * @return the model with its diagnostics
     */
    public static IptablesSave parse(String source, String text) {
        SaveParser p = new SaveParser(source);
        p.run(text);
        List<Finding> all = new ArrayList<>(p.diagnostics);
        IptablesSave syntax = new IptablesSave(source, p.rulesets, all, p.legacyHidden);
        all.addAll(Compiler.validate(syntax));
        all.sort((a, b) -> Integer.compare(line(a), line(b)));
        return new IptablesSave(source, p.rulesets, all, p.legacyHidden);
    }

    private static int line(Finding f) {
        return f.locations().isEmpty() ? 0 : f.locations().get(0).line();
    }

    private void run(String text) {
        String[] lines = text.split("\n", -1);
        int lineNo = 0;
        for (String raw : lines) {
            lineNo++;
            String line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
            String t = line.strip();
            if (t.isEmpty()) {
                continue;
            }
            if (t.startsWith("#")) {
                comment(t, lineNo);
            } else if (t.startsWith("*")) {
                tableHeader(t.substring(1).strip(), lineNo);
            } else if (t.startsWith(":")) {
                chainLine(line, lineNo);
            } else if (t.equals("COMMIT")) {
                if (open == null) {
                    diag(Severity.ERROR, "commit-outside-table", "COMMIT outside a table",
                            "COMMIT without a preceding *table line; iptables-restore refuses this.", lineNo, 1);
                }
                open = null;
            } else if (t.startsWith("-") || t.startsWith("[")) {
                ruleLine(line, lineNo);
            } else {
                diag(Severity.ERROR, "bad-line", "Unrecognised line",
                        "Expected a comment, *table, :chain, a rule or COMMIT; found `" + abbreviate(t) + "`.", lineNo, 1);
            }
        }
        if (open != null) {
            diag(Severity.ERROR, "missing-commit", "Table " + open.name + " is not committed",
                    "The dump ends before COMMIT of table " + open.name + " (opened at line " + open.line
                            + "); iptables-restore would not apply it.", open.line, 1);
        }
        finishRuleset();
    }

    private static String abbreviate(String s) {
        return s.length() > 80 ? s.substring(0, 77) + "..." : s;
    }

    private void comment(String t, int lineNo) {
        if (t.startsWith("# Generated by ")) {
            pendingGenerator = t.substring("# Generated by ".length()).strip();
            Backend b = backendOf(pendingGenerator);
            if (!current.isEmpty() && b != backendOf(generator)) {
                finishRuleset();
            }
        } else if (t.equals(LEGACY_WARNING) || t.startsWith("# Warning: iptables-legacy tables present")) {
            legacyHidden = true;
            diagnostics.add(Finding.builder("iptables.legacy-tables-hidden", Severity.WARNING)
                    .title("iptables-legacy tables are active but not in this dump")
                    .message("iptables-nft-save reports that iptables-legacy tables are also loaded; the kernel applies "
                            + "both, so a packet must pass the legacy rules too.")
                    .remediation("Also run iptables-legacy-save (ip6tables-legacy-save) and give both dumps.")
                    .location(Location.ofLine(source, lineNo, 1)).build());
        }
    }

    private static Backend backendOf(String gen) {
        if (gen.contains("(nf_tables)")) {
            return Backend.NFT;
        }
        if (gen.contains("(legacy)")) {
            return Backend.LEGACY;
        }
        return Backend.UNSPECIFIED;
    }

    private void tableHeader(String name, int lineNo) {
        if (open != null) {
            diag(Severity.ERROR, "missing-commit", "Table " + open.name + " is not committed",
                    "A new table starts at line " + lineNo + " before COMMIT of table " + open.name
                            + "; iptables-restore refuses this.", open.line, 1);
        }
        for (TableBuilder tb : current) {
            if (tb.name.equals(name)) {
                finishRuleset();
                break;
            }
        }
        if (current.isEmpty()) {
            rulesetLine = lineNo;
            generator = pendingGenerator;
        }
        if (!BUILTIN_CHAINS.containsKey(name)) {
            diag(Severity.WARNING, "unknown-table", "Unknown table " + name,
                    "Table `" + name + "` is none of raw, mangle, nat, filter, security; its rules are kept but never "
                            + "evaluated.", lineNo, 1);
        }
        open = new TableBuilder(name, lineNo);
        current.add(open);
    }

    private void finishRuleset() {
        if (current.isEmpty()) {
            return;
        }
        List<Table> tables = new ArrayList<>();
        boolean v6 = generator.startsWith("ip6tables");
        for (TableBuilder tb : current) {
            Table t = tb.build();
            tables.add(t);
            v6 |= looksV6(t);
        }
        rulesets.add(new io.phoenixdiag.net.iptables.Ruleset(backendOf(generator), v6 ? Family.IPV6 : Family.IPV4,
                generator, rulesetLine, tables));
        current.clear();
        open = null;
    }

    private static boolean looksV6(Table t) {
        for (Chain c : t.chains()) {
            for (Rule r : c.rules()) {
                for (Match m : r.matches()) {
                    if (m.module().isEmpty()) {
                        for (Option o : m.options()) {
                            if ((o.name().equals("-s") || o.name().equals("-d")) && o.value().contains(":")) {
                                return true;
                            }
                        }
                    }
                }
            }
        }
        return false;
    }

    private TableBuilder requireTable(String what, int lineNo) {
        if (open == null) {
            diag(Severity.ERROR, "outside-table", what + " outside a table",
                    what + " before any *table line (or after COMMIT); iptables-restore refuses this. It is ignored.",
                    lineNo, 1);
        }
        return open;
    }

    private void chainLine(String line, int lineNo) {
        TableBuilder tb = requireTable("Chain declaration", lineNo);
        if (tb == null) {
            return;
        }
        List<Token> toks = Token.split(line.substring(line.indexOf(':') + 1), line.indexOf(':') + 2);
        if (toks.isEmpty()) {
            diag(Severity.ERROR, "bad-chain", "Chain declaration without a name", "Expected `:NAME POLICY [p:b]`.",
                    lineNo, 1);
            return;
        }
        String name = toks.get(0).text;
        String policy = toks.size() > 1 ? toks.get(1).text : "-";
        Optional<Counters> counters = Optional.empty();
        if (toks.size() > 2) {
            counters = bracketCounters(toks.get(2).text);
            if (counters.isEmpty()) {
                diag(Severity.WARNING, "bad-counters", "Unreadable chain counters",
                        "Expected [packets:bytes], found `" + toks.get(2).text + "`.", lineNo, toks.get(2).column);
            }
        }
        boolean builtin = BUILTIN_CHAINS.getOrDefault(tb.name, List.of()).contains(name);
        Optional<String> pol = Optional.empty();
        if (builtin) {
            if (!policy.equals("ACCEPT") && !policy.equals("DROP")) {
                diag(Severity.WARNING, "bad-policy", "Unusual policy " + policy + " on " + name,
                        "A built-in chain's policy is ACCEPT or DROP; `" + policy + "` is treated as ACCEPT.", lineNo,
                        toks.size() > 1 ? toks.get(1).column : 1);
                policy = "ACCEPT";
            }
            pol = Optional.of(policy);
        } else if (!policy.equals("-")) {
            diag(Severity.WARNING, "policy-on-user-chain", "Policy on user chain " + name,
                    "Only built-in chains have a policy; `" + policy + "` is ignored.", lineNo, toks.get(1).column);
        }
        if (tb.chains.containsKey(name)) {
            diag(Severity.ERROR, "duplicate-chain", "Chain " + name + " declared twice",
                    "Chain " + name + " of table " + tb.name + " was already declared at line " + tb.chains.get(name).line
                            + "; iptables-restore refuses this.", lineNo, 1);
            return;
        }
        tb.chains.put(name, new ChainBuilder(name, lineNo, pol, counters));
    }

    static Optional<Counters> bracketCounters(String s) {
        if (s.length() < 5 || s.charAt(0) != '[' || s.charAt(s.length() - 1) != ']') {
            return Optional.empty();
        }
        int colon = s.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Counters(Long.parseLong(s.substring(1, colon)),
                    Long.parseLong(s.substring(colon + 1, s.length() - 1))));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private void ruleLine(String line, int lineNo) {
        TableBuilder tb = requireTable("Rule", lineNo);
        if (tb == null) {
            return;
        }
        List<Token> toks = Token.split(line, 1);
        int i = 0;
        Optional<Counters> counters = Optional.empty();
        String text = line.strip();
        if (toks.get(0).text.startsWith("[")) {
            counters = bracketCounters(toks.get(0).text);
            if (counters.isEmpty()) {
                diag(Severity.WARNING, "bad-counters", "Unreadable rule counters",
                        "Expected [packets:bytes], found `" + toks.get(0).text + "`.", lineNo, toks.get(0).column);
            }
            i = 1;
            text = line.substring(toks.size() > 1 ? toks.get(1).column - 1 : line.length()).strip();
        }
        if (i >= toks.size()) {
            diag(Severity.ERROR, "bad-line", "Counters without a rule", "Expected `-A CHAIN ...` after the counters.",
                    lineNo, 1);
            return;
        }
        String cmd = toks.get(i).text;
        if (cmd.equals("-N") || cmd.equals("--new-chain")) {
            if (i + 1 < toks.size() && !tb.chains.containsKey(toks.get(i + 1).text)) {
                tb.chains.put(toks.get(i + 1).text, new ChainBuilder(toks.get(i + 1).text, lineNo, Optional.empty(),
                        Optional.empty()));
            }
            return;
        }
        if (!cmd.equals("-A") && !cmd.equals("--append")) {
            diag(Severity.WARNING, "unsupported-command", "Unsupported command " + cmd,
                    "iptables-save writes only -A rules; `" + cmd + "` is not modelled and the line is ignored.", lineNo,
                    toks.get(i).column);
            return;
        }
        if (i + 1 >= toks.size()) {
            diag(Severity.ERROR, "bad-line", "-A without a chain", "Expected `-A CHAIN ...`.", lineNo, toks.get(i).column);
            return;
        }
        String chainName = toks.get(i + 1).text;
        ChainBuilder cb = tb.chains.get(chainName);
        if (cb == null) {
            boolean builtin = BUILTIN_CHAINS.getOrDefault(tb.name, List.of()).contains(chainName);
            if (builtin) {
                diag(Severity.WARNING, "undeclared-builtin-chain", "Built-in chain " + chainName + " not declared",
                        "No `:" + chainName + " POLICY` line in table " + tb.name + "; the policy is taken as ACCEPT.",
                        lineNo, toks.get(i + 1).column);
            } else {
                diag(Severity.ERROR, "undeclared-chain", "Chain " + chainName + " not declared",
                        "Rule appended to chain " + chainName + " which table " + tb.name
                                + " does not declare; iptables-restore refuses this. The chain is created.",
                        lineNo, toks.get(i + 1).column);
            }
            cb = new ChainBuilder(chainName, 0, builtin ? Optional.of("ACCEPT") : Optional.empty(), Optional.empty());
            tb.chains.put(chainName, cb);
        }
        RuleReader rr = new RuleReader(toks, i + 2, lineNo);
        rr.read();
        if (rr.counters.isPresent()) {
            counters = rr.counters;
        }
        cb.rules.add(new Rule(tb.name, chainName, cb.rules.size() + 1, lineNo, text, counters, rr.matches(),
                Optional.ofNullable(rr.target)));
    }

    private void diag(Severity sev, String id, String title, String message, int line, int column) {
        diagnostics.add(Finding.builder("iptables.parse." + id, sev).title(title).message(message)
                .location(Location.ofLine(source, line, column)).build());
    }

    /** Reads the options of one rule. */
    private final class RuleReader {
        private final List<Token> toks;
        private final int lineNo;
        private int pos;
        private final List<Option> builtin = new ArrayList<>();
        private int builtinColumn;
        private final List<MatchBuilder> modules = new ArrayList<>();
        private MatchBuilder module;
        private Target target;
        private String targetName;
        private boolean targetGoto;
        private int targetColumn;
        private List<Option> targetOptions;
        private String protocol = "";
        private Optional<Counters> counters = Optional.empty();

        RuleReader(List<Token> toks, int start, int lineNo) {
            this.toks = toks;
            this.pos = start;
            this.lineNo = lineNo;
        }

        List<Match> matches() {
            List<Match> out = new ArrayList<>();
            if (!builtin.isEmpty()) {
                out.add(new Match(Match.BUILTIN, false, builtin, builtinColumn));
            }
            for (MatchBuilder mb : modules) {
                out.add(new Match(mb.name, mb.implicit, mb.options, mb.column));
            }
            return out;
        }

        void read() {
            boolean neg = false;
            int negColumn = 0;
            while (pos < toks.size()) {
                Token t = toks.get(pos);
                if (t.isBang()) {
                    if (neg) {
                        diag(Severity.WARNING, "double-negation", "Repeated `!`", "Two `!` in a row; iptables refuses "
                                + "this. The second is ignored.", lineNo, t.column);
                    }
                    neg = true;
                    negColumn = t.column;
                    pos++;
                    continue;
                }
                String name = t.text;
                if (t.quoted || !name.startsWith("-") || name.length() < 2) {
                    diag(Severity.WARNING, "stray-argument", "Unexpected argument `" + abbreviate(name) + "`",
                            "An argument that belongs to no option; it is ignored.", lineNo, t.column);
                    pos++;
                    neg = false;
                    continue;
                }
                int col = neg ? negColumn : t.column;
                pos++;
                if ((name.equals("-c") || name.equals("--set-counters")) && targetName == null) {
                    readCounters(t);
                } else if (BUILTIN_OPTS.contains(name) || BUILTIN_ALIASES.containsKey(name)) {
                    String canon = BUILTIN_ALIASES.getOrDefault(name, name);
                    Option o = readValues(canon, canon.equals("-f") ? 0 : 1, neg, col);
                    if (builtin.isEmpty()) {
                        builtinColumn = col;
                    }
                    builtin.add(o);
                    if (canon.equals("-p")) {
                        protocol = o.value().toLowerCase(java.util.Locale.ROOT);
                    }
                } else if (name.equals("-m") || name.equals("--match")) {
                    if (pos >= toks.size()) {
                        diag(Severity.WARNING, "missing-argument", "-m without a module name", "Expected `-m NAME`.",
                                lineNo, t.column);
                        break;
                    }
                    String mod = toks.get(pos++).text;
                    if (neg) {
                        diag(Severity.WARNING, "stray-negation", "`!` before -m", "A `!` before `-m` negates nothing; "
                                + "it is ignored.", lineNo, negColumn);
                    }
                    module = new MatchBuilder(mod, false, t.column);
                    modules.add(module);
                    if (!Syntax.MODULES.containsKey(mod)) {
                        diag(Severity.WARNING, "unknown-module", "Unknown match module " + mod,
                                "Match module `" + mod + "` is not modelled; rules using it are UNKNOWN in evaluation.",
                                lineNo, t.column);
                    }
                } else if (name.equals("-j") || name.equals("--jump") || name.equals("-g") || name.equals("--goto")) {
                    if (pos >= toks.size()) {
                        diag(Severity.WARNING, "missing-argument", name + " without a target", "Expected a target name.",
                                lineNo, t.column);
                        break;
                    }
                    if (targetName != null) {
                        diag(Severity.WARNING, "second-target", "Second target", "A rule has one target; `"
                                + toks.get(pos).text + "` replaces `" + targetName + "`.", lineNo, t.column);
                    }
                    targetName = toks.get(pos++).text;
                    targetGoto = name.equals("-g") || name.equals("--goto");
                    targetColumn = t.column;
                    targetOptions = new ArrayList<>();
                } else if (targetName != null) {
                    Syntax.Options spec = Syntax.TARGETS.get(targetName);
                    Syntax.Spec s = spec == null ? null : spec.get(name);
                    if (s == null) {
                        diag(Severity.WARNING, "unknown-target-option", "Unknown option " + name + " of target "
                                + targetName, "Target `" + targetName + "` has no option `" + name
                                + "` that we know; it is kept but not interpreted.", lineNo, t.column);
                    }
                    targetOptions.add(readValues(s == null ? name : s.name(), s == null ? -1 : s.arity(), neg, col));
                } else {
                    moduleOption(name, neg, col, t);
                }
                neg = false;
            }
            if (neg) {
                diag(Severity.WARNING, "stray-negation", "`!` at end of rule", "A trailing `!` negates nothing.", lineNo,
                        negColumn);
            }
            if (targetName != null) {
                target = new Target(targetName, targetGoto, targetOptions, targetColumn);
            }
        }

        private void readCounters(Token t) {
            if (pos + 1 < toks.size()) {
                try {
                    counters = Optional.of(new Counters(Long.parseLong(toks.get(pos).text),
                            Long.parseLong(toks.get(pos + 1).text)));
                    pos += 2;
                    return;
                } catch (IllegalArgumentException e) {
                    // fall through to the warning
                }
            }
            diag(Severity.WARNING, "bad-counters", "Unreadable -c counters", "Expected `-c PACKETS BYTES`.", lineNo,
                    t.column);
        }

        private void moduleOption(String name, boolean neg, int col, Token t) {
            MatchBuilder into = null;
            Syntax.Spec s = null;
            if (module != null) {
                Syntax.Options o = Syntax.MODULES.get(module.name);
                s = o == null ? null : o.get(name);
                if (s != null || o == null) {
                    into = module;
                }
            }
            if (into == null) {
                // an option of a module loaded earlier, or of the module -p loads implicitly
                for (MatchBuilder mb : modules) {
                    Syntax.Options o = Syntax.MODULES.get(mb.name);
                    if (o != null && o.get(name) != null) {
                        into = mb;
                        s = o.get(name);
                    }
                }
            }
            if (into == null) {
                String implicit = Syntax.IMPLICIT.get(protocol);
                Syntax.Options o = implicit == null ? null : Syntax.MODULES.get(implicit);
                if (o != null && o.get(name) != null) {
                    into = new MatchBuilder(implicit, true, t.column);
                    modules.add(into);
                    s = o.get(name);
                }
            }
            if (into == null) {
                into = module != null ? module : new MatchBuilder("", false, t.column);
                if (module == null) {
                    modules.add(into);
                    module = into;
                }
                diag(Severity.WARNING, "unknown-option", "Unknown option " + name,
                        (into.name.isEmpty() ? "No match module" : "Match module `" + into.name + "`") + " has no option `"
                                + name + "` that we know; the rule is UNKNOWN in evaluation.", lineNo, t.column);
            }
            into.options.add(readValues(s == null ? name : s.name(), s == null ? -1 : s.arity(), neg, col));
        }

        private Option readValues(String name, int arity, boolean neg, int col) {
            List<String> values = new ArrayList<>();
            if (arity != 0 && pos + 1 < toks.size() && toks.get(pos).isBang()) {
                // legacy form: --opt ! value
                neg = true;
                pos++;
            }
            if (arity < 0) {
                while (pos < toks.size() && !toks.get(pos).isBang() && !toks.get(pos).looksLikeOption()) {
                    values.add(toks.get(pos++).text);
                }
            } else {
                for (int k = 0; k < arity; k++) {
                    if (pos >= toks.size()) {
                        diag(Severity.WARNING, "missing-argument", name + " lacks an argument",
                                "Option " + name + " takes " + arity + " argument(s).", lineNo, col);
                        break;
                    }
                    values.add(toks.get(pos++).text);
                }
            }
            return new Option(name, neg, values, col);
        }
    }

    private static final class MatchBuilder {
        final String name;
        final boolean implicit;
        final int column;
        final List<Option> options = new ArrayList<>();

        MatchBuilder(String name, boolean implicit, int column) {
            this.name = name;
            this.implicit = implicit;
            this.column = column;
        }
    }

    private static final class ChainBuilder {
        final String name;
        final int line;
        final Optional<String> policy;
        final Optional<Counters> counters;
        final List<Rule> rules = new ArrayList<>();

        ChainBuilder(String name, int line, Optional<String> policy, Optional<Counters> counters) {
            this.name = name;
            this.line = line;
            this.policy = policy;
            this.counters = counters;
        }
    }

    private static final class TableBuilder {
        final String name;
        final int line;
        final Map<String, ChainBuilder> chains = new LinkedHashMap<>();

        TableBuilder(String name, int line) {
            this.name = name;
            this.line = line;
        }

        Table build() {
            List<Chain> out = new ArrayList<>();
            for (ChainBuilder cb : chains.values()) {
                out.add(new Chain(cb.name, cb.line, cb.policy, cb.counters, cb.rules));
            }
            return new Table(name, line, out);
        }
    }

    /** A word of a line: text with quotes removed and escapes resolved, its column, whether it was quoted. */
    static final class Token {
        final String text;
        final int column;
        final boolean quoted;

        Token(String text, int column, boolean quoted) {
            this.text = text;
            this.column = column;
            this.quoted = quoted;
        }

        boolean isBang() {
            return !quoted && text.equals("!");
        }

        boolean looksLikeOption() {
            return !quoted && text.length() > 1 && text.charAt(0) == '-' && !Character.isDigit(text.charAt(1));
        }

        /**
         * Splits like iptables-restore: white space separates words, double quotes group, and inside quotes a
         * backslash escapes the next character.
         */
        static List<Token> split(String s, int baseColumn) {
            List<Token> out = new ArrayList<>();
            int i = 0;
            int n = s.length();
            while (i < n) {
                while (i < n && Character.isWhitespace(s.charAt(i))) {
                    i++;
                }
                if (i >= n) {
                    break;
                }
                int start = i;
                int end = i;
                while (end < n && !Character.isWhitespace(s.charAt(end)) && s.charAt(end) != '"') {
                    end++;
                }
                if (end == n || Character.isWhitespace(s.charAt(end))) {
                    out.add(new Token(s.substring(start, end), start + baseColumn, false)); // no quotes: fast path
                    i = end;
                    continue;
                }
                boolean quoted = false;
                boolean inQuote = false;
                StringBuilder sb = new StringBuilder();
                while (i < n && (inQuote || !Character.isWhitespace(s.charAt(i)))) {
                    char c = s.charAt(i);
                    if (c == '"') {
                        inQuote = !inQuote;
                        quoted = true;
                    } else if (c == '\\' && inQuote && i + 1 < n) {
                        sb.append(s.charAt(++i));
                    } else {
                        sb.append(c);
                    }
                    i++;
                }
                out.add(new Token(sb.toString(), start + baseColumn, quoted));
            }
            return out;
        }
    }
}
