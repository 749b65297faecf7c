package io.phoenixdiag.core.config;

import io.phoenixdiag.core.diag.Location;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One firewall rule as Phoenix JSON writes it, in Proxmox VE terms (Proxmox VE Administration Guide,
 * "Firewall Rules"): shared by LXC and VM {@code firewall.rules}, stack {@code firewall_rules} and the
 * global {@code global_firewall_rules}.
 *
 * <p>Immutable and thread-safe; never holds null. Absent texts are {@code ""} (an empty
 * {@code source}, {@code dest}, {@code proto} or {@code iface} matches anything).
 *
 * @param type        direction: {@code in}, {@code out}, or {@code group} (a security group reference)
 * @param action      {@code ACCEPT}, {@code DROP} or {@code REJECT} (upper-cased), or the security group name for
 *                    {@code group}
 * @param macro       Proxmox macro name (e.g. {@code SSH}), or {@code ""}
 * @param proto       protocol in lower case ({@code tcp}, {@code udp}, {@code icmp}...), or {@code ""} for any
 * @param dport       destination ports: {@code dport}, or Phoenix's {@code port}; empty for any
 * @param sport       source ports; empty for any
 * @param source      source address, CIDR, range, IPSet or alias as written, or {@code ""}
 * @param dest        destination as written, or {@code ""}
 * @param iface       interface ({@code iface}), or {@code ""}
 * @param comment     comment, or {@code ""}
 * @param enabled     {@code enable}/{@code enabled}; {@code true} when absent (as Proxmox)
 * @param extraFields fields the model does not type, by name, as raw JSON with secrets masked
 * @param location    where the rule was read
 */
public record FirewallRule(Type type, String action, String macro, String proto, Optional<PortSpec> dport,
                           Optional<PortSpec> sport, String source, String dest, String iface, String comment,
                           boolean enabled, Map<String, String> extraFields, Location location) {

    /**
     * Validates and copies the components.
     *
     * @param type the direction
     * @param action the action
     * @param macro the macro
     * @param proto the protocol
     * @param dport the destination ports
     * @param sport the source ports
     * @param source the source
     * @param dest the destination
     * @param iface the interface
     * @param comment the comment
     * @param enabled whether enabled
     * @param extraFields the untyped fields
     * @param location the location
     * @throws NullPointerException if a component is null
     */
    public FirewallRule {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(macro, "macro");
        Objects.requireNonNull(proto, "proto");
        Objects.requireNonNull(dport, "dport");
        Objects.requireNonNull(sport, "sport");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(dest, "dest");
        Objects.requireNonNull(iface, "iface");
        Objects.requireNonNull(comment, "comment");
        extraFields = io.phoenixdiag.core.internal.OrderedMaps.copy(extraFields);
        Objects.requireNonNull(location, "location");
    }

    /** Rule direction (Proxmox rule {@code type}). */
    public enum Type {
        /** Incoming traffic ({@code IN}). */
        IN,
        /** Outgoing traffic ({@code OUT}). */
        OUT,
        /** A reference to a security group ({@code GROUP}); {@link FirewallRule#action()} names the group. */
        GROUP;

        /**
         * Reads a type as written, ignoring case.
         *
         * @param text {@code in}, {@code out} or {@code group}
         * @return the type, or empty for anything else
         */
        public static Optional<Type> of(String text) {
            switch (text.strip().toLowerCase(Locale.ROOT)) {
                case "in":
                    return Optional.of(IN);
                case "out":
                    return Optional.of(OUT);
                case "group":
                    return Optional.of(GROUP);
                default:
                    return Optional.empty();
            }
        }
    }

    /**
     * A one-line summary for messages, e.g. {@code IN ACCEPT tcp dport 443 from 10.0.0.12 "comment"}.
     *
     * @return the summary (never holds a secret: rules carry none)
     */
    public String summary() {
        StringBuilder sb = new StringBuilder(type.name()).append(' ').append(action);
        if (!macro.isEmpty()) {
            sb.append(" macro ").append(macro);
        }
        if (!proto.isEmpty()) {
            sb.append(' ').append(proto);
        }
        dport.ifPresent(p -> sb.append(" dport ").append(p.text()));
        sport.ifPresent(p -> sb.append(" sport ").append(p.text()));
        if (!source.isEmpty()) {
            sb.append(" from ").append(source);
        }
        if (!dest.isEmpty()) {
            sb.append(" to ").append(dest);
        }
        if (!iface.isEmpty()) {
            sb.append(" iface ").append(iface);
        }
        if (!enabled) {
            sb.append(" (disabled)");
        }
        if (!comment.isEmpty()) {
            sb.append(" \"").append(comment).append('"');
        }
        return sb.toString();
    }
}
