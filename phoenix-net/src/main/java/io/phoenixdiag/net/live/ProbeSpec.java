package io.phoenixdiag.net.live;

import io.phoenixdiag.net.probe.DnsQueryType;
import io.phoenixdiag.pki.name.ReferenceIdentity;

import java.util.List;
import java.util.Objects;

/**
 * One live probe to run, in a form that crosses process boundaries as JSON ({@link LiveJson}): the probe
 * program {@link ProbeMain} reads a list of them. Immutable and thread-safe; build with the static factories.
 *
 * <p>Addresses are IP literals, never names: a probe never resolves names (the vantage point's resolver is one
 * of the things being diagnosed).
 *
 * @param id              what the probe is for, usually the flow id ({@code lxc:102->lxc:103/tcp/9000}); results
 *                        carry it back; several specs may share one id
 * @param kind            the probe kind
 * @param address         the destination (or, for DNS, the nameserver) as an IPv4 or IPv6 literal
 * @param port            the destination port, 1-65535
 * @param serverName      for TLS and HTTPS: the SNI (RFC 6066 section 3) and reference identity (RFC 9525); {@code ""}
 *                        to send no SNI and check the certificate against the IP address
 * @param tls             for HTTP: speak HTTPS (ignored for the other kinds; always {@code true} for TLS)
 * @param path            for HTTP: the request path (origin-form, e.g. {@code /health}); {@code ""} otherwise
 * @param expectedStatus  for HTTP: the expected status code 100-999; 0 otherwise
 * @param bodyContains    for HTTP: text the body must contain; {@code ""} for no body check
 * @param dnsName         for DNS: the fully qualified name to ask for; {@code ""} otherwise
 * @param dnsType         for DNS: the record type; {@link DnsQueryType#A} otherwise
 * @param expected        for DNS: the addresses the deployment declares for the name (textual); empty to accept any
 * @param trustAnchorsPem for TLS and HTTPS: the trust anchors (e.g. the Step-CA root) as PEM certificate blocks;
 *                        empty to only capture the chain (the result is then UNTRUSTED)
 * @param timeoutMs       the per-probe timeout in ms, 1 to {@link Integer#MAX_VALUE}: the connect timeout, and also
 *                        the handshake, response or DNS answer timeout
 * @param preset          for HTTP: the name of an {@link io.phoenixdiag.net.probe.HttpProbeRequest} preset
 *                        ({@code step-ca.health}, {@code traefik.ping}, ...; see {@link #PRESETS}) whose body check,
 *                        API reading and remediation the probe uses; {@code ""} for a plain request
 */
