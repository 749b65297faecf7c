package io.phoenixdiag.core.gateway;

import io.phoenixdiag.core.diag.Finding;
import io.phoenixdiag.core.gateway.internal.NginxModelBuilder;
import java.util.List;

/**
 * The typed model of an nginx HTTP configuration: its servers, maps and upstreams, and the findings met while
 * building it (unknown directives, unreadable values, {@code proxy_pass} targets that cannot be resolved
 * statically), after the findings of parsing.
 *
 * <p>Immutable and thread-safe.
 *
 * @param servers   the {@code server} blocks in document order
 * @param maps      the {@code map} blocks in document order
 * @param upstreams the {@code upstream} blocks in document order
 * @param findings  the parser's findings, then the model's
 */
public record NginxGateway(List<NginxServer> servers, List<NginxMap> maps, List<NginxUpstream> upstreams,
                           List<Finding> findings) {

    /** Check id of findings about directives this model does not know. */
    public static final String UNKNOWN_DIRECTIVE_CHECK = "gateway.nginx-unknown-directive";

    /** Check id of findings about values that cannot be read (a port, a depth, a time). */
    public static final String VALUE_CHECK = "gateway.nginx-value";

    /** Check id of findings about {@code proxy_pass} targets that cannot be resolved statically. */
    public static final String PROXY_PASS_CHECK = "gateway.nginx-proxy-pass";

    /**
     * Validates and copies the components.
     *
     * @param servers the servers
     * @param maps the maps
     * @param upstreams the upstreams
     * @param findings the findings
     * @throws NullPointerException if a component or element is null
     */
    public NginxGateway {
        servers = List.copyOf(servers);
        maps = List.copyOf(maps);
        upstreams = List.copyOf(upstreams);
        findings = List.copyOf(findings);
    }

    /**
     * Builds the model from a parsed configuration. When the configuration has {@code http} blocks their
     * contents are modelled; otherwise the top level is taken as the {@code http} context (a site file from
     * {@code sites-available}, which nginx includes inside {@code http}).
     *
     * @param config the parsed configuration
     * @return the model; never null
     * @throws NullPointerException if {@code config} is null
     */
    public static NginxGateway of(NginxConfig config) {
        return NginxModelBuilder.build(config);
    }
}
