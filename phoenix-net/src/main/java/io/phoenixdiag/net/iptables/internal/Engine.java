package io.phoenixdiag.net.iptables.internal;

import io.phoenixdiag.net.iptables.EvaluationOptions;
import io.phoenixdiag.net.iptables.Family;
import io.phoenixdiag.net.iptables.Hook;
import io.phoenixdiag.net.iptables.IptablesSave;
import io.phoenixdiag.net.iptables.Outcome;
import io.phoenixdiag.net.iptables.Packet;
import io.phoenixdiag.net.iptables.TraceStep;
import io.phoenixdiag.net.iptables.Verdict;
import java.util.ArrayList;
import java.util.List;

/**
 * The netfilter walk over compiled rulesets: tables in hook order, chains with jumps, gotos and returns,
 * policies, three-valued matches explored both ways. Immutable after construction and thread-safe.
 */
public final class Engine {
    private static final Outcome[] OUTCOMES = Outcome.values();
    private static final int MAX_DEPTH = 64;
    private static final int MAX_STEPS = 1_000_000;

    private final List<Program> programs;
    private final int budget;

    private Engine(List<Program> programs, int budget) {
        this.programs = programs;
        this.budget = budget;
    }

    /**
     * Compiles dumps for evaluation.
     *
     * @param dumps   the dumps; all their rulesets apply to every packet of their family
     * @param options what the evaluator may know
     * @return the engine
     */
    public static Engine compile(List<IptablesSave> dumps, EvaluationOptions options) {
        List<Program> programs = new ArrayList<>();
        for (IptablesSave d : dumps) {
            programs.addAll(Compiler.compile(d, options));
        }
        return new Engine(programs, options.maxUndecided());
    }

    /**
     * The outcome only (no trace, no reason): the fast path.
     *
     * @param path the hooks the packet passes, in order
     * @param p    the packet
     * @return the outcome
     */
    public Outcome decide(List<Hook> path, Packet p) {
        Hook[] hooks = path.toArray(new Hook[0]);
        Ctx base = Ctx.of(p);
        int result = CRule.ACCEPT;
        boolean first = true;
        for (Program prog : programs) {
            if (prog.v6 != base.v6) {
                continue;
            }
            Walk w = new Walk(prog, hooks, first ? base : Ctx.of(p), false, budget);
            first = false;
            result = combine(result, run(w));
        }
        return OUTCOMES[result];
    }

    /**
     * The outcome with its reason and trace.
     *
     * @param path the hooks the packet passes, in order
     * @param p    the packet
     * @return the verdict
     */
    public Verdict evaluate(List<Hook> path, Packet p) {
        Hook[] hooks = path.toArray(new Hook[0]);
        int result = CRule.ACCEPT;
        List<TraceStep> trace = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        int used = 0;
        for (Program prog : programs) {
            if (prog.v6 != (p.family() == Family.IPV6)) {
                continue;
            }
            Walk w = new Walk(prog, hooks, Ctx.of(p), true, budget);
            int r = run(w);
            used++;
            trace.addAll(w.trace);
            String label = programs.size() > 1 ? prog.ruleset.backend() + " ruleset (line " + prog.ruleset.line()
                    + "): " : "";
            reasons.add(label + w.reason);
            result = combine(result, r);
        }
        if (used == 0) {
            return new Verdict(Outcome.ACCEPT, "No " + p.family() + " ruleset is loaded; the kernel accepts.", trace);
        }
        return new Verdict(OUTCOMES[result], String.join(" ", reasons), trace);
    }

    /** Both rulesets must pass the packet: a definite drop wins over UNKNOWN, UNKNOWN over ACCEPT. */
    private static int combine(int a, int b) {
        if (a == CRule.ACCEPT) {
            return b;
        }
        if (b == CRule.ACCEPT || a == b) {
            return a;
        }
        if (a == CRule.UNKNOWN) {
            return b;
        }
        return a;
    }

    /** The walk's mutable state; copied when a match is undecidable. */
    private static final class Walk {
        final Program prog;
        final Hook[] path;
        final boolean tracing;
        Ctx ctx;
        int hp;
        int tpos;
        int chain = -1;
        int base;
        int rule;
        int[] stack = new int[16];
        int sp;
        int forced = -1;
        int steps;
        int[] budget;
        List<TraceStep> trace;
        List<String> decisions;
        String reason = "";

        Walk(Program prog, Hook[] path, Ctx ctx, boolean tracing, int budget) {
            this.prog = prog;
            this.path = path;
            this.ctx = ctx;
            this.tracing = tracing;
            this.budget = new int[] {budget};
            if (tracing) {
                trace = new ArrayList<>();
                decisions = new ArrayList<>();
            }
        }

