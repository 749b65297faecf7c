package io.phoenixdiag.net.iptables.internal;

import io.phoenixdiag.core.diag.Evidence;
import io.phoenixdiag.core.diag.Finding;
import io.phoenixdiag.core.diag.Location;
import io.phoenixdiag.core.diag.Severity;
import io.phoenixdiag.net.iptables.EvaluationOptions;
import io.phoenixdiag.net.iptables.IptablesSave;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Per-chain analysis on the evaluated model. {@link #covers} is sound: when it says rule A matches every
 * packet rule B matches, that holds; it may miss some covers (undecidable matches must be written alike).
 */
public final class Analysis {
    private static final Set<String> LOGS = Set.of("LOG", "NFLOG", "ULOG");
    private static final Set<String> INBOUND = Set.of("PREROUTING", "INPUT");
    private static final Set<String> OUTBOUND = Set.of("OUTPUT", "POSTROUTING");

    private final String source;
    private final List<Finding> out = new ArrayList<>();

    private Analysis(String source) {
        this.source = source;
    }

    /**
     * Analyses every ruleset of a dump.
     *
     * @param dump the dump
     * @return the findings, ordered by ruleset, table and chain
     */
    public static List<Finding> analyze(IptablesSave dump) {
        Analysis a = new Analysis(dump.source());
        for (Program p : Compiler.compile(dump, EvaluationOptions.defaults())) {
            a.program(p);
        }
        return a.out;
    }

    private Location loc(int line) {
        return Location.ofLine(source, Math.max(line, 0), 0);
    }

    private void program(Program p) {
        Map<String, List<CChain>> byTable = new java.util.LinkedHashMap<>();
        for (CChain c : p.chains) {
            byTable.computeIfAbsent(c.table, k -> new ArrayList<>()).add(c);
        }
        for (List<CChain> chains : byTable.values()) {
            reachability(p, chains);
            for (CChain c : chains) {
                chain(p, c);
            }
        }
    }

    private void reachability(Program p, List<CChain> chains) {
        boolean[] seen = new boolean[p.chains.length];
        Deque<CChain> todo = new ArrayDeque<>();
        for (CChain c : chains) {
            if (c.policy >= 0) {
                seen[c.index] = true;
                todo.add(c);
            }
        }
        while (!todo.isEmpty()) {
            for (CRule r : todo.poll().rules) {
                if (r.jump >= 0 && !seen[r.jump]) {
                    seen[r.jump] = true;
                    todo.add(p.chains[r.jump]);
                }
            }
        }
        for (CChain c : chains) {
            if (!seen[c.index]) {
                out.add(Finding.builder("iptables.unreachable-chain", Severity.WARNING)
                        .title("Chain " + c.label() + " is never reached")
                        .message("No rule reachable from a built-in chain of table " + c.table + " jumps or goes to "
                                + c.chain.name() + "; its " + c.rules.length + " rule(s) never see a packet.")
                        .remediation("Remove the chain or add the missing -j " + c.chain.name() + " rule.")
                        .subject(c.label()).location(loc(c.chain.line())).build());
            }
        }
    }

    /** The built-in chains (by name) from which a chain can be reached. */
    private static Set<String> entries(Program p, CChain target) {
        Set<String> names = new java.util.HashSet<>();
        for (CChain c : p.chains) {
            if (c.policy >= 0 && c.table.equals(target.table)) {
                boolean[] seen = new boolean[p.chains.length];
                Deque<Integer> todo = new ArrayDeque<>(List.of(c.index));
                seen[c.index] = true;
                while (!todo.isEmpty()) {
                    int i = todo.poll();
                    if (i == target.index) {
                        names.add(c.chain.name());
                        break;
                    }
                    for (CRule r : p.chains[i].rules) {
                        if (r.jump >= 0 && !seen[r.jump]) {
                            seen[r.jump] = true;
                            todo.add(r.jump);
                        }
                    }
                }
            }
        }
        return names;
    }

    private void chain(Program p, CChain c) {
        Set<String> entries = entries(p, c);
        Map<String, Integer> firstText = new HashMap<>();
        List<String> unlogged = new ArrayList<>();
        List<Integer> unloggedLines = new ArrayList<>();
        for (int j = 0; j < c.rules.length; j++) {
            CRule r = c.rules[j];
            String why = unmatchable(r, c, entries);
            if (why != null) {
                out.add(Finding.builder("iptables.unmatchable-rule", Severity.WARNING)
                        .title("Rule " + r.rule.label() + " can never match")
                        .message("`" + r.rule.text() + "` matches no packet: " + why + ".")
                        .remediation("Fix or remove the rule.").subject(r.rule.label())
                        .location(loc(r.rule.line())).build());
                continue;
            }
            String canon = r.rule.canonical();
            Integer dup = firstText.putIfAbsent(canon, j);
            if (dup != null) {
                CRule d = c.rules[dup];
                out.add(Finding.builder("iptables.duplicate-rule", Severity.INFO)
                        .title("Rule " + r.rule.label() + " duplicates rule " + d.rule.number())
                        .message("`" + r.rule.text() + "` repeats rule " + d.rule.number() + " (line " + d.rule.line()
                                + ") of the same chain.")
                        .remediation("Remove the duplicate.").subject(r.rule.label())
                        .evidence(Evidence.of("first occurrence: " + d.rule.text(), loc(d.rule.line())))
                        .location(loc(r.rule.line())).build());
                continue;
            }
            for (int i = 0; i < j; i++) {
                CRule a = c.rules[i];
                if (a.terminal() && alwaysDecides(a) && covers(a, r, false) && unmatchable(a, c, entries) == null) {
                    boolean differs = !a.rule.target().map(Object::toString).equals(r.rule.target().map(Object::toString));
                    out.add(Finding.builder(differs ? "iptables.shadowed-rule" : "iptables.redundant-rule",
                                    differs ? Severity.WARNING : Severity.INFO)
                            .title("Rule " + r.rule.label() + " is shadowed by rule " + a.rule.number()
                                    + (differs ? " with a different action" : ""))
                            .message("Every packet `" + r.rule.text() + "` matches is first decided by rule "
                                    + a.rule.number() + " (line " + a.rule.line() + ") `" + a.rule.text() + "`"
                                    + (differs ? ", which does something else" : ", which does the same") + ".")
                            .remediation(differs ? "Move the rule above rule " + a.rule.number() + " or narrow rule "
                                    + a.rule.number() + "." : "Remove the redundant rule.")
                            .subject(r.rule.label())
                            .evidence(Evidence.of("covering rule " + a.rule.label() + ": " + a.rule.text(),
                                    loc(a.rule.line())))
                            .location(loc(r.rule.line())).build());
                    break;
                }
            }
            if ((r.kind == CRule.DROP || r.kind == CRule.REJECT) && !logged(p, c, j, r)) {
                unlogged.add(r.rule.label() + " (line " + r.rule.line() + "): " + r.rule.text());
                unloggedLines.add(r.rule.line());
            }
        }
        if (c.policy == CRule.DROP && !logsEverything(p, c, 0)) {
            unlogged.add(c.label() + " policy DROP (line " + c.chain.line() + ")");
            unloggedLines.add(c.chain.line());
        }
        if (!unlogged.isEmpty()) {
            Finding.Builder b = Finding.builder("iptables.drop-without-log", Severity.INFO)
                    .title(unlogged.size() + " DROP/REJECT path(s) of " + c.label() + " are not logged")
                    .message("No LOG/NFLOG rule before these drops covers the packets they drop, so the drops are "
                            + "invisible in the kernel log.")
                    .remediation("Add a rate-limited LOG rule with a distinct --log-prefix before each drop.")
                    .subject(c.label());
            for (int k = 0; k < unlogged.size(); k++) {
                b.evidence(Evidence.of(unlogged.get(k), loc(unloggedLines.get(k))));
                b.location(loc(unloggedLines.get(k)));
            }
            out.add(b.build());
        }
        for (CRule r : c.rules) {
            if (r.kind == CRule.UNKNOWN && r.targetNote.contains("missing chain")) {
                out.add(Finding.builder("iptables.jump-to-missing-chain", Severity.ERROR)
                        .title("Rule " + r.rule.label() + " jumps to a missing chain")
                        .message("`" + r.rule.text() + "`: " + r.targetNote + " in table " + c.table
                                + "; iptables-restore refuses this rule set.")
                        .remediation("Declare the chain or fix the target name.").subject(r.rule.label())
                        .location(loc(r.rule.line())).build());
            }
        }
    }

    /** Whether the rule's match is decided by the packet alone (no rate limit, list state or unknown module). */
    private static boolean alwaysDecides(CRule r) {
        for (Matcher m : r.matchers) {
            if (m instanceof Matcher.Limit || m instanceof Matcher.Unknown
                    || (m instanceof Matcher.Recent rc && !rc.set)) {
                return false;
            }
        }
        return true;
    }

    private boolean logged(Program p, CChain c, int j, CRule r) {
        for (int i = 0; i < j; i++) {
            CRule a = c.rules[i];
            boolean logs = a.rule.target().map(t -> LOGS.contains(t.name())).orElse(false);
            if (logs && covers(a, r, true)) {
                return true;
            }
            if (a.kind == CRule.JUMP && covers(a, r, true) && logsEverything(p, p.chains[a.jump], 1)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the chain logs every packet (a LOG rule matching all but a rate limit, maybe one jump deep). */
    private boolean logsEverything(Program p, CChain c, int depth) {
        for (CRule a : c.rules) {
            boolean all = !a.hasSrc && !a.hasDst && a.proto < 0 && a.inIf == null && a.outIf == null
                    && java.util.Arrays.stream(a.matchers).allMatch(m -> m instanceof Matcher.Limit);
            if (!all) {
                continue;
            }
            if (a.rule.target().map(t -> LOGS.contains(t.name())).orElse(false)) {
                return true;
            }
            if (a.kind == CRule.JUMP && depth < 3 && logsEverything(p, p.chains[a.jump], depth + 1)) {
                return true;
            }
        }
        return false;
    }

    /** Why a rule can never match, or null. */
    static String unmatchable(CRule r, CChain c, Set<String> entries) {
        if (r.proto == 256) {
            return "`! -p all` excludes every protocol";
        }
        if (!entries.isEmpty() && r.inIf != null && !r.inNeg && OUTBOUND.containsAll(entries)) {
            return "-i is never set for locally generated packets (" + entries + ")";
        }
        if (!entries.isEmpty() && r.outIf != null && !r.outNeg && INBOUND.containsAll(entries)) {
            return "-o is not known yet at " + entries;
        }
        for (Matcher m : r.matchers) {
            int[] protos = m instanceof Matcher.Ports pm ? pm.protos : m instanceof Matcher.Icmp im ? new int[] {im.proto}
                    : m instanceof Matcher.TcpFlags ? new int[] {6} : null;
            if (protos != null && r.proto > 0) {
                boolean any = false;
                for (int x : protos) {
                    any |= r.protoNeg ? x != r.proto : x == r.proto;
                }
                if (!any) {
                    return "`" + m.text + "` needs protocol " + Values.protocolName(protos[0]) + " but the rule says "
                            + (r.protoNeg ? "! " : "") + "-p " + Values.protocolName(r.proto);
                }
            }
            if (m instanceof Matcher.Mark mk && !mk.neg && (mk.value & ~mk.mask) != 0) {
                return "`" + m.text + "` asks for bits outside its mask";
            }
            if (m instanceof Matcher.State st && !st.neg && c.table.equals("raw")
                    && (st.mask & (Ctx.INVALID | Ctx.UNTRACKED)) == 0) {
                return "`" + m.text + "` in the raw table, which runs before connection tracking and sees only "
                        + "INVALID or UNTRACKED";
            }
            if (m instanceof Matcher.Range rg && !rg.neg && rg.loHi == 0 && rg.hiHi == 0
                    && (rg.dst ? r.hasDst && !r.dstNeg && r.dmHi == 0 : r.hasSrc && !r.srcNeg && r.smHi == 0)) {
                long lo = rg.dst ? r.dLo : r.sLo;
                long hi = lo | (~(rg.dst ? r.dmLo : r.smLo) & 0xffffffffL);
                if (rg.hiLo < lo || rg.loLo > hi) {
                    return "`" + m.text + "` is disjoint from the rule's " + (rg.dst ? "-d" : "-s") + " prefix";
                }
            }
        }
        return null;
    }

    /**
     * Whether rule A matches every packet rule B matches. {@code ignoreLimits}: A's rate limits count as matching
     * (for "is this drop logged").
     */
    static boolean covers(CRule a, CRule b, boolean ignoreLimits) {
        if (a.proto >= 0) {
            boolean ok = a.protoNeg ? (b.proto >= 0 && (b.protoNeg ? b.proto == a.proto : b.proto != a.proto))
                    : b.proto == a.proto && !b.protoNeg;
            if (!ok) {
                return false;
            }
        }
        if (a.hasSrc && !addrCovers(a.srcNeg, a.sHi, a.sLo, a.smHi, a.smLo, b.hasSrc, b.srcNeg, b.sHi, b.sLo, b.smHi,
                b.smLo)) {
            return false;
        }
        if (a.hasDst && !addrCovers(a.dstNeg, a.dHi, a.dLo, a.dmHi, a.dmLo, b.hasDst, b.dstNeg, b.dHi, b.dLo, b.dmHi,
                b.dmLo)) {
            return false;
        }
        if (a.inIf != null && !ifCovers(a.inIf, a.inWild, a.inNeg, b.inIf, b.inWild, b.inNeg)) {
            return false;
        }
        if (a.outIf != null && !ifCovers(a.outIf, a.outWild, a.outNeg, b.outIf, b.outWild, b.outNeg)) {
            return false;
        }
        for (Matcher m : a.matchers) {
            if (ignoreLimits && m instanceof Matcher.Limit) {
                continue;
            }
            if (m instanceof Matcher.Recent rc && rc.set && !rc.neg) {
                continue; // --set always matches
            }
            boolean implied = false;
            for (Matcher n : b.matchers) {
                if (implies(n, m)) {
                    implied = true;
                    break;
                }
            }
            if (!implied) {
                return false;
            }
        }
        return true;
    }

    /** Whether match n (of the covered rule) implies match m (of the covering rule). */
    private static boolean implies(Matcher n, Matcher m) {
        if (m instanceof Matcher.Ports pm && n instanceof Matcher.Ports pn) {
            if (pm.neg || pn.neg) {
                return pm.neg == pn.neg && pm.which == pn.which && java.util.Arrays.equals(pm.ranges, pn.ranges)
                        && java.util.Arrays.equals(pm.protos, pn.protos);
            }
            for (int p : pn.protos) {
                if (java.util.Arrays.stream(pm.protos).noneMatch(x -> x == p)) {
                    return false;
                }
            }
            return (pm.which == 2 || pm.which == pn.which) && rangesWithin(pn.ranges, pm.ranges);
        }
        if (m instanceof Matcher.State sm && n instanceof Matcher.State sn) {
            return !sm.neg && !sn.neg && (sn.mask & ~sm.mask) == 0;
        }
        if (m instanceof Matcher.Icmp im && n instanceof Matcher.Icmp in) {
            if (im.neg || in.neg || im.proto != in.proto) {
                return im.neg == in.neg && im.type == in.type && im.codeLo == in.codeLo && im.codeHi == in.codeHi;
            }
            return im.type == 255 || (im.type == in.type && im.codeLo <= in.codeLo && in.codeHi <= im.codeHi);
        }
        if (m instanceof Matcher.Unknown) {
            return false;
        }
        return m.getClass() == n.getClass() && sameText(n, m) && !(m instanceof Matcher.Ports);
    }

    private static boolean sameText(Matcher a, Matcher b) {
        return a.text.equals(b.text);
    }

    private static boolean rangesWithin(int[] inner, int[] outer) {
        for (int i = 0; i < inner.length; i += 2) {
            boolean in = false;
            for (int k = 0; k < outer.length; k += 2) {
                in |= inner[i] >= outer[k] && inner[i + 1] <= outer[k + 1];
            }
            if (!in) {
                return false;
            }
        }
        return true;
    }

    private static boolean prefixWithin(long iHi, long iLo, long imHi, long imLo, long oHi, long oLo, long omHi,
                                        long omLo) {
        // inner mask must be at least as long (contains every bit of the outer mask)
        return (imHi & omHi) == omHi && (imLo & omLo) == omLo && (iHi & omHi) == oHi && (iLo & omLo) == oLo;
    }

    private static boolean addrCovers(boolean aNeg, long aHi, long aLo, long amHi, long amLo, boolean bHas,
                                      boolean bNeg, long bHi, long bLo, long bmHi, long bmLo) {
        if (!bHas) {
            return !aNeg && amHi == 0 && amLo == 0;
        }
        if (!aNeg) {
            return !bNeg && prefixWithin(bHi, bLo, bmHi, bmLo, aHi, aLo, amHi, amLo);
        }
        if (bNeg) {
            return prefixWithin(aHi, aLo, amHi, amLo, bHi, bLo, bmHi, bmLo);
        }
        // A excludes prefix PA; B is inside PB: covered when PA and PB are disjoint
        return !prefixWithin(bHi, bLo, bmHi, bmLo, aHi, aLo, amHi, amLo)
                && !prefixWithin(aHi, aLo, amHi, amLo, bHi, bLo, bmHi, bmLo);
    }

    private static boolean ifCovers(String a, boolean aWild, boolean aNeg, String b, boolean bWild, boolean bNeg) {
        if (b == null) {
            return !aNeg && aWild && a.isEmpty();
        }
        if (!aNeg) {
            return !bNeg && (aWild ? b.startsWith(a) : !bWild && a.equals(b));
        }
        if (bNeg) {
            return bWild ? (aWild ? a.startsWith(b) : a.startsWith(b)) : !aWild && a.equals(b);
        }
        if (bWild) {
            return aWild ? !(a.startsWith(b) || b.startsWith(a)) : !a.startsWith(b);
        }
        return aWild ? !b.startsWith(a) : !a.equals(b);
    }
}
