package io.phoenixdiag.core.diag;

import java.util.Locale;

/**
 * A source of evidence about a flow, in increasing order of authority.
 *
 * <p>Part of the report contract (JSON {@code flows[].verdicts[].layer}, written as {@link #id()}).
 * The authority order decides a flow's {@link FlowEntry#summary() summary}: what was observed
 * ({@link #LIVE}, {@link #CAPTURE}) beats what the kernel is configured to do ({@link #IPTABLES}),
 * which beats what Proxmox is configured to do ({@link #PVE_FW}), which beats what the Phoenix JSON
 * intends ({@link #INTENT}). New layers may be added without bumping the schema version.
 */
public enum FlowLayer {
    /** The Phoenix JSON configuration evaluated with Proxmox firewall semantics (the configured intent). */
    INTENT("intent", 1),
    /** The Proxmox VE firewall files ({@code cluster.fw}, {@code host.fw}, {@code <vmid>.fw}) of the host. */
    PVE_FW("pve-fw", 2),
    /** The host's netfilter rules as dumped by {@code iptables-save}. */
    IPTABLES("iptables", 3),
    /** A live probe (TCP/TLS/HTTP/DNS) from the source to the destination. */
    LIVE("live", 4),
    /** A packet capture of the flow. */
    CAPTURE("capture", 4);

    private final String id;
    private final int authority;

    FlowLayer(String id, int authority) {
        this.id = id;
        this.authority = authority;
    }

    /**
     * The contract name of this layer.
     *
     * @return the lower-case id used in JSON, e.g. {@code pve-fw}
     */
    public String id() {
        return id;
    }

    /**
     * How much this layer's verdict counts: higher wins. {@link #LIVE} and {@link #CAPTURE} rank equal.
     *
     * @return the rank, 1 (intent) to 4 (observed)
     */
    public int authority() {
        return authority;
    }

    /**
     * Finds a layer by its contract id.
     *
     * @param id the id, such as {@code iptables}; case-insensitive
     * @return the layer
     * @throws IllegalArgumentException if no layer has that id; the message lists the known ids
     */
    public static FlowLayer ofId(String id) {
        String wanted = id.toLowerCase(Locale.ROOT);
        for (FlowLayer layer : values()) {
            if (layer.id.equals(wanted)) {
                return layer;
            }
        }
        throw new IllegalArgumentException("unknown flow layer '" + id + "', expected one of intent, pve-fw, iptables, live, capture");
    }
}
