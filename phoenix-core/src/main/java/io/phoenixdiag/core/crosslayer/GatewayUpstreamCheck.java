package io.phoenixdiag.core.crosslayer;

import io.phoenixdiag.core.diag.Finding;
import io.phoenixdiag.core.diag.Location;
import io.phoenixdiag.core.diag.Severity;
import io.phoenixdiag.core.firewall.Verdict;
import io.phoenixdiag.core.firewall.VerdictState;
import io.phoenixdiag.core.gateway.NginxGateway;
import io.phoenixdiag.core.gateway.NginxListen;
import io.phoenixdiag.core.gateway.NginxLocation;
import io.phoenixdiag.core.gateway.NginxServer;
import io.phoenixdiag.core.gateway.TraefikEntryPoint;
import io.phoenixdiag.core.gateway.TraefikRouter;
import io.phoenixdiag.core.gateway.TraefikStaticConfig;
import io.phoenixdiag.core.topology.Endpoint;
import io.phoenixdiag.core.topology.Role;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Every upstream the Nginx gateway proxies to exists and can be reached: the {@code proxy_pass} host (resolved
 * through {@code map} defaults and {@code upstream} blocks) resolves to a declared guest; when that guest is the
 * router the port is one of Traefik's entry points and the scheme matches it (an entry point without
 * {@code http.tls} speaks plain HTTP); otherwise the port is one the guest declares; the Proxmox firewall allows
 * the gateway to open the connection; and the host names the gateway forwards to Traefik match a router rule.
 *
 * <p>Findings (each with the nginx location and the other layer's location): {@value #UNKNOWN_HOST} ERROR,
 * {@value #PORT} ERROR (router) or WARNING (other guest), {@value #SCHEME} ERROR, {@value #FIREWALL} ERROR
 * (the flow is blocked; the deciding rule or policy is the second location; only when the flow is not an
 * intended flow of the model, else {@code firewall.flow-blocked} reports it: {@link GatewayFlows} makes every
 * proxied target an intended flow), {@value #NO_ROUTER} ERROR.
 * Stateless and thread-safe.
 */
public final class GatewayUpstreamCheck extends CrossLayerCheck {

    /** Finding id: the proxied host is no declared guest. */
    public static final String UNKNOWN_HOST = "gateway.upstream.unknown-host";
    /** Finding id: the proxied port is not an entry point of Traefik (or a declared port of the guest). */
    public static final String PORT = "gateway.upstream.port";
    /** Finding id: the proxied scheme does not match the entry point. */
    public static final String SCHEME = "gateway.upstream.scheme";
    /** Finding id: the firewall blocks the gateway's connection to the upstream. */
    public static final String FIREWALL = "gateway.upstream.firewall";
    /** Finding id: the names the gateway serves match no Traefik router rule. */
    public static final String NO_ROUTER = "gateway.upstream.no-router";

    private static final String ACME = "/.well-known/acme-challenge/";

    /** Creates the check (for {@link java.util.ServiceLoader}). */
    public GatewayUpstreamCheck() {
    }

    @Override
    public String id() {
        return "gateway.upstream";
    }

    @Override
    public String description() {
        return "Nginx upstreams resolve to declared guests, Traefik entry points and open firewall paths";
    }

    @Override
    List<Finding> run(Facts f) {
        List<Finding> out = new ArrayList<>();
        Optional<Endpoint> gw = f.first(Role.GATEWAY);
        Map<String, Finding> blocked = new LinkedHashMap<>();
        for (NginxGateway site : f.configs.nginxSites()) {
            for (NginxServer server : site.servers()) {
                boolean toRouter = false;
                for (NginxLocation loc : server.locations()) {
                    if (loc.proxyPass().isEmpty()) {
                        continue;
                    }
                    for (Facts.Hop t : Facts.hops(loc.proxyPass().get())) {
                        Location at = t.at();
                        Optional<Facts.Resolved> r = f.resolve(t.host());
                        if (r.isEmpty()) {
                            out.add(both(UNKNOWN_HOST, Severity.ERROR, "Nginx proxies to " + t.host()
                                            + ", which is no guest of the deployment",
                                    at + ": proxy_pass goes to " + t.url() + "; " + t.host() + " is neither the address"
                                            + " nor the name of a declared guest, a DNS record of the JSON or a"
                                            + " certificate-manifest name, so the gateway's requests leave the deployment"
                                            + " or fail to resolve.",
                                    "Point proxy_pass at the router's address or declared name.",
                                    "proxy_pass " + t.url(), at, "the declared guests", f.guestsDeclared(), t.host()));
                            continue;
                        }
                        Endpoint dest = r.get().endpoint();
                        boolean router = f.has(dest, Role.ROUTER);
                        toRouter |= router && !loc.path().equals(ACME);
                        if (router) {
                            entryPoint(f, t, at, r.get(), out);
                        } else if (!f.servicePorts(dest).isEmpty() && !f.servicePorts(dest).contains(t.port())) {
                            out.add(both(PORT, Severity.WARNING, "Nginx proxies to " + f.label(dest) + " on port "
                                            + t.port() + ", which it does not declare",
                                    at + ": proxy_pass goes to " + t.url() + " (" + r.get().reason() + "); "
                                            + f.label(dest) + " declares ports " + f.servicePorts(dest) + ".",
                                    "Use one of the guest's declared ports, or declare the port.",
                                    "proxy_pass " + t.url(), at, r.get().reason(), r.get().at(), dest.subject()));
                        }
                        if (gw.isPresent() && !gw.get().equals(dest)
                                && !f.intended(gw.get().subject() + "->" + dest.subject() + "/tcp/" + t.port())) {
                            Verdict v = f.firewall(gw.get(), dest, t.port(), "Nginx proxies to " + t.url());
                            if (!v.allowed() && v.state() != VerdictState.UNKNOWN) {
                                String key = dest.subject() + "/" + t.port();
                                Location rule = v.location().orElse(f.declared(dest));
                                blocked.putIfAbsent(key, both(FIREWALL, Severity.ERROR, "The firewall blocks the gateway's"
                                                + " proxy_pass to " + f.label(dest) + " on tcp/" + t.port(),
                                        at + ": the gateway (" + f.label(gw.get()) + ") proxies to " + t.url() + ", but the"
                                                + " Proxmox firewall blocks " + gw.get() + " -> " + dest + " tcp/" + t.port()
                                                + " (" + v.state().name() + ", decided by " + v.decidedBy() + ").",
                                        "Allow tcp/" + t.port() + " from the gateway to " + f.label(dest)
                                                + ", or proxy to a port the firewall opens.",
                                        "proxy_pass " + t.url(), at, v.decidedBy(), rule, gw.get().subject(),
                                        dest.subject(), t.host() + ":" + t.port() + "/tcp"));
                            }
                        }
                    }
                }
                if (toRouter) {
                    routerNames(f, server, out);
                }
            }
        }
        out.addAll(blocked.values());
        return out;
    }

    private static void entryPoint(Facts f, Facts.Hop t, Location at, Facts.Resolved r, List<Finding> out) {
        if (Facts.readableStatic(f.configs).isEmpty()) {
            return;
        }
        TraefikStaticConfig st = Facts.readableStatic(f.configs).get();
        Location eps = st.entryPoints().isEmpty() ? Location.ofFile(fileOf(st)) : st.entryPoints().get(0).location();
        Optional<TraefikEntryPoint> ep = st.entryPoints().stream().filter(e -> e.port() == t.port()).findFirst();
        if (ep.isEmpty()) {
            out.add(both(PORT, Severity.ERROR, "Nginx proxies to Traefik on port " + t.port()
                            + ", where Traefik has no entry point",
                    at + ": proxy_pass goes to " + t.url() + " (" + r.reason() + "), but Traefik's entry points are "
                            + st.entryPoints().stream().map(e -> e.name() + " " + e.address()).toList()
                            + "; nothing listens on " + t.port() + ", so every request gets connection refused (502).",
                    "Proxy to an entry point's port (such as " + st.entryPoints().stream().findFirst()
                            .map(e -> String.valueOf(e.port())).orElse("80") + ") or add an entry point on " + t.port() + ".",
                    "proxy_pass " + t.url(), at, "Traefik entry points", eps, r.endpoint().subject(),
                    t.host() + ":" + t.port() + "/tcp"));
            return;
        }
        TraefikEntryPoint e = ep.get();
        boolean https = t.scheme().equals("https");
        if (https != e.tls()) {
            out.add(both(SCHEME, Severity.ERROR, "Nginx speaks " + t.scheme() + " to Traefik's entry point " + e.name()
                            + ", which serves " + (e.tls() ? "HTTPS" : "plain HTTP"),
                    at + ": proxy_pass goes to " + t.url() + ", but entry point " + e.name() + " (" + e.address() + ") "
                            + (e.tls() ? "has http.tls" : "has no http.tls") + "; the TLS handshake fails.",
                    "Use " + (e.tls() ? "https" : "http") + ":// in proxy_pass, or configure the entry point to match.",
                    "proxy_pass " + t.url(), at, "entry point " + e.name(), e.location(), r.endpoint().subject()));
        }
    }

    private static void routerNames(Facts f, NginxServer server, List<Finding> out) {
        boolean tls = server.listens().stream().anyMatch(NginxListen::ssl);
        List<String> routerHosts = new ArrayList<>();
        f.dynamic.routers().forEach(r -> routerHosts.addAll(r.hosts()));
        f.labels.forEach(l -> l.config().routers().forEach(r -> routerHosts.addAll(r.hosts())));
        if (!tls || routerHosts.isEmpty() || f.configs.traefikStatic().isPresent()
                && Facts.readableStatic(f.configs).isEmpty()) {
            return;
        }
        for (String name : server.serverNames()) {
            String n = name.toLowerCase(Locale.ROOT);
            if (n.isEmpty() || n.equals("_") || n.startsWith("~")) {
                continue;
            }
            boolean matched = routerHosts.stream().anyMatch(h -> h.equals(n)
                    || n.startsWith("*.") && h.endsWith(n.substring(1)) || n.startsWith(".") && h.endsWith(n));
            if (!matched) {
                TraefikRouter first = f.dynamic.routers().isEmpty() ? f.labels.get(0).config().routers().get(0)
                        : f.dynamic.routers().get(0);
                out.add(both(NO_ROUTER, Severity.ERROR, "Requests for " + name + " reach Traefik, but no router matches them",
                        server.location() + ": the gateway serves server_name " + name + " and proxies to Traefik, whose"
                                + " routers (" + f.dynamic.source() + " configuration and stack labels) match only "
                                + routerHosts.stream().distinct().toList() + "; Traefik answers 404 for every such request.",
                        "Add routers for " + name + ", or serve the router's names (" + f.topology.domain()
                                + ") on the gateway.",
                        "server_name " + name, server.location(), "router " + first.name() + " (" + first.rule() + ")",
                        first.location(), name));
            }
        }
    }

    private static String fileOf(TraefikStaticConfig st) {
        return st.findings().isEmpty() ? "traefik" : st.findings().get(0).locations().get(0).file();
    }
}
