package io.phoenixdiag.net.kernlog;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * One netfilter LOG line, parsed.
 *
 * <p>Immutable and thread-safe.
 *
 * @param lineNumber 1-based line in the input
 * @param format     the header form
 * @param timestamp  the time stamp as written (boot seconds for {@link LogFormat#DMESG}), or {@code ""}
 * @param host       the host name of a syslog header, or {@code ""}
 * @param prefix     the LOG prefix (text between the header and {@code IN=}), trimmed; for
 *                   {@link LogFormat#PVE_FIREWALL} the message, e.g. {@code policy DROP:}
 * @param vmid       for {@link LogFormat#PVE_FIREWALL}: the VMID (0 for the host); else -1
 * @param level      for {@link LogFormat#PVE_FIREWALL}: the syslog level 0..7 of the rule's log setting; else -1
 * @param chain      for {@link LogFormat#PVE_FIREWALL}: the chain, e.g. {@code tap100i0-IN}; else {@code ""}
 * @param fields     the {@code KEY=VALUE} fields in order ({@code IN}, {@code OUT}, {@code SRC}...; values may be
 *                   empty, e.g. {@code OUT=}), the header of an embedded packet (ICMP error) excluded; a key the
 *                   kernel prints twice (the IP {@code ID=} and the ICMP echo {@code ID=}) keeps its first value
 * @param flags      the flag words in order ({@code DF}, {@code SYN}, {@code ACK}...)
 */
public record LogLine(int lineNumber, LogFormat format, String timestamp, String host, String prefix, int vmid,
                      int level, String chain, Map<String, String> fields, List<String> flags) {
    /**
     * Validates and copies the components.
     *
     * @param lineNumber the line number
     * @param format     the format
     * @param timestamp  the time stamp
     * @param host       the host
     * @param prefix     the prefix
     * @param vmid       the VMID or -1
     * @param level      the pve log level or -1
     * @param chain      the chain
     * @param fields     the fields
     * @param flags      the flags
     * @throws NullPointerException if a component is null
     */
    public LogLine {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(chain, "chain");
        fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        flags = List.copyOf(flags);
    }

    /**
     * A field's value.
     *
     * @param key e.g. {@code SRC}
     * @return the value, or {@code ""} when absent or empty
     */
    public String field(String key) {
        return fields.getOrDefault(key, "");
    }

    /**
     * The source address ({@code SRC=}).
     *
     * @return the address text
     */
    public String source() {
        return field("SRC");
    }

    /**
     * The destination address ({@code DST=}).
     *
     * @return the address text
     */
    public String destination() {
        return field("DST");
    }

    /**
     * The protocol ({@code PROTO=}), e.g. {@code TCP}, {@code UDP}, {@code ICMP}, {@code ICMPv6}, or a number.
     *
     * @return the protocol text
     */
    public String protocol() {
        return field("PROTO");
    }

    /**
     * The destination port ({@code DPT=}).
     *
     * @return the port, or empty for protocols without ports
     */
    public OptionalInt destinationPort() {
        return port("DPT");
    }

    /**
     * The source port ({@code SPT=}).
     *
     * @return the port, or empty
     */
    public OptionalInt sourcePort() {
        return port("SPT");
    }

    private OptionalInt port(String key) {
        String v = field(key);
        try {
            return v.isEmpty() ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(v));
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    /**
     * The line in its format again: the header (time stamp, host, {@code kernel:}, or pve-firewall's
     * {@code vmid level chain time}), the prefix, the fields and the flags in order.
     *
     * @return the rendered line; parsing it gives an equal {@code LogLine} apart from the line number
     */
    public String render() {
        StringBuilder sb = new StringBuilder();
        switch (format) {
            case DMESG, DMESG_TIME -> sb.append('[').append(timestamp).append("] ");
            case SYSLOG, SYSLOG_ISO -> sb.append(timestamp).append(' ').append(host).append(" kernel: ");
            case PVE_FIREWALL -> sb.append(vmid).append(' ').append(level).append(' ').append(chain).append(' ')
                    .append(timestamp).append(' ');
            case BARE -> { }
        }
        if (!prefix.isEmpty()) {
            sb.append(prefix).append(' ');
        }
        boolean first = true;
        for (Map.Entry<String, String> e : fields.entrySet()) {
            if (!first) {
                sb.append(' ');
            }
            first = false;
            sb.append(e.getKey()).append('=').append(e.getValue());
        }
        for (String f : flags) {
            sb.append(' ').append(f);
        }
        return sb.toString();
    }
}
