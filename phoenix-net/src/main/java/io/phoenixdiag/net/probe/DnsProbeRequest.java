package io.phoenixdiag.net.probe;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;

/**
 * What a DNS probe asks one nameserver and what it expects. Immutable and thread-safe; build with
 * {@link #builder(InetSocketAddress, String, DnsQueryType)} or {@link #reverse(InetSocketAddress, InetAddress)}.
 *
 * <table>
 *   <caption>Options</caption>
 *   <tr><th>option</th><th>unit</th><th>default</th></tr>
 *   <tr><td>{@link Builder#expectAddresses}</td><td>addresses (A, AAAA)</td><td>none: any address matches</td></tr>
 *   <tr><td>{@link Builder#expectNames}</td><td>DNS names (CNAME, PTR)</td><td>none: any name matches</td></tr>
 *   <tr><td>{@link Builder#timeoutMs}</td><td>ms, for UDP and a TCP retry together</td><td>2000</td></tr>
 *   <tr><td>{@link Builder#tcpFallback}</td><td>-</td><td>true: a truncated UDP answer (TC bit, RFC 1035 section
 *       4.2.1, RFC 7766 section 5) is asked again over TCP</td></tr>
 * </table>
 */
public final class DnsProbeRequest {
    private final InetSocketAddress nameserver;
    private final String name;
    private final DnsQueryType type;
    private final List<String> expected;
    private final long timeoutMs;
    private final boolean tcpFallback;

    private DnsProbeRequest(Builder b) {
        this.nameserver = b.nameserver;
        this.name = b.name;
        this.type = b.type;
        this.expected = b.expected;
        this.timeoutMs = b.timeoutMs;
        this.tcpFallback = b.tcpFallback;
    }

    /**
     * Starts a request.
     *
     * @param nameserver a resolved nameserver address and port (53 for a standard server)
     * @param name       the fully qualified name to ask for, such as {@code gw.phoenix.lan}; no search domains apply
     * @param type       the record type
     * @return a new builder; not thread-safe
     * @throws IllegalArgumentException if the nameserver is unresolved or the name blank
     */
    public static Builder builder(InetSocketAddress nameserver, String name, DnsQueryType type) {
        return new Builder(nameserver, name, type);
    }

    /**
     * Starts a PTR request for an address's reverse name ({@code d.c.b.a.in-addr.arpa}, RFC 1035 section 3.5;
     * nibbles under {@code ip6.arpa} for IPv6, RFC 3596 section 2.5).
     *
     * @param nameserver a resolved nameserver address and port
     * @param address    the address whose name is wanted
     * @return a new builder
     * @throws IllegalArgumentException if the nameserver is unresolved
     */
    public static Builder reverse(InetSocketAddress nameserver, InetAddress address) {
        return new Builder(nameserver, reverseName(address), DnsQueryType.PTR);
    }

    /**
     * The reverse name of an address.
     *
     * @param address the address
     * @return such as {@code 12.0.0.10.in-addr.arpa}
     */
    public static String reverseName(InetAddress address) {
        byte[] b = address.getAddress();
        StringBuilder sb = new StringBuilder();
        if (address instanceof Inet4Address) {
            for (int i = b.length - 1; i >= 0; i--) {
                sb.append(b[i] & 0xff).append('.');
            }
            return sb.append("in-addr.arpa").toString();
        }
        for (int i = b.length - 1; i >= 0; i--) {
            sb.append(Integer.toHexString(b[i] & 0xf)).append('.').append(Integer.toHexString((b[i] >> 4) & 0xf))
                    .append('.');
        }
        return sb.append("ip6.arpa").toString();
    }

    /**
     * The nameserver.
     *
     * @return its address and port
     */
    public InetSocketAddress nameserver() {
        return nameserver;
    }

    /**
     * The name asked for.
     *
     * @return the name as given
     */
    public String name() {
        return name;
    }

    /**
     * The record type.
     *
     * @return the type
     */
    public DnsQueryType type() {
        return type;
    }

    /**
     * The expected answers, in textual form: RFC 5952 addresses for A/AAAA, lower-case names without the final dot
     * for CNAME/PTR.
     *
     * @return the expected answers; empty to accept any
     */
    public List<String> expected() {
        return expected;
    }

    /**
     * The timeout for the whole probe (UDP and a TCP retry).
     *
     * @return milliseconds
     */
    public long timeoutMs() {
        return timeoutMs;
    }

    /**
     * Whether a truncated UDP answer is asked again over TCP.
     *
     * @return true by default
     */
    public boolean tcpFallback() {
        return tcpFallback;
    }

    /** Builder for {@link DnsProbeRequest}. Not thread-safe; setters reject impossible values at once. */
    public static final class Builder {
        private final InetSocketAddress nameserver;
        private final String name;
        private final DnsQueryType type;
        private List<String> expected = List.of();
        private long timeoutMs = 2000;
        private boolean tcpFallback = true;

        private Builder(InetSocketAddress nameserver, String name, DnsQueryType type) {
            Objects.requireNonNull(nameserver, "nameserver");
            Objects.requireNonNull(type, "type");
            if (nameserver.isUnresolved()) {
                throw new IllegalArgumentException("nameserver must be a resolved address: " + nameserver);
            }
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("name must not be empty");
            }
            this.nameserver = nameserver;
            this.name = name;
            this.type = type;
        }

        /**
         * Sets the addresses the deployment declares for the name (A or AAAA queries).
         *
         * @param addresses the addresses, of the query's family
         * @return this builder
         * @throws IllegalArgumentException if the query is not A/AAAA or an address is of the other family
         */
        public Builder expectAddresses(List<InetAddress> addresses) {
            if (!type.isAddress() && !addresses.isEmpty()) {
                throw new IllegalArgumentException("a " + type + " query is compared with names, not addresses");
            }
            for (InetAddress a : addresses) {
                boolean v4 = a instanceof Inet4Address;
                if (v4 != (type == DnsQueryType.A) || (!v4 && !(a instanceof Inet6Address))) {
                    throw new IllegalArgumentException("expected address " + a.getHostAddress() + " cannot answer a "
                            + type + " query");
                }
            }
            this.expected = addresses.stream().map(io.phoenixdiag.net.probe.internal.Connects::address).toList();
            return this;
        }

        /**
         * Sets the names expected in a CNAME or PTR answer.
         *
         * @param names DNS names; case and a final dot are ignored
         * @return this builder
         * @throws IllegalArgumentException if the query is A/AAAA or a name is blank
         */
        public Builder expectNames(List<String> names) {
            if (type.isAddress() && !names.isEmpty()) {
                throw new IllegalArgumentException("a " + type + " query is compared with addresses, not names");
            }
            for (String n : names) {
                if (n.isBlank()) {
                    throw new IllegalArgumentException("expected names must not be blank");
                }
            }
            this.expected = names.stream().map(io.phoenixdiag.net.probe.internal.Connects::canonicalName).toList();
            return this;
        }

        /**
         * Sets the timeout.
         *
         * @param ms milliseconds, positive
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder timeoutMs(long ms) {
            this.timeoutMs = Args.timeoutMs(ms, "timeoutMs");
            return this;
        }

        /**
         * Sets whether a truncated UDP answer is retried over TCP.
         *
         * @param retry true to retry
         * @return this builder
         */
        public Builder tcpFallback(boolean retry) {
            this.tcpFallback = retry;
            return this;
        }

        /**
         * Builds the request.
         *
         * @return the request
         */
        public DnsProbeRequest build() {
            return new DnsProbeRequest(this);
        }
    }
}
