package io.phoenixdiag.net.iptables;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Generates random rule sets (raw, mangle, nat, filter, security) and packets for the kernel differential
 * test. Every rule set starts raw PREROUTING with one counting rule per case (the packet arrived) and
 * security INPUT with one per case (the packet was accepted by every earlier table at PREROUTING and INPUT).
 * Only matches the evaluator decides from the packet and the options are generated.
 */
final class RuleGen {
    /** The test namespaces: the server side is judged, the client sends. */
    record Env(String srvIf, String srvMac, String cliIf, String cliMac, List<String> srvAddrs, List<String> cliAddrs) {
    }

    /** One packet: protocol, addresses, ports. */
    record Case(int id, String proto, String src, int sport, String dst, int dport) {
        String line() {
            return proto.equals("icmp") ? id + " icmp " + src + " " + dst
                    : id + " " + proto + " " + src + " " + sport + " " + dst + " " + dport;
        }

        Packet packet(Env env) {
            Packet.Builder b = switch (proto) {
                case "tcp" -> Packet.tcp(src, sport, dst, dport);
                case "udp" -> Packet.udp(src, sport, dst, dport);
                default -> Packet.icmp(src, dst, 8, 0);
            };
            return b.inInterface(env.srvIf()).sourceMac(env.cliMac()).build();
        }
    }

    private static final String[] REJECTS = {"icmp-port-unreachable", "icmp-host-prohibited", "icmp-net-prohibited",
        "icmp-admin-prohibited", "icmp-proto-unreachable"};
    private static final int[] DPORTS = {22, 53, 80, 443, 8080, 9000, 3306, 25, 110, 8443};

    private final Random rnd;
    private final Env env;
    final List<Case> cases = new ArrayList<>();
    private final StringBuilder out = new StringBuilder();

    RuleGen(long seed, Env env) {
        this.rnd = new Random(seed);
        this.env = env;
    }

    /** Makes {@code n} cases and the rule set; returns the iptables-restore text. */
    String generate(int n) {
        Set<Integer> sports = new HashSet<>();
        Set<String> icmpSrc = new HashSet<>();
        for (int i = 1; i <= n; i++) {
            int r = rnd.nextInt(100);
            String dst = pick(env.srvAddrs());
            if (r < 15 && icmpSrc.size() < env.cliAddrs().size()) {
                String src;
                do {
                    src = pick(env.cliAddrs());
                } while (!icmpSrc.add(src));
                cases.add(new Case(i, "icmp", src, 0, dst, 0));
                continue;
            }
            int sport;
            do {
                sport = rnd.nextBoolean() ? 1000 + rnd.nextInt(200) : 30000 + rnd.nextInt(2000);
            } while (!sports.add(sport));
            int dport = rnd.nextInt(4) == 0 ? 1 + rnd.nextInt(40000) : DPORTS[rnd.nextInt(DPORTS.length)];
            cases.add(new Case(i, r < 60 ? "tcp" : "udp", pick(env.cliAddrs()), sport, dst, dport));
        }
        raw();
        mangle();
        nat();
        filter();
        security();
        return out.toString();
    }

    private String pick(List<String> l) {
        return l.get(rnd.nextInt(l.size()));
    }

    private boolean chance(int percent) {
        return rnd.nextInt(100) < percent;
    }

    private void line(String s) {
        out.append(s).append('\n');
    }

    private String identify(Case c) {
        return c.proto().equals("icmp") ? "-s " + c.src() + "/32 -p icmp"
                : "-s " + c.src() + "/32 -p " + c.proto() + " -m " + c.proto() + " --sport " + c.sport();
    }

    private void raw() {
        line("*raw");
        line(":PREROUTING ACCEPT [0:0]");
        line(":OUTPUT ACCEPT [0:0]");
        for (Case c : cases) {
            line("-A PREROUTING " + identify(c) + " -m comment --comment \"arrived " + c.id() + "\"");
        }
        int k = rnd.nextInt(4);
        for (int i = 0; i < k; i++) {
            String m = matches(false, true);
            String t = switch (rnd.nextInt(6)) {
                case 0, 1 -> "-j CT --notrack";
                case 2 -> "-j DROP";
                case 3 -> "-j ACCEPT";
                case 4 -> "-j RETURN";
                default -> "";
            };
            line(("-A PREROUTING " + m + " " + t).replaceAll(" +", " ").strip());
        }
        line("COMMIT");
    }

