package io.phoenixdiag.core.firewall.pvefile;

import io.phoenixdiag.core.firewall.GuestKind;
import io.phoenixdiag.core.firewall.GuestNic;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the NICs of a guest config ({@code /etc/pve/lxc/<id>.conf}, {@code /etc/pve/qemu-server/<id>.conf}):
 * the {@code netN} lines of the current configuration (snapshot sections after the first {@code [name]}
 * header are ignored) and, for VMs, the cloud-init {@code ipconfigN} addresses. Keys as in
 * pct.conf(5) / qm.conf(5): LXC {@code name,hwaddr,bridge,firewall,ip,ip6}; QEMU
 * {@code model=MAC} (or {@code macaddr}), {@code bridge}, {@code firewall}. Stateless.
 */
final class GuestConfigs {
    private static final Pattern NET = Pattern.compile("^(net\\d+):\\s*(.*?)\\s*$");
    private static final Pattern IPCONFIG = Pattern.compile("^ipconfig(\\d+):\\s*(.*?)\\s*$");
    private static final Pattern MAC = Pattern.compile("^[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2}){5}$");

    private GuestConfigs() {
    }

    /**
     * Parses the NICs of a guest config.
     *
     * @param text the config text
     * @param kind LXC or VM
     * @return the NICs by key, in written order
     */
    static Map<String, GuestNic> nics(String text, GuestKind kind) {
        Map<String, Map<String, String>> nets = new LinkedHashMap<>();
        Map<String, List<String>> extraAddresses = new LinkedHashMap<>();
        for (String raw : text.split("\n", -1)) {
            String line = raw.strip();
            if (line.startsWith("[")) {
                break;
            }
            Matcher m = NET.matcher(line);
            if (m.matches()) {
                nets.put(m.group(1), properties(m.group(2)));
                continue;
            }
            m = IPCONFIG.matcher(line);
            if (m.matches() && kind == GuestKind.VM) {
                Map<String, String> p = properties(m.group(2));
                List<String> a = new ArrayList<>();
                for (String k : List.of("ip", "ip6")) {
                    if (p.containsKey(k)) {
                        a.add(p.get(k));
                    }
                }
                extraAddresses.put("net" + m.group(1), a);
            }
        }
        Map<String, GuestNic> out = new LinkedHashMap<>();
        nets.forEach((key, p) -> {
            String mac = p.getOrDefault("hwaddr", p.getOrDefault("macaddr", ""));
            if (mac.isEmpty() && kind == GuestKind.VM) {
                for (String v : p.values()) {
                    if (MAC.matcher(v).matches()) {
                        mac = v;
                        break;
                    }
                }
            }
            List<String> addresses = new ArrayList<>();
            for (String k : List.of("ip", "ip6")) {
                if (p.containsKey(k)) {
                    addresses.add(p.get(k));
                }
            }
            addresses.addAll(extraAddresses.getOrDefault(key, List.of()));
            out.put(key, new GuestNic(key, "1".equals(p.get("firewall")), p.getOrDefault("bridge", ""),
                    mac.toLowerCase(Locale.ROOT), addresses));
        });
        return out;
    }

    private static Map<String, String> properties(String value) {
        Map<String, String> p = new LinkedHashMap<>();
        for (String part : value.split(",")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                p.put(part.substring(0, eq).trim().toLowerCase(Locale.ROOT), part.substring(eq + 1).trim());
            }
        }
        return p;
    }
}
