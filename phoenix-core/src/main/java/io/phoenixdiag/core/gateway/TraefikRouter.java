package io.phoenixdiag.core.gateway;

import io.phoenixdiag.core.diag.Location;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An HTTP router of Traefik's dynamic configuration ({@code http.routers.<name>}; Traefik docs, "Routers"),
 * from a file, from Docker labels ({@code traefik.http.routers.<name>.*}) or from the Phoenix generator.
 * Immutable and thread-safe.
 *
 * @param name         the router name as written (without a {@code @provider} suffix)
 * @param rule         the rule, such as {@code Host(`ca.internal.example`)}, or {@code ""}
 * @param entryPoints  the entry points it listens on; empty means every entry point (Traefik's default)
 * @param service      the service it forwards to, as written (may carry {@code @provider}), or {@code ""}
 * @param middlewares  the middlewares, in order, as written
 * @param tls          whether {@code tls} is set (the router serves HTTPS)
 * @param certResolver {@code tls.certResolver}, or {@code ""}
 * @param location     where the router is written (file and line, or JSON pointer of the label or generator input)
 */
public record TraefikRouter(String name, String rule, List<String> entryPoints, String service,
                            List<String> middlewares, boolean tls, String certResolver, Location location) {

    private static final Pattern HOST = Pattern.compile("Host\\(([^)]*)\\)");
    private static final Pattern QUOTED = Pattern.compile("[`\"]([^`\"]*)[`\"]");

    /**
     * Validates and copies the components.
     *
     * @param name the name
     * @param rule the rule
     * @param entryPoints the entry points
     * @param service the service
     * @param middlewares the middlewares
     * @param tls the TLS flag
     * @param certResolver the certificate resolver
     * @param location the location
     * @throws NullPointerException if a component or element is null
     */
    public TraefikRouter {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(rule, "rule");
        entryPoints = List.copyOf(entryPoints);
        Objects.requireNonNull(service, "service");
        middlewares = List.copyOf(middlewares);
        Objects.requireNonNull(certResolver, "certResolver");
        Objects.requireNonNull(location, "location");
    }

    /**
     * The host names the rule's {@code Host(...)} matchers name (Traefik docs, "Rule": {@code Host(`a`, `b`)}
     * in v2, one name per matcher in v3), lower-cased, in order.
     *
     * @return the host names; empty when the rule has no {@code Host} matcher
     */
    public List<String> hosts() {
        List<String> out = new ArrayList<>();
        Matcher m = HOST.matcher(rule);
        while (m.find()) {
            Matcher q = QUOTED.matcher(m.group(1));
            while (q.find()) {
                out.add(q.group(1).toLowerCase(java.util.Locale.ROOT));
            }
        }
        return List.copyOf(out);
    }
}
