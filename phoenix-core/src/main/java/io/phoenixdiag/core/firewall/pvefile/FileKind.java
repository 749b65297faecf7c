package io.phoenixdiag.core.firewall.pvefile;

import java.util.List;
import java.util.Locale;

/**
 * The kind of a Proxmox VE firewall file, which decides the sections, options and rule types it may
 * hold (pve-firewall, src/PVE/Firewall.pm: the {@code $empty_conf} of {@code load_clusterfw_conf},
 * {@code load_hostfw_conf} and {@code load_vmfw_conf}, and {@code $rule_env_direction_lookup}).
 */
public enum FileKind {
    /** {@code /etc/pve/firewall/cluster.fw}: options, aliases, IPSets, rules, security groups. */
    CLUSTER("cluster", List.of("in", "out", "forward", "group"), true),
    /** {@code /etc/pve/nodes/<node>/host.fw}: options and rules. */
    HOST("host", List.of("in", "out", "forward", "group"), false),
    /** {@code /etc/pve/firewall/<vmid>.fw} of a QEMU VM: options, aliases, IPSets, rules. */
    VM("vm", List.of("in", "out", "group"), true),
    /** {@code /etc/pve/firewall/<ctid>.fw} of an LXC container: options, aliases, IPSets, rules. */
    CT("ct", List.of("in", "out", "group"), true);

    private final String ruleEnv;
    private final List<String> ruleTypes;
    private final boolean definesNames;

    FileKind(String ruleEnv, List<String> ruleTypes, boolean definesNames) {
        this.ruleEnv = ruleEnv;
        this.ruleTypes = ruleTypes;
        this.definesNames = definesNames;
    }

    /**
     * pve-firewall's name for the rule environment of the file.
     *
     * @return {@code cluster}, {@code host}, {@code vm} or {@code ct}
     */
    public String ruleEnv() {
        return ruleEnv;
    }

    /**
     * Whether a rule type may appear in the file's {@code [RULES]} section.
     *
     * @param type the rule type in any case ({@code IN}, {@code forward}...)
     * @return true when pve-firewall's {@code verify_rule} accepts it for this file
     */
    public boolean allowsRuleType(String type) {
        return ruleTypes.contains(type.toLowerCase(Locale.ROOT));
    }

    /**
     * Whether the file may hold {@code [ALIASES]} and {@code [IPSET name]} sections.
     *
     * @return true for the cluster and guest files
     */
    public boolean definesNames() {
        return definesNames;
    }

    /**
     * Whether the file is a guest's.
     *
     * @return true for {@link #VM} and {@link #CT}
     */
    public boolean isGuest() {
        return this == VM || this == CT;
    }
}
