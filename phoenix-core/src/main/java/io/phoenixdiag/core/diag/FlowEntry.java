package io.phoenixdiag.core.diag;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One intended flow (source, destination, L4 protocol, destination port) and what each layer of
 * evidence says about it.
 *
 * <p>Part of the report contract (JSON {@code flows[]}: {@code id}, {@code source}, {@code destination},
 * {@code protocol}, {@code port}, {@code scheme}, {@code purpose}, {@code impliedBy[]}, {@code active},
 * {@code verdicts[]}, {@code summary}). Immutable and thread-safe; build with
 * {@link #builder(String, String, String, int)}. Verdicts are kept one per {@link FlowLayer}, in the
 * layers' declaration order (intent, pve-fw, iptables, live, capture).
 *
 * <h2>Summary rule</h2>
 * {@link #summary()} is the state a reader should act on: the state of the most authoritative layer
 * (see {@link FlowLayer#authority()}: live = capture &gt; iptables &gt; pve-fw &gt; intent) whose verdict
 * is not {@link FlowState#UNKNOWN}; between layers of equal authority a blocked state wins over
 * {@link FlowState#ALLOWED} (the first such layer in declaration order when several block). A layer
 * that cannot decide does not hide what a less authoritative layer knows. When no layer decides (or
 * there is no verdict), the summary is {@link FlowState#UNKNOWN}.
 *
 * @param id          a stable key, by default {@link #idOf(String, String, String, int)}, e.g.
 *                    {@code lxc:102->lxc:103/tcp/9000}
 * @param source      the subject string of the initiating endpoint: {@code host}, {@code external},
 *                    {@code lxc:102}, {@code vm:1001}
 * @param destination the subject string of the answering endpoint
 * @param protocol    the L4 protocol, lower-case: {@code tcp}, {@code udp}, {@code icmp}
 * @param port        the destination port 1-65535, or 0 when the protocol has none
 * @param scheme      the application scheme spoken on it ({@code https}, {@code http}, {@code dns}...) or
 *                    {@code ""}
 * @param purpose     why the flow exists, one line, e.g. {@code CA client to Step-CA (ACME)}, or {@code ""}
 * @param impliedBy   the config facts that imply the flow, each with its location when known
 * @param active      {@code false} when an endpoint is inactive (not started at boot, VM template): such a
 *                    flow is listed but its problems are not errors
 * @param verdicts    at most one verdict per layer
 */
public record FlowEntry(String id, String source, String destination, String protocol, int port, String scheme,
                        String purpose, List<Evidence> impliedBy, boolean active, List<FlowVerdict> verdicts) {

    private static final Pattern PROTOCOL = Pattern.compile("[a-z0-9][a-z0-9-]*");

    /**
     * Validates the components and orders the verdicts by layer.
     *
     * @param id the key
     * @param source the source subject
     * @param destination the destination subject
     * @param protocol the L4 protocol
     * @param port the destination port or 0
     * @param scheme the scheme or {@code ""}
     * @param purpose the purpose or {@code ""}
     * @param impliedBy the implying facts
     * @param active whether both ends are active
     * @param verdicts the verdicts, at most one per layer
     * @throws NullPointerException if any component or list element is null
     * @throws IllegalArgumentException if {@code id}, {@code source} or {@code destination} is blank,
     *         {@code protocol} is not lower-case alphanumeric, {@code port} is outside 0-65535, or two
     *         verdicts have the same layer
     */
    public FlowEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(purpose, "purpose");
        if (id.isBlank() || source.isBlank() || destination.isBlank()) {
            throw new IllegalArgumentException("flow needs an id, a source and a destination");
        }
        if (!PROTOCOL.matcher(protocol).matches()) {
            throw new IllegalArgumentException("flow " + id + ": protocol must be lower-case like tcp, udp, icmp: " + protocol);
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("flow " + id + ": port must be 0-65535: " + port);
        }
        impliedBy = List.copyOf(impliedBy);
        Set<FlowLayer> seen = EnumSet.noneOf(FlowLayer.class);
        for (FlowVerdict v : verdicts) {
            if (!seen.add(v.layer())) {
                throw new IllegalArgumentException("flow " + id + " has two " + v.layer().id() + " verdicts");
            }
        }
        List<FlowVerdict> sorted = new ArrayList<>(verdicts);
        sorted.sort(Comparator.comparing(FlowVerdict::layer));
        verdicts = List.copyOf(sorted);
    }

    /**
     * The default flow key: {@code source->destination/protocol/port}.
     *
     * @param source      the source subject
     * @param destination the destination subject
     * @param protocol    the L4 protocol
     * @param port        the destination port or 0
     * @return e.g. {@code lxc:102->lxc:103/tcp/9000}
     */
    public static String idOf(String source, String destination, String protocol, int port) {
        return source + "->" + destination + "/" + protocol + "/" + port;
    }

    /**
     * Starts a flow whose id is {@link #idOf(String, String, String, int)}; it is active, has no scheme,
     * purpose, implying facts or verdicts until set.
     *
     * @param source      the source subject
     * @param destination the destination subject
     * @param protocol    the L4 protocol, lower-case
     * @param port        the destination port or 0
     * @return a new builder; not thread-safe
     */
    public static Builder builder(String source, String destination, String protocol, int port) {
        return new Builder(source, destination, protocol, port);
    }

    /**
     * A builder holding this flow's values, to derive a changed copy.
     *
     * @return a new builder; not thread-safe
     */
    public Builder toBuilder() {
        Builder b = new Builder(source, destination, protocol, port).id(id).scheme(scheme).purpose(purpose).active(active);
        impliedBy.forEach(b::impliedBy);
        verdicts.forEach(b::verdict);
        return b;
    }

    /**
     * This flow with a verdict added, replacing the verdict of the same layer if there is one.
     *
     * @param verdict the verdict
     * @return a new flow entry
     */
    public FlowEntry withVerdict(FlowVerdict verdict) {
        return toBuilder().verdict(verdict).build();
    }

    /**
     * The verdict of one layer.
     *
     * @param layer the layer
     * @return its verdict, or empty when that layer said nothing about the flow
     */
    public Optional<FlowVerdict> verdict(FlowLayer layer) {
        return verdicts.stream().filter(v -> v.layer() == layer).findFirst();
    }

    /**
     * The verdict that decides the {@link #summary()} (see the class documentation for the rule).
     *
     * @return the deciding verdict, or empty when no layer decided
     */
    public Optional<FlowVerdict> deciding() {
        FlowVerdict best = null;
        for (FlowVerdict v : verdicts) {
            if (v.state() == FlowState.UNKNOWN) {
                continue;
            }
            if (best == null || v.layer().authority() > best.layer().authority()
                    || v.layer().authority() == best.layer().authority() && v.state().isBlocked() && !best.state().isBlocked()) {
                best = v;
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * The state a reader should act on (see the class documentation for the rule).
     *
     * @return the deciding verdict's state, or {@link FlowState#UNKNOWN} when no layer decided
     */
    public FlowState summary() {
        return deciding().map(FlowVerdict::state).orElse(FlowState.UNKNOWN);
    }

    /**
     * The protocol and port as written in labels: {@code tcp/9000}, or just {@code icmp} when there is no port.
     *
     * @return the label
     */
    public String protocolPort() {
        return port == 0 ? protocol : protocol + "/" + port;
    }

    /**
     * Builder for {@link FlowEntry}. Not thread-safe; {@link #build()} may be called more than once.
     */
    public static final class Builder {
        private final String source;
        private final String destination;
        private final String protocol;
        private final int port;
        private String id;
        private String scheme = "";
        private String purpose = "";
        private boolean active = true;
        private final List<Evidence> impliedBy = new ArrayList<>();
        private final List<FlowVerdict> verdicts = new ArrayList<>();

        private Builder(String source, String destination, String protocol, int port) {
            this.source = Objects.requireNonNull(source, "source");
            this.destination = Objects.requireNonNull(destination, "destination");
            this.protocol = Objects.requireNonNull(protocol, "protocol");
            this.port = port;
            this.id = idOf(source, destination, protocol, port);
        }

        /**
         * Replaces the default id.
         *
         * @param id the flow key, not blank
         * @return this builder
         */
        public Builder id(String id) {
            this.id = Objects.requireNonNull(id, "id");
            return this;
        }

        /**
         * Sets the application scheme.
         *
         * @param scheme e.g. {@code https}, or {@code ""}
         * @return this builder
         */
        public Builder scheme(String scheme) {
            this.scheme = Objects.requireNonNull(scheme, "scheme");
            return this;
        }

        /**
         * Sets why the flow exists.
         *
         * @param purpose one line
         * @return this builder
         */
        public Builder purpose(String purpose) {
            this.purpose = Objects.requireNonNull(purpose, "purpose");
            return this;
        }

        /**
         * Sets whether both endpoints are active.
         *
         * @param active {@code false} when an endpoint is not started at boot or is a template
         * @return this builder
         */
        public Builder active(boolean active) {
            this.active = active;
            return this;
        }

        /**
         * Adds a config fact implying the flow.
         *
         * @param fact the fact, with its location when known
         * @return this builder
         */
        public Builder impliedBy(Evidence fact) {
            this.impliedBy.add(Objects.requireNonNull(fact, "fact"));
            return this;
        }

        /**
         * Adds a config fact implying the flow, read at a location.
         *
         * @param text     the fact
         * @param location where it was read
         * @return this builder
         */
        public Builder impliedBy(String text, Location location) {
            return impliedBy(Evidence.of(text, location));
        }

        /**
         * Adds a verdict, replacing an earlier verdict of the same layer.
         *
         * @param verdict the verdict
         * @return this builder
         */
        public Builder verdict(FlowVerdict verdict) {
            Objects.requireNonNull(verdict, "verdict");
            verdicts.removeIf(v -> v.layer() == verdict.layer());
            verdicts.add(verdict);
            return this;
        }

        /**
         * Builds the flow.
         *
         * @return the immutable flow entry
         * @throws IllegalArgumentException if a component is invalid (see the canonical constructor)
         */
        public FlowEntry build() {
            return new FlowEntry(id, source, destination, protocol, port, scheme, purpose, impliedBy, active, verdicts);
        }
    }
}