    private void mangle() {
        line("*mangle");
        line(":PREROUTING " + (chance(5) ? "DROP" : "ACCEPT") + " [0:0]");
        line(":INPUT ACCEPT [0:0]");
        line(":FORWARD ACCEPT [0:0]");
        line(":OUTPUT ACCEPT [0:0]");
        line(":POSTROUTING ACCEPT [0:0]");
        line(":mk - [0:0]");
        for (String chain : new String[] {"PREROUTING", "INPUT", "mk"}) {
            int k = rnd.nextInt(chain.equals("mk") ? 4 : 5);
            for (int i = 0; i < k; i++) {
                String t = switch (rnd.nextInt(10)) {
                    case 0, 1 -> "-j MARK --set-xmark 0x" + Integer.toHexString(rnd.nextInt(8)) + "/0x"
                            + Integer.toHexString(rnd.nextBoolean() ? 0xffffffff : 0x7);
                    case 2 -> "-j MARK --or-mark 0x" + Integer.toHexString(1 << rnd.nextInt(3));
                    case 3 -> "-j CONNMARK --set-xmark 0x" + Integer.toHexString(rnd.nextInt(4)) + "/0xffffffff";
                    case 4 -> "-j CONNMARK --restore-mark --nfmask 0xffffffff --ctmask 0xffffffff";
                    case 5 -> chance(8) ? "-j DROP" : "-j ACCEPT";
                    case 6 -> "-j RETURN";
                    case 7 -> chain.equals("mk") ? "" : "-j mk";
                    default -> "";
                };
                line(("-A " + chain + " " + matches(true, false) + " " + t).replaceAll(" +", " ").strip());
            }
        }
        line("COMMIT");
    }

    private void nat() {
        line("*nat");
        line(":PREROUTING ACCEPT [0:0]");
        line(":INPUT ACCEPT [0:0]");
        line(":OUTPUT ACCEPT [0:0]");
        line(":POSTROUTING ACCEPT [0:0]");
        int k = rnd.nextInt(3);
        for (int i = 0; i < k; i++) {
            String t = switch (rnd.nextInt(4)) {
                case 0 -> "-j DNAT --to-destination " + pick(env.srvAddrs());
                case 1 -> "-j ACCEPT";
                case 2 -> "-j RETURN";
                default -> "";
            };
            line(("-A PREROUTING " + matches(true, false) + " " + t).replaceAll(" +", " ").strip());
        }
        if (chance(30)) {
            line("-A PREROUTING -p tcp -m tcp --dport " + DPORTS[rnd.nextInt(DPORTS.length)] + " -j DNAT --to-destination "
                    + pick(env.srvAddrs()) + ":" + DPORTS[rnd.nextInt(DPORTS.length)]);
        }
        if (chance(30)) {
            line("-A INPUT " + matches(true, false) + " -j ACCEPT");
        }
        line("COMMIT");
    }

    private void filter() {
        line("*filter");
        line(":INPUT " + (chance(50) ? "DROP" : "ACCEPT") + " [0:0]");
        line(":FORWARD ACCEPT [0:0]");
        line(":OUTPUT ACCEPT [0:0]");
        int chains = 1 + rnd.nextInt(4);
        for (int c = 1; c <= chains; c++) {
            line(":c" + c + " - [0:0]");
        }
        List<String> body = new ArrayList<>();
        body.addAll(filterRules("INPUT", 0, chains, 6 + rnd.nextInt(20)));
        for (int c = 1; c <= chains; c++) {
            body.addAll(filterRules("c" + c, c, chains, 2 + rnd.nextInt(8)));
        }
        body.forEach(this::line);
        line("COMMIT");
    }

