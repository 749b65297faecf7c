package io.phoenixdiag.core.firewall;

import io.phoenixdiag.core.diag.Location;

/** Test helpers: a rule from a {@code .fw}-style line (test-only; the product parser is a later issue). */
final class Fw {
    private Fw() {
    }

    static FirewallRule rule(String line) {
        return rule(line, 0);
    }

    static FirewallRule rule(String line, int lineNo) {
        String comment = "";
        int hash = line.indexOf('#');
        if (hash >= 0) {
            comment = line.substring(hash + 1).trim();
            line = line.substring(0, hash);
        }
        boolean enabled = true;
        line = line.trim();
        if (line.startsWith("|")) {
            enabled = false;
            line = line.substring(1);
        }
        String[] t = line.trim().split("\\s+");
        Direction dir = Direction.valueOf(t[0].toUpperCase());
        FirewallRule.Builder b;
        if (dir == Direction.GROUP) {
            b = FirewallRule.group(t[1]);
        } else {
            String a = t[1];
            String macro = "";
            int paren = a.indexOf('(');
            if (paren > 0) {
                macro = a.substring(0, paren);
                a = a.substring(paren + 1, a.length() - 1);
            }
            b = FirewallRule.builder(dir, Action.valueOf(a)).macro(macro);
        }
        for (int i = 2; i + 1 < t.length; i += 2) {
            String v = t[i + 1];
            switch (t[i]) {
                case "-i": b.iface(v); break;
                case "-p": b.proto(v); break;
                case "-dport": b.dport(v); break;
                case "-sport": b.sport(v); break;
                case "-source": b.source(v); break;
                case "-dest": b.dest(v); break;
                case "-icmp-type": b.icmpType(v); break;
                case "-log": b.log(v); break;
                default: throw new IllegalArgumentException(t[i]);
            }
        }
        if (lineNo > 0) {
            b.origin(Location.ofLine("test.fw", lineNo, 1));
        }
        return b.enabled(enabled).comment(comment).build();
    }

    static FirewallRule[] rules(String... lines) {
        FirewallRule[] out = new FirewallRule[lines.length];
        for (int i = 0; i < lines.length; i++) {
            out[i] = rule(lines[i], i + 1);
        }
        return out;
    }

    static DatacenterFirewall.Builder dc() {
        return DatacenterFirewall.builder().options(DatacenterOptions.builder().enable(true).build());
    }

    static GuestFirewall.Builder guest(GuestKind kind, int id, boolean enable) {
        return GuestFirewall.builder(kind, id).options(GuestOptions.builder().enable(enable).build());
    }
}