        Walk copy() {
            Walk w = new Walk(prog, path, ctx.copy(), tracing, 0);
            w.budget = budget;
            w.hp = hp;
            w.tpos = tpos;
            w.chain = chain;
            w.base = base;
            w.rule = rule;
            w.stack = stack.clone();
            w.sp = sp;
            w.steps = steps;
            if (tracing) {
                w.trace = new ArrayList<>(trace);
                w.decisions = new ArrayList<>(decisions);
            }
            return w;
        }

        void step(TraceStep.Kind kind, CChain ch, CRule r, String note) {
            if (r != null) {
                trace.add(new TraceStep(kind, ch.table, ch.chain.name(), r.rule.number(), r.rule.line(), r.rule.text(),
                        note));
            } else {
                String text = kind == TraceStep.Kind.POLICY ? "policy " + ch.chain.policy().orElse("") : "";
                trace.add(new TraceStep(kind, ch.table, ch.chain.name(), 0, ch.chain.line(), text, note));
            }
        }
    }

    private static String ruleRef(CChain ch, CRule r) {
        return ch.table + "/" + ch.chain.name() + " rule " + r.rule.number() + " (line " + r.rule.line() + ") `"
                + r.rule.text() + "`";
    }

    private static String policyRef(CChain ch) {
        return "the " + ch.chain.policy().orElse("") + " policy of " + ch.table + "/" + ch.chain.name()
                + (ch.chain.line() > 0 ? " (line " + ch.chain.line() + ")" : "");
    }

    private int run(Walk w) {
        final Program prog = w.prog;
        while (true) {
            if (w.chain < 0) {
                int[] hc = prog.hooks[w.path[w.hp].ordinal()];
                if (w.tpos >= hc.length) {
                    w.hp++;
                    w.tpos = 0;
                    if (w.hp >= w.path.length) {
                        if (w.tracing) {
                            w.reason = w.decisions.isEmpty() ? "ACCEPT: no table has a chain at these hooks."
                                    : "ACCEPT: " + String.join("; ", w.decisions) + ".";
                        }
                        return CRule.ACCEPT;
                    }
                    continue;
                }
                CChain b = prog.chains[hc[w.tpos]];
                w.ctx.inRaw = b.table.equals("raw");
                if (b.table.equals("nat") && w.ctx.stateBit() != Ctx.NEW) {
                    if (w.tracing) {
                        w.step(TraceStep.Kind.SKIP, b, null, "the nat table sees only the first packet of a connection");
                    }
                    w.tpos++;
                    continue;
                }
                w.chain = b.index;
                w.base = b.index;
                w.rule = 0;
                w.sp = 0;
            }
            if (++w.steps > MAX_STEPS) {
                w.reason = "UNKNOWN: more than " + MAX_STEPS + " rule visits; the chains loop.";
                return CRule.UNKNOWN;
            }
            CChain ch = prog.chains[w.chain];
            if (w.rule >= ch.rules.length) {
                if (w.sp > 0) {
                    if (w.tracing) {
                        w.step(TraceStep.Kind.RETURN, ch, null, "");
                    }
                    w.sp -= 2;
                    w.chain = w.stack[w.sp];
                    w.rule = w.stack[w.sp + 1];
                    continue;
                }
                if (policy(w)) {
                    return CRule.DROP;
                }
                continue;
            }
            if (ch.runEnd[w.rule] > 0 && w.forced < 0 && !w.ctx.v6) {
                Integer first = ch.runFirst[w.rule].get(w.ctx.sLo & ch.runMask[w.rule]);
                if (first == null) {
                    w.rule = ch.runEnd[w.rule]; // no rule of this run names the packet's source
                    continue;
                }
                w.rule = first;
            }
            CRule r = ch.rules[w.rule];
            int m;
            if (w.forced >= 0) {
                m = w.forced;
                w.forced = -1;
            } else {
                m = r.test(w.ctx);
            }
            if (m == Matcher.F) {
                w.rule++;
                continue;
            }
            if (m == Matcher.U) {
                return fork(w, ch, r);
            }
            if (w.tracing) {
                w.step(TraceStep.Kind.RULE, ch, r, "");
            }
            switch (r.kind) {
                case CRule.ACCEPT -> {
                    if (w.tracing) {
                        w.decisions.add("accepted by " + ruleRef(ch, r));
                    }
                    w.chain = -1;
                    w.tpos++;
                }
                case CRule.DROP, CRule.REJECT, CRule.QUEUE -> {
                    if (w.tracing) {
                        w.reason = OUTCOMES[r.kind] + " by " + ruleRef(ch, r)
                                + (r.kind == CRule.REJECT ? " with " + r.targetNote : "") + ".";
                    }
                    return r.kind;
                }
                case CRule.UNKNOWN -> {
                    if (w.tracing) {
                        w.reason = "UNKNOWN: " + ruleRef(ch, r) + " matches but its target cannot be evaluated: "
                                + r.targetNote + ".";
                    }
                    return CRule.UNKNOWN;
                }
                case CRule.RETURN -> {
                    if (w.sp > 0) {
                        w.sp -= 2;
                        w.chain = w.stack[w.sp];
                        w.rule = w.stack[w.sp + 1];
                    } else if (policy(w)) {
                        return CRule.DROP;
                    }
                }
                case CRule.JUMP -> {
                    if (w.sp >= w.stack.length) {
                        if (w.sp >= 2 * MAX_DEPTH) {
                            w.reason = "UNKNOWN: jumps nest deeper than " + MAX_DEPTH + " at " + ruleRef(ch, r) + ".";
                            return CRule.UNKNOWN;
                        }
                        w.stack = java.util.Arrays.copyOf(w.stack, w.stack.length * 2);
                    }
                    w.stack[w.sp] = w.chain;
                    w.stack[w.sp + 1] = w.rule + 1;
                    w.sp += 2;
                    w.chain = r.jump;
                    w.rule = 0;
                }
                case CRule.GOTO -> {
                    w.chain = r.jump;
                    w.rule = 0;
                }
                case CRule.MARK -> {
                    w.ctx.mark = apply(r.markOp, w.ctx.mark, r.markValue, r.markMask);
                    w.rule++;
                }
                case CRule.CONNMARK -> {
                    connmark(w.ctx, r);
                    w.rule++;
                }
                case CRule.NOTRACK -> {
                    w.ctx.notracked = true;
                    w.rule++;
                }
                case CRule.NAT -> {
                    nat(w.ctx, r);
                    if (w.tracing) {
                        w.decisions.add(r.targetNote + " by " + ruleRef(ch, r));
                    }
                    w.chain = -1;
                    w.tpos++;
                }
                default -> w.rule++;
            }
        }
    }

