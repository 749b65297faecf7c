package io.phoenixdiag.net.probe;

import io.phoenixdiag.pki.name.ReferenceIdentity;

import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a TLS probe does: where it connects, the SNI and ALPN it offers, the trust anchors and reference
 * identity it validates the served chain against, and its timeouts. Immutable and thread-safe; build with
 * {@link #builder(InetSocketAddress)}.
 *
 * <table>
 *   <caption>Options</caption>
 *   <tr><th>option</th><th>unit</th><th>default</th></tr>
 *   <tr><td>{@link Builder#sni}</td><td>DNS name</td><td>none</td></tr>
 *   <tr><td>{@link Builder#alpn}</td><td>protocol ids (RFC 7301)</td><td>none</td></tr>
 *   <tr><td>{@link Builder#trustAnchors}</td><td>certificates</td><td>none (every chain is UNTRUSTED)</td></tr>
 *   <tr><td>{@link Builder#referenceIdentity}</td><td>RFC 9525</td><td>the SNI as a DNS-ID, else the target's IP address as an IP-ID</td></tr>
 *   <tr><td>{@link Builder#connectTimeoutMs}</td><td>ms</td><td>3000</td></tr>
 *   <tr><td>{@link Builder#handshakeTimeoutMs}</td><td>ms</td><td>5000</td></tr>
 *   <tr><td>{@link Builder#clock}</td><td>-</td><td>{@link Clock#systemUTC()}</td></tr>
 * </table>
 */
public final class TlsProbeRequest {
    private final InetSocketAddress target;
    private final String sni;
    private final List<String> alpn;
    private final List<X509Certificate> trustAnchors;
    private final ReferenceIdentity referenceIdentity;
    private final long connectTimeoutMs;
    private final long handshakeTimeoutMs;
    private final Clock clock;

    private TlsProbeRequest(Builder b) {
        this.target = b.target;
        this.sni = b.sni;
        this.alpn = List.copyOf(b.alpn);
        this.trustAnchors = List.copyOf(b.trustAnchors);
        this.referenceIdentity = b.referenceIdentity.orElseGet(() -> b.sni.isEmpty()
                ? ReferenceIdentity.ip(target.getAddress().getHostAddress()) : ReferenceIdentity.dns(b.sni));
        this.connectTimeoutMs = b.connectTimeoutMs;
        this.handshakeTimeoutMs = b.handshakeTimeoutMs;
        this.clock = b.clock;
    }

    /**
     * Starts a request.
     *
     * @param target a resolved address and port (the probe never resolves names)
     * @return a new builder; not thread-safe
     * @throws IllegalArgumentException if {@code target} is unresolved
     */
    public static Builder builder(InetSocketAddress target) {
        return new Builder(target);
    }

    /**
     * The address to connect to.
     *
     * @return the resolved address and port
     */
    public InetSocketAddress target() {
        return target;
    }

    /**
     * The SNI server name.
     *
     * @return the DNS name, or {@code ""} to send no SNI
     */
    public String sni() {
        return sni;
    }

    /**
     * The ALPN protocols to offer.
     *
     * @return protocol ids in preference order; empty to offer none
     */
    public List<String> alpn() {
        return alpn;
    }

    /**
     * The trust anchors the served chain is validated against.
     *
     * @return the anchors; may be empty
     */
    public List<X509Certificate> trustAnchors() {
        return trustAnchors;
    }

    /**
     * The identity the end-entity certificate must match.
     *
     * @return the reference identity
     */
    public ReferenceIdentity referenceIdentity() {
        return referenceIdentity;
    }

    /**
     * The connect timeout.
     *
     * @return milliseconds, positive
     */
    public long connectTimeoutMs() {
        return connectTimeoutMs;
    }

    /**
     * The handshake timeout, counted from the moment the TCP connection is up.
     *
     * @return milliseconds, positive
     */
    public long handshakeTimeoutMs() {
        return handshakeTimeoutMs;
    }

    /**
     * The clock for validity checks and the lifetime fraction.
     *
     * @return the clock
     */
    public Clock clock() {
        return clock;
    }

    /**
     * Builder for {@link TlsProbeRequest}. Not thread-safe; setters reject impossible values at once.
     */
    public static final class Builder {
        private final InetSocketAddress target;
        private String sni = "";
        private List<String> alpn = List.of();
        private List<X509Certificate> trustAnchors = List.of();
        private Optional<ReferenceIdentity> referenceIdentity = Optional.empty();
        private long connectTimeoutMs = 3000;
        private long handshakeTimeoutMs = 5000;
        private Clock clock = Clock.systemUTC();

        private Builder(InetSocketAddress target) {
            Objects.requireNonNull(target, "target");
            if (target.isUnresolved()) {
                throw new IllegalArgumentException("target must be a resolved address: " + target);
            }
            this.target = target;
        }

        /**
         * Sets the SNI server name (RFC 6066 section 3: a DNS host name, never an IP literal).
         *
         * @param serverName the DNS name, or {@code ""} for no SNI
         * @return this builder
         * @throws IllegalArgumentException if {@code serverName} is an IP literal
         */
        public Builder sni(String serverName) {
            Objects.requireNonNull(serverName, "serverName");
            if (ReferenceIdentity.parseIp(serverName).isPresent()) {
                throw new IllegalArgumentException("SNI must be a DNS name, not an IP literal (RFC 6066 section 3): "
                        + serverName);
            }
            this.sni = serverName;
            return this;
        }

        /**
         * Sets the ALPN protocols to offer (RFC 7301), such as {@code h2}, {@code http/1.1}.
         *
         * @param protocols protocol ids in preference order
         * @return this builder
         * @throws IllegalArgumentException if a protocol id is empty
         */
        public Builder alpn(String... protocols) {
            for (String p : protocols) {
                if (p.isEmpty()) {
                    throw new IllegalArgumentException("ALPN protocol ids must not be empty");
                }
            }
            this.alpn = List.of(protocols);
            return this;
        }

        /**
         * Sets the trust anchors, such as the Step-CA root.
         *
         * @param anchors the anchors
         * @return this builder
         */
        public Builder trustAnchors(Collection<X509Certificate> anchors) {
            this.trustAnchors = List.copyOf(anchors);
            return this;
        }

        /**
         * Sets the reference identity (RFC 9525) the end-entity certificate must match.
         *
         * @param reference the identity
         * @return this builder
         */
        public Builder referenceIdentity(ReferenceIdentity reference) {
            this.referenceIdentity = Optional.of(reference);
            return this;
        }

        /**
         * Sets the connect timeout.
         *
         * @param ms milliseconds, positive
         * @return this builder
         * @throws IllegalArgumentException if not positive
         */
        public Builder connectTimeoutMs(long ms) {
            this.connectTimeoutMs = Args.timeoutMs(ms, "connectTimeoutMs");
            return this;
        }

        /**
         * Sets the handshake timeout.
         *
         * @param ms milliseconds, positive
         * @return this builder
         * @throws IllegalArgumentException if not positive
         */
        public Builder handshakeTimeoutMs(long ms) {
            this.handshakeTimeoutMs = Args.timeoutMs(ms, "handshakeTimeoutMs");
            return this;
        }

        /**
         * Sets the clock used for validity checks.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Builds the request.
         *
         * @return the request
         */
        public TlsProbeRequest build() {
            return new TlsProbeRequest(this);
        }
    }
}