public record ProbeSpec(String id, ProbeKind kind, String address, int port, String serverName, boolean tls,
                        String path, int expectedStatus, String bodyContains, String dnsName, DnsQueryType dnsType,
                        List<String> expected, List<String> trustAnchorsPem, long timeoutMs, String preset) {

    /**
     * The HTTP presets a spec may name, with the scheme, path and status each one asks for (the presets of
     * {@link io.phoenixdiag.net.probe.HttpProbeRequest}, whose Javadoc gives the service documentation).
     */
    public static final java.util.Map<String, String> PRESETS = java.util.Map.of(
            io.phoenixdiag.net.probe.HttpProbeRequest.PRESET_STEP_CA_HEALTH, "https /health 200",
            io.phoenixdiag.net.probe.HttpProbeRequest.PRESET_STEP_CA_ROOTS, "https /roots.pem 200",
            io.phoenixdiag.net.probe.HttpProbeRequest.PRESET_TRAEFIK_PING, "http /ping 200",
            io.phoenixdiag.net.probe.HttpProbeRequest.PRESET_TRAEFIK_ROUTERS, "http /api/http/routers 200",
            io.phoenixdiag.net.probe.HttpProbeRequest.PRESET_TRAEFIK_SERVICES, "http /api/http/services 200",
            io.phoenixdiag.net.probe.HttpProbeRequest.PRESET_PORTAINER_STATUS, "https /api/system/status 200",
            io.phoenixdiag.net.probe.HttpProbeRequest.PRESET_PORTAINER_AGENT_PING, "https /ping 204");

    /**
     * Validates and copies the components.
     *
     * @param id              the id
     * @param kind            the kind
     * @param address         the IP literal
     * @param port            the port
     * @param serverName      the SNI or {@code ""}
     * @param tls             whether HTTP runs over TLS
     * @param path            the HTTP path or {@code ""}
     * @param expectedStatus  the HTTP status or 0
     * @param bodyContains    the HTTP body text or {@code ""}
     * @param dnsName         the DNS name or {@code ""}
     * @param dnsType         the DNS type
     * @param expected        the expected DNS addresses
     * @param trustAnchorsPem the anchors as PEM
     * @param timeoutMs       the timeout in ms
     * @param preset          the HTTP preset name or {@code ""}
     * @throws NullPointerException     if a component is null
     * @throws IllegalArgumentException if the address is not an IP literal, the port, status or timeout is out of
     *                                  range, an HTTP spec has no path, a DNS spec no name, or the preset is not
     *                                  one of {@link #PRESETS} on an HTTP spec asking for its scheme, path and status
     */
    public ProbeSpec {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(serverName, "serverName");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(bodyContains, "bodyContains");
        Objects.requireNonNull(dnsName, "dnsName");
        Objects.requireNonNull(dnsType, "dnsType");
        Objects.requireNonNull(preset, "preset");
        if (!preset.isEmpty()) {
            String asks = PRESETS.get(preset);
            if (asks == null || kind != ProbeKind.HTTP
                    || !asks.equals((tls ? "https " : "http ") + path + " " + expectedStatus)) {
                throw new IllegalArgumentException("preset must be one of " + new java.util.TreeSet<>(PRESETS.keySet())
                        + " on an HTTP spec with its scheme, path and status (" + (asks == null ? "unknown" : asks)
                        + "): " + preset);
            }
        }
        expected = List.copyOf(expected);
        trustAnchorsPem = List.copyOf(trustAnchorsPem);
        if (ReferenceIdentity.parseIp(address).isEmpty()) {
            throw new IllegalArgumentException("address must be an IPv4 or IPv6 literal (probes never resolve names): "
                    + address);
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1..65535: " + port);
        }
        if (timeoutMs < 1 || timeoutMs > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("timeoutMs must be 1.." + Integer.MAX_VALUE + ": " + timeoutMs);
        }
        if (kind == ProbeKind.TLS) {
            tls = true;
        }
        if (kind == ProbeKind.HTTP && (!path.startsWith("/") || expectedStatus < 100 || expectedStatus > 999)) {
            throw new IllegalArgumentException("an HTTP probe needs a path starting with / and an expected status"
                    + " 100..999: " + path + " " + expectedStatus);
        }
        if (kind == ProbeKind.DNS && dnsName.isBlank()) {
            throw new IllegalArgumentException("a DNS probe needs a name");
        }
    }

    /**
     * A TCP connect probe.
     *
     * @param id        the id (usually a flow id)
     * @param address   the destination IP literal
     * @param port      the destination port
     * @param timeoutMs the connect timeout in ms
     * @return the spec
     * @throws IllegalArgumentException as the canonical constructor
     */
    public static ProbeSpec tcp(String id, String address, int port, long timeoutMs) {
        return new ProbeSpec(id, ProbeKind.TCP, address, port, "", false, "", 0, "", "", DnsQueryType.A, List.of(),
                List.of(), timeoutMs, "");
    }

    /**
     * A TLS handshake probe.
     *
     * @param id              the id
     * @param address         the destination IP literal
     * @param port            the destination port
     * @param serverName      the SNI and reference identity, or {@code ""} to check against the IP address
     * @param trustAnchorsPem the trust anchors as PEM blocks
     * @param timeoutMs       the connect and handshake timeout in ms
     * @return the spec
     * @throws IllegalArgumentException as the canonical constructor
     */
    public static ProbeSpec tls(String id, String address, int port, String serverName, List<String> trustAnchorsPem,
                                long timeoutMs) {
        return new ProbeSpec(id, ProbeKind.TLS, address, port, serverName, true, "", 0, "", "", DnsQueryType.A,
                List.of(), trustAnchorsPem, timeoutMs, "");
    }

    /**
     * An HTTP probe, plain or over TLS.
     *
     * @param id              the id
     * @param address         the destination IP literal
     * @param port            the destination port
     * @param tls             whether to speak HTTPS
     * @param serverName      for HTTPS the SNI (and the Host header), or {@code ""}
     * @param trustAnchorsPem for HTTPS the trust anchors as PEM blocks
     * @param path            the request path, starting with {@code /}
     * @param expectedStatus  the expected status
     * @param bodyContains    text the body must contain, or {@code ""}
     * @param timeoutMs       the connect, handshake and response timeout in ms
     * @return the spec
     * @throws IllegalArgumentException as the canonical constructor
     */
    public static ProbeSpec http(String id, String address, int port, boolean tls, String serverName,
                                 List<String> trustAnchorsPem, String path, int expectedStatus, String bodyContains,
                                 long timeoutMs) {
        return new ProbeSpec(id, ProbeKind.HTTP, address, port, serverName, tls, path, expectedStatus, bodyContains,
                "", DnsQueryType.A, List.of(), trustAnchorsPem, timeoutMs, "");
    }

    /**
     * An HTTP probe that runs one of the presets of {@link io.phoenixdiag.net.probe.HttpProbeRequest} (its path,
     * status, body check, API reading and remediation).
     *
     * @param id              the id
     * @param address         the destination IP literal
     * @param port            the destination port
     * @param preset          a key of {@link #PRESETS}, e.g. {@code step-ca.health}
     * @param serverName      for HTTPS presets the SNI (and the Host header), or {@code ""}
     * @param trustAnchorsPem for HTTPS presets the trust anchors as PEM blocks
     * @param timeoutMs       the connect, handshake and response timeout in ms
     * @return the spec
     * @throws IllegalArgumentException if the preset is unknown, or as the canonical constructor
     */
    public static ProbeSpec httpPreset(String id, String address, int port, String preset, String serverName,
                                       List<String> trustAnchorsPem, long timeoutMs) {
        String asks = PRESETS.get(Objects.requireNonNull(preset, "preset"));
        if (asks == null) {
            throw new IllegalArgumentException("preset must be one of " + new java.util.TreeSet<>(PRESETS.keySet())
                    + ": " + preset);
        }
        String[] p = asks.split(" ");
        return new ProbeSpec(id, ProbeKind.HTTP, address, port, serverName, p[0].equals("https"), p[1],
                Integer.parseInt(p[2]), "", "", DnsQueryType.A, List.of(), trustAnchorsPem, timeoutMs, preset);
    }

    /**
     * A DNS probe of one nameserver.
     *
     * @param id         the id
     * @param nameserver the nameserver IP literal
     * @param port       the nameserver port (53 for a standard server)
     * @param name       the fully qualified name to ask for
     * @param type       the record type
     * @param expected   the addresses the deployment declares for the name; empty to accept any
     * @param timeoutMs  the answer timeout in ms
     * @return the spec
     * @throws IllegalArgumentException as the canonical constructor
     */
    public static ProbeSpec dns(String id, String nameserver, int port, String name, DnsQueryType type,
                                List<String> expected, long timeoutMs) {
        return new ProbeSpec(id, ProbeKind.DNS, nameserver, port, "", false, "", 0, "", name, type, expected,
                List.of(), timeoutMs, "");
    }

    /**
     * The destination as results name it: {@code address:port/tcp}, or {@code /udp} for DNS; IPv6 in brackets.
     *
     * @return the target text
     */
    public String target() {
        String host = address.indexOf(':') >= 0 ? "[" + address + "]" : address;
        return host + ":" + port + (kind == ProbeKind.DNS ? "/udp" : "/tcp");
    }
}
