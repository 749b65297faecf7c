package io.phoenixdiag.core.topology;

import java.util.Locale;

/**
 * The part a component plays in a Phoenix deployment. The report prints the lower-case,
 * dash-separated {@link #id()}.
 */
public enum Role {
    /** The Nginx gateway: terminates external TLS and proxies to the router. */
    GATEWAY,
    /** Traefik, the internal router: routes by host name to backends. */
    ROUTER,
    /** Step-CA (Smallstep), the internal PKI (feature {@code step_ca}). */
    CA,
    /** The DNS server guests name as nameserver (dnsmasq on the host in Phoenix). */
    DNS,
    /** The Portainer server ({@code portainer_role: primary}). */
    PORTAINER_SERVER,
    /** A Portainer agent ({@code portainer_role: agent}). */
    PORTAINER_AGENT,
    /** The NFS server exporting volumes to guests. */
    NFS_SERVER,
    /** A service published through the router ({@code traefik_service}). */
    BACKEND;

    /**
     * The report id.
     *
     * @return e.g. {@code portainer-server}
     */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * Parses a role id or constant name, case-insensitively, with {@code -} or {@code _}.
     *
     * @param text e.g. {@code gateway}, {@code portainer-agent}, {@code PORTAINER_AGENT}
     * @return the role
     * @throws IllegalArgumentException if no role has that name; the message lists the valid ids
     */
    public static Role parse(String text) {
        String norm = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (Role r : values()) {
            if (r.name().equals(norm)) {
                return r;
            }
        }
        StringBuilder ids = new StringBuilder();
        for (Role r : values()) {
            ids.append(ids.length() == 0 ? "" : ", ").append(r.id());
        }
        throw new IllegalArgumentException("unknown role '" + text + "': expected one of " + ids);
    }
}
