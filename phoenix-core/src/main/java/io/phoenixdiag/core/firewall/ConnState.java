package io.phoenixdiag.core.firewall;

/** The conntrack state of a packet ({@code -m conntrack --ctstate}; netfilter conntrack). */
public enum ConnState {
    /** The first packet of a connection. */
    NEW,
    /** A packet of a connection that has seen traffic both ways. */
    ESTABLISHED,
    /** A packet starting a connection related to an existing one (e.g. an ICMP error, FTP data). */
    RELATED,
    /** A packet conntrack could not associate with any connection. */
    INVALID
}
