package io.phoenixdiag.net.iptables;

import java.util.List;

/**
 * A netfilter hook: where in the kernel's packet path the built-in chains of the tables run
 * (iptables(8) "TABLES"; the netfilter hook priorities of include/uapi/linux/netfilter_ipv4.h).
 *
 * <p>{@link #tables()} gives the order in which the tables' chains of the same name run at the hook,
 * by priority: raw (-300), connection tracking (-200), mangle (-150), nat destination NAT (-100),
 * filter (0), security (50), nat source NAT (100).
 */
public enum Hook {
    /** Every packet arriving on an interface, before routing. */
    PREROUTING(List.of("raw", "mangle", "nat")),
    /** Packets routed to a local socket. */
    INPUT(List.of("mangle", "filter", "security", "nat")),
    /** Packets routed through the host. */
    FORWARD(List.of("mangle", "filter", "security")),
    /** Locally generated packets, after routing. */
    OUTPUT(List.of("raw", "mangle", "nat", "filter", "security")),
    /** Every packet leaving on an interface. */
    POSTROUTING(List.of("mangle", "nat"));

    private final List<String> tables;

    Hook(List<String> tables) {
        this.tables = tables;
    }

    /**
     * The tables whose chain of this name run at this hook, in kernel order.
     *
     * @return the table names, e.g. {@code [mangle, filter, security, nat]} for INPUT
     */
    public List<String> tables() {
        return tables;
    }

    /**
     * The hooks a packet passes on the given path, in order.
     *
     * @param forwarded true for a packet routed through the host, false for one delivered locally
     * @return {@code [PREROUTING, FORWARD, POSTROUTING]} or {@code [PREROUTING, INPUT]}
     */
    public static List<Hook> inbound(boolean forwarded) {
        return forwarded ? List.of(PREROUTING, FORWARD, POSTROUTING) : List.of(PREROUTING, INPUT);
    }
}
