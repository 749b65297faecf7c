package io.phoenixdiag.net.probe;

import io.phoenixdiag.pki.name.ReferenceIdentity;

import java.net.InetSocketAddress;
import java.security.PrivateKey;
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
 *   <tr><td>{@link Builder#knownIntermediates}</td><td>certificates</td><td>none; with them a server that omits its
 *       intermediate is told apart (MISSING_INTERMEDIATE) from an unknown issuer</td></tr>
 *   <tr><td>{@link Builder#clientCertificate}</td><td>private key + chain</td><td>none (an empty Certificate
 *       message is sent if the server asks, RFC 8446 section 4.4.2)</td></tr>
 *   <tr><td>{@link Builder#postHandshakeReadMs}</td><td>ms</td><td>1000; 0 to report success at the end of the
 *       handshake</td></tr>
 *   <tr><td>{@link Builder#tlsProvider}</td><td>-</td><td>{@link TlsProvider#JDK}</td></tr>
 * </table>
 *
 * <p>Client certificates and TLS 1.3: a TLS 1.3 client finishes its handshake before the server has seen its
 * certificate (RFC 8446 section 4.4.2, section 2), so a rejected client certificate shows only afterwards, as an alert
 * such as {@code certificate_required} or {@code bad_certificate}. When the server asked for a client certificate
 * (sent a CertificateRequest) and TLS 1.3 was negotiated, the probe therefore waits up to
 * {@link #postHandshakeReadMs()} for the server's first complete post-handshake record (a NewSessionTicket,
 * RFC 8446 section 4.6.1, or application data), an alert or a close, before it reports success.
 *
 * <p>{@link #toString()} never shows the client private key.
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
    private final List<X509Certificate> knownIntermediates;
    private final Optional<PrivateKey> clientKey;
    private final List<X509Certificate> clientChain;
    private final long postHandshakeReadMs;
    private final TlsProvider tlsProvider;

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
        this.knownIntermediates = List.copyOf(b.knownIntermediates);
        this.clientKey = b.clientKey;
        this.clientChain = List.copyOf(b.clientChain);
        this.postHandshakeReadMs = b.postHandshakeReadMs;
        this.tlsProvider = b.tlsProvider;
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
     * Certificates the validator may use to finish a path the server left incomplete (such as the Step-CA
     * intermediate); with them a missing intermediate is reported as {@code MISSING_INTERMEDIATE}.
     *
     * @return the certificates; may be empty
     */
    public List<X509Certificate> knownIntermediates() {
        return knownIntermediates;
    }

    /**
     * The client private key for mutual TLS.
     *
     * @return the key, or empty when the probe sends no client certificate
     */
    public Optional<PrivateKey> clientKey() {
        return clientKey;
    }

    /**
     * The client certificate chain for mutual TLS.
     *
     * @return end-entity first; empty when the probe sends no client certificate
     */
    public List<X509Certificate> clientChain() {
        return clientChain;
    }

    /**
     * How long to wait after a TLS 1.3 handshake in which the server asked for a client certificate, for its
     * first post-handshake record, alert or close (see the class comment).
     *
     * @return milliseconds, 0 when the probe does not wait
     */
    public long postHandshakeReadMs() {
        return postHandshakeReadMs;
    }

    /**
     * The TLS implementation the probe's client runs on.
     *
     * @return the provider; {@link TlsProvider#JDK} unless set
     */
    public TlsProvider tlsProvider() {
        return tlsProvider;
    }

    /**
     * A description without secrets.
     *
     * @return such as {@code TlsProbeRequest[127.0.0.1:8443/tcp sni=gw.phoenix.lan clientKey=<masked>]}
     */
    @Override
    public String toString() {
        return "TlsProbeRequest[" + io.phoenixdiag.net.probe.internal.Connects.target(target)
                + (sni.isEmpty() ? "" : " sni=" + sni) + (alpn.isEmpty() ? "" : " alpn=" + String.join(",", alpn))
                + (clientKey.isPresent() ? " clientKey=<masked>" : "") + "]";
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
        private List<X509Certificate> knownIntermediates = List.of();
        private Optional<PrivateKey> clientKey = Optional.empty();
        private List<X509Certificate> clientChain = List.of();
        private long postHandshakeReadMs = 1000;
        private TlsProvider tlsProvider = TlsProvider.JDK;

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
         * Sets certificates the validator may use to complete a path (not trust anchors).
         *
         * @param intermediates such as the Step-CA intermediate
         * @return this builder
         */
        public Builder knownIntermediates(Collection<X509Certificate> intermediates) {
            this.knownIntermediates = List.copyOf(intermediates);
            return this;
        }

        /**
         * Sets the client certificate for mutual TLS (RFC 8446 section 4.4.2): sent when the server asks for one
         * and the key's algorithm is among those it accepts.
         *
         * @param key   the private key of the end-entity certificate, such as one read by phoenix-pki's
         *              {@code PkiLoader.privateKey} or an {@code IssuedCertificate}'s key pair
         * @param chain the end-entity certificate first, then the intermediates to send
         * @return this builder
         * @throws IllegalArgumentException if {@code chain} is empty, or the key's algorithm differs from the
         *                                  end-entity certificate's public key algorithm
         */
        public Builder clientCertificate(PrivateKey key, List<X509Certificate> chain) {
            Objects.requireNonNull(key, "key");
            if (chain.isEmpty()) {
                throw new IllegalArgumentException("a client certificate chain needs at least the end-entity certificate");
            }
            String certAlg = chain.get(0).getPublicKey().getAlgorithm();
            if (!certAlg.equals(key.getAlgorithm())) {
                throw new IllegalArgumentException("the client key is " + key.getAlgorithm()
                        + " but the certificate's public key is " + certAlg);
            }
            this.clientKey = Optional.of(key);
            this.clientChain = List.copyOf(chain);
            return this;
        }

        /**
         * Sets how long to wait for the server's verdict on the client certificate after a TLS 1.3 handshake.
         *
         * @param ms milliseconds, 0 (do not wait) to {@link Integer#MAX_VALUE}
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder postHandshakeReadMs(long ms) {
            this.postHandshakeReadMs = ms == 0 ? 0 : Args.timeoutMs(ms, "postHandshakeReadMs");
            return this;
        }

        /**
         * Sets the TLS implementation the probe's client runs on.
         *
         * @param provider {@link TlsProvider#JDK} (the default) or {@link TlsProvider#OPENSSL} (needs
         *                 netty-tcnative on the class path; see {@link TlsProvider#isAvailable()})
         * @return this builder
         */
        public Builder tlsProvider(TlsProvider provider) {
            this.tlsProvider = Objects.requireNonNull(provider, "provider");
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
