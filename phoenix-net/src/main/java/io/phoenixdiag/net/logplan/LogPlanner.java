package io.phoenixdiag.net.logplan;

import io.phoenixdiag.core.firewall.Action;
import io.phoenixdiag.core.firewall.Direction;
import io.phoenixdiag.core.firewall.FirewallRule;
import io.phoenixdiag.core.firewall.GuestFirewall;
import io.phoenixdiag.core.firewall.GuestKind;
import io.phoenixdiag.core.firewall.GuestNic;
import io.phoenixdiag.core.firewall.PveFirewall;
import io.phoenixdiag.net.iptables.Backend;
import io.phoenixdiag.net.iptables.Chain;
import io.phoenixdiag.net.iptables.Family;
import io.phoenixdiag.net.iptables.IptablesSave;
import io.phoenixdiag.net.iptables.Match;
import io.phoenixdiag.net.iptables.Rule;
import io.phoenixdiag.net.iptables.Ruleset;
import io.phoenixdiag.net.iptables.Table;
import io.phoenixdiag.net.pvecompile.PveRulesetRenderer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Plans LOG rules that make every drop visible.
 *
 * <p>For an {@code iptables-save} dump ({@link #plan(IptablesSave)}): before every rule whose target is
 * {@code DROP} or {@code REJECT}, {@code iptables -t T -I CHAIN N <the rule's matches> -m limit --limit
 * 5/min -j LOG --log-prefix "PHX<n>:<chain>:<N>: "} (inserted from the highest rule number down, so the
 * numbers of the dump stay valid while the commands run), and at the end of every built-in chain whose
 * policy is DROP, {@code -A CHAIN -m limit --limit 5/min -j LOG --log-prefix "PHX<n>:<chain>:P: "}. The
 * prefix is unique per rule or policy and at most 29 characters (the LOG target's limit,
 * iptables-extensions(8)); a long chain name is shortened in the prefix, the sequence number keeps it
 * unique. The remove commands delete the same rules by specification ({@code -D CHAIN <spec>}), which
 * stays correct whatever else changed the numbering. {@code ip6tables} is used for IPv6 dumps, and
 * {@code iptables-legacy}/{@code iptables-nft} when the dump names its backend.
 *
 * <p>For a Proxmox model ({@link #plan(PveFirewall, String)}): pve-firewall writes its own log (NFLOG to
 * {@code pvefw-logger}, {@code /var/log/pve-firewall.log}), so the plan sets Proxmox log levels through the
 * API: {@code pvesh set .../firewall/rules/<pos> --log info} for every enabled DROP/REJECT rule without a log
 * level, and {@code log_level_in}/{@code log_level_out} {@code info} for every DROP/REJECT policy (guest
 * options; the host options for the datacenter policies); the remove commands restore the previous values.
 * pve-firewall's log line carries {@code <vmid> <level> <chain> <time> <message>} with message
 * {@code policy DROP: } for a policy and {@code DROP: } / {@code REJECT: } for a rule, so the entry key is
 * {@code <vmid>:<chain>:<message>} and rules of one chain with the same action share a key (the entry list
 * holds them all).
 *
 * <p>Stateless and thread-safe.
 */
public final class LogPlanner {
    /** The rate limit every LOG rule gets ({@code -m limit --limit 5/min}, default burst 5). */
    public static final String LIMIT = "-m limit --limit 5/min";
    /** The longest log prefix the kernel accepts (iptables-extensions(8), LOG {@code --log-prefix}). */
    public static final int MAX_PREFIX = 29;

    private LogPlanner() {
    }

    /**
     * Plans LOG rules for a dump.
     *
     * @param dump the parsed dump
     * @return the plan; never null
     */
    public static LogPlan plan(IptablesSave dump) {
        Objects.requireNonNull(dump, "dump");
        List<String> add = new ArrayList<>();
        List<String> remove = new ArrayList<>();
        List<LogPlan.Entry> entries = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        int seq = 0;
        boolean several = dump.rulesets().size() > 1;
        for (Ruleset rs : dump.rulesets()) {
            String cmd = command(rs, several);
            for (Table t : rs.tables()) {
                for (Chain c : t.chains()) {
                    List<Rule> dropping = new ArrayList<>();
                    for (Rule r : c.rules()) {
                        String target = r.target().map(x -> x.name()).orElse("");
                        if (target.equals("DROP") || target.equals("REJECT")) {
                            dropping.add(r);
                        }
                    }
                    List<String> chainAdds = new ArrayList<>();
                    for (Rule r : dropping) {
                        seq++;
                        String prefix = prefix(seq, c.name(), Integer.toString(r.number()));
                        String spec = matches(r) + LIMIT + " -j LOG --log-prefix \"" + prefix + " \"";
                        chainAdds.add(0, cmd + " -t " + t.name() + " -I " + c.name() + " " + r.number() + " " + spec);
                        remove.add(cmd + " -t " + t.name() + " -D " + c.name() + " " + spec);
                        entries.add(new LogPlan.Entry(prefix, t.name(), c.name(), r.number(), r.line(), dump.source(),
                                r.text(), r.target().get().name()));
                    }
                    add.addAll(chainAdds);
                    if (c.policy().filter("DROP"::equals).isPresent()) {
                        seq++;
                        String prefix = prefix(seq, c.name(), "P");
                        String spec = LIMIT + " -j LOG --log-prefix \"" + prefix + " \"";
                        add.add(cmd + " -t " + t.name() + " -A " + c.name() + " " + spec);
                        remove.add(cmd + " -t " + t.name() + " -D " + c.name() + " " + spec);
                        entries.add(new LogPlan.Entry(prefix, t.name(), c.name(), 0, c.line(), dump.source(),
                                "policy DROP", "DROP"));
                    }
                }
            }
        }
        if (dump.legacyTablesHidden()) {
            notes.add("The dump says iptables-legacy tables are present but not shown: their drops are not planned"
                    + " (run iptables-legacy-save and plan that dump too).");
        }
        if (entries.isEmpty()) {
            notes.add("No rule drops or rejects and no built-in chain has policy DROP: nothing to log.");
        }
        return new LogPlan("iptables", dump.source(), add, remove, entries, notes);
    }

    private static String command(Ruleset rs, boolean several) {
        String base = rs.family() == Family.IPV6 ? "ip6tables" : "iptables";
        if (rs.backend() == Backend.LEGACY && several) {
            return base + "-legacy";
        }
        if (rs.backend() == Backend.NFT && several) {
            return base + "-nft";
        }
        return base;
    }

    /** The rule's matches as written, followed by a space (or nothing). */
    private static String matches(Rule r) {
        StringBuilder sb = new StringBuilder();
        for (Match m : r.matches()) {
            String s = m.toString();
            if (!s.isEmpty()) {
                sb.append(s).append(' ');
            }
        }
        return sb.toString();
    }

    /**
     * A unique log prefix of at most {@link #MAX_PREFIX} characters including the trailing space the
     * kernel separates it by: {@code PHX<seq>:<chain>:<what>:}, the chain name shortened when needed.
     *
     * @param seq   the sequence number, unique in the plan
     * @param chain the chain name
     * @param what  the rule number or {@code P} for the policy
     * @return the prefix without the trailing space
     */
    static String prefix(int seq, String chain, String what) {
        String head = "PHX" + seq + ":";
        String tail = ":" + what + ":";
        int room = MAX_PREFIX - 1 - head.length() - tail.length();
        String c = chain.length() <= room ? chain : chain.substring(0, Math.max(0, room));
        return head + c + tail;
    }

    /**
     * Plans Proxmox log levels for a model.
     *
     * @param model the Proxmox firewall model (from {@code .fw} files)
     * @param node  the node name for {@code pvesh} paths ({@code localhost} names the local node)
     * @return the plan; never null
     */
    public static LogPlan plan(PveFirewall model, String node) {
        Objects.requireNonNull(model, "model");
        List<String> add = new ArrayList<>();
        List<String> remove = new ArrayList<>();
        List<LogPlan.Entry> entries = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        String source = model.datacenter().origin().map(l -> l.file()).orElse("Proxmox firewall model");
        if (!model.datacenter().options().enable()) {
            notes.add("The datacenter firewall is disabled (cluster.fw enable: 0): pve-firewall loads no rules, nothing drops.");
            return new LogPlan("pve", source, add, remove, entries, notes);
        }
        String hostPath = "/nodes/" + node + "/firewall";
        if (model.host().options().enable()) {
            var h = model.host();
            rules(h.rules(), hostPath + "/rules", 0, "PVEFW-HOST-IN", "PVEFW-HOST-OUT", add, remove, entries);
            rules(model.datacenter().rules(), "/cluster/firewall/rules", 0, "PVEFW-HOST-IN", "PVEFW-HOST-OUT", add,
                    remove, entries);
            policy(model.datacenter().options().policyIn(), h.options().other().get("log_level_in"), hostPath + "/options",
                    "log_level_in", 0, "PVEFW-HOST-IN", h.origin(), add, remove, entries);
            policy(model.datacenter().options().policyOut(), h.options().other().get("log_level_out"),
                    hostPath + "/options", "log_level_out", 0, "PVEFW-HOST-OUT", h.origin(), add, remove, entries);
        }
        for (GuestFirewall g : model.guests().values()) {
            if (!g.options().enable()) {
                continue;
            }
            List<String> devices = new ArrayList<>();
            for (GuestNic nic : new TreeMap<>(g.nics()).values()) {
                if (nic.firewall()) {
                    devices.add(PveRulesetRenderer.deviceName(g.kind(), g.vmid(), nicIndex(nic.name())));
                }
            }
            if (devices.isEmpty()) {
                notes.add(g.subject() + " has no NIC with firewall=1: pve-firewall filters none of its traffic.");
                continue;
            }
            String base = "/nodes/" + node + "/" + (g.kind() == GuestKind.LXC ? "lxc" : "qemu") + "/" + g.vmid() + "/firewall";
            for (String dev : devices) {
                rules(g.rules(), base + "/rules", g.vmid(), dev + "-IN", dev + "-OUT", add, remove, entries);
                policy(g.options().policyIn(), g.options().other().get("log_level_in"), base + "/options", "log_level_in",
                        g.vmid(), dev + "-IN", g.origin(), add, remove, entries);
                policy(g.options().policyOut(), g.options().other().get("log_level_out"), base + "/options",
                        "log_level_out", g.vmid(), dev + "-OUT", g.origin(), add, remove, entries);
            }
        }
        notes.add("Security group rules are logged in GROUP-<name>-IN/OUT chains only through the rules that use them;"
                + " set their log level in the group (/cluster/firewall/groups/<name>/<pos>) to see which group rule dropped.");
        return new LogPlan("pve", source, dedupe(add), dedupe(remove), entries, notes);
    }

    private static List<String> dedupe(List<String> cmds) {
        return new ArrayList<>(new java.util.LinkedHashSet<>(cmds));
    }

    private static int nicIndex(String nic) {
        try {
            return nic.startsWith("net") ? Integer.parseInt(nic.substring(3)) : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static void rules(List<FirewallRule> rules, String path, int vmid, String inChain, String outChain,
                              List<String> add, List<String> remove, List<LogPlan.Entry> entries) {
        for (int pos = 0; pos < rules.size(); pos++) {
            FirewallRule r = rules.get(pos);
            if (!r.isActive() || r.isGroup() || r.action().isEmpty() || r.action().get() == Action.ACCEPT
                    || r.direction() == Direction.FORWARD) {
                continue;
            }
            String chain = r.direction() == Direction.IN ? inChain : outChain;
            String verdict = r.action().get().name();
            boolean logged = !r.log().isEmpty() && !r.log().equals("nolog");
            if (!logged) {
                add.add("pvesh set " + path + "/" + pos + " --log info");
                remove.add("pvesh set " + path + "/" + pos + " --log nolog");
            }
            var loc = r.origin();
            entries.add(new LogPlan.Entry(vmid + ":" + chain + ":" + verdict, "filter", chain, pos + 1,
                    loc.map(l -> l.line()).orElse(0), loc.map(l -> l.file()).orElse(""), r.text(), verdict));
        }
    }

    private static void policy(Action policy, String current, String path, String option, int vmid, String chain,
                               Optional<io.phoenixdiag.core.diag.Location> origin, List<String> add, List<String> remove,
                               List<LogPlan.Entry> entries) {
        if (policy == Action.ACCEPT) {
            return;
        }
        boolean logged = current != null && !current.isEmpty() && !current.equals("nolog");
        if (!logged) {
            add.add("pvesh set " + path + " --" + option + " info");
            remove.add(current == null ? "pvesh set " + path + " --delete " + option
                    : "pvesh set " + path + " --" + option + " " + (current.isEmpty() ? "nolog" : current));
        }
        entries.add(new LogPlan.Entry(vmid + ":" + chain + ":policy " + policy, "filter", chain, 0,
                origin.map(l -> l.line()).orElse(0), origin.map(l -> l.file()).orElse(""), "policy " + policy,
                policy.name()));
    }
}
