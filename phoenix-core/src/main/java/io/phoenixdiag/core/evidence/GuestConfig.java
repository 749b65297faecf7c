package io.phoenixdiag.core.evidence;

import io.phoenixdiag.core.config.LoadResult;
import io.phoenixdiag.core.diag.Finding;
import io.phoenixdiag.core.diag.Location;
import io.phoenixdiag.core.diag.Severity;
import io.phoenixdiag.core.firewall.GuestKind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Proxmox VE guest config ({@code /etc/pve/lxc/<CTID>.conf}, pct.conf(5); {@code /etc/pve/qemu-server/<VMID>.conf},
 * qm.conf(5)) as written: the options of the current configuration with their lines, and its network
 * devices ({@code netN}) with their properties and the {@code firewall=1} flag. Snapshot sections (after
 * the first {@code [name]} line) are not read. Immutable and thread-safe.
 *
 * @param kind    LXC or VM
 * @param vmid    the CTID/VMID
 * @param file    the file name used in locations
 * @param options every {@code key: value} option of the current configuration, in written order (for an
 *                option written twice the last wins, as pve-cluster reads it)
 * @param nets    the network devices in written order
 */
public record GuestConfig(GuestKind kind, int vmid, String file, Map<String, Option> options, List<NetDevice> nets) {
    private static final Pattern OPTION = Pattern.compile("^([A-Za-z][A-Za-z0-9_.-]*)\\s*[:=]\\s?(.*)$");
    private static final Pattern NET = Pattern.compile("^net(\\d+)$");
    private static final Pattern MAC = Pattern.compile("^[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2}){5}$");

    /**
     * Validates and copies the components.
     *
     * @param kind    the kind
     * @param vmid    the id
     * @param file    the file name
     * @param options the options
     * @param nets    the network devices
     * @throws NullPointerException if a component is null
     */
    public GuestConfig {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(file, "file");
        options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
        nets = List.copyOf(nets);
    }

    /**
     * One {@code key: value} line.
     *
     * @param key   the key as written, e.g. {@code hostname}
     * @param value the value, stripped
     * @param line  the 1-based line
     */
    public record Option(String key, String value, int line) {
        /**
         * Validates the components.
         *
         * @param key   the key
         * @param value the value
         * @param line  the line
         * @throws NullPointerException if a text is null
         */
        public Option {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * A network device line, e.g. {@code net0: name=eth0,bridge=vmbr0,firewall=1,ip=10.0.0.10/24} (LXC) or
     * {@code net0: virtio=BC:24:11:00:00:01,bridge=vmbr0,firewall=1} (QEMU).
     *
     * @param key        {@code net0}, {@code net1}...
     * @param properties the comma-separated {@code key=value} properties, keys lower-cased, in written order
     * @param firewall   whether {@code firewall=1} is set (pve-firewall filters the NIC only then)
     * @param bridge     the {@code bridge} property, or {@code ""}
     * @param mac        the MAC address ({@code hwaddr} for LXC, the model's value or {@code macaddr} for
     *                   QEMU), lower case, or {@code ""}
     * @param location   the line in the config file
     */
    public record NetDevice(String key, Map<String, String> properties, boolean firewall, String bridge, String mac,
                            Location location) {
        /**
         * Validates and copies the components.
         *
         * @param key        the key
         * @param properties the properties
         * @param firewall   the flag
         * @param bridge     the bridge
         * @param mac        the MAC
         * @param location   the location
         * @throws NullPointerException if a component is null
         */
        public NetDevice {
            Objects.requireNonNull(key, "key");
            properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
            Objects.requireNonNull(bridge, "bridge");
            Objects.requireNonNull(mac, "mac");
            Objects.requireNonNull(location, "location");
        }
    }

    /**
     * The guest's subject, e.g. {@code lxc:103}.
     *
     * @return the subject
     */
    public String subject() {
        return kind.subject(vmid);
    }

    /**
     * A network device by key.
     *
     * @param key e.g. {@code net0}
     * @return it, when the config has it
     */
    public Optional<NetDevice> net(String key) {
        return nets.stream().filter(n -> n.key().equals(key)).findFirst();
    }

    /**
     * An option's value.
     *
     * @param key e.g. {@code hostname}
     * @return its value, when set
     */
    public Optional<String> option(String key) {
        return Optional.ofNullable(options.get(key)).map(Option::value);
    }

    /**
     * Parses a guest config. Never throws for bad content: a line of the current configuration that is
     * neither blank, a {@code #} comment nor {@code key: value}, and a {@code netN} property without
     * {@code =}, are {@code evidence.guest-conf-syntax} WARNINGs naming the line; the rest is read.
     *
     * @param text the config text
     * @param file the file name for locations
     * @param kind LXC or VM
     * @param vmid the CTID/VMID (from the file name)
     * @return the config and the findings
     * @throws NullPointerException if an argument is null
     */
    public static LoadResult<GuestConfig> parse(String text, String file, GuestKind kind, int vmid) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(kind, "kind");
        List<Finding> findings = new ArrayList<>();
        Map<String, Option> options = new LinkedHashMap<>();
        Map<String, NetDevice> nets = new LinkedHashMap<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            int n = i + 1;
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("[")) {
                break;
            }
            Matcher m = OPTION.matcher(line);
            if (!m.matches()) {
                findings.add(syntax(file, n, "Line " + n + " of " + file + " is not 'key: value' (pct.conf(5), qm.conf(5));"
                        + " it is skipped."));
                continue;
            }
            Option o = new Option(m.group(1), m.group(2).strip(), n);
            options.put(o.key(), o);
            if (NET.matcher(o.key()).matches()) {
                nets.put(o.key(), net(o, kind, file, findings));
            }
        }
        return new LoadResult<>(new GuestConfig(kind, vmid, file, options, new ArrayList<>(nets.values())), findings);
    }

    private static NetDevice net(Option o, GuestKind kind, String file, List<Finding> findings) {
        Map<String, String> p = new LinkedHashMap<>();
        String firstMac = "";
        for (String part : o.value().split(",")) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                if (!part.isBlank()) {
                    findings.add(syntax(file, o.line(), o.key() + " on line " + o.line() + " of " + file
                            + " has a property without '=' ('" + part.strip() + "'); it is ignored."));
                }
                continue;
            }
            String k = part.substring(0, eq).strip().toLowerCase(Locale.ROOT);
            String v = part.substring(eq + 1).strip();
            p.put(k, v);
            if (firstMac.isEmpty() && MAC.matcher(v).matches()) {
                firstMac = v;
            }
        }
        String mac = kind == GuestKind.LXC ? p.getOrDefault("hwaddr", "") : p.getOrDefault("macaddr", firstMac);
        return new NetDevice(o.key(), p, "1".equals(p.get("firewall")), p.getOrDefault("bridge", ""),
                mac.toLowerCase(Locale.ROOT), Location.ofLine(file, o.line(), 1));
    }

    private static Finding syntax(String file, int line, String message) {
        return Finding.builder("evidence.guest-conf-syntax", Severity.WARNING).title("Guest config line not understood")
                .message(message).subject(file).location(Location.ofLine(file, line, 1)).build();
    }
}