    private List<String> filterRules(String chain, int self, int chains, int k) {
        List<String> l = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            String m = matches(true, false);
            int r = rnd.nextInt(100);
            String t;
            if (r < 22) {
                t = "-j ACCEPT";
            } else if (r < 40) {
                t = "-j DROP";
            } else if (r < 55) {
                t = m.contains("-p tcp") && !m.contains("! -p tcp") && chance(40) ? "-j REJECT --reject-with tcp-reset"
                        : "-j REJECT --reject-with " + REJECTS[rnd.nextInt(REJECTS.length)];
            } else if (r < 63) {
                t = "-j RETURN";
            } else if (r < 80 && self < chains) {
                int target = self + 1 + rnd.nextInt(chains - self);
                t = (chance(25) ? "-g c" : "-j c") + target;
            } else if (r < 88) {
                t = "-j LOG --log-prefix \"gen " + chain + " " + i + ": \"";
            } else {
                t = "";
            }
            l.add(("-A " + chain + " " + m + " " + t).replaceAll(" +", " ").strip());
        }
        return l;
    }

    private void security() {
        line("*security");
        line(":INPUT ACCEPT [0:0]");
        line(":FORWARD ACCEPT [0:0]");
        line(":OUTPUT ACCEPT [0:0]");
        for (Case c : cases) {
            line("-A INPUT " + identify(c) + " -m comment --comment \"accepted " + c.id() + "\"");
        }
        line("COMMIT");
    }

    /** Random matches; {@code afterConntrack} false in raw (before connection tracking). */
    private String matches(boolean afterConntrack, boolean raw) {
        List<String> parts = new ArrayList<>();
        int n = rnd.nextInt(4);
        boolean proto = false;
        Set<Integer> used = new HashSet<>();
        for (int i = 0; i < n; i++) {
            int kind = rnd.nextInt(14);
            if ((kind <= 1 || kind == 5) && !used.add(kind)) {
                continue;
            }
            switch (kind) {
                case 0 -> parts.add(neg(20) + "-s " + prefix(pick(env.cliAddrs())));
                case 1 -> parts.add(neg(20) + "-d " + prefix(pick(env.srvAddrs())));
                case 2, 3, 4 -> {
                    if (!proto) {
                        proto = true;
                        parts.add(protocol());
                    }
                }
                case 5 -> parts.add(neg(15) + "-i " + switch (rnd.nextInt(5)) {
                    case 0 -> env.srvIf();
                    case 1 -> env.srvIf().substring(0, 3) + "+";
                    case 2 -> "lo";
                    case 3 -> "eth+";
                    default -> "+";
                });
                case 6 -> parts.add(state(raw));
                case 7 -> parts.add("-m mark " + neg(20) + "--mark 0x" + Integer.toHexString(rnd.nextInt(8))
                        + (chance(50) ? "/0x7" : ""));
                case 8 -> parts.add("-m iprange " + neg(20) + (rnd.nextBoolean()
                        ? "--src-range " + range(env.cliAddrs()) : "--dst-range " + range(env.srvAddrs())));
                case 9 -> parts.add("-m addrtype " + neg(20) + (rnd.nextBoolean()
                        ? "--dst-type " + (chance(70) ? "LOCAL" : "UNICAST")
                        : "--src-type " + (chance(60) ? "UNICAST" : "LOCAL")));
                case 10 -> parts.add("-m mac " + neg(20) + "--mac-source "
                        + (chance(70) ? env.cliMac() : "02:00:00:00:00:01"));
                case 11 -> parts.add(chance(50) ? "-m limit --limit 10000/sec --limit-burst 10000"
                        : "-m comment --comment \"quoted \\\"text\\\" here\"");
                case 12 -> parts.add(chance(50) ? "-m recent --set --name seen --mask 255.255.255.255 --rsource"
                        : "-m recent " + neg(30) + "--rcheck --name never --mask 255.255.255.255 --rsource");
                default -> {
                    if (afterConntrack) {
                        parts.add("-m connmark " + neg(20) + "--mark 0x" + Integer.toHexString(rnd.nextInt(4)));
                    }
                }
            }
        }
        return String.join(" ", parts);
    }

    private String neg(int percent) {
        return chance(percent) ? "! " : "";
    }

    private String prefix(String addr) {
        int[] lens = {32, 30, 29, 28, 27, 26, 24, 16};
        int len = lens[rnd.nextInt(lens.length)];
        if (chance(10)) {
            return "192.168.0.0/16";
        }
        String[] o = addr.split("\\.");
        long a = (Long.parseLong(o[0]) << 24) | (Long.parseLong(o[1]) << 16) | (Long.parseLong(o[2]) << 8)
                | Long.parseLong(o[3]);
        long mask = len == 0 ? 0 : (0xffffffffL << (32 - len)) & 0xffffffffL;
        a &= mask;
        return ((a >> 24) & 255) + "." + ((a >> 16) & 255) + "." + ((a >> 8) & 255) + "." + (a & 255) + "/" + len;
    }

    private String range(List<String> addrs) {
        String a = pick(addrs);
        String b = pick(addrs);
        if (lastOctet(a) > lastOctet(b)) {
            String t = a;
            a = b;
            b = t;
        }
        return a + "-" + b;
    }

    private static int lastOctet(String a) {
        return Integer.parseInt(a.substring(a.lastIndexOf('.') + 1));
    }

    private String protocol() {
        int r = rnd.nextInt(10);
        if (r < 4) {
            String s = "-p tcp -m tcp";
            s += ports();
            if (chance(25)) {
                s += chance(50) ? " " + neg(30) + "--tcp-flags FIN,SYN,RST,ACK SYN" : " " + neg(30) + "--syn";
            }
            return chance(20) ? s + " -m multiport " + neg(20) + multi() : s;
        }
        if (r < 7) {
            String s = "-p udp -m udp" + ports();
            return chance(20) ? s + " -m multiport " + neg(20) + multi() : s;
        }
        if (r < 9) {
            String[] types = {"echo-request", "8", "0", "any", "3/3", "destination-unreachable", "8/0", "8/1"};
            return "-p icmp -m icmp " + neg(20) + "--icmp-type " + types[rnd.nextInt(types.length)];
        }
        return "! -p " + (rnd.nextBoolean() ? "tcp" : "udp");
    }

    private String ports() {
        String s = "";
        if (chance(40)) {
            s += " " + neg(20) + "--sport " + portSpec(true);
        }
        if (chance(60)) {
            s += " " + neg(20) + "--dport " + portSpec(false);
        }
        return s;
    }

    private String portSpec(boolean src) {
        int base = src ? (rnd.nextBoolean() ? 1000 : 30000) : DPORTS[rnd.nextInt(DPORTS.length)];
        return switch (rnd.nextInt(4)) {
            case 0 -> Integer.toString(base);
            case 1 -> base + ":" + (base + rnd.nextInt(src ? 1000 : 50));
            case 2 -> ":" + (base + rnd.nextInt(100));
            default -> base + ":";
        };
    }

    private String multi() {
        String opt = switch (rnd.nextInt(3)) {
            case 0 -> "--dports ";
            case 1 -> "--sports ";
            default -> "--ports ";
        };
        List<String> l = new ArrayList<>();
        int k = 1 + rnd.nextInt(4);
        for (int i = 0; i < k; i++) {
            int p = opt.equals("--sports ") ? 1000 + rnd.nextInt(200) : DPORTS[rnd.nextInt(DPORTS.length)];
            l.add(chance(30) ? p + ":" + (p + rnd.nextInt(100)) : Integer.toString(p));
        }
        return opt + String.join(",", l);
    }

    private String state(boolean raw) {
        String[] all = raw ? new String[] {"INVALID", "UNTRACKED", "NEW"}
            : new String[] {"NEW", "ESTABLISHED", "RELATED", "INVALID", "UNTRACKED"};
        List<String> pick = new ArrayList<>();
        for (String s : all) {
            if (chance(40)) {
                pick.add(s);
            }
        }
        if (pick.isEmpty()) {
            pick.add(all[rnd.nextInt(all.length)]);
        }
        return (rnd.nextBoolean() ? "-m state " + neg(20) + "--state " : "-m conntrack " + neg(20) + "--ctstate ")
                + String.join(",", pick);
    }
}
