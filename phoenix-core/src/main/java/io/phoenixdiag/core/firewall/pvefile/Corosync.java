package io.phoenixdiag.core.firewall.pvefile;

import io.phoenixdiag.core.firewall.HostFirewall;
import io.phoenixdiag.core.firewall.IpAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the {@code nodelist} of {@code corosync.conf} (corosync.conf(5)): each node's name and its
 * {@code ringN_addr}/{@code linkN_addr} addresses, and turns them into the corosync links pve-firewall
 * accepts on the local node ({@code enable_host_firewall}: for every other node and every ring both
 * have, udp/5404:5405 from the peer's ring address to the local one). Ring addresses that are host
 * names are not resolved (offline), and are listed in {@link Links#unresolved()}. Stateless.
 */
final class Corosync {
    private static final Pattern KV = Pattern.compile("^(\\w+)\\s*:\\s*(\\S+)\\s*$");

    /** The links of the local node and the ring addresses that could not be used. */
    record Links(List<HostFirewall.CorosyncLink> links, List<String> unresolved, boolean localFound) {
    }

    private Corosync() {
    }

    static Links links(String text, String localNode) {
        Map<String, Map<String, String>> nodes = new LinkedHashMap<>();
        int depth = 0;
        boolean inNodelist = false;
        Map<String, String> current = null;
        for (String raw : text.split("\n", -1)) {
            String line = raw.strip();
            if (line.startsWith("#") || line.isEmpty()) {
                continue;
            }
            if (line.endsWith("{")) {
                String name = line.substring(0, line.length() - 1).trim();
                depth++;
                if (depth == 1 && name.equals("nodelist")) {
                    inNodelist = true;
                } else if (inNodelist && depth == 2 && name.equals("node")) {
                    current = new LinkedHashMap<>();
                }
                continue;
            }
            if (line.equals("}")) {
                if (current != null && depth == 2) {
                    nodes.put(current.getOrDefault("name", "node" + nodes.size()), current);
                    current = null;
                }
                depth--;
                if (depth == 0) {
                    inNodelist = false;
                }
                continue;
            }
            Matcher m = KV.matcher(line);
            if (current != null && m.matches()) {
                current.put(m.group(1), m.group(2));
            }
        }
        List<HostFirewall.CorosyncLink> links = new ArrayList<>();
        List<String> unresolved = new ArrayList<>();
        Map<String, String> local = nodes.get(localNode);
        if (local == null) {
            return new Links(links, unresolved, false);
        }
        for (Map.Entry<String, Map<String, String>> n : nodes.entrySet()) {
            if (n.getKey().equals(localNode)) {
                continue;
            }
            for (Map.Entry<String, String> kv : n.getValue().entrySet()) {
                String key = kv.getKey();
                if (!key.matches("(ring|link)\\d+_addr") || !local.containsKey(key)) {
                    continue;
                }
                String mine = local.get(key);
                String peer = kv.getValue();
                if (IpAddress.tryParse(mine).isEmpty() || IpAddress.tryParse(peer).isEmpty()) {
                    unresolved.add(n.getKey() + " " + key + " " + peer);
                    continue;
                }
                links.add(new HostFirewall.CorosyncLink(mine, peer));
            }
        }
        return new Links(links, unresolved, true);
    }
}
