package io.phoenixdiag.capture.source;

import io.phoenixdiag.core.topology.Endpoint;
import io.phoenixdiag.core.topology.IntendedFlow;
import io.phoenixdiag.core.topology.Topology;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A BPF capture filter in pcap-filter(7) syntax, built from the deployment's flows or guests, or given raw.
 * Filters built from flows also let ICMP and ICMPv6 through, so that the destination-unreachable answers
 * of REJECT rules are captured with the flows they refuse.
 *
 * @param expression the pcap-filter expression; {@code ""} captures everything
 */
public record BpfFilter(String expression) {
    /**
     * Validates the expression.
     *
     * @param expression the expression
     */
    public BpfFilter {
        Objects.requireNonNull(expression, "expression");
    }

    /**
     * Captures everything.
     *
     * @return the empty filter
     */
    public static BpfFilter all() {
        return new BpfFilter("");
    }

    /**
     * A raw expression, passed to libpcap unchanged (the escape hatch).
     *
     * @param expression e.g. {@code tcp port 9443 and host 10.0.0.101}
     * @return the filter
     */
    public static BpfFilter raw(String expression) {
        return new BpfFilter(expression.strip());
    }

    /**
     * Traffic to or from any of the guests' addresses (guests without a static address are skipped).
     *
     * @param guests   the guests (or the host)
     * @param topology where their addresses come from
     * @return {@code host A or host B ...}, or the empty filter when no guest has an address
     */
    public static BpfFilter forGuests(Collection<Endpoint> guests, Topology topology) {
        Set<String> hosts = new LinkedHashSet<>();
        for (Endpoint e : guests) {
            topology.addressOf(e).ifPresent(hosts::add);
        }
        List<String> parts = new ArrayList<>();
        for (String h : hosts) {
            parts.add("host " + h);
        }
        return new BpfFilter(String.join(" or ", parts));
    }

    /**
     * The packets of the given flows in both directions, plus ICMP/ICMPv6: for each flow
     * {@code (PROTO port P and host SRC and host DST)}, leaving out an end whose address is unknown.
     *
     * @param flows    intended flows
     * @param topology where the endpoints' addresses come from
     * @return the filter; the empty filter for no flows
     */
    public static BpfFilter forFlows(Collection<IntendedFlow> flows, Topology topology) {
        Set<String> parts = new LinkedHashSet<>();
        for (IntendedFlow f : flows) {
            StringBuilder sb = new StringBuilder("(").append(f.protocol()).append(" port ").append(f.port());
            address(f.source(), f.externalAddress(), topology).ifPresent(a -> sb.append(" and host ").append(a));
            address(f.destination(), f.externalAddress(), topology).ifPresent(a -> sb.append(" and host ").append(a));
            parts.add(sb.append(')').toString());
        }
        if (parts.isEmpty()) {
            return all();
        }
        return new BpfFilter(String.join(" or ", parts) + " or icmp or icmp6");
    }

    private static Optional<String> address(Endpoint e, String external, Topology topology) {
        if (e.equals(Endpoint.EXTERNAL)) {
            return external.isEmpty() ? Optional.empty() : Optional.of(external);
        }
        return topology.addressOf(e);
    }
}