    /** Applies the base chain's policy; true when it drops. */
    private static boolean policy(Walk w) {
        CChain b = w.prog.chains[w.base];
        if (w.tracing) {
            w.step(TraceStep.Kind.POLICY, b, null, "");
        }
        if (b.policy == CRule.DROP) {
            if (w.tracing) {
                w.reason = "DROP by " + policyRef(b) + ".";
            }
            return true;
        }
        if (w.tracing) {
            w.decisions.add("accepted by " + policyRef(b));
        }
        w.chain = -1;
        w.tpos++;
        return false;
    }

    private int fork(Walk w, CChain ch, CRule r) {
        String why = w.tracing ? r.why(w.ctx) : "";
        if (w.budget[0] <= 0) {
            if (w.tracing) {
                w.step(TraceStep.Kind.UNDECIDED, ch, r, why);
                w.reason = "UNKNOWN: " + ruleRef(ch, r) + " cannot be decided (" + why + ") and more than " + budget
                        + " undecidable matches were already explored.";
            }
            return CRule.UNKNOWN;
        }
        w.budget[0]--;
        if (w.tracing) {
            w.step(TraceStep.Kind.UNDECIDED, ch, r, why);
        }
        int mark = w.tracing ? w.trace.size() : 0;
        Walk yes = w.copy();
        yes.forced = Matcher.T;
        r.assume(yes.ctx, true);
        int a = run(yes);
        r.assume(w.ctx, false);
        w.rule++;
        int b = run(w);
        if (a == b) {
            if (w.tracing) {
                w.reason = w.reason + " This holds whether or not " + ruleRef(ch, r) + " matches (" + why + ").";
            }
            return b;
        }
        if (w.tracing) {
            w.reason = "UNKNOWN: " + ruleRef(ch, r) + " decides and cannot be decided: " + why + ". If it matches: "
                    + yes.reason + " If not: " + w.reason;
            w.trace.subList(mark, w.trace.size()).clear();
        }
        return CRule.UNKNOWN;
    }

    private static long apply(int op, long x, long value, long mask) {
        long r = op == 0 ? (x & ~mask) ^ value : (x & ~mask) | value;
        return r & 0xffffffffL;
    }

    private static void connmark(Ctx c, CRule r) {
        if (c.inRaw || c.notracked) {
            return; // no connection to mark
        }
        switch (r.markOp) {
            case 0, 1 -> c.ctmark = apply(r.markOp, c.ctmark, r.markValue, r.markMask);
            case 2 -> c.ctmark = ((c.ctmark & ~r.ctmask) ^ (c.mark & r.nfmask)) & 0xffffffffL;
            default -> c.mark = ((c.mark & ~r.nfmask) ^ (c.ctmark & r.ctmask)) & 0xffffffffL;
        }
    }

    private static void nat(Ctx c, CRule r) {
        if (r.natDst != null) {
            c.dHi = r.natDst[0];
            c.dLo = r.natDst[1];
        }
        if (r.natDstUnknown) {
            c.dstUnknown = true;
        }
        if (r.natPort >= 0) {
            c.dport = r.natPort;
        } else if (r.natPort == -2) {
            c.dportUnknown = true;
        }
    }
}
